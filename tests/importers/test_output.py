"""The import folder: atomic, replaced whole, and never over a folder that holds other files."""

import hashlib

import pytest

from actorstance.atomic import check_replaceable
from actorstance.corpus import read_corpus
from actorstance.errors import OutputError
from actorstance.importers.output import text_ref, write_imported
from tests.conftest import REPO

ACTORSTANCE_CORPUS = read_corpus(REPO / "data" / "annotations")


def test_text_ref_hashes_utf8_bytes():
    ref = text_ref("d1", "Zoë\n")
    assert ref.path == "texts/d1.txt"
    assert ref.sha256 == hashlib.sha256("Zoë\n".encode("utf-8")).hexdigest()


def test_new_or_earlier_import_folders_may_be_replaced(tmp_path):
    check_replaceable(tmp_path / "new", "import")
    write_imported([], tmp_path / "earlier", corpus=ACTORSTANCE_CORPUS)
    check_replaceable(tmp_path / "earlier", "import")
    write_imported([], tmp_path / "earlier", corpus=ACTORSTANCE_CORPUS)


def test_a_folder_that_merely_looks_like_an_import_is_refused(tmp_path):
    # only *.json files and texts/*.txt: what the old check took for an import (issue 11)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "d1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_imported([], tmp_path, corpus=ACTORSTANCE_CORPUS)
    assert str(info.value) == (
        f"{tmp_path}: refusing to replace this folder: it is not empty and is not an output of `actorstance import` "
        "(it has no .actorstance-output marker). Fix: pass a new or empty folder, or one written by an earlier "
        "`actorstance import`; move your files elsewhere first if this is the folder you meant.")
    assert (tmp_path / "gold.json").read_text(encoding="utf-8") == "{}"


def test_a_file_added_to_an_earlier_import_is_never_deleted(tmp_path):
    write_imported([], tmp_path / "out", corpus=ACTORSTANCE_CORPUS)
    (tmp_path / "out" / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="it holds 'notes.md', which `actorstance import` did not write"):
        write_imported([], tmp_path / "out", corpus=ACTORSTANCE_CORPUS)


def test_a_file_is_refused(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_imported([], path, corpus=ACTORSTANCE_CORPUS)
    assert str(info.value) == f"{path}: exists and is not a folder. Fix: give --output a folder path."
