"""Pytest set-up shared by the test suite (``tests/``) and the docstring examples (``src/``).

BLAS and OpenMP are pinned to one thread before anything imports numpy: the suite runs many small
fits, where thread pools cost more than they give, and a shared machine is not oversubscribed.
Docstring examples run from the repository root, so ``data/dataset`` in an example is the
committed dataset.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _examples_run_from_the_repository_root(request, monkeypatch):
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.chdir(ROOT)
