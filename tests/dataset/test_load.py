from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from actorstance.convert import pair_id
from actorstance.dataset.build import build_dataset
from actorstance.dataset.load import dataset_fingerprint, label_names, load_split, split_files
from actorstance.dataset.manifest import sha256_file
from actorstance.errors import DatasetError
from actorstance.labels import CONFIG_LABELS


def test_load_split_returns_the_split_rows_typed_by_the_card(tiny_dataset):
    test = load_split(tiny_dataset, "pairs", "test")
    assert test.split == "test"
    assert test["id"] == sorted([pair_id("tiny_b", "holm", "saleh"), pair_id("tiny_b", "saleh", "northern_front")])
    assert test.features["label"].names == ["positive", "negative", "neutral"]
    rows = {(r["source_id"], r["target_id"]): r for r in test}
    assert {pair: test.features["label"].int2str(r["label"]) for pair, r in rows.items()} == {
        ("holm", "saleh"): "neutral", ("saleh", "northern_front"): "negative"}
    holm_saleh = rows["holm", "saleh"]
    assert holm_saleh["source_spans"] == [{"start": 25, "end": 44}]
    assert holm_saleh["context"][25:44] == "President Lars Holm"


def test_load_split_candidates_train_has_none_pairs_of_train_documents_only(tiny_dataset):
    train = load_split(tiny_dataset, "candidates", "train")
    assert len(train) == 20 and set(train["doc_id"]) == {"tiny_a"}
    labels = [train.features["label"].int2str(i) for i in train["label"]]
    assert labels.count("none") == 16
    none_rows = [r for r in train if r["label"] == 3]
    assert all(r["evidence"] == [] and r["stance_id"] is None and r["explicit"] is None for r in none_rows)


def test_load_split_defaults_are_pairs_test(tiny_dataset):
    assert load_split(tiny_dataset)["id"] == load_split(tiny_dataset, "pairs", "test")["id"]


def test_fingerprint_of_a_loaded_split_is_deterministic(tiny_dataset, dataset_copy):
    assert load_split(tiny_dataset)._fingerprint == load_split(dataset_copy)._fingerprint
    assert load_split(tiny_dataset)._fingerprint != load_split(tiny_dataset, "candidates")._fingerprint


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DatasetError) as err:
        load_split(tmp_path / "nope")
    assert str(err.value) == (
        f"{tmp_path / 'nope'}: does not exist, so it is not a built dataset folder (expected README.md, "
        "MANIFEST.json and parquet files). Fix: build one with `actorstance build` (it writes data/dataset), or pass "
        "a built dataset folder with --dataset.")


def test_folder_without_card_is_a_clear_error(tmp_path):
    with pytest.raises(DatasetError, match="has no README.md, so it is not a built dataset folder"):
        dataset_fingerprint(tmp_path)


def test_unknown_config_lists_the_configs(tiny_dataset):
    with pytest.raises(DatasetError) as err:
        load_split(tiny_dataset, "pair", "test")
    assert str(err.value) == (f"{tiny_dataset / 'README.md'}: no config 'pair'; the dataset has: pairs, candidates, documents. "
                              "Fix: pass one of those configs.")


def test_unknown_split_lists_the_splits(tiny_dataset):
    with pytest.raises(DatasetError) as err:
        load_split(tiny_dataset, "pairs", "validation")
    assert str(err.value) == (f"{tiny_dataset / 'README.md'}: config 'pairs' has no split 'validation'; it has: "
                              "train, test. Fix: pass one of those splits with --split, or with --dataset a dataset "
                              "folder that has a 'validation' split.")


def test_missing_parquet_file_is_a_clear_error(dataset_copy):
    (dataset_copy / "pairs" / "test-00000-of-00001.parquet").unlink()
    with pytest.raises(DatasetError, match=r"no file matches 'pairs/test-\*\.parquet' \(config 'pairs', split 'test'\)"):
        load_split(dataset_copy)


def test_a_file_changed_after_the_build_is_refused(dataset_copy):
    target = dataset_copy / "pairs" / "test-00000-of-00001.parquet"
    shutil.copyfile(dataset_copy / "pairs" / "train-00000-of-00001.parquet", target)
    with pytest.raises(DatasetError) as err:
        load_split(dataset_copy)
    assert "pairs/test-00000-of-00001.parquet: sha256 differs from MANIFEST.json (the file changed after the build)" \
        in str(err.value)
    assert str(err.value).endswith("Fix: rebuild the dataset with `actorstance build` (never edit a built folder by hand).")
    with pytest.raises(DatasetError, match="do not match MANIFEST.json"):
        dataset_fingerprint(dataset_copy)


def test_card_and_parquet_label_names_must_agree(dataset_copy):
    # a folder without a manifest (so the checksum check cannot catch it) whose card renames a label
    (dataset_copy / "MANIFEST.json").unlink()
    card = dataset_copy / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("'2': neutral", "'2': neither"), encoding="utf-8")
    with pytest.raises(DatasetError, match=r"label names \['positive', 'negative', 'neutral'\] vs "
                                           r"\['positive', 'negative', 'neither'\]"):
        load_split(dataset_copy, "pairs", "test")


def test_load_split_sees_a_rebuild_immediately(tmp_path, tiny_copy):
    # the stale-cache pitfall of load_dataset: a rebuilt folder must never return old rows
    out = tmp_path / "ds"
    build_dataset(tiny_copy, out)
    assert len(load_split(out, "pairs", "train")) == 4
    (tiny_copy / "splits.json").write_text(json.dumps({"tiny_a": "test", "tiny_b": "test"}), encoding="utf-8")
    build_dataset(tiny_copy, out)
    assert len(load_split(out, "pairs", "test")) == 6
    with pytest.raises(DatasetError, match="has no split 'train'"):
        load_split(out, "pairs", "train")


def test_label_names_come_from_the_card(tiny_dataset):
    for config, names in CONFIG_LABELS.items():
        assert label_names(tiny_dataset, config) == list(names)


def test_split_files(tiny_dataset):
    assert split_files(tiny_dataset, "candidates", "train") == ["candidates/train-00000-of-00001.parquet"]


def test_dataset_fingerprint_records_version_and_every_file(tiny_dataset, dataset_copy):
    fp = dataset_fingerprint(tiny_dataset)
    manifest = json.loads((tiny_dataset / "MANIFEST.json").read_text(encoding="utf-8"))
    assert fp["version"] == manifest["version"] == "1.0.0"
    assert fp["sha256"] == manifest["sha256"]
    assert fp["files"] == {rel: sha256_file(tiny_dataset / rel) for rel in manifest["files"]}
    assert sorted(fp["files"]) == ["README.md", "candidates/test-00000-of-00001.parquet",
                                   "candidates/train-00000-of-00001.parquet", "croissant.json",
                                   "documents/test-00000-of-00001.parquet", "documents/train-00000-of-00001.parquet",
                                   "pairs/test-00000-of-00001.parquet", "pairs/train-00000-of-00001.parquet",
                                   "provenance.jsonl"]
    assert dataset_fingerprint(dataset_copy) == fp  # independent of where the folder lives


def test_dataset_fingerprint_without_manifest_has_no_version(dataset_copy):
    (dataset_copy / "MANIFEST.json").unlink()
    fp = dataset_fingerprint(dataset_copy)
    assert fp["version"] is None and len(fp["files"]) == 9


def test_load_split_reads_parquet_written_elsewhere_with_card_features(dataset_copy):
    # parquet without the huggingface metadata (e.g. re-saved by another tool) is still typed by the card
    path = dataset_copy / "pairs" / "test-00000-of-00001.parquet"
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata(None), path)
    (dataset_copy / "MANIFEST.json").unlink()
    assert load_split(dataset_copy).features["label"].names == ["positive", "negative", "neutral"]

