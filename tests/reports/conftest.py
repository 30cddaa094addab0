"""Built datasets and one benchmark run shared by the report tests (made once per session)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from actorstance.dataset.build import build_dataset
from tests.conftest import TINY

#: A fixed creation time (2026-11-27T00:00:00Z) so that outputs are byte-identical.
EPOCH = "1795737600"


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    """tiny_a → train (4 pairs), tiny_b → test (2 pairs, 1 document); treat as read-only."""
    output = tmp_path_factory.mktemp("tiny") / "dataset"
    build_dataset(TINY, output)
    return output


@pytest.fixture(scope="session")
def two_document_dataset(tmp_path_factory) -> Path:
    """Both tiny documents in the test split (6 pairs, 2 documents), no train split."""
    annotations = tmp_path_factory.mktemp("two") / "annotations"
    shutil.copytree(TINY, annotations)
    (annotations / "splits.json").write_text(json.dumps({"tiny_a": "test", "tiny_b": "test"}), encoding="utf-8")
    build_dataset(annotations, annotations.parent / "dataset")
    return annotations.parent / "dataset"


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
