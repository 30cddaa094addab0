"""Reading a card back without ``datasets``: ``configs`` as ``datasets`` reads it, bad ones refused clearly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actorstance.dataset.card_reader import card_configs, card_features_yaml, read_card_metadata
from actorstance.errors import DatasetError


def _meta(configs) -> dict:
    return {"configs": configs}


def test_configs_are_read_as_datasets_reads_them(tiny_dataset):
    from datasets.utils.metadata import MetadataConfigs

    meta = read_card_metadata(tiny_dataset)
    theirs = {name: {item["split"]: [item["path"]] for item in entry["data_files"]}
              for name, entry in MetadataConfigs.from_dataset_card_data(meta).items()}
    assert card_configs(tiny_dataset, meta) == theirs


def test_a_split_may_list_several_patterns():
    meta = _meta([{"config_name": "pairs", "data_files": [{"split": "test", "path": ["a/*.parquet", "b/*.parquet"]}]}])
    assert card_configs("ds", meta) == {"pairs": {"test": ["a/*.parquet", "b/*.parquet"]}}


def test_a_card_without_configs_has_none():
    assert card_configs("ds", {"pretty_name": "x"}) == {}


@pytest.mark.parametrize(("configs", "message"), [
    ({"config_name": "pairs"}, "expected a list of configs, got dict"),
    (["pairs"], "each config needs a `config_name` string, got 'pairs'"),
    ([{"data_files": []}], "each config needs a `config_name` string, got {'data_files': []}"),
    ([{"config_name": "pairs", "data_files": "pairs/*.parquet"}],
     "config 'pairs': expected data_files as a list of {split, path}, got 'pairs/*.parquet'"),
    ([{"config_name": "pairs", "data_files": ["pairs/*.parquet"]}],
     "config 'pairs': expected each data_files entry as {split: NAME, path: PATTERN or [PATTERNS]}, "
     "got 'pairs/*.parquet'"),
    ([{"config_name": "pairs", "data_files": [{"split": "te-st", "path": "p"}]}], "got {'split': 'te-st', 'path': 'p'}"),
    ([{"config_name": "pairs", "data_files": [{"split": "test", "path": 3}]}], "got {'split': 'test', 'path': 3}"),
    ([{"config_name": "pairs", "data_files": [{"split": "test", "path": []}]}], "got {'split': 'test', 'path': []}"),
    ([{"config_name": "pairs", "data_files": [{"split": "test", "path": "p", "x": 1}]}], "'x': 1}"),
])
def test_configs_of_another_shape_are_refused_with_what_was_expected(tmp_path, configs, message):
    with pytest.raises(DatasetError) as err:
        card_configs(tmp_path, _meta(configs))
    assert str(err.value).startswith(f"{tmp_path / 'README.md'}: invalid `configs` metadata (")
    assert message in str(err.value) and str(err.value).endswith("). Fix: rebuild the dataset.")


def test_features_listed_for_a_config(tiny_dataset):
    meta = read_card_metadata(tiny_dataset)
    assert [f["name"] for f in card_features_yaml(tiny_dataset, "pairs", meta)][:2] == ["id", "doc_id"]
    assert card_features_yaml(tiny_dataset, "nope", meta) is None
    single = {"dataset_info": {"features": [{"name": "id", "dtype": "string"}]}}  # one config, as a mapping
    assert card_features_yaml("ds", "default", single) == [{"name": "id", "dtype": "string"}]


def test_scoring_a_predictions_file_of_a_fresh_build_does_without_datasets(tiny_dataset, tmp_path):
    """The fast path (card, parquet and predictions read without ``datasets``) is the one a fresh build takes."""
    script = f"""
import json, sys
from actorstance.evaluation import evaluate, load_split_data
data = load_split_data({str(tiny_dataset)!r}, "candidates", "train", inputs=False)
path = {str(tmp_path / "p.jsonl")!r}
open(path, "w").write("".join(json.dumps({{"id": i, "label": "none"}}) + "\\n" for i in data.ids))
result = evaluate({str(tiny_dataset)!r}, predictions=path, config="candidates", split="train", bootstrap=10)
assert result.n == len(data.ids) == 20, result.n
print(sorted(m for m in sys.modules if m.split(".")[0] in ("datasets", "huggingface_hub")))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
