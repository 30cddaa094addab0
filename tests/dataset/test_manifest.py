from __future__ import annotations

import json

import pytest

from actorstance.dataset.manifest import manifest_problems, read_manifest, sha256_file, verify_manifest
from actorstance.errors import DatasetError


def test_manifest_lists_every_other_file_with_size_and_hash(tiny_dataset):
    manifest = read_manifest(tiny_dataset)
    files = sorted(p.relative_to(tiny_dataset).as_posix() for p in tiny_dataset.rglob("*") if p.is_file())
    assert sorted(manifest["files"]) == [f for f in files if f not in ("MANIFEST.json", ".actorstance-output")]
    for rel, entry in manifest["files"].items():
        assert entry == {"bytes": (tiny_dataset / rel).stat().st_size, "sha256": sha256_file(tiny_dataset / rel)}
    assert manifest["version"] == "1.0.0" and set(manifest["built_with"]) == {"datasets", "pyarrow"}


def test_verify_reports_changed_missing_and_extra_files(dataset_copy):
    (dataset_copy / "README.md").write_text("changed", encoding="utf-8")
    (dataset_copy / "croissant.json").unlink()
    (dataset_copy / "extra.txt").write_text("x", encoding="utf-8")
    (dataset_copy / ".cache").mkdir()  # hidden files are not part of the dataset
    (dataset_copy / ".cache" / "junk").write_text("x", encoding="utf-8")
    assert manifest_problems(dataset_copy, read_manifest(dataset_copy)) == [
        "README.md: sha256 differs from MANIFEST.json (the file changed after the build)",
        "croissant.json: listed in MANIFEST.json but missing",
        "extra.txt: not listed in MANIFEST.json"]
    with pytest.raises(DatasetError, match="3 files do not match MANIFEST.json"):
        verify_manifest(dataset_copy)


def test_verify_only_some_files(dataset_copy):
    (dataset_copy / "croissant.json").unlink()
    assert verify_manifest(dataset_copy, only=["README.md"])["version"] == "1.0.0"


def test_malformed_manifest(dataset_copy):
    (dataset_copy / "MANIFEST.json").write_text(json.dumps({"version": "1"}), encoding="utf-8")
    with pytest.raises(DatasetError, match="expected an object with a 'files' mapping"):
        read_manifest(dataset_copy)
