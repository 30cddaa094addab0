"""The committed gold annotation of the seed article, checked against its text and the codebook."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from actorstance.annotations import load_annotation, load_annotations
from actorstance.convert import pair_id, stance_pairs
from actorstance.dataset.splits import read_splits
from actorstance.labels import ACTOR_TYPES, ALL_LABELS
from actorstance.schema import GUIDELINE_VERSION
from actorstance.segment import ParagraphIndex

ROOT = Path(__file__).resolve().parents[1]
DOC_ID = "000_90ff7f66b757b298"
#: The seed was annotated under codebook 1.0.0 and keeps that provenance (a valid, known version).
SEED_GUIDELINE_VERSION = "1.0.0"
SEED_SHA256 = "735c534574f85e086eb1f8cc733bbc948317b3e6dc61beba07fcc7394529be9f"
SEED_TEXT = ROOT / "seeds" / f"{DOC_ID}.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / f"{DOC_ID}.txt"
ANNOTATIONS = ROOT / "data" / "annotations"
CODEBOOK = ROOT / "docs" / "annotation-guidelines.md"


@pytest.fixture(scope="module")
def doc():
    return load_annotation(ANNOTATIONS / f"{DOC_ID}.json")


def test_seed_text_is_the_published_seed():
    data = SEED_TEXT.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_seed_text_matches_the_shared_copy():
    if not SHARED_SEED.is_file():
        pytest.skip(f"no shared seed copy at {SHARED_SEED}")
    assert SEED_TEXT.read_bytes() == SHARED_SEED.read_bytes()


def test_annotation_folder_validates(doc):
    """Every document in data/annotations/ validates (whatever documents it holds), the seed among them."""
    docs = load_annotations([ANNOTATIONS])
    assert DOC_ID in [d.doc_id for d in docs]
    assert doc.text_sha256 == SEED_SHA256
    assert doc.annotation.text.sha256 == SEED_SHA256
    assert doc.annotation.guideline_version == SEED_GUIDELINE_VERSION


def test_every_document_has_a_split_and_the_seed_is_in_test():
    docs = load_annotations([ANNOTATIONS])
    splits = read_splits(ANNOTATIONS / "splits.json", [d.doc_id for d in docs])
    assert splits[DOC_ID] == "test"


def test_peskov_is_positive_towards_lukashenko(doc):
    pairs = {p.id: p for p in stance_pairs([doc], candidates=True)}
    pair = pairs[pair_id(DOC_ID, "peskov", "lukashenko")]
    assert (pair.source, pair.target, pair.label) == ("Dmitry Peskov", "Alexander Lukashenko", "positive")
    assert pair.explicit is True


def test_every_actor_is_mentioned_and_in_a_stance(doc):
    ann = doc.annotation
    mentioned = {m.actor for m in ann.mentions}
    in_stance = {a for s in ann.stances for a in (s.source, s.target)}
    actor_ids = {a.id for a in ann.actors}
    assert actor_ids - mentioned == set(), "actors without a mention"
    assert actor_ids - in_stance == set(), "actors in no stance"


def test_mentions_do_not_overlap(doc):
    spans = sorted((m.start, m.end, m.id) for m in doc.annotation.mentions)
    for (_, end, a), (start, _, b) in zip(spans, spans[1:]):
        assert end <= start, f"mentions {a} and {b} overlap (codebook rule M5)"


def test_evidence_lies_in_a_paragraph_mentioning_source_and_target(doc):
    index = ParagraphIndex(doc.text)
    actors_in: dict[int, set[str]] = {}
    for m in doc.annotation.mentions:
        actors_in.setdefault(index.index_of(m.start), set()).add(m.actor)
    for s in doc.annotation.stances:
        for e in s.evidence:
            para = index.index_of(e.start)
            p_start, p_end = index.spans[para]
            assert p_start <= e.start and e.end <= p_end, f"{s.id}: evidence {e.text!r} crosses a paragraph boundary"
            if not {s.source, s.target} <= actors_in.get(para, set()):
                assert s.note and "paragraph" in s.note, (
                    f"{s.id}: evidence {e.text!r} lies in paragraph {para}, which does not mention both "
                    f"{s.source} and {s.target}, and the note does not explain why")


def test_stance_mentions_lie_inside_their_evidence(doc):
    mentions = {m.id: m for m in doc.annotation.mentions}
    for s in doc.annotation.stances:
        for mid in s.mentions:
            m = mentions[mid]
            assert any(e.start <= m.start and m.end <= e.end for e in s.evidence), f"{s.id}: {mid} outside evidence"


def test_codebook_documents_the_version_types_and_labels():
    text = CODEBOOK.read_text(encoding="utf-8")
    assert f"**Version {GUIDELINE_VERSION}**" in text
    assert re.search(rf"^- \*\*{re.escape(GUIDELINE_VERSION)}\*\*", text, re.MULTILINE), "no changelog entry"
    for name in ACTOR_TYPES:
        assert re.search(rf"^\| `{name}` \|", text, re.MULTILINE), f"actor type {name} missing from the table"
    for label in ALL_LABELS:
        assert f"### `{label}`" in text, f"label {label} has no section"
    for section in ("Actors", "Canonical names", "Paragraphs", "Candidate pairs", "Context", "One label per pair"):
        assert re.search(rf"^#+ {section}$", text, re.MULTILINE), f"section {section!r} missing"


def test_every_evidence_span_lies_in_its_pairs_context(doc):
    """The label-independent context rule must still show a model the text the label rests on."""
    pairs = {p.stance_id: p for p in stance_pairs([doc])}
    for stance in doc.annotation.stances:
        pair = pairs[stance.id]
        end = pair.context_start + len(pair.context)
        for span in stance.evidence:
            assert pair.context_start <= span.start and span.end <= end, (stance.id, span.text)


def test_provenance_says_who_produced_the_annotation(doc):
    [annotator] = doc.annotation.annotators
    assert annotator.kind == "model"  # an LLM produced it; no human review is recorded yet
    assert "not yet reviewed by a human" in annotator.note
