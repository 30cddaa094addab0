"""Label Studio JSON export → one annotation folder per annotator."""

from __future__ import annotations

import json
import shutil

import pytest

from actorstance.errors import ImportFormatError
from actorstance.importers.label_studio import import_label_studio
from tests.conftest import invoke
from tests.importers.tool_fixtures import TOOLS, stances_of

EXPORT = TOOLS / "label-studio-export.json"


def test_each_annotator_gets_a_valid_folder_of_their_own_version(tmp_path):
    report = import_label_studio(EXPORT, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == ["ls-user-2", "ls-user-3"]
    assert stances_of(tmp_path / "out" / "ls-user-2") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm for his “steady leadership”"]),
        ("lars_holm", "anna_berg", "positive", True, ["Holm thanked her"]),
        ("green_bloc", "anna_berg", "negative", True, ["Green Bloc condemned Berg’s budget"]),
    ]
    assert stances_of(tmp_path / "out" / "ls-user-3") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm"]),
        ("green_bloc", "anna_berg", "negative", False, ["Green Bloc condemned Berg’s budget"]),
    ]
    assert report.annotator_documents == {"ls-user-2": 1, "ls-user-3": 1}
    assert report.ignored == {"cancelled annotation": 1, "task without annotations": 1}
    assert (report.records, report.stances, report.accounted) == (5, 5, True)
    assert json.loads((tmp_path / "out" / "ls-user-2" / "splits.json").read_text()) == {"berg_holm": "test"}


def test_the_typed_actor_name_and_same_actor_relation_both_resolve_a_pronoun(tmp_path):
    import_label_studio(EXPORT, tmp_path / "out")
    for user in ("ls-user-2", "ls-user-3"):
        doc = json.loads((tmp_path / "out" / user / "berg_holm.json").read_text(encoding="utf-8"))
        assert {m["text"]: m["actor"] for m in doc["mentions"]}["his"] == "lars_holm"


def test_a_mapping_file_names_the_annotators(tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"annotators": {"2": {"id": "alice", "name": "Alice"}, "3": {"id": "bob"}}}))
    import_label_studio(EXPORT, tmp_path / "out", mapping=mapping)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == ["alice", "bob"]
    doc = json.loads((tmp_path / "out" / "alice" / "berg_holm.json").read_text(encoding="utf-8"))
    assert doc["annotators"] == [{"id": "alice", "kind": "human", "name": "Alice",
                                  "note": "annotated in label-studio as user '2'"}]


def test_import_is_byte_identical_on_rerun(tmp_path):
    import_label_studio(EXPORT, tmp_path / "a")
    import_label_studio(EXPORT, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_utf16_offsets_after_an_emoji_are_converted(tmp_path):
    text = "😀 Anna Berg praised Lars Holm.\n"
    task = {"id": 1, "data": {"text": text, "doc_id": "emoji"}, "annotations": [{"id": 1, "completed_by": 2, "result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 3, "end": 12, "text": "Anna Berg", "labels": ["person"]}},
        {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 21, "end": 30, "text": "Lars Holm", "labels": ["person"]}},
        {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["positive"]}]}]}
    (tmp_path / "e.json").write_text(json.dumps([task]), encoding="utf-8")
    report = import_label_studio(tmp_path / "e.json", tmp_path / "out")
    assert report.mapped["utf16_offsets_converted"] == 2
    assert stances_of(tmp_path / "out" / "ls-user-2", "emoji") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised Lars Holm"])]


def _edited(tmp_path, change):
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    change(tasks)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def _result(tasks, user=0):
    return tasks[0]["annotations"][user]["result"]


@pytest.mark.parametrize("change, expected", [
    (lambda t: _result(t)[-1].update(direction="bi"),
     "task 11 annotation 21: relation 'Ys1aS3dF5g->Jd4fH6gK8l': direction 'bi': a stance goes one way. Fix: set the "
     "relation's direction to point from the source to the target."),
    (lambda t: _result(t)[0]["value"].update(text="Anna Borg"),
     "task 11 annotation 21: span 'Xh3kQ9aBc1': the span's text 'Anna Borg' is not the document's text at its "
     "offsets, which is 'Anna Berg'. Fix: annotate the document's own text (the export holds another version of it) "
     "or correct the offsets."),
    (lambda t: _result(t)[0]["value"].update(labels=["person", "media"]),
     "task 11 annotation 21: region 'Xh3kQ9aBc1': a region needs exactly one label, it has ['person', 'media']. Fix: "
     "give the region one label (a mention's actor type, or evidence)."),
    (lambda t: t[0]["annotations"][1].pop("completed_by"),
     "task 11 annotation 22: completed_by is nothing, not a user. Fix: export the project as JSON (annotations keep "
     "their completed_by user)."),
    (lambda t: [r.update(from_name="ner") for r in _result(t) if r.get("from_name") == "label"],
     "task 11 annotation 21: result: its regions are labelled by the control 'ner', not 'label'. Fix: name the "
     'control in a --mapping file: {"label_studio": {"labels": "ner"}}.'),
    (lambda t: t[0]["data"].update(doc_id="berg holm"),
     "task 11 annotation 21: doc_id: 'berg holm' is not a document id (letters, digits and _ . : - , starting with a "
     "letter or digit). Fix: give the task/document a doc_id field of that shape."),
])
def test_malformed_exports_name_the_task_annotation_and_item(tmp_path, change, expected):
    path = _edited(tmp_path, change)
    with pytest.raises(ImportFormatError) as err:
        import_label_studio(path, tmp_path / "out")
    assert [str(p) for p in err.value.problems][0] == f"{path}: {expected}"
    assert not (tmp_path / "out").exists()


def test_not_a_list_of_tasks(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"id": 1}', encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        import_label_studio(path, tmp_path / "out")
    assert str(err.value.problems[0]) == (f"{path}: expected the JSON export's list of tasks, got a dict. Fix: export "
                                          "the project as JSON (not JSON-MIN, CSV or a single task).")


def test_cli_imports_and_reports_per_annotator(tmp_path):
    out = tmp_path / "out"
    result = invoke("import", "label-studio", EXPORT, "--output", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"imported 2 label-studio documents from {EXPORT} into {out}",
        "  annotators (one folder each): ls-user-2 1 document, ls-user-3 1 document",
        "  records: 5 read, 5 kept as stances; not kept by rule: none",
        "  actors: 6; mentions: 12",
        "  splits: test 2 documents (5 stances)",
        "  mapped by rule: same_actor_relations 1",
        "  coverage: none",
        "  ignored by the mapping: cancelled annotation 1, task without annotations 1",
    ]
    assert invoke("validate", out / "ls-user-2").exit_code == 0


def test_cli_refuses_a_mapping_for_seesaw(tmp_path):
    mapping = tmp_path / "m.json"
    mapping.write_text("{}")
    result = invoke("import", "seesaw", tmp_path, "--output", tmp_path / "out", "--mapping", mapping)
    assert result.exit_code == 2
    assert "--mapping applies to the annotation-tool formats (brat, doccano, inception, label-studio), not seesaw" \
        in result.output


def test_cli_bad_export_exits_1_and_writes_nothing(tmp_path):
    path = tmp_path / "export.json"
    shutil.copy(EXPORT, path)
    path.write_text(path.read_text(encoding="utf-8").replace('"negative"', '"hostile"'), encoding="utf-8")
    result = invoke("import", "label-studio", path, "--output", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 2 problems in the imported corpus:"
    assert [line.split(". Fix:")[0] for line in lines[1:]] == [
        f"  {path}: task 11 annotation 21: relation 'Ys1aS3dF5g->Jd4fH6gK8l': unknown relation label 'hostile'",
        f"  {path}: task 11 annotation 22: relation 'mM0nN1oO2p->qQ3rR4sS5t': unknown relation label 'hostile'"]
    assert not (tmp_path / "out").exists()
