"""Acceptance: ``datasets.load_dataset`` reads a built folder offline with a fresh cache."""

from __future__ import annotations

import datasets
import huggingface_hub.constants
import pytest

from actorstance.labels import CONFIG_LABELS
from actorstance.convert import pair_id


@pytest.fixture
def offline(monkeypatch, no_network):
    # HF_HUB_OFFLINE is read when the libraries are imported, so set the parsed flags too
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


@pytest.mark.parametrize(("config", "rows"), [
    ("pairs", {"train": [("berg", "holm"), ("green_bloc", "berg"), ("holm", "berg"), ("holm", "lind")],
               "test": {("holm", "saleh"): "neutral", ("saleh", "northern_front"): "negative"}}),
    ("candidates", {"train": 20, "test": {("holm", "saleh"): "neutral", ("northern_front", "saleh"): "none",
                                          ("saleh", "holm"): "none", ("saleh", "northern_front"): "negative"}}),
])
def test_load_dataset_offline_with_fresh_cache(tiny_dataset, tmp_path, offline, config, rows):
    loaded = datasets.load_dataset(str(tiny_dataset), config, cache_dir=str(tmp_path / "cache"))
    assert list(loaded) == ["train", "test"]
    for split, expected in rows.items():
        ds = loaded[split]
        assert ds.split == split
        assert ds["id"] == sorted(pair_id(d, s, t) for d, s, t in zip(ds["doc_id"], ds["source_id"], ds["target_id"]))
        assert (len(ds) == expected) if isinstance(expected, int) else (
            sorted(zip(ds["source_id"], ds["target_id"])) == sorted(expected))
        assert ds.features["label"].names == list(CONFIG_LABELS[config])
    test = loaded["test"]
    assert {(r["source_id"], r["target_id"]): test.features["label"].int2str(r["label"]) for r in test} == rows["test"]
