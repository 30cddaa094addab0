import pytest

from actorstance.atomic import atomic_dir, atomic_file, write_bytes_atomic


def test_atomic_file_replaces_on_success(tmp_path):
    dest = tmp_path / "out.txt"
    write_bytes_atomic(dest, b"old")
    write_bytes_atomic(dest, b"new")
    assert dest.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_file_keeps_old_output_on_failure(tmp_path):
    dest = tmp_path / "out.txt"
    write_bytes_atomic(dest, b"old")
    with pytest.raises(RuntimeError):
        with atomic_file(dest) as fh:
            fh.write(b"half")
            raise RuntimeError("boom")
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_dir_replaces_whole_folder_or_nothing(tmp_path):
    dest = tmp_path / "ds"
    with atomic_dir(dest) as tmp:
        (tmp / "a").write_text("1")
    with pytest.raises(RuntimeError):
        with atomic_dir(dest) as tmp:
            (tmp / "b").write_text("2")
            raise RuntimeError("boom")
    assert sorted(p.name for p in dest.iterdir()) == ["a"]
    with atomic_dir(dest) as tmp:
        (tmp / "c").write_text("3")
    assert sorted(p.name for p in dest.iterdir()) == ["c"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]
