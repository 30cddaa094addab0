"""``actorstance new``: a valid skeleton that records the text, the doc-id rule and the paragraphs."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from actorstance.annotations import load_annotation
from actorstance.errors import AnnotationError, InputError, OutputError, TextError
from actorstance.schema import GUIDELINE_VERSION, Identifier
from actorstance.segment import paragraphs
from actorstance.skeleton import doc_id_for, new_annotation, write_new_annotation
from tests.conftest import pydantic_error

TEXT = "Harbour plan\nsplits the coalition\n\nVarga defended the plan.\n\n  Reyes called it a gift.  \n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "texts" / "harbour_2025.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_skeleton_validates_and_records_text_version_annotator_and_paragraphs(article, tmp_path):
    out = tmp_path / "annotations" / "harbour_2025.json"
    record = write_new_annotation(article, out, annotator="ana", annotator_name="Ana B.", outlet="Invented Post")
    doc = load_annotation(out)
    ann = doc.annotation
    assert ann.doc_id == "harbour_2025" and ann.text.path == "../texts/harbour_2025.txt"
    assert ann.text.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert ann.guideline_version == GUIDELINE_VERSION and ann.source.outlet == "Invented Post"
    assert [(a.id, a.kind, a.name) for a in ann.annotators] == [("ana", "human", "Ana B.")]
    assert [(p.start, p.end) for p in ann.paragraphs] == paragraphs(TEXT) == [(0, 33), (35, 59), (63, 86)]
    assert [p.text for p in ann.paragraphs] == ["Harbour plan\nsplits the coalition", "Varga defended the plan.",
                                                "Reyes called it a gift."]
    assert (ann.actors, ann.mentions, ann.stances) == ([], [], [])
    assert json.loads(out.read_text(encoding="utf-8")) == record
    assert list(record) == ["schema_version", "doc_id", "text", "language", "guideline_version", "annotators",
                            "source", "metadata", "paragraphs", "actors", "mentions", "stances"]


def test_doc_id_rule_is_the_text_files_name():
    assert doc_id_for("seeds/000_90ff7f66b757b298.txt") == "000_90ff7f66b757b298"
    with pytest.raises(TextError) as err:
        doc_id_for("texts/my article.txt")
    assert str(err.value) == ("texts/my article.txt: the file name 'my article' is not a valid doc id (letters, "
                              "digits and _ . : -, starting with a letter or digit). Fix: rename the text file, or "
                              "pass --doc-id.")


def test_never_overwrites_and_refuses_a_doc_id_already_used(article, tmp_path):
    out = tmp_path / "harbour_2025.json"
    write_new_annotation(article, out, annotator="ana")
    with pytest.raises(OutputError, match="already exists; `new` never overwrites an annotation"):
        write_new_annotation(article, out, annotator="ana")
    with pytest.raises(OutputError) as err:
        write_new_annotation(article, tmp_path / "other.json", annotator="ana")
    assert str(err.value) == (f"{out}: already annotates doc id 'harbour_2025'; doc ids are unique in a folder. Fix: "
                              "pass another --doc-id or rename the text file.")
    assert not (tmp_path / "other.json").exists()


def test_unreadable_texts_and_bad_options_are_clear_errors(tmp_path, article):
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    try:
        "caf\xe9".encode("latin-1").decode("utf-8")
    except UnicodeDecodeError as decoding:
        reason = decoding.reason  # Python's words
    with pytest.raises(TextError, match=re.escape(f"latin1.txt: not UTF-8 ({reason} at byte 3)")):
        new_annotation(tmp_path / "latin1.txt", tmp_path / "x.json", annotator="a")
    with pytest.raises(InputError, match="missing.txt: no such text file. Fix: pass the path of the article's text"):
        new_annotation(tmp_path / "missing.txt", tmp_path / "x.json", annotator="a")
    with pytest.raises(TextError) as err:
        write_new_annotation(article, tmp_path / "x.json", annotator="a b")
    assert str(err.value).startswith(f"annotators[0].id: {pydantic_error(Identifier, 'a b')}")
    assert not (tmp_path / "x.json").exists()


def test_validate_checks_listed_paragraphs_against_the_text(article, tmp_path):
    out = tmp_path / "harbour_2025.json"
    record = write_new_annotation(article, out, annotator="ana")
    record["paragraphs"] = record["paragraphs"][:2]
    out.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        load_annotation(out)
    assert [str(p) for p in err.value.problems] == [
        f"{out}: paragraphs: the listed paragraphs are not the text's 3 paragraphs (codebook 'Paragraphs'; 2 "
        "listed). Fix: delete the field, or copy it from a fresh `actorstance new` skeleton of the same text."]
