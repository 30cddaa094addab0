"""Which code produced a result: a fingerprint of the whole installed package, and of a user's model.

A result records :func:`source_fingerprint` (one sha256 over every file of the installed
``actorstance`` package: its Python source and its packaged resources, not a hand-picked list) with
the version, so two results with the same fingerprint came from the same code. For a model that is
not part of the package, :func:`model_provenance` adds the sha256 of the file of the module that
defines its class and, when it has ``get_params()``, its parameters.

>>> len(source_fingerprint()) == 64
True
"""

from __future__ import annotations

import hashlib
import inspect
from functools import lru_cache
from pathlib import Path
from typing import Any

from actorstance.checksum import sha256_bytes, sha256_file

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """sha256 over the sorted ``sha256  relative/path`` lines of every file of the installed package
    (compiled ``__pycache__`` files left out)."""
    lines = [f"{sha256_file(path)}  {path.relative_to(PACKAGE).as_posix()}"
             for path in sorted(PACKAGE.rglob("*")) if path.is_file() and "__pycache__" not in path.parts]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def model_provenance(model: Any) -> tuple[str | None, dict[str, str] | None]:
    """``(module_sha256, params)`` of a model: the sha256 of its class's module file when that file
    lies outside the package (None inside it: :func:`source_fingerprint` covers it, and when the
    file cannot be found), and ``get_params(deep=False)`` with each value as its ``repr`` (None without
    ``get_params``)."""
    params = None
    get_params = getattr(model, "get_params", None)
    if callable(get_params):
        try:
            params = {str(key): repr(value) for key, value in sorted(get_params(deep=False).items())}
        except Exception:  # a user's get_params that fails says nothing about the model; record none
            params = None
    try:
        source = inspect.getsourcefile(type(model))
    except TypeError:  # a built-in class
        source = None
    if source is None or PACKAGE in Path(source).resolve().parents:
        return None, params
    try:
        return sha256_bytes(Path(source).read_bytes()), params
    except OSError:
        return None, params
