"""The one output mechanism: atomic files and folders, markers, input overlap, kill recovery."""

import json
import os
import warnings

import pytest

from actorstance.atomic import MARKER, atomic_dir, atomic_file, check_not_input, recover, write_bytes_atomic
from actorstance.errors import OutputError, OutputRecoveredWarning


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_atomic_file_replaces_on_success(tmp_path):
    dest = tmp_path / "out.txt"
    write_bytes_atomic(dest, b"old")
    write_bytes_atomic(dest, b"new")
    assert dest.read_bytes() == b"new"
    assert names(tmp_path) == ["out.txt"]


def test_atomic_file_keeps_old_output_on_failure(tmp_path):
    dest = tmp_path / "out.txt"
    write_bytes_atomic(dest, b"old")
    with pytest.raises(RuntimeError):
        with atomic_file(dest) as fh:
            fh.write(b"half")
            raise RuntimeError("boom")
    assert dest.read_bytes() == b"old"
    assert names(tmp_path) == ["out.txt"]


def test_atomic_file_removes_the_temporary_file_of_a_killed_run(tmp_path):
    (tmp_path / ".out.txt.actorstance-tmp-abc123.tmp").write_bytes(b"half")
    (tmp_path / ".out.txt.mine").write_bytes(b"user's")
    write_bytes_atomic(tmp_path / "out.txt", b"new")
    assert names(tmp_path) == [".out.txt.mine", "out.txt"]


def test_atomic_file_refuses_a_folder_and_an_unwritable_place(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_bytes_atomic(tmp_path / "d", b"x")
    (tmp_path / "f").write_bytes(b"file")
    with pytest.raises(OutputError, match=r"cannot write the output \(a part of the path is a file, not a folder\)"):
        write_bytes_atomic(tmp_path / "f" / "x.json", b"x")
    assert (tmp_path / "f").read_bytes() == b"file"


def test_atomic_dir_replaces_whole_folder_or_nothing(tmp_path):
    dest = tmp_path / "ds"
    with atomic_dir(dest, command="build") as tmp:
        (tmp / "a").write_text("1")
    with pytest.raises(RuntimeError):
        with atomic_dir(dest, command="build") as tmp:
            (tmp / "b").write_text("2")
            raise RuntimeError("boom")
    assert names(dest) == [MARKER, "a"]
    with atomic_dir(dest, command="build") as tmp:
        (tmp / "c").write_text("3")
    assert names(dest) == [MARKER, "c"]
    assert json.loads((dest / MARKER).read_text()) == {"command": "build", "files": ["c"]}
    assert names(tmp_path) == ["ds"]


@pytest.mark.parametrize("setup, message", [
    (lambda d: (d / "notes.txt").write_text("mine"), "it is not empty and is not an output of `actorstance build`"),
    (lambda d: (d / "results.json").write_text("{}"), "it is not empty and is not an output of `actorstance build`"),
    (lambda d: (d / MARKER).write_text('{"command": "benchmark", "files": []}'), "it is the output of `actorstance benchmark`"),
    (lambda d: ((d / MARKER).write_text('{"command": "build", "files": ["a"]}'), (d / "a").write_text("1"),
                (d / "b").write_text("mine")), "it holds 'b', which `actorstance build` did not write"),
])
def test_a_folder_that_is_not_this_commands_output_is_refused(tmp_path, setup, message):
    dest = tmp_path / "out"
    dest.mkdir()
    setup(dest)
    before = {p.name: p.read_bytes() for p in dest.iterdir()}
    with pytest.raises(OutputError, match=message):
        with atomic_dir(dest, command="build"):
            pytest.fail("no work may start")
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before


def test_a_users_dot_old_folder_is_never_touched(tmp_path):
    (tmp_path / ".ds.old").mkdir()
    (tmp_path / ".ds.old" / "mine").write_text("keep")
    for _ in range(2):
        with atomic_dir(tmp_path / "ds", command="build") as tmp:
            (tmp / "a").write_text("1")
    assert (tmp_path / ".ds.old" / "mine").read_text() == "keep"
    assert names(tmp_path) == [".ds.old", "ds"]


@pytest.mark.parametrize("output, inputs, why", [
    ("ann", ["ann"], "is an input"),
    (".", ["ann"], "contains the input ann"),
    ("ann/out", ["ann"], "lies inside the input folder ann"),
    ("ann/doc.json", ["ann/doc.json"], "is an input"),
])
def test_an_output_overlapping_an_input_is_refused(tmp_path, monkeypatch, output, inputs, why):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "doc.json").write_text("{}")
    with pytest.raises(OutputError, match=why):
        check_not_input(output, inputs)


def test_a_hard_link_to_an_input_is_the_input(tmp_path):
    (tmp_path / "in.json").write_text("{}")
    os.link(tmp_path / "in.json", tmp_path / "out.json")
    with pytest.raises(OutputError, match="is an input"):
        check_not_input(tmp_path / "out.json", [tmp_path / "in.json"])


def test_an_input_reached_through_a_link_is_where_the_link_points(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "doc.txt").write_text("x")
    (tmp_path / "linked").symlink_to(real)                      # a linked folder
    (tmp_path / "doc-link.txt").symlink_to(real / "doc.txt")    # a linked file
    for inp in (tmp_path / "linked" / "doc.txt", tmp_path / "doc-link.txt"):
        with pytest.raises(OutputError, match="contains the input"):
            check_not_input(real, [tmp_path / "other.txt", inp])
        with pytest.raises(OutputError, match="is an input"):
            check_not_input(real / "doc.txt", [inp])
    check_not_input(tmp_path / "out", [tmp_path / "linked" / "doc.txt", tmp_path / "doc-link.txt"])


def test_a_kill_between_the_two_renames_is_repaired(tmp_path):
    dest = tmp_path / "ds"
    with atomic_dir(dest, command="build") as tmp:
        (tmp / "a").write_text("old")
    # what a kill after `dest → backup` and before `new → dest` leaves
    os.replace(dest, tmp_path / ".ds.actorstance-old-123")
    (tmp_path / ".ds.actorstance-new-456").mkdir()
    with pytest.warns(OutputRecoveredWarning, match="restored the previous output"):
        recover(dest)
    assert (dest / "a").read_text() == "old"
    assert names(tmp_path) == ["ds"]


def test_a_backup_superseded_by_a_complete_output_is_removed(tmp_path):
    dest = tmp_path / "ds"
    for text in ("old", "new"):
        with atomic_dir(dest, command="build") as tmp:
            (tmp / "a").write_text(text)
    os.mkdir(tmp_path / ".ds.actorstance-old-1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        recover(dest)
    assert names(tmp_path) == ["ds"] and (dest / "a").read_text() == "new"


def test_an_unwritable_folder_is_refused_before_any_work(tmp_path, monkeypatch):
    from actorstance.atomic import check_output_file

    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as root, chmod cannot show this
    with pytest.raises(OutputError, match=r"cannot write the output \(permission denied\)"):
        check_output_file(tmp_path / "r.json")


def test_inputs_are_resolved_through_links_and_dot_dots(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("ann", "texts", "elsewhere"):
        (tmp_path / folder).mkdir()
    (tmp_path / "texts" / "a.txt").write_text("a")
    os.symlink(tmp_path / "elsewhere" / "out.jsonl", tmp_path / "texts" / "link.txt")  # dangling: the output-to-be
    os.symlink(tmp_path / "texts", tmp_path / "ann" / "texts")
    inputs = ["ann/../texts/a.txt", "ann/texts/b.txt", "texts/link.txt"]
    check_not_input(tmp_path / "elsewhere" / "other.jsonl", inputs)
    for output, why in [("texts/a.txt", "is an input"), ("ann/texts/a.txt", "is an input"),
                        ("texts/b.txt", "is an input"), ("elsewhere/out.jsonl", "is an input"),
                        ("texts", "contains the input ann/../texts/a.txt")]:
        with pytest.raises(OutputError, match=why):
            check_not_input(output, inputs)
