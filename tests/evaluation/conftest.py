"""Built datasets for the evaluation tests (made once per session from the invented tiny fixture)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorstance.cli import cli
from actorstance.evaluation import load_split_data
from tests.conftest import TINY


def _build(annotations: Path, output: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", "--annotations", str(annotations), "--output", str(output)])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    """tiny_a is the train split (4 pairs, 20 candidates), tiny_b the test split (2 pairs, 4 candidates)."""
    return _build(TINY, tmp_path_factory.mktemp("tiny") / "dataset")


@pytest.fixture(scope="session")
def two_document_dataset(tmp_path_factory) -> Path:
    """Both tiny documents in the test split (6 pairs), no train split."""
    annotations = tmp_path_factory.mktemp("two") / "annotations"
    shutil.copytree(TINY, annotations)
    (annotations / "splits.json").write_text(json.dumps({"tiny_a": "test", "tiny_b": "test"}), encoding="utf-8")
    return _build(annotations, annotations.parent / "dataset")


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
