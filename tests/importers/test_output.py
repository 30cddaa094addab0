"""The import folder: atomic, replaced whole, and never over a folder that holds other files."""

import hashlib

import pytest

from actorstance.errors import OutputError
from actorstance.importers.output import check_replaceable, text_ref


def test_text_ref_hashes_utf8_bytes():
    ref = text_ref("d1", "Zoë\n")
    assert ref.path == "texts/d1.txt"
    assert ref.sha256 == hashlib.sha256("Zoë\n".encode("utf-8")).hexdigest()


def test_new_or_earlier_import_folders_may_be_replaced(tmp_path):
    check_replaceable(tmp_path / "new")
    earlier = tmp_path / "earlier"
    (earlier / "texts").mkdir(parents=True)
    (earlier / "texts" / "d1.txt").write_text("x", encoding="utf-8")
    (earlier / "d1.json").write_text("{}", encoding="utf-8")
    check_replaceable(earlier)


def test_a_folder_with_other_files_is_refused(tmp_path):
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        check_replaceable(tmp_path)
    assert str(info.value) == (
        f"{tmp_path}: refusing to replace this folder: it holds 'notes.md', which an import never writes. "
        "Fix: give --output a new folder or one written by an earlier import (it is replaced whole).")
    (tmp_path / "notes.md").unlink()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "image.png").write_bytes(b"")
    with pytest.raises(OutputError, match="it holds 'texts'"):
        check_replaceable(tmp_path)


def test_a_file_is_refused(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        check_replaceable(path)
    assert str(info.value) == (f"{path}: is a file, not a folder. Fix: give --output a folder path (new or from an "
                               "earlier import; it is replaced whole).")
