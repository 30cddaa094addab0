"""SHA-256 digests as the project records them: lowercase hex of the exact bytes."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks (``hashlib.file_digest``).

    Each file is hashed once per process (:func:`unchanged_file_key`), so checking a dataset's
    manifest and then fingerprinting it reads the files once.
    """
    key = unchanged_file_key(path)
    digest = _DIGESTS.get(key) if key else None
    if digest is None:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        if key:
            _DIGESTS[key] = digest
    return digest


def unchanged_file_key(path: str | Path) -> tuple | None:
    """A key under which what was read from ``path`` may be kept for the rest of the process: the
    file's device, inode, size and modification time (any rewrite, atomic or in place, changes
    one of them). ``None`` for a file changed in the last :data:`_RACY_NS`, whose rewrite within
    the file system's timestamp granularity could keep its modification time: read it again."""
    stat = os.stat(path)
    if time.time_ns() - stat.st_mtime_ns <= _RACY_NS:
        return None
    return (os.path.realpath(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


_DIGESTS: dict[tuple, str] = {}
_RACY_NS = 2_000_000_000


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()
