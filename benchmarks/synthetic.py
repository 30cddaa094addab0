"""Synthetic annotation corpora for the scale benchmark: valid by the codebook, deterministic.

    python benchmarks/synthetic.py OUT_FOLDER --documents 1000 [--seed 0]

Each document is a short news-like text of about 1,000 characters (seven paragraphs: one sentence
between two actors and one to three others) about six invented actors, with one annotation file
and one text file per document, plus ``splits.json`` and ``corpus.json`` (80% train, 10% validation, 10% test). A stance sentence ("A praised B ...") carries a
``positive``/``negative``/``neutral`` stance with its evidence and mentions; a neutral-context
sentence ("A met B ...") leaves the pair for the ``none`` candidates. A document yields about
three annotated pairs and about twelve candidate pairs. Same ``--documents`` and ``--seed``: the same
bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

import orjson

FIRST = ("Alba", "Boris", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hamid", "Ines", "Jonas", "Kira", "Luca",
         "Marta", "Nikos", "Olga", "Pavel", "Rosa", "Sami", "Tomas", "Vera")
LAST = ("Korin", "Lunde", "Marek", "Novak", "Orsini", "Petrov", "Quast", "Rahimi", "Sandor", "Tamm", "Ulrich",
        "Varga", "Weiss", "Yilmaz", "Zeller")
BODIES = (("government", "the government of {}"), ("organisation", "the {} Workers' Union"),
          ("media", "the {} Courier"), ("armed_group", "the {} Brigade"), ("collective", "the farmers of {}"))
PLACES = ("Arland", "Belmora", "Cordovia", "Dalst", "Estavia", "Fennmark", "Galicor", "Hollin")
STANCE_VERBS = {"positive": ("praised", "thanked", "backed", "defended"),
                "negative": ("criticised", "condemned", "accused", "attacked"),
                "neutral": ("asked", "urged", "called on", "wrote to")}
TOPICS = ("over the budget", "about the new border rules", "on the pension reform", "for its handling of the strike",
          "over the election date", "about the port contract")
NEUTRAL_VERBS = ("met", "spoke with", "travelled with", "sat next to")
PARAGRAPHS = 7
FILLER = ("The talks continued late into the evening.", "Officials declined to comment further.",
          "The figures will be published next week.", "Observers expect a decision before the summer.")


def actors(rng: random.Random) -> list[dict]:
    found, names = [], set()
    while len(found) < 6:
        if rng.random() < 0.6:
            kind, name = "person", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        else:
            kind, pattern = rng.choice(BODIES)
            name = pattern.format(rng.choice(PLACES))
        if name not in names:
            names.add(name)
            found.append({"id": f"a{len(found) + 1}", "name": name, "type": kind})
    return found


def document(index: int, seed: int) -> tuple[dict, str]:
    """The annotation (without ``text``) and the text of document ``index``."""
    rng = random.Random(f"{seed}:{index}")
    people = actors(rng)
    text, mentions, stances, labelled = "", [], [], {}

    def put(actor: dict) -> dict:
        nonlocal text
        mention = {"id": f"m{len(mentions) + 1}", "actor": actor["id"], "start": len(text),
                   "end": len(text) + len(actor["name"]), "text": actor["name"]}
        mentions.append(mention)
        text += actor["name"]
        return mention

    for paragraph in range(PARAGRAPHS):
        if paragraph:
            text += "\n\n"
        for sentence in range(rng.choice((2, 3, 4))):
            if sentence:
                text += " " + rng.choice(FILLER)
                continue
            source, target = rng.sample(people, 2)
            key = (source["id"], target["id"])
            start = len(text)
            if rng.random() < 0.45 and key not in labelled:
                label = rng.choice(tuple(STANCE_VERBS))
                m1 = put(source)
                text += f" {rng.choice(STANCE_VERBS[label])} "
                m2 = put(target)
                text += f" {rng.choice(TOPICS)}."
                labelled[key] = label
                stances.append({"id": f"s{len(stances) + 1}", "source": source["id"], "target": target["id"],
                                "label": label, "explicit": True,
                                "evidence": [{"start": start, "end": len(text), "text": text[start:]}],
                                "mentions": [m1["id"], m2["id"]]})
            else:
                put(source)
                text += f" {rng.choice(NEUTRAL_VERBS)} "
                put(target)
                text += "."
    text += "\n"
    doc_id = f"syn{index:07d}"
    annotation = {
        "schema_version": "1.0", "doc_id": doc_id, "language": "en", "guideline_version": "1.0.0",
        "annotators": [{"id": "synthetic", "kind": "model", "name": "benchmarks/synthetic.py"}],
        "source": {"outlet": "Synthetic Courier", "published": f"2026-{index % 12 + 1:02d}-{index % 28 + 1:02d}"},
        "metadata": {"generator": f"benchmarks/synthetic.py seed {seed}"},
        "actors": people, "mentions": mentions, "stances": stances,
    }
    return annotation, text


#: corpus.json of a synthetic corpus (the dataset card's name, version, licence).
CORPUS = {
    "name": "actorstance-synthetic", "pretty_name": "actorstance synthetic scale corpus", "version": "0.0.1",
    "description": "Machine-generated documents for the scale benchmark; not news, no real actors.",
    "license": "cc0-1.0", "license_name": "CC0 1.0", "license_url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "copyright": "Generated text; no rights reserved.",
    "creators": [{"kind": "organization", "name": "actorstance developers"}],
    "changelog": [{"version": "0.0.1", "date": "2026-12-01", "change": "Generated by benchmarks/synthetic.py."}],
}

#: split of document ``index`` is ``SPLIT_CYCLE[index % 10]``: 80% train, 10% validation, 10% test.
SPLIT_CYCLE = ("train",) * 8 + ("validation", "test")


def split_of(index: int) -> str:
    return SPLIT_CYCLE[index % len(SPLIT_CYCLE)]


def write_corpus(folder: str | Path, documents: int, *, seed: int = 0) -> Path:
    """Write ``documents`` synthetic documents (annotation + text) and ``splits.json`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    splits = {}
    for index in range(documents):
        annotation, text = document(index, seed)
        data = text.encode("utf-8")
        name = annotation["doc_id"]
        (folder / f"{name}.txt").write_bytes(data)
        annotation["text"] = {"path": f"{name}.txt", "sha256": hashlib.sha256(data).hexdigest()}
        (folder / f"{name}.json").write_bytes(orjson.dumps(annotation, option=orjson.OPT_SORT_KEYS))
        splits[name] = split_of(index)
    (folder / "corpus.json").write_bytes(orjson.dumps(CORPUS, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    (folder / "splits.json").write_bytes(orjson.dumps(splits, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.folder, args.documents, seed=args.seed)


if __name__ == "__main__":
    main()
