"""brat standoff collections → one annotation folder per annotator."""

from __future__ import annotations

import shutil

import pytest

from actorstance.errors import ImportFormatError
from actorstance.importers.brat import import_brat
from tests.importers.tool_fixtures import TOOLS, stances_of

BRAT = TOOLS / "brat"


def test_one_folder_per_annotator_sub_folder(tmp_path):
    report = import_brat(BRAT, tmp_path / "out")
    assert report.annotator_documents == {"alice": 1, "bob": 1}
    assert stances_of(tmp_path / "out" / "alice") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm for his “steady leadership”"]),
        ("lars_holm", "anna_berg", "positive", True, ["Holm thanked her"]),
        # a discontinuous evidence span is two evidence spans; "A1 Implied R3" makes the stance implied
        ("green_bloc", "anna_berg", "negative", False, ["Green Bloc condemned", "budget"]),
    ]
    assert stances_of(tmp_path / "out" / "bob") == [
        ("anna_berg", "lars_holm", "neutral", True, ["Anna Berg praised President Lars Holm"]),
        ("green_bloc", "anna_berg", "negative", True, ["Green Bloc condemned Berg’s budget"]),
    ]
    assert report.mapped == {"evidence_from_mention_pair": 2, "evidence_from_region_holding_one_mention": 1,
                             "same_actor_relations": 2}


def test_notes_and_equivalences_resolve_actors(tmp_path):
    import_brat(BRAT, tmp_path / "out")
    from actorstance.annotations import load_annotations

    (doc,) = load_annotations([tmp_path / "out" / "alice"])
    assert {m.text: m.actor for m in doc.annotation.mentions} == {
        "Anna Berg": "anna_berg", "Lars Holm": "lars_holm", "his": "lars_holm", "Holm": "lars_holm",
        "her": "anna_berg", "Green Bloc": "green_bloc", "Berg": "anna_berg", "The Daily Courier": "the_daily_courier"}


def test_a_flat_collection_is_one_annotator_named_after_the_folder(tmp_path):
    flat = tmp_path / "carol"
    shutil.copytree(BRAT / "bob", flat)
    report = import_brat(flat, tmp_path / "out")
    assert report.annotator_documents == {"carol": 1}


def _broken(tmp_path, line: str, who: str = "bob") -> tuple:
    copy = tmp_path / "brat"
    shutil.copytree(BRAT, copy)
    ann = copy / who / "berg_holm.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return copy, ann


@pytest.mark.parametrize("line, expected", [
    ("E1\tattack:T3 Target:T4", "9: events (E1) are not imported. Fix: annotate stances as relations between two "
                                "entity spans; remove the line."),
    ("T9\tperson 10 x\tBerg", "9: offsets '10 x' are not 'START END' pairs separated by ';'. Fix: write code-point "
                              "offsets, e.g. 'person 15 24' or 'evidence 0 5;9 14'."),
    ("A1\tImplied R7", "9: attribute Implied refers to 'R7', which is not defined above it. Fix: define the span or "
                       "relation before its attributes, or fix the id."),
    ("R3\tnegative Arg1:T3", "9: a relation is 'LABEL Arg1:SOURCE Arg2:TARGET', got ['negative Arg1:T3']. Fix: write "
                             "ID<TAB>LABEL Arg1:T1 Arg2:T2 (Arg1 is the stance's source)."),
    ("T9\tperson 15 24", "9: a T line has 3 tab-separated fields (ID, 'LABEL START END', TEXT), this one 2. Fix: "
                         "write ID<TAB>LABEL START END<TAB>TEXT."),
])
def test_malformed_lines_are_located_by_file_and_line(tmp_path, line, expected):
    copy, ann = _broken(tmp_path, line)
    with pytest.raises(ImportFormatError) as err:
        import_brat(copy, tmp_path / "out")
    assert [str(p) for p in err.value.problems] == [f"{ann}:{expected}"]
    assert not (tmp_path / "out").exists()


def test_a_span_whose_text_is_not_the_documents_is_refused(tmp_path):
    copy, ann = _broken(tmp_path, "T9\tperson 15 24\tAnna Borg")
    with pytest.raises(ImportFormatError) as err:
        import_brat(copy, tmp_path / "out")
    assert [str(p) for p in err.value.problems] == [
        f"{ann}: span 'T9': the span's text 'Anna Borg' is not the document's text at its offsets, which is "
        "'Anna Berg'. Fix: annotate the document's own text (the export holds another version of it) or correct the "
        "offsets."]


def test_missing_text_file(tmp_path):
    copy = tmp_path / "brat"
    shutil.copytree(BRAT, copy)
    (copy / "bob" / "berg_holm.txt").unlink()
    with pytest.raises(ImportFormatError) as err:
        import_brat(copy, tmp_path / "out")
    assert [str(p) for p in err.value.problems] == [
        f"{copy / 'bob' / 'berg_holm.txt'}: no such brat document text. Fix: export the text with the annotations."]
