"""Predictions-file and gold helpers of the evaluation tests (built datasets: tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorstance.evaluation import load_split_data


@pytest.fixture
def write_preds(tmp_path):
    """Write predictions lines ({id: label} or raw strings) to a file; return its path."""

    def write(labels: dict | list, name: str = "preds.jsonl") -> Path:
        path = tmp_path / name
        lines = ([json.dumps({"id": i, "label": label}) for i, label in labels.items()]
                 if isinstance(labels, dict) else labels)
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    return write


@pytest.fixture
def gold_of():
    """``{id: gold label}`` of a split."""

    def gold(dataset: Path, config: str = "pairs", split: str = "test") -> dict:
        data = load_split_data(dataset, config, split)
        return dict(zip(data.ids, data.gold))

    return gold
