"""10,000 generated documents — random Unicode names, quotes, every line-end convention — go
annotation file → validated document → pairs → parquet (``build``) → rows, without loss.

Hypothesis draws one document per example; documents are batched into a few builds (building
one dataset per example would take minutes). A batch failure names the documents, whose files
stay in the temporary folder for inspection.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorstance.annotations import load_annotation
from actorstance.convert import document_pairs
from actorstance.dataset.build import build_dataset
from actorstance.dataset.load import load_split
from actorstance.labels import ACTOR_TYPES
from actorstance.schema import GUIDELINE_VERSION, SCHEMA_VERSION
from tests.conftest import TINY

N_DOCUMENTS = 10_000
BATCH = 2_500
PER_EXAMPLE = 25

#: Every line end the codebook knows; none may appear inside a paragraph of the generated pair.
LINE_ENDS = "\n\r\x0b\x0c\x85\u2028\u2029"
QUOTES = "\"'“”„‚‘’«»‹›「」\\`"
#: What separates paragraphs: a blank line in every convention, whitespace-only lines, U+2029.
SEPARATORS = ["\n\n", "\r\n\r\n", "\r\r", "\n \n", "\n\u00a0\n", "\r\n\u3000\t\r\n", "\x85\x85", "\u2028\u2028",
              "\x0b\x0b", "\x0c\n", "\u2029", "\n\u2000\u200a\n"]

_letters = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zs", "Zl", "Zp"))
#: names: random Unicode and quotes, no whitespace at the ends (a paragraph is trimmed), no line end
names = st.text(st.one_of(_letters, st.sampled_from(QUOTES)), min_size=1, max_size=10)
#: text inside the paragraph of the pair: anything but a line end (spaces, tabs, NBSP, controls...)
inline = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_ENDS), max_size=12)
#: other paragraphs: anything at all, line ends included
anything = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def documents(draw):
    a, b = draw(names), draw(names)
    lead, middle, tail = draw(inline), draw(inline), draw(inline)
    separator, other = draw(st.sampled_from(SEPARATORS)), draw(anything)
    a_start = len(lead) + 1  # a visible character before the first name keeps it off the trimmed edge
    text = f"{lead}x{a}{middle}{b}y{tail}{separator}{other}"
    b_start = a_start + len(a) + len(middle)
    return {"a": a, "b": b, "text": text, "a_start": a_start, "b_start": b_start}


def design(i: int) -> dict:
    """Labels, actor types and direction of document ``i``: a balanced design, independent of the
    drawn text and names, because every build runs the leakage audit (Hypothesis' draws are not
    independent: its shrinking bias would correlate a drawn label with a drawn type or name)."""
    labels = ("positive", "negative", "neutral")
    # mixed radix, the direction fastest: documents i and i + 1 differ only in which actor is the source,
    # so no model input (type, name, position) tells a stance row from its none row at any corpus size
    forward, i = i % 2, i // 2
    first, i = labels[i % 3], i // 3
    two, i = i % 2, i // 2
    type_a, i = ACTOR_TYPES[i % len(ACTOR_TYPES)], i // len(ACTOR_TYPES)
    type_b, i = ACTOR_TYPES[i % len(ACTOR_TYPES)], i // len(ACTOR_TYPES)
    second, i = labels[i % 3], i // 3
    return {"labels": [first, second] if two else [first], "types": (type_a, type_b), "forward": bool(forward),
            "explicit": bool(i % 2)}


def annotation(doc_id: str, d: dict) -> dict:
    text = d["text"]
    a_end, b_end = d["a_start"] + len(d["a"]), d["b_start"] + len(d["b"])
    evidence = [{"start": d["a_start"], "end": b_end, "text": text[d["a_start"]:b_end]}]
    first, second = ("a", "b") if d["forward"] else ("b", "a")
    stances = [{"id": "s1", "source": first, "target": second, "label": d["labels"][0], "explicit": d["explicit"],
                "evidence": evidence}]
    if len(d["labels"]) > 1:
        stances.append({"id": "s2", "source": second, "target": first, "label": d["labels"][1], "explicit": True,
                        "evidence": evidence})
    return {
        "schema_version": SCHEMA_VERSION, "doc_id": doc_id, "language": "en", "guideline_version": GUIDELINE_VERSION,
        "text": {"path": f"{doc_id}.txt", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
        "annotators": [{"id": "generator", "kind": "model"}],
        "actors": [{"id": "a", "name": d["a"], "type": d["types"][0]}, {"id": "b", "name": d["b"], "type": d["types"][1]}],
        "mentions": [{"id": "m1", "actor": "a", "start": d["a_start"], "end": a_end, "text": d["a"]},
                     {"id": "m2", "actor": "b", "start": d["b_start"], "end": b_end, "text": d["b"]}],
        "stances": stances,
    }


def write_generated(ann: Path, batch: list[dict]) -> list[dict]:
    """Write ``batch`` (with its :func:`design`) as an annotations folder; return the designed batch."""
    ann.mkdir(parents=True)
    shutil.copy(TINY / "corpus.json", ann / "corpus.json")
    splits = {}
    batch = [{**d, **design(i)} for i, d in enumerate(batch)]
    for i, d in enumerate(batch):
        doc_id = f"gen_{i:05d}"
        (ann / f"{doc_id}.txt").write_bytes(d["text"].encode("utf-8"))  # bytes as they are: no newline translation
        (ann / f"{doc_id}.json").write_text(json.dumps(annotation(doc_id, d), ensure_ascii=False), encoding="utf-8")
        splits[doc_id] = "test"
    (ann / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    return batch


def round_trip(folder: Path, batch: list[dict]) -> int:
    """Write ``batch`` as annotation files, build, read the rows back; assert nothing was lost."""
    ann = folder / "ann"
    batch = write_generated(ann, batch)
    build_dataset(ann, folder / "ds")
    split = load_split(folder / "ds", "pairs", "test")
    names = split.features["label"].names
    rows = {row["id"]: {**row, "label": names[row["label"]]} for row in split}

    n = 0
    for i, d in enumerate(batch):
        doc_id = f"gen_{i:05d}"
        doc = load_annotation(ann / f"{doc_id}.json")
        assert doc.text == d["text"], doc_id
        expected = [p.to_record() for p in document_pairs(doc)]
        assert len(expected) == len(d["labels"]), doc_id
        for record in expected:
            row = rows.pop(record["id"])
            for column, value in record.items():
                got = row[column]
                if column.endswith("_spans"):
                    got = [(s["start"], s["end"]) for s in got]
                    value = [tuple(s) if not isinstance(s, dict) else (s["start"], s["end"]) for s in value]
                assert got == value, (doc_id, column, got, value)
            # and against what was generated, not only against convert
            source, target = (d["a"], d["b"]) if record["source_id"] == "a" else (d["b"], d["a"])
            assert (row["source"], row["target"]) == (source, target), doc_id
            s, e = row["source_spans"][0]["start"], row["source_spans"][0]["end"]
            assert row["context"][s:e] == source, (doc_id, row["context"], s, e)
            s, e = row["target_spans"][0]["start"], row["target_spans"][0]["end"]
            assert row["context"][s:e] == target, doc_id
            assert d["text"][row["context_start"]:row["context_start"] + len(row["context"])] == row["context"]
            n += 1
    assert not rows, f"rows that no document produced: {sorted(rows)[:3]}"
    return n


def _generate(n: int) -> list[dict]:
    """``n`` documents, drawn 25 per Hypothesis example (fewer examples: much less overhead)."""
    drawn: list[dict] = []

    @settings(max_examples=-(-n // PER_EXAMPLE), database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(documents(), min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
    def draw(batch):
        drawn.extend(batch)

    draw()
    return drawn


@pytest.fixture
def scratch(tmp_path):
    """A folder in memory when the machine has one (thousands of small files), else tmp_path."""
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        with tempfile.TemporaryDirectory(dir="/dev/shm", prefix="actorstance-roundtrip-") as folder:
            yield Path(folder)
    else:
        yield tmp_path


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get("ACTORSTANCE_INNER_SUITE")), reason="the outer run has it")
def test_ten_thousand_generated_documents_round_trip_without_loss(scratch):
    docs = _generate(N_DOCUMENTS)  # ~35 s to draw, ~40 s to build and compare on one core
    assert len(docs) >= N_DOCUMENTS
    pairs = sum(round_trip(scratch / f"batch{i}", docs[i:i + BATCH]) for i in range(0, len(docs), BATCH))
    assert pairs >= N_DOCUMENTS


def test_a_few_hundred_generated_documents_round_trip(scratch):
    assert round_trip(scratch, _generate(200)) >= 200
