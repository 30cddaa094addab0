"""Acceptance: ``datasets.load_dataset`` reads a built folder offline with a fresh cache."""

from __future__ import annotations

import datasets
import huggingface_hub.constants
import pytest

from actorstance.labels import CONFIG_LABELS


@pytest.fixture
def offline(monkeypatch, no_network):
    # HF_HUB_OFFLINE is read when the libraries are imported, so set the parsed flags too
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


@pytest.mark.parametrize(("config", "rows"), [
    ("pairs", {"train": ["tiny_a/berg->holm", "tiny_a/green_bloc->berg", "tiny_a/holm->berg", "tiny_a/holm->lind"],
               "test": ["tiny_b/holm->saleh", "tiny_b/saleh->northern_front"]}),
    ("candidates", {"train": 20, "test": ["tiny_b/holm->saleh", "tiny_b/northern_front->saleh",
                                          "tiny_b/saleh->holm", "tiny_b/saleh->northern_front"]}),
])
def test_load_dataset_offline_with_fresh_cache(tiny_dataset, tmp_path, offline, config, rows):
    loaded = datasets.load_dataset(str(tiny_dataset), config, cache_dir=str(tmp_path / "cache"))
    assert list(loaded) == ["train", "test"]
    for split, expected in rows.items():
        ds = loaded[split]
        assert ds.split == split
        assert (len(ds) == expected) if isinstance(expected, int) else (ds["id"] == expected)
        assert ds.features["label"].names == list(CONFIG_LABELS[config])
    test = loaded["test"]
    assert [test.features["label"].int2str(i) for i in test["label"]] == (
        ["neutral", "negative"] if config == "pairs" else ["neutral", "none", "none", "negative"])
