import hashlib
import os
import time

import actorstance.checksum as checksum
from actorstance.checksum import sha256_bytes, sha256_file


def _age(path, seconds=10):
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_a_file_is_hashed_once_while_it_is_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "data.bin"
    path.write_bytes(b"abc")
    _age(path)
    calls = []
    real = hashlib.file_digest
    monkeypatch.setattr(checksum.hashlib, "file_digest", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    assert sha256_file(path) == sha256_file(path) == sha256_bytes(b"abc")
    assert len(calls) == 1


def test_a_rewritten_file_is_hashed_again(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"abc")
    _age(path, 20)
    assert sha256_file(path) == sha256_bytes(b"abc")
    path.write_bytes(b"abd")  # same size, in place
    _age(path, 10)
    assert sha256_file(path) == sha256_bytes(b"abd")


def test_a_file_changed_just_now_is_never_kept(tmp_path):
    path = tmp_path / "fresh.bin"
    path.write_bytes(b"abc")
    assert checksum.unchanged_file_key(path) is None
    assert sha256_file(path) == sha256_bytes(b"abc")
