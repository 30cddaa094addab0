"""doccano relation-extraction JSONL → one annotation folder per annotator (one file per user)."""

from __future__ import annotations

import json
import shutil

import pytest

from actorstance.errors import ImportFormatError
from actorstance.importers.doccano import import_doccano
from tests.conftest import json_error
from tests.importers.tool_fixtures import TOOLS, stances_of

DOCCANO = TOOLS / "doccano"


def test_each_users_file_is_one_annotator(tmp_path):
    report = import_doccano(DOCCANO, tmp_path / "out")
    assert report.annotator_documents == {"alice": 1, "bob": 1}
    assert stances_of(tmp_path / "out" / "alice") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm"]),
        ("lars_holm", "anna_berg", "positive", True, ["Holm thanked her"]),
        ("green_bloc", "anna_berg", "negative", False, ["Green Bloc condemned Berg’s budget"]),
    ]
    assert stances_of(tmp_path / "out" / "bob") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm"]),
        ("green_bloc", "anna_berg", "negative", True, ["Green Bloc condemned Berg"]),
    ]
    assert report.mapped == {"evidence_from_mention_pair": 3, "same_actor_relations": 5}


def test_one_file_is_one_annotator(tmp_path):
    report = import_doccano(DOCCANO / "bob.jsonl", tmp_path / "out")
    assert report.annotator_documents == {"bob": 1}


def _edited(tmp_path, change):
    copy = tmp_path / "doccano"
    shutil.copytree(DOCCANO, copy)
    path = copy / "alice.jsonl"
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return copy, path


@pytest.mark.parametrize("change, expected", [
    (lambda r: r["entities"][0].pop("end_offset"),
     "2: entities[0]: expected {id, label, start_offset, end_offset}, got {'id': 101, 'label': 'person', "
     "'start_offset': 15}. Fix: export as JSONL (relation)."),
    (lambda r: r["entities"][0].update(end_offset=25),
     "2: span '101': mention 'Anna Berg ' has trailing space"),
    (lambda r: r["relations"][0].update(to_id=999),
     "2: relation '1': its target '999' is no span, not a mention. Fix: draw the relation between two actor mentions."),
])
def test_malformed_records_are_located_by_line(tmp_path, change, expected):
    copy, path = _edited(tmp_path, change)
    if "trailing space" in expected:  # a selected trailing space is trimmed, not refused
        report = import_doccano(copy, tmp_path / "out")
        assert report.mapped["whitespace_trimmed"] == 1
        return
    with pytest.raises(ImportFormatError) as err:
        import_doccano(copy, tmp_path / "out")
    assert str(err.value.problems[0]) == f"{path}:{expected}"


def test_a_line_that_is_not_json(tmp_path):
    copy = tmp_path / "doccano"
    shutil.copytree(DOCCANO, copy)
    line = '{"id": 1, "text": "x"'
    (copy / "bob.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        import_doccano(copy, tmp_path / "out")
    (problem,) = err.value.problems
    assert problem.where == f"{copy / 'bob.jsonl'}:1" and problem.message == f"invalid JSON: {json_error(line + chr(10))}"
