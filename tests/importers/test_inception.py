"""INCEpTION UIMA CAS XMI (read with dkpro-cassis) → one annotation folder per annotator."""

from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("cassis", reason="the INCEpTION importer needs dkpro-cassis: pip install -e '.[test]'")

from actorstance.errors import ImportFormatError  # noqa: E402
from actorstance.importers.inception import import_inception  # noqa: E402
from tests.importers.tool_fixtures import TOOLS, stances_of  # noqa: E402

INCEPTION = TOOLS / "inception"
DOC = INCEPTION / "annotation" / "berg_holm.txt"


def test_xmi_files_and_zips_are_one_annotator_each(tmp_path):
    report = import_inception(INCEPTION, tmp_path / "out")
    assert report.annotator_documents == {"alice": 1, "bob": 1}
    assert stances_of(tmp_path / "out" / "alice") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm for his “steady leadership”"]),
        ("lars_holm", "anna_berg", "positive", True, ["Holm thanked her"]),
        ("green_bloc", "anna_berg", "negative", False, ["Green Bloc condemned Berg"]),
    ]
    assert stances_of(tmp_path / "out" / "bob") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised President Lars Holm"])]


def test_layer_names_come_from_the_mapping(tmp_path):
    copy = tmp_path / "inception"
    shutil.copytree(INCEPTION, copy)
    (copy / "annotation" / "berg_holm.txt" / "bob.zip").unlink()
    for name in ("alice.xmi", "TypeSystem.xml"):
        path = copy / "annotation" / "berg_holm.txt" / name
        path.write_text(path.read_text(encoding="utf-8").replace("Stance", "Attitude"), encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        import_inception(copy, tmp_path / "out")
    assert [str(p) for p in err.value.problems] == [
        f"{copy / 'annotation' / 'berg_holm.txt' / 'alice.xmi'}: the type system has no layer webanno.custom.Stance "
        "(its custom layers: webanno.custom.Actor, webanno.custom.Attitude). Fix: name the span and relation layers in "
        'a --mapping file: "inception": {"span_layer": ..., "relation_layer": ...}.']
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"inception": {"relation_layer": "webanno.custom.Attitude"}}), encoding="utf-8")
    report = import_inception(copy, tmp_path / "out", mapping=mapping)
    assert report.stances == 3


def test_an_xmi_without_its_type_system(tmp_path):
    copy = tmp_path / "inception"
    shutil.copytree(INCEPTION, copy)
    (copy / "annotation" / "berg_holm.txt" / "TypeSystem.xml").unlink()
    with pytest.raises(ImportFormatError) as err:
        import_inception(copy, tmp_path / "out")
    assert [str(p) for p in err.value.problems] == [
        f"{copy / 'annotation' / 'berg_holm.txt' / 'alice.xmi'}: no TypeSystem.xml next to the XMI. Fix: export with "
        "the type system (INCEpTION writes TypeSystem.xml with each XMI)."]


def test_a_broken_xmi_is_a_problem_not_a_traceback(tmp_path):
    copy = tmp_path / "inception"
    shutil.copytree(INCEPTION, copy)
    xmi = copy / "annotation" / "berg_holm.txt" / "alice.xmi"
    xmi.write_text(xmi.read_text(encoding="utf-8")[:400], encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        import_inception(copy, tmp_path / "out")
    (problem,) = err.value.problems
    assert problem.where == str(xmi) and problem.message.startswith("not a readable UIMA CAS XMI (")


def test_utf16_offsets_of_the_xmi_are_read_as_code_points(tmp_path):
    import cassis

    ts = cassis.load_typesystem((DOC / "TypeSystem.xml").read_bytes().decode("utf-8"))
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = "😀 Anna Berg praised Lars Holm.\n"
    actor, stance = ts.get_type("webanno.custom.Actor"), ts.get_type("webanno.custom.Stance")
    berg, holm = actor(begin=2, end=11, label="person"), actor(begin=20, end=29, label="person")
    cas.add_all([berg, holm, stance(begin=20, end=29, Governor=berg, Dependent=holm, label="positive")])
    folder = tmp_path / "export" / "annotation" / "emoji.txt"
    folder.mkdir(parents=True)
    (folder / "carol.xmi").write_text(cas.to_xmi(), encoding="utf-8")
    assert 'begin="3" end="12"' in (folder / "carol.xmi").read_text(encoding="utf-8")  # UIMA counts UTF-16 units
    shutil.copy(DOC / "TypeSystem.xml", folder / "TypeSystem.xml")
    import_inception(tmp_path / "export", tmp_path / "out")
    assert stances_of(tmp_path / "out" / "carol", "emoji") == [
        ("anna_berg", "lars_holm", "positive", True, ["Anna Berg praised Lars Holm"])]


def test_the_initial_cas_is_not_an_annotator(tmp_path):
    copy = tmp_path / "inception"
    shutil.copytree(INCEPTION, copy)
    folder = copy / "annotation" / "berg_holm.txt"
    shutil.copy(folder / "alice.xmi", folder / "INITIAL_CAS.xmi")
    report = import_inception(copy, tmp_path / "out")
    assert report.annotator_documents == {"alice": 1, "bob": 1}
    assert report.ignored == {"INITIAL_CAS version": 1}
