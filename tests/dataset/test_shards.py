"""Sharded, streamed parquet: Hub shard names, same rows as one file, readable while streaming."""

from __future__ import annotations

from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest

import actorstance.dataset.shards as shards_module
from actorstance.dataset.build import build_dataset, pair_columns
from actorstance.dataset.load import load_split
from actorstance.dataset.shards import ShardedWriter
from actorstance.errors import DatasetError
from tests.conftest import TINY


@pytest.fixture
def small_row_groups(monkeypatch):
    # the tiny fixture has 20 candidate rows in train: row groups of 5 make four of them
    monkeypatch.setitem(shards_module.PARQUET_OPTIONS, "row_group_size", 5)


@pytest.fixture
def sharded(tmp_path, small_row_groups) -> Path:
    out = tmp_path / "sharded"
    build_dataset(TINY, out, shard_bytes=1)  # every row group starts a new shard
    return out


def test_a_split_larger_than_the_shard_size_is_cut_into_hub_named_shards(sharded):
    assert sorted(p.name for p in (sharded / "candidates").iterdir()) == [
        "test-00000-of-00001.parquet",
        "train-00000-of-00004.parquet", "train-00001-of-00004.parquet",
        "train-00002-of-00004.parquet", "train-00003-of-00004.parquet"]
    assert [pq.ParquetFile(p).metadata.num_rows for p in sorted((sharded / "candidates").glob("train-*"))] == [5] * 4


def test_shards_hold_the_rows_of_one_file_in_the_same_order(sharded, tiny_dataset):
    for config in ("pairs", "candidates"):
        for split in ("train", "test"):
            assert load_split(sharded, config, split).to_list() == load_split(tiny_dataset, config, split).to_list()


def test_the_card_counts_every_shard(sharded, tiny_dataset):
    def card(folder):
        text = (folder / "README.md").read_text(encoding="utf-8")
        sizes = [int(line.split(":")[1]) for line in text.splitlines() if line.strip().startswith("num_bytes:")]
        return [line for line in text.splitlines() if "num_bytes:" not in line and "dataset_size:" not in line], sizes

    (sharded_card, sharded_sizes), (one_card, one_sizes) = card(sharded), card(tiny_dataset)
    assert sharded_card == one_card
    # Arrow sizes of the row groups: a few offset bytes per extra chunk, never rows lost
    assert all(0 <= a - b <= 16 for a, b in zip(sharded_sizes, one_sizes)) and len(sharded_sizes) == len(one_sizes)


def test_sharded_build_is_byte_identical_across_runs(sharded, tmp_path):
    again = tmp_path / "again"
    build_dataset(TINY, again, shard_bytes=1)
    files = sorted(p.relative_to(sharded) for p in sharded.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((sharded / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_load_dataset_streams_the_shards(sharded, tmp_path, monkeypatch, no_network):
    import huggingface_hub.constants

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    stream = datasets.load_dataset(str(sharded), "candidates", split="train", streaming=True,
                                   cache_dir=str(tmp_path / "cache"))
    assert isinstance(stream, datasets.IterableDataset)
    ids = [row["id"] for row in stream]
    assert ids == load_split(sharded, "candidates", "train")["id"] and len(ids) == 20


def test_writer_keeps_rows_in_order_across_row_groups_and_shards(tmp_path, tiny_dataset, small_row_groups):
    from actorstance.dataset.features import features_for

    rows = load_split(tiny_dataset, "candidates", "train")
    pairs = _pairs_of(rows)
    writer = ShardedWriter(tmp_path, "candidates", "train", features_for("candidates"),
                           to_columns=lambda batch: pair_columns(batch, "candidates"), shard_bytes=1)
    for i in range(0, len(pairs), 3):  # batches that do not line up with row groups
        writer.write(pairs[i:i + 3])
    written = writer.close()
    assert written.files == tuple(f"candidates/train-0000{i}-of-00004.parquet" for i in range(4))
    assert written.num_rows == 20
    assert [r for f in written.files for r in pq.read_table(tmp_path / f).column("id").to_pylist()] == rows["id"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_label_outside_the_config_is_refused_with_the_pair(tiny_dataset):
    pairs = _pairs_of(load_split(tiny_dataset, "candidates", "train"))
    none_pair = next(p for p in pairs if p.label == "none")
    with pytest.raises(DatasetError, match=rf"pair {none_pair.id}: label 'none' is not a label of config 'pairs'"):
        pair_columns([none_pair], "pairs")


def _pairs_of(rows):
    from actorstance.convert import StancePair

    names = rows.features["label"].names
    out = []
    for row in rows.to_list():
        row["label"] = names[row["label"]]
        for key in ("source_spans", "target_spans"):
            row[key] = tuple((s["start"], s["end"]) for s in row[key])
        for key in ("evidence", "annotators"):
            row[key] = tuple(row[key])
        out.append(StancePair(**row))
    return out
