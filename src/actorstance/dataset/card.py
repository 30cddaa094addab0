"""The dataset card (``README.md``): YAML metadata the Hub and ``load_dataset`` read, and a
datasheet body for people. Rendered from :class:`~actorstance.dataset.facts.DatasetFacts`
alone, deterministically (fixed key order, no dates from the clock).

Also reads a card back (:func:`read_card_metadata`, :func:`card_configs`,
:func:`card_features`) for :mod:`actorstance.dataset.load`.
"""

from __future__ import annotations

from pathlib import Path

from actorstance.convert import CONTEXT_RULE
from actorstance.dataset.facts import ConfigFacts, DatasetFacts
from actorstance.dataset.features import (ANALYSIS_COLUMNS, COLUMN_DESCRIPTIONS, COLUMNS, LABEL_COLUMN,
                                          MODEL_INPUT_COLUMNS, features_for)
from actorstance.dataset.layout import (CARD_FILE, CHANGELOG, CONFIGS, CROISSANT_FILE, DATASET_NAME,
                                        MANIFEST_FILE, PRETTY_NAME, SPLIT_NAMES, data_files_pattern)
from actorstance.errors import DatasetError
from actorstance.schema import GUIDELINE_VERSION

LICENSE = "cc-by-4.0"
TASK_CATEGORIES = ("text-classification",)
TASK_IDS = ("multi-class-classification",)
TAGS = ("stance-detection", "directed-stance", "political-actors", "news", "relation-classification")
SUMMARY = ("Directed actor→actor stance in news: for each ordered pair of political actors in an article, "
           "is the source's stance towards the target positive, negative or neutral (and, among co-occurring "
           "pairs, is there any stance at all)?")
CONFIG_SUMMARY = {
    "pairs": "annotated stance pairs only (labels: {labels})",
    "candidates": "annotated pairs plus `none` pairs: co-occurring actors without an annotated stance "
                  "(labels: {labels})",
}


# ---------------------------------------------------------------- rendering

def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket of ``n`` rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def card_metadata(facts: DatasetFacts) -> dict:
    """The card's YAML metadata as an ordered dict (key order is the rendered order)."""
    from datasets import DatasetInfo, SplitDict, SplitInfo

    configs, infos = [], []
    for config in facts.configs:
        entry: dict = {"config_name": config.name,
                       "data_files": [{"split": s.name, "path": data_files_pattern(config.name, s.name)}
                                      for s in config.splits]}
        if config.name == CONFIGS[0]:
            entry["default"] = True
        configs.append(entry)
        splits = SplitDict()
        for s in config.splits:
            splits.add(SplitInfo(name=s.name, num_bytes=s.num_bytes, num_examples=s.num_examples))
        info = DatasetInfo(config_name=config.name, features=features_for(config.name), splits=splits,
                           dataset_size=sum(s.num_bytes for s in config.splits))
        yaml_info = info._to_yaml_dict()
        infos.append({"config_name": yaml_info.pop("config_name"), **yaml_info})
    languages = list(facts.languages)
    return {
        "pretty_name": PRETTY_NAME,
        "license": LICENSE,
        "language": languages,
        "multilinguality": "monolingual" if len(languages) == 1 else "multilingual",
        "task_categories": list(TASK_CATEGORIES),
        "task_ids": list(TASK_IDS),
        "size_categories": [size_category(max(c.num_examples for c in facts.configs))],
        "tags": list(TAGS),
        "configs": configs,
        "dataset_info": infos,
    }


def render_card(facts: DatasetFacts) -> str:
    """The whole ``README.md``: ``---`` YAML ``---`` then the datasheet."""
    import yaml

    head = yaml.safe_dump(card_metadata(facts), sort_keys=False, allow_unicode=True, default_flow_style=False,
                          width=10_000)
    return f"---\n{head}---\n\n{_body(facts)}"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _label_table(config: ConfigFacts) -> str:
    header = ["split", *config.label_names, "total", "documents"]
    rows = [[s.name, *(n for _, n in s.label_counts), s.num_examples, len(s.documents)] for s in config.splits]
    return _table(header, rows)


def _types(counts: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{t} {n}" for t, n in counts) or "—"


def _body(facts: DatasetFacts) -> str:
    docs = facts.documents
    outlets = sorted({d.outlet or "unknown outlet" for d in docs})
    annotators = facts.annotators
    parts = [f"# {PRETTY_NAME}\n\nVersion {facts.version}. {SUMMARY}\n"]

    parts.append("## Motivation\n\nNews reports who supports and who opposes whom. Stance datasets usually ask "
                 "how a text relates to a topic; this one asks how one political actor relates to another, with "
                 "direction (A→B and B→A are different pairs). It is built to benchmark models honestly: labels "
                 "come from a written codebook, model inputs are label-independent, and every file is "
                 "checksummed.\n")

    comp = [f"## Composition\n\n{len(docs)} document{'s' if len(docs) != 1 else ''} "
            f"({', '.join(facts.languages)}), {sum(d.actors for d in docs)} actors, "
            f"{sum(d.mentions for d in docs)} mentions, {sum(d.stances for d in docs)} annotated stances. "
            "Two configs:\n"]
    for config in facts.configs:
        summary = CONFIG_SUMMARY[config.name].format(labels=", ".join(f"`{n}`" for n in config.label_names))
        comp.append(f"- `{config.name}`: {summary}.")
    for config in facts.configs:
        comp.append(f"\nPairs per label, config `{config.name}`:\n\n{_label_table(config)}")
        for s in config.splits:
            comp.append(f"\nActor types in `{config.name}`/`{s.name}`: sources {_types(s.source_types)}; "
                        f"targets {_types(s.target_types)}.")
    comp.append(f"\nActors per type (counted once per document): {_types(facts.actor_types)}.\n")
    comp.append("Documents:\n\n" + _table(
        ["doc_id", "split", "language", "outlet", "published", "characters", "actors", "mentions", "stances"],
        [[d.doc_id, d.split, d.language, d.outlet or "—", d.published or "—", d.characters, d.actors, d.mentions,
          d.stances] for d in docs]))
    parts.append("\n".join(comp) + "\n")

    parts.append("### Splits\n\nSplits are made by document, never by pair: pairs of one article share its text "
                 "and actors, so splitting pairs would leak. The mapping is the file `splits.json` next to the "
                 "annotations (`{doc_id: split}`, splits `train`, `validation`, `test`); the build refuses a "
                 "document missing from it or listed twice. " + _split_summary(facts) + "\n")

    parts.append("### Columns\n\nModel inputs are label-independent; the label is the answer; analysis columns "
                 "are provenance and must never be fed to a model.\n\n" + _table(
                     ["column", "role", "description"],
                     [[f"`{c}`", _role(c), COLUMN_DESCRIPTIONS[c]] for c in COLUMNS]))
    parts.append("\n### Context rule\n\n`context` is chosen without looking at the label: " + CONTEXT_RULE +
                 ". The same rule "
                 "serves annotated and `none` pairs, so the context's length or position does not reveal the "
                 "label. `evidence`, by contrast, is the annotator's gold span: it is empty exactly for `none` "
                 "pairs and points at the answer otherwise, so it is for error analysis only.\n")

    prov = ["## Source text and provenance\n",
            f"Outlets: {', '.join(outlets)}. The texts are kept byte-identical to what was annotated; each "
            "document's sha256 is below.\n"]
    prov.append(_table(["doc_id", "outlet", "url", "author", "text sha256"],
                       [[d.doc_id, d.outlet or "unknown", d.url or "unknown", d.author or "unknown",
                         f"`{d.text_sha256}`"] for d in docs]))
    notes = [f"- `{d.doc_id}`: " + "; ".join(f"{key}: {value}" for key, value in d.metadata)
             for d in docs if d.metadata]
    if notes:
        prov.append("\nProvenance notes recorded with the annotations:\n\n" + "\n".join(notes))
    prov.append("\n**Copyright.** The annotations (actors, mentions, labels, ids, offsets) are released under "
                "CC BY 4.0. The article text quoted in `context` and `evidence` is **not** ours: its copyright "
                "belongs to its publisher, and it is included only so that the pairs can be read and research "
                "results reproduced. Its redistribution terms have not been cleared with the publisher; see "
                "'Known limitations'.\n")
    parts.append("\n".join(prov))

    ann = [f"## Annotation process\n\nOne JSON file per document records actors, their mentions (code-point "
           f"offsets) and directed stances with label, explicit/implied flag and evidence spans, following the "
           f"codebook `docs/annotation-guidelines.md` of the actorstance repository (guideline version in this "
           f"release: {', '.join(facts.guideline_versions)}; current codebook: {GUIDELINE_VERSION}). Files are "
           "validated against a strict schema and their texts before every build. `none` pairs are generated, "
           "not annotated: every ordered pair of actors mentioned in a common paragraph without an annotated "
           "stance.\n\nAnnotators:\n"]
    ann += [f"- `{a.id}` ({a.kind}{', ' + a.name if a.name else ''}){': ' + a.note if a.note else ''}"
            for a in annotators]
    who = "a single annotator" if len(annotators) == 1 else "the annotators listed"
    ann.append(f"\nEvery document was annotated by {who}"
               "; there is no inter-annotator agreement figure yet.\n")
    parts.append("\n".join(ann))

    parts.append("## Intended uses\n\n- Benchmarking directed actor→actor stance classifiers (pairs) and stance "
                 "detection with abstention (`candidates`).\n- Error analysis of such models (with `evidence`, "
                 "`explicit`).\n- A worked example of the annotation format for people building larger "
                 "corpora.\n")
    parts.append("## Out-of-scope uses\n\n- Training or evaluating a model that reads `evidence`, `stance_id` or "
                 "`explicit` (they reveal the label).\n- Claims about real people or organisations beyond what "
                 "the quoted article says; the labels describe one article's framing, not facts.\n- Measuring "
                 "media bias or public opinion: the data is far too small and from a single source.\n- Commercial "
                 "redistribution of the article text.\n")
    n_pairs = facts.config(CONFIGS[0]).num_examples
    parts.append(f"## Known limitations\n\n- **Size**: {len(docs)} document{'s' if len(docs) != 1 else ''} and "
                 f"{n_pairs} annotated pairs; confidence intervals are wide and no model can be trained on it.\n"
                 f"- **Single source**: {len(docs)} article{'s' if len(docs) != 1 else ''} from {', '.join(outlets)}; "
                 "one outlet's style, topics and framing.\n"
                 + _annotator_limitation(annotators) +
                 "- **Text provenance**: the article text's copyright belongs "
                 "to its publisher and its licence for redistribution is unknown; the text is included for "
                 "research. Remove the `context`/`evidence` columns (offsets and ids remain) if that is a "
                 "concern.\n- **`none` pairs** are a policy (co-occurrence in a paragraph), not annotator "
                 "judgements; a missed stance becomes a false `none`.\n")

    parts.append(f"## Loading\n\nFrom a local copy (offline):\n\n```python\nfrom datasets import load_dataset\n\n"
                 f"pairs = load_dataset(\"path/to/{DATASET_NAME}\", \"pairs\")   # or \"candidates\"\n"
                 f"test = pairs[\"test\"]\nnames = test.features[\"label\"].names   # "
                 f"{list(facts.config(CONFIGS[0]).label_names)}\nprint(test[0][\"source\"], \"->\", test[0][\"target\"], "
                 "names[test[0][\"label\"]])\n```\n\nFrom the Hub, pass the repository id (`OWNER/NAME`) instead "
                 "of the path. Feed models only the model-input columns listed above.\n")
    parts.append("## Files and checksums\n\n" f"`{MANIFEST_FILE}` lists the sha256 and size of every file and the "
                 f"dataset version; `{CROISSANT_FILE}` holds the same facts as Croissant 1.0 metadata. The folder "
                 "is rebuilt byte-identically by `actorstance build` from the annotations.\n")
    parts.append(f"## How to cite\n\n```bibtex\n@misc{{{DATASET_NAME}_{facts.version.replace('.', '_')},\n"
                 f"  title  = {{{{{PRETTY_NAME}}}}},\n  author = {{{{actorstance developers}}}},\n"
                 f"  year   = {{{CHANGELOG[0][1][:4]}}},\n  note   = {{Dataset version {facts.version}}},\n}}\n```\n")
    parts.append("## Changelog\n\n" + "\n".join(f"- **{v}** ({date}): {text}" for v, date, text in CHANGELOG) + "\n")
    return "\n".join(parts)


def _split_summary(facts: DatasetFacts) -> str:
    splits = [d.split for d in facts.documents]
    per_split = {name: splits.count(name) for name in SPLIT_NAMES if name in splits}
    if "train" not in per_split:
        return "There is no `train` split: the data is for evaluation only."
    counts = ", ".join(f"`{s}` {n}" for s, n in per_split.items())
    return f"Documents per split: {counts}."


def _role(column: str) -> str:
    if column in MODEL_INPUT_COLUMNS:
        return "model input"
    if column == LABEL_COLUMN:
        return "label"
    assert column in ANALYSIS_COLUMNS
    return "analysis only"


# ---------------------------------------------------------------- reading

def read_card_metadata(folder: str | Path) -> dict:
    """The YAML metadata of ``folder``'s card, parsed."""
    import yaml

    folder = Path(folder)
    path = folder / CARD_FILE
    if not path.is_file():
        what = "does not exist" if not folder.exists() else f"has no {CARD_FILE}"
        raise DatasetError(f"{folder}: {what}, so it is not a built dataset folder (expected {CARD_FILE}, "
                           f"{MANIFEST_FILE} and parquet files). Fix: build one with `actorstance build --output "
                           "FOLDER` or pass its path.")
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        raise DatasetError(f"{path}: no YAML metadata block (a card starts with '---' and a second '---' line). "
                           "Fix: rebuild the dataset with `actorstance build`.")
    try:
        # libyaml's loader when available: the pure-Python one takes ~0.1 s on a card
        meta = yaml.load(text[4:text.index("\n---\n", 3)], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise DatasetError(f"{path}: invalid YAML metadata ({err}). Fix: rebuild the dataset.") from None
    if not isinstance(meta, dict):
        raise DatasetError(f"{path}: the YAML metadata is not a mapping. Fix: rebuild the dataset.")
    return meta


def card_configs(folder: str | Path, meta: dict | None = None) -> dict[str, dict[str, list[str]]]:
    """``{config: {split: [data_files patterns]}}`` as the card declares them, in card order.

    ``meta`` is the card's parsed metadata when the caller already has it."""
    out: dict[str, dict[str, list[str]]] = {}
    for entry in (meta if meta is not None else read_card_metadata(folder)).get("configs") or []:
        splits: dict[str, list[str]] = {}
        for item in entry.get("data_files") or []:
            paths = item.get("path")
            splits.setdefault(item.get("split", "train"), []).extend([paths] if isinstance(paths, str) else paths)
        out[entry.get("config_name", "default")] = splits
    return out


def card_features(folder: str | Path, config: str, meta: dict | None = None):
    """The ``datasets.Features`` the card declares for ``config`` (what ``load_dataset`` applies)."""
    from datasets import Features

    infos = (meta if meta is not None else read_card_metadata(folder)).get("dataset_info") or []
    if isinstance(infos, dict):
        infos = [infos]
    for info in infos:
        if info.get("config_name", "default") == config and info.get("features") is not None:
            return Features._from_yaml_list(info["features"])
    names = [i.get("config_name", "default") for i in infos]
    raise DatasetError(f"{Path(folder) / CARD_FILE}: no dataset_info features for config '{config}' (it has: "
                       f"{', '.join(names) or 'none'}). Fix: pass one of those configs or rebuild the dataset.")


def _annotator_limitation(annotators) -> str:
    n = len(annotators)
    line = (f"- **{'Single annotator' if n == 1 else 'Annotators'}**: {n} annotator{'s' if n != 1 else ''}, "
            "no adjudication or agreement study.")
    if any(a.kind == "model" for a in annotators):
        line += (" Labels were produced by a model (an LLM following the codebook) and no human review is "
                 "recorded: treat them as a silver standard.")
    return line + "\n"
