"""A built tiny dataset (tiny_a → train, tiny_b → test) and prediction-file helpers for the extraction tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorstance.dataset.build import build_dataset
from tests.conftest import TINY


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    """Built once from tests/fixtures/tiny; treat it as read-only."""
    out = tmp_path_factory.mktemp("extraction") / "dataset"
    build_dataset(TINY, out)
    return out


@pytest.fixture
def write_lines(tmp_path: Path):
    """Write a predictions file from objects (dumped as JSON) or raw strings (written as they are)."""

    def write(*lines, name: str = "triplets.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                        encoding="utf-8")
        return path

    return write
