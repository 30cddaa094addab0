"""A predictions-file helper of the extraction tests (built datasets: tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def write_lines(tmp_path: Path):
    """Write a predictions file from objects (dumped as JSON) or raw strings (written as they are)."""

    def write(*lines, name: str = "triplets.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                        encoding="utf-8")
        return path

    return write
