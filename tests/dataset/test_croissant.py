from __future__ import annotations

import json

import pytest

from actorstance.dataset.load import load_split
from actorstance.dataset.manifest import read_manifest

# third-party deprecation noise from mlcroissant's dependencies
pytestmark = [pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated"),
              pytest.mark.filterwarnings("ignore:The inplace keyword")]


def test_croissant_is_valid_offline(tiny_dataset, no_network):
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(str(tiny_dataset / "croissant.json"))
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, issues.report()
    assert dataset.metadata.version == "1.0.0"


def test_croissant_records_match_the_parquet_rows(tiny_dataset, no_network):
    mlc = pytest.importorskip("mlcroissant")
    records = list(mlc.Dataset(str(tiny_dataset / "croissant.json")).records("candidates"))
    got = sorted((r["candidates/split"].decode(), r["candidates/id"].decode(), r["candidates/label"]) for r in records)
    expected = sorted((split, row["id"], row["label"]) for split in ("train", "test")
                      for row in load_split(tiny_dataset, "candidates", split))
    assert got == expected and len(got) == 24


def test_croissant_repeats_the_manifest_checksums(tiny_dataset):
    croissant = json.loads((tiny_dataset / "croissant.json").read_text(encoding="utf-8"))
    manifest = read_manifest(tiny_dataset)
    objects = {d["contentUrl"]: d for d in croissant["distribution"] if d["@type"] == "cr:FileObject"}
    assert sorted(objects) == sorted(rel for rel in manifest["files"] if rel.endswith(".parquet"))
    for rel, obj in objects.items():
        assert obj["sha256"] == manifest["files"][rel]["sha256"]
        assert obj["contentSize"] == f"{manifest['files'][rel]['bytes']} B"
    assert croissant["version"] == manifest["version"]
    assert croissant["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_croissant_of_an_imported_corpus_carries_its_licence_and_citation(seesaw_dataset, no_network):
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(str(seesaw_dataset / "croissant.json"))
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, issues.report()
    croissant = json.loads((seesaw_dataset / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["name"] == "actorstance-seesaw" and croissant["alternateName"].startswith("SEESAW ")
    assert croissant["license"] == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert croissant["url"] == "https://github.com/launchnlp/SEESAW"
    assert croissant["citeAs"].startswith("@inproceedings{zhang-etal-2022-seesaw,\n  title     = {Generative "
                                          "Entity-to-Entity Stance Detection with Knowledge Graph Augmentation}")
    assert croissant["creator"] == [{"@type": "sc:Person", "name": n} for n in
                                    ("Xinliang Frederick Zhang", "Nicholas Beauchamp", "Lu Wang")]
    assert croissant["description"].endswith("Annotations CC BY-NC-SA 4.0; the quoted article text belongs to its "
                                             "publisher.")
    assert (croissant["version"], croissant["datePublished"]) == ("2.0.0", "2026-12-01")
    # the card says the same
    from actorstance.dataset.card_reader import read_card_metadata

    assert read_card_metadata(seesaw_dataset)["license"] == "cc-by-nc-sa-4.0"
    assert croissant["citeAs"] in (seesaw_dataset / "README.md").read_text(encoding="utf-8")
