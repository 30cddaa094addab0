"""The command-line syntax of values (``actorstance.cli.params``): parsed results and exact errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorstance.cli.params import parse_dataset_ref, parse_named_file, parse_train_spec
from actorstance.errors import ActorstanceError, TrainSpecError
from actorstance.reports.benchmark import DatasetRef


def test_dataset_ref_parsing():
    assert parse_dataset_ref("a/b") == DatasetRef(Path("a/b"), "pairs", "test")
    assert parse_dataset_ref("a/b:candidates:train") == DatasetRef(Path("a/b"), "candidates", "train")
    assert parse_dataset_ref("a/b:documents:test") == DatasetRef(Path("a/b"), "documents", "test")  # --task extraction
    with pytest.raises(ActorstanceError, match=r"unknown config 'pears'\. Fix: use one of candidates, documents, pairs"):
        parse_dataset_ref("a/b:pears:test")
    with pytest.raises(ActorstanceError, match="expected DIR or DIR:CONFIG:SPLIT"):
        parse_dataset_ref("a/b:pairs")


def test_predictions_argument_parsing():
    assert parse_named_file("gpt=out/p.jsonl") == ("gpt", Path("out/p.jsonl"))
    with pytest.raises(ActorstanceError, match=r"--predictions 'p\.jsonl': expected NAME=FILE"):
        parse_named_file("p.jsonl")


@pytest.mark.parametrize("text, parsed", [
    ("data/dataset", (Path("data/dataset"), None, "train")),
    ("data/seesaw:pairs:train", (Path("data/seesaw"), "pairs", "train")),
    ("/tmp/a:b/x:candidates:validation", (Path("/tmp/a:b/x"), "candidates", "validation")),
])
def test_parse_train_spec(text, parsed):
    assert parse_train_spec(text) == parsed


@pytest.mark.parametrize("text, message", [
    ("", "--train: expected a dataset folder, got ''. Fix: write DATASET or DATASET:CONFIG:SPLIT, e.g. data/seesaw:pairs:train"),
    ("data/x:pairs", "--train 'data/x:pairs': expected DATASET or DATASET:CONFIG:SPLIT (both CONFIG and SPLIT after "
                     "the folder). Fix: write DATASET or DATASET:CONFIG:SPLIT, e.g. data/seesaw:pairs:train"),
    ("data/x:pair:train", "--train 'data/x:pair:train': unknown config 'pair'. Fix: use one of candidates, pairs"),
    ("data/x:pairs:tr ain", "--train 'data/x:pairs:tr ain': split 'tr ain' is not a split name. "
                            "Fix: use letters, digits, '_', '-' or '.', e.g. train"),
])
def test_parse_train_spec_errors(text, message):
    with pytest.raises(TrainSpecError) as err:
        parse_train_spec(text)
    assert str(err.value) == message
