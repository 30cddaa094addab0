"""The committed data/dataset/ must be exactly what `actorstance build` makes from data/annotations/.

Byte for byte when this environment has the pyarrow/datasets versions recorded in its
MANIFEST.json; otherwise (parquet bytes depend on the writer's version) row for row, with
every other fact — card text, features, label names, counts, version — still compared exactly.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from actorstance.annotations import annotation_files
from actorstance.dataset.build import build_dataset, built_with
from actorstance.dataset.card_reader import card_features, read_card_metadata
from actorstance.dataset.layout import CARD_FILE, CROISSANT_FILE, MANIFEST_FILE
from actorstance.dataset.manifest import read_manifest
from tests.conftest import REPO

ANNOTATIONS = REPO / "data" / "annotations"
COMMITTED = REPO / "data" / "dataset"
FIX = "Fix: rebuild it with `actorstance build` and commit the result."


def differences(committed: Path, fresh: Path) -> list[str]:
    """What differs between two dataset folders (empty when the committed one is trustworthy)."""
    files = lambda folder: sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())  # noqa: E731
    if files(committed) != files(fresh):
        return [f"files differ: {files(committed)} vs {files(fresh)}"]
    manifest = read_manifest(committed) or {}
    if manifest.get("built_with") == built_with():
        return [f"{rel}: bytes differ" for rel in files(fresh)
                if (committed / rel).read_bytes() != (fresh / rel).read_bytes()]
    return _logical_differences(committed, fresh, files(fresh))


def _logical_differences(committed: Path, fresh: Path, rels: list[str]) -> list[str]:
    out = []
    for rel in rels:
        if rel.endswith(".parquet"):
            a, b = pq.read_table(committed / rel), pq.read_table(fresh / rel)
            if not a.equals(b) or _hf_features(a) != _hf_features(b):
                out.append(f"{rel}: rows or schema differ")
    body = lambda folder: (folder / CARD_FILE).read_text(encoding="utf-8").split("\n---\n", 1)[1]  # noqa: E731
    if body(committed) != body(fresh):
        out.append(f"{CARD_FILE}: datasheet text differs")
    meta_c, meta_f = read_card_metadata(committed), read_card_metadata(fresh)
    for key in meta_f:
        if key != "dataset_info" and meta_c.get(key) != meta_f[key]:
            out.append(f"{CARD_FILE}: metadata '{key}' differs")
    for config in meta_f["configs"]:
        name = config["config_name"]
        if card_features(committed, name) != card_features(fresh, name):
            out.append(f"{CARD_FILE}: features of config '{name}' differ")
    counts = lambda meta: {(i["config_name"], s["name"]): s["num_examples"] for i in meta["dataset_info"]  # noqa: E731
                           for s in i["splits"]}
    if counts(meta_c) != counts(meta_f):
        out.append(f"{CARD_FILE}: split sizes differ")
    if _without_writer_facts(committed) != _without_writer_facts(fresh):
        out.append(f"{CROISSANT_FILE}: differs beyond file checksums and sizes")
    if (read_manifest(committed) or {}).get("version") != read_manifest(fresh)["version"]:
        out.append(f"{MANIFEST_FILE}: dataset version differs")
    return out


def _hf_features(table):
    from datasets import Features

    return Features.from_dict(json.loads(table.schema.metadata[b"huggingface"])["info"]["features"])


def _without_writer_facts(folder: Path) -> dict:
    croissant = json.loads((folder / CROISSANT_FILE).read_text(encoding="utf-8"))
    for item in croissant["distribution"]:
        item.pop("sha256", None)
        item.pop("contentSize", None)
    return croissant


def test_committed_dataset_equals_a_fresh_build(tmp_path):
    if not ANNOTATIONS.is_dir() or not annotation_files([ANNOTATIONS]):
        pytest.skip("no annotations in data/annotations/ yet, so there is no dataset to commit")
    assert COMMITTED.is_dir(), f"{COMMITTED} is missing. {FIX}"
    build_dataset(ANNOTATIONS, tmp_path / "dataset")
    problems = differences(COMMITTED, tmp_path / "dataset")
    assert not problems, f"{COMMITTED} is not a fresh build:\n  " + "\n  ".join(problems) + f"\n{FIX}"


def test_comparison_with_same_writer_is_byte_exact(tiny_dataset, dataset_copy):
    assert differences(dataset_copy, tiny_dataset) == []
    card = dataset_copy / CARD_FILE
    card.write_text(card.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert differences(dataset_copy, tiny_dataset) == ["README.md: bytes differ"]


def test_comparison_across_writer_versions_is_row_exact(tiny_dataset, dataset_copy, monkeypatch):
    import actorstance.dataset.build as build_module
    import tests.dataset.test_committed as this

    monkeypatch.setattr(this, "built_with", lambda: {"datasets": "0.0", "pyarrow": "0.0"})
    assert differences(dataset_copy, tiny_dataset) == []
    # re-encode one file with other writer settings: different bytes, same rows → still equal
    path = dataset_copy / "pairs" / "test-00000-of-00001.parquet"
    table = pq.read_table(path)
    pq.write_table(table, path, compression="gzip")
    assert path.read_bytes() != (tiny_dataset / "pairs" / "test-00000-of-00001.parquet").read_bytes()
    assert differences(dataset_copy, tiny_dataset) == []
    # different rows are caught
    pq.write_table(table.slice(0, 1), path, **build_module.PARQUET_OPTIONS)
    assert differences(dataset_copy, tiny_dataset) == ["pairs/test-00000-of-00001.parquet: rows or schema differ"]
    shutil.copyfile(tiny_dataset / "pairs" / "test-00000-of-00001.parquet", path)
    card = dataset_copy / CARD_FILE
    card.write_text(card.read_text(encoding="utf-8").replace("num_examples: 2", "num_examples: 3"), encoding="utf-8")
    assert differences(dataset_copy, tiny_dataset) == ["README.md: split sizes differ"]
