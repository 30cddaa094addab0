import json
from pathlib import Path

import pytest

from actorstance.annotations import (
    annotation_files, document_order, iter_annotations, load_annotation, load_annotations)
from actorstance.errors import AnnotationError
from tests.conftest import TINY, json_error


def problems_of(path: Path) -> list[str]:
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    return [str(p) for p in info.value.problems]


def test_tiny_fixture_loads_with_text_and_hash():
    doc = load_annotation(TINY / "doc_a.json")
    assert doc.doc_id == "tiny_a"
    assert doc.text_sha256 == "b1174567827bba7bb0910ecd54aea0959266ed9f43f37cac63d3dcad04ad926b"
    m = doc.annotation.mentions[0]
    assert doc.text[m.start:m.end] == "Prime Minister Anna Berg"


def test_offsets_are_code_points_across_non_ascii_quotes():
    doc = load_annotation(TINY / "doc_a.json")
    # the evidence contains curly quotes (3 UTF-8 bytes each) and still matches by code point
    span = doc.annotation.stances[0].evidence[0]
    assert "“" in span.text
    assert doc.text[span.start:span.end] == span.text
    assert len(doc.text.encode("utf-8")) > len(doc.text)


def test_folder_expansion_skips_splits_file_and_sorts():
    files = annotation_files([TINY])
    assert [f.name for f in files] == ["doc_a.json", "doc_b.json"]
    assert [d.doc_id for d in load_annotations([TINY])] == ["tiny_a", "tiny_b"]


def test_missing_path_is_reported(tmp_path):
    with pytest.raises(AnnotationError) as info:
        annotation_files([tmp_path / "nope"])
    assert str(info.value.problems[0]) == (
        f"{tmp_path / 'nope'}: no such file or folder. Fix: pass an annotation .json file or a folder of them.")


def test_invalid_json_names_line(tiny_copy):
    path = tiny_copy / "doc_a.json"
    path.write_text('{\n  "doc_id": "x",\n  oops\n}', encoding="utf-8")
    assert problems_of(path) == [
        f"{path}:3: invalid JSON: {json_error(path.read_text(encoding='utf-8'))}. Fix: fix the JSON syntax."]


def test_text_hash_mismatch(edit_annotation):
    path = edit_annotation(lambda d: d["text"].update(sha256="0" * 64))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}: text.sha256: the text file's sha256 is b1174567")
    assert "the annotation says " + "0" * 64 in problem
    assert problem.endswith("Fix: the text changed since it was annotated: restore the original text, "
                            "or re-check every offset and then update text.sha256.")


def test_missing_text_file(edit_annotation, tiny_copy):
    path = edit_annotation(lambda d: d["text"].update(path="gone.txt"))
    [problem] = problems_of(path)
    assert problem == (f"{path}: text.path: text file 'gone.txt' not found (looked at {tiny_copy / 'gone.txt'}). "
                       "Fix: give the path of the text relative to this annotation file's folder.")


def test_offsets_out_of_range_and_not_matching(edit_annotation):
    def change(d):
        d["mentions"][0].update(start=5000, end=5010)
        d["mentions"][1].update(text="President Lars Holmes")

    path = edit_annotation(change)
    assert problems_of(path) == [
        f"{path}: mentions[0]: mention 'm1' [5000, 5010) lies outside the text (252 characters). "
        "Fix: use Unicode code-point offsets into the referenced text.",
        f"{path}: mentions[1]: mention 'm2' text 'President Lars Holmes' does not match the text at [53, 72), "
        "which is 'President Lars Holm'. Fix: correct the offsets (code points, end exclusive) or the covered text.",
    ]


def test_reversed_span(edit_annotation):
    path = edit_annotation(lambda d: d["mentions"][0].update(start=10, end=10))
    assert problems_of(path) == [f"{path}: mentions[0]: mention 'm1' is empty or reversed (start 10, end 10). "
                                 "Fix: make end greater than start (end is exclusive)."]


def test_duplicate_ids_unknown_refs_and_self_stance_all_reported(edit_annotation):
    def change(d):
        d["actors"][1]["id"] = "berg"  # duplicate actor id; 'holm' now dangles
        d["stances"][2]["target"] = "green_bloc"  # self-stance

    path = edit_annotation(change)
    problems = problems_of(path)
    assert f"{path}: actors[0].id: duplicate actor id 'berg'. Fix: give every actor a unique id." in problems
    assert f"{path}: actors[1].id: duplicate actor id 'berg'. Fix: give every actor a unique id." in problems
    assert (f"{path}: mentions[1].actor: mention 'm2' refers to unknown actor 'holm'. "
            "Fix: use the id of an actor listed in 'actors' or add the actor.") in problems
    assert (f"{path}: stances[0].target: stance 's1' target 'holm' is not a known actor. "
            "Fix: use the id of an actor listed in 'actors' or add the actor.") in problems
    assert (f"{path}: stances[2]: stance 's3' has the same source and target 'green_bloc'. "
            "Fix: a stance is between two different actors; remove it or fix source/target.") in problems
    assert len(problems) == 10  # 2 duplicates, 4 dangling mentions of holm, 3 dangling stances, 1 self-stance


def test_conflicting_and_duplicate_pair_labels(edit_annotation):
    def change(d):
        conflict = dict(d["stances"][0], id="s9", label="negative")
        twin = dict(d["stances"][1], id="s10")
        d["stances"] += [conflict, twin]

    path = edit_annotation(change)
    assert problems_of(path) == [
        f"{path}: stances[4]: pair berg→holm is labelled 'negative' here and 'positive' in stances[0] ('s1'). "
        "Fix: one label per directed pair: keep the dominant stance (codebook section 'One label per pair') "
        "and merge the evidence.",
        f"{path}: stances[5]: pair holm→berg is annotated twice (also stances[1], 's2'). "
        "Fix: merge the two stances into one with all the evidence.",
    ]


def test_unknown_label_and_actor_type_and_extra_field(edit_annotation):
    def change(d):
        d["stances"][0]["label"] = "supportive"
        d["actors"][0]["type"] = "politician"
        d["actors"][1]["party"] = "Blue"

    path = edit_annotation(change)
    problems = problems_of(path)
    assert problems[:3] == [
        f"{path}: actors[0].type: unknown actor type 'politician'. Fix: use one of: person, government, "
        "organisation, media, armed_group, collective, other.",
        f"{path}: actors[1].party: unknown field. Fix: remove the field (see docs/annotation.schema.json "
        "for the allowed fields).",
        f"{path}: stances[0].label: unknown label 'supportive'. Fix: use one of: positive, negative, neutral.",
    ]


def test_evidence_outside_text_and_dangling_mention_ids(edit_annotation):
    def change(d):
        d["stances"][0]["evidence"].append({"start": 240, "end": 300, "text": "x"})
        d["stances"][0]["mentions"] = ["m1", "m99", "m6"]

    path = edit_annotation(change)
    assert problems_of(path) == [
        f"{path}: stances[0].evidence[1]: evidence of stance 's1' [240, 300) lies outside the text "
        "(252 characters). Fix: use Unicode code-point offsets into the referenced text.",
        f"{path}: stances[0].mentions[1]: stance 's1' cites unknown mention 'm99'. "
        "Fix: use the id of a mention listed in 'mentions'.",
        f"{path}: stances[0].mentions[2]: mention 'm6' of stance 's1' refers to 'green_bloc', neither its "
        "source nor its target. Fix: cite only mentions of the stance's source or target.",
    ]


def test_schema_errors_do_not_hide_semantic_errors(edit_annotation):
    def change(d):
        del d["language"]  # schema error: document cannot be modelled
        d["mentions"][0]["text"] = "Anna"  # semantic error found anyway

    path = edit_annotation(change)
    problems = problems_of(path)
    assert f"{path}: language: required field is missing. Fix: add the field." in problems
    assert any(p.startswith(f"{path}: mentions[0]: mention 'm1' text 'Anna' does not match") for p in problems)


def test_duplicate_doc_ids_across_files(tiny_copy):
    data = json.loads((tiny_copy / "doc_b.json").read_text(encoding="utf-8"))
    data["doc_id"] = "tiny_a"
    (tiny_copy / "doc_b.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        load_annotations([tiny_copy])
    assert [str(p) for p in info.value.problems] == [
        f"{tiny_copy / 'doc_b.json'}: doc_id: doc_id 'tiny_a' is also used by {tiny_copy / 'doc_a.json'}. "
        "Fix: give every document a unique doc_id."]


def test_error_message_summarises_count(edit_annotation):
    path = edit_annotation(lambda d: d["mentions"][0].update(text="x"))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert str(info.value).splitlines()[0] == "1 problem in annotations:"


def test_guideline_version_must_be_a_codebook_version(edit_annotation):
    from actorstance.schema import GUIDELINE_VERSIONS

    path = edit_annotation(lambda d: d.update(guideline_version="0.9.0"))
    with pytest.raises(AnnotationError) as err:
        load_annotation(path)
    assert [str(p) for p in err.value.problems] == [
        f"{path}: guideline_version: '0.9.0' is not a version of the codebook (versions: "
        f"{', '.join(GUIDELINE_VERSIONS)}). Fix: record the docs/annotation-guidelines.md version the file was "
        "annotated under."]
    for version in GUIDELINE_VERSIONS:  # a file keeps the version it was annotated under
        load_annotation(edit_annotation(lambda d: d.update(guideline_version=version)))


def test_every_codebook_version_has_a_changelog_entry():
    import re

    from actorstance.schema import GUIDELINE_VERSION, GUIDELINE_VERSIONS
    from tests.conftest import REPO

    text = (REPO / "docs" / "annotation-guidelines.md").read_text(encoding="utf-8")
    changelog = re.findall(r"^- \*\*(\d+\.\d+\.\d+)\*\*", text.split("## Changelog", 1)[1], re.MULTILINE)
    assert sorted(changelog) == sorted(GUIDELINE_VERSIONS) and GUIDELINE_VERSION == GUIDELINE_VERSIONS[-1]


def _rename_documents(folder, names: dict[str, str]) -> None:
    for file, doc_id in names.items():
        data = json.loads((folder / file).read_text(encoding="utf-8"))
        data["doc_id"] = doc_id
        (folder / file).write_text(json.dumps(data), encoding="utf-8")


def test_iter_annotations_yields_documents_in_pair_id_order(tiny_copy):
    # '-' sorts before '/': the pairs of "tiny-b" come before those of "tiny"
    _rename_documents(tiny_copy, {"doc_a.json": "tiny", "doc_b.json": "tiny-b"})
    assert [d.doc_id for d in iter_annotations([tiny_copy])] == ["tiny-b", "tiny"]
    assert sorted(["tiny", "tiny-b"], key=document_order) == ["tiny-b", "tiny"]


def test_iter_annotations_stops_yielding_at_a_problem_but_reports_every_file(tiny_copy):
    for name in ("doc_a.json", "doc_b.json"):
        data = json.loads((tiny_copy / name).read_text(encoding="utf-8"))
        data["mentions"][0]["text"] = "wrong"
        (tiny_copy / name).write_text(json.dumps(data), encoding="utf-8")
    yielded = []
    with pytest.raises(AnnotationError) as info:
        for doc in iter_annotations([tiny_copy]):
            yielded.append(doc.doc_id)
    assert yielded == []
    assert [p.where for p in info.value.problems] == [str(tiny_copy / "doc_a.json"), str(tiny_copy / "doc_b.json")]


def test_iter_annotations_holds_one_document_at_a_time(tiny_copy):
    import gc
    import weakref

    refs = []
    for doc in iter_annotations([tiny_copy]):
        refs.append(weakref.ref(doc.annotation))
        del doc
        gc.collect()
        assert sum(r() is not None for r in refs) <= 1


def test_an_index_without_peeking_keeps_file_order_and_reads_nothing(tiny_copy, monkeypatch):
    import actorstance.annotations as annotations_module

    monkeypatch.setattr(annotations_module, "_peek", lambda file: (_ for _ in ()).throw(AssertionError("read")))
    index = annotations_module.index_annotations([tiny_copy], peek=False)
    assert [f.name for f in index.files] == ["doc_a.json", "doc_b.json"] and index.doc_ids == (None, None)
    monkeypatch.undo()
    assert sorted(d.doc_id for d in iter_annotations(index)) == ["tiny_a", "tiny_b"]
