from __future__ import annotations

import json
import re
from typing import Annotated

import pytest

from actorstance.corpus import CORPUS_FILE, Change, CorpusInfo, is_bibtex_entry, read_corpus, write_corpus
from actorstance.errors import CorpusInfoError
from actorstance.importers.seesaw import SEESAW_CORPUS
from tests.conftest import REPO, json_error, pydantic_error

#: The fields' own constraints, for pydantic's words about them (tests do not pin another library's wording).
DATE = Annotated[str, *Change.model_fields["date"].metadata]
VERSION = Annotated[str, *Change.model_fields["version"].metadata]
FIX = "correct corpus.json (its fields are documented in docs/dataset.md) or re-run the import that wrote it"


def _write(folder, **changes) -> str:
    record = {**SEESAW_CORPUS.model_dump(mode="json"), **changes}
    (folder / CORPUS_FILE).write_text(json.dumps({k: v for k, v in record.items() if v is not ...}), encoding="utf-8")
    return str(folder / CORPUS_FILE)


def _problems(folder) -> list[str]:
    with pytest.raises(CorpusInfoError) as err:
        read_corpus(folder)
    return [str(p) for p in err.value.problems]


def test_a_folder_without_corpus_json_is_refused(tmp_path):
    assert _problems(tmp_path) == [
        f"{tmp_path / CORPUS_FILE}: no such file: the card's name, version, changelog, licence and citation come "
        "from it. Fix: write corpus.json in the annotations folder (fields: docs/dataset.md; "
        "data/annotations/corpus.json is an example), or re-run the import that writes it."]


def test_the_projects_own_dataset_facts_are_data():
    """The actorstance dataset's name, version and changelog come from data/annotations/corpus.json."""
    corpus = read_corpus(REPO / "data" / "annotations")
    assert corpus.name == "actorstance" and corpus.version == corpus.changelog[0].version
    assert (corpus.license, corpus.citation, corpus.annotation, corpus.non_commercial) == ("cc-by-4.0", None, None,
                                                                                           False)
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py"))
    assert corpus.pretty_name not in source, "the dataset's name belongs in corpus.json, not in package source"


def test_unset_fields_are_left_out_of_the_file(tmp_path):
    write_corpus(SEESAW_CORPUS.model_copy(update={"homepage": None}), tmp_path)
    assert "homepage" not in json.loads((tmp_path / CORPUS_FILE).read_text(encoding="utf-8"))


def test_write_then_read_round_trips_byte_identically(tmp_path):
    path = write_corpus(SEESAW_CORPUS, tmp_path)
    assert path.name == CORPUS_FILE and read_corpus(tmp_path) == SEESAW_CORPUS
    first = path.read_bytes()
    write_corpus(read_corpus(tmp_path), tmp_path)
    assert path.read_bytes() == first
    assert list(json.loads(first)) == sorted(json.loads(first))  # sorted keys
    assert SEESAW_CORPUS.non_commercial and SEESAW_CORPUS.license == "cc-by-nc-sa-4.0"


def test_unknown_missing_and_mistyped_fields_are_all_listed(tmp_path):
    where = _write(tmp_path, licence="CC", homepage=..., version=1)
    assert _problems(tmp_path) == [
        f"{where}: version: {pydantic_error(str, 1)}, got 1. Fix: {FIX}.",
        f"{where}: licence: unknown field. Fix: remove it; {FIX}.",
    ]
    where = _write(tmp_path, citation=..., pretty_name=...)
    assert _problems(tmp_path) == [f"{where}: pretty_name: required field is missing. Fix: add it; {FIX}."]


def test_nested_fields_are_located(tmp_path):
    where = _write(tmp_path, changelog=[{"version": "1.0.0", "date": "27 Nov 2026", "change": "x"}])
    assert _problems(tmp_path) == [
        f"{where}: changelog[0].date: {pydantic_error(DATE, '27 Nov 2026')}, got \"27 Nov 2026\". Fix: {FIX}."]


def test_licence_must_be_a_hub_id(tmp_path):
    where = _write(tmp_path, license="CC BY-NC-SA 4.0")
    [problem] = _problems(tmp_path)
    assert problem.startswith(f"{where}: license: 'CC BY-NC-SA 4.0' is not a Hub licence id. Fix: use one of: "
                              "apache-2.0, cc-by-")
    assert "cc-by-nc-sa-4.0" in problem and problem.endswith("(or 'other', named by license_name and license_url).")


def test_changelog_must_start_with_the_version(tmp_path):
    where = _write(tmp_path, version="1.1.0")
    assert _problems(tmp_path) == [f"{where}: changelog: the newest entry is version '2.0.0', not '1.1.0'. Fix: put "
                                   "the entry of `version` first."]


def test_citation_must_be_one_bibtex_entry(tmp_path):
    where = _write(tmp_path, citation="Zhang et al. 2022")
    assert _problems(tmp_path) == [f"{where}: citation: not one BibTeX entry. Fix: write one entry '@type{{key, "
                                   "field = {...}, ...}' with balanced braces, or leave citation out."]


def test_not_json_or_not_an_object(tmp_path):
    (tmp_path / CORPUS_FILE).write_text("{", encoding="utf-8")
    [problem] = _problems(tmp_path)
    assert problem == f"{tmp_path / CORPUS_FILE}:1: invalid JSON: {json_error('{')}. Fix: fix the JSON syntax."
    (tmp_path / CORPUS_FILE).write_text("[]", encoding="utf-8")
    assert _problems(tmp_path) == [f"{tmp_path / CORPUS_FILE}: expected a JSON object, got an array. Fix: {FIX}."]
    (tmp_path / CORPUS_FILE).write_bytes(b'{"name": "\xff"}')
    try:
        b'{"name": "\xff"}'.decode("utf-8")
    except UnicodeDecodeError as err:
        reason = err.reason  # Python's words
    assert _problems(tmp_path) == [f"{tmp_path / CORPUS_FILE}:1: not UTF-8: {reason} at byte 10 (column "
                                   "11). Fix: save the file as UTF-8."]


def test_python_construction_is_strict_too():
    with pytest.raises(ValueError, match=pydantic_error(tuple[str, ...], ["a"])):
        CorpusInfo(**{**SEESAW_CORPUS.model_dump(), "creators": [c.model_dump() for c in SEESAW_CORPUS.creators]})
    with pytest.raises(ValueError, match=re.escape(pydantic_error(VERSION, "1.0"))):
        Change(version="1.0", date="2026-11-27", change="x")


@pytest.mark.parametrize(("text", "ok"), [
    ("@misc{key,\n  title = {A {B} c},\n}", True),
    ("  @inproceedings{a-b_2022, title = {x}}\n", True),
    ("@misc{key, title = {x}", False),          # unbalanced
    ("@misc{key, title = {x}} @misc{k2, t = {y}}", False),  # two entries
    ("@misc{, title = {x}}", False),            # no key
    ("misc{key, title = {x}}", False),
    ("@misc{key, title = {x}}}{", False),
])
def test_is_bibtex_entry(text, ok):
    assert is_bibtex_entry(text) is ok
