"""One benchmark run shared by the report tests (made once per session; built datasets: tests/conftest.py)."""

from __future__ import annotations

import pytest

#: A fixed creation time (2026-11-27T00:00:00Z) so that outputs are byte-identical.
EPOCH = "1795737600"


@pytest.fixture(scope="session")
def tiny_benchmark(two_document_dataset):
    """Every baseline on the two-document split, 200 resamples, created at :data:`EPOCH`."""
    from actorstance.reports.benchmark import run_benchmark

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return run_benchmark([two_document_dataset], n_resamples=200, seed=0)


@pytest.fixture
def fixed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
