"""SHA-256 digests as the project records them: lowercase hex of the exact bytes."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks (``hashlib.file_digest``).

    Each file is hashed once per process: the digest is kept for as long as the file's device,
    inode, size and modification time stay the same (a rewrite, atomic or in place, changes them),
    so checking a dataset's manifest and then fingerprinting it reads the files once. A file
    changed in the last :data:`_RACY_NS` is always read: a rewrite within the file system's
    timestamp granularity could keep its modification time.
    """
    stat = os.stat(path)
    key = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    digest = _DIGESTS.get(key)
    if digest is None:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        if time.time_ns() - stat.st_mtime_ns > _RACY_NS:
            _DIGESTS[key] = digest
    return digest

_RACY_NS = 2_000_000_000


_DIGESTS: dict[tuple[int, int, int, int], str] = {}


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()
