from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from actorstance.columns import COLUMNS, MODEL_INPUT_COLUMNS
from actorstance.dataset.card import size_category
from actorstance.dataset.card_reader import card_configs, read_card_metadata
from actorstance.dataset.documents import DOCUMENT_COLUMNS
from actorstance.dataset.layout import PAIR_CONFIGS
from actorstance.errors import DatasetError
from actorstance.labels import CONFIG_LABELS
from actorstance.schema import GUIDELINE_VERSION


def _card_label_names(meta: dict, config: str) -> list[str]:
    info = next(i for i in meta["dataset_info"] if i["config_name"] == config)
    label = next(f for f in info["features"] if f["name"] == "label")
    names = label["dtype"]["class_label"]["names"]
    return [names[str(i)] for i in range(len(names))]


def _parquet_label_names(path) -> list[str]:
    meta = json.loads(pq.read_schema(path).metadata[b"huggingface"])
    return meta["info"]["features"]["label"]["names"]


def _croissant_label_names(croissant: dict, config: str) -> list[str]:
    labels = next(r for r in croissant["recordSet"] if r["@id"] == f"{config}_labels")
    return [row[f"{config}_labels/name"] for row in sorted(labels["data"], key=lambda r: r[f"{config}_labels/index"])]


@pytest.mark.parametrize("config", PAIR_CONFIGS)
def test_label_names_agree_in_code_parquet_card_and_croissant(tiny_dataset, config):
    code = list(CONFIG_LABELS[config])
    meta = read_card_metadata(tiny_dataset)
    croissant = json.loads((tiny_dataset / "croissant.json").read_text(encoding="utf-8"))
    assert _card_label_names(meta, config) == code
    assert _croissant_label_names(croissant, config) == code
    files = sorted((tiny_dataset / config).glob("*.parquet"))
    assert files and all(_parquet_label_names(f) == code for f in files)


def test_card_metadata(tiny_dataset):
    meta = read_card_metadata(tiny_dataset)
    assert list(meta) == ["pretty_name", "license", "language", "multilinguality", "task_categories", "task_ids",
                          "size_categories", "tags", "configs", "dataset_info"]
    assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en"]
    assert meta["task_categories"] == ["text-classification"] and meta["size_categories"] == ["n<1K"]
    assert meta["configs"][0] == {"config_name": "pairs", "default": True, "data_files": [
        {"split": "train", "path": "pairs/train-*.parquet"}, {"split": "test", "path": "pairs/test-*.parquet"}]}
    splits = {i["config_name"]: {s["name"]: s["num_examples"] for s in i["splits"]} for i in meta["dataset_info"]}
    assert splits == {"pairs": {"train": 4, "test": 2}, "candidates": {"train": 20, "test": 4},
                      "documents": {"train": 1, "test": 1}}
    for info in meta["dataset_info"]:
        columns = DOCUMENT_COLUMNS if info["config_name"] == "documents" else COLUMNS
        assert [f["name"] for f in info["features"]] == list(columns)
        assert info["dataset_size"] == sum(s["num_bytes"] for s in info["splits"]) > 0


def test_card_configs(tiny_dataset):
    assert card_configs(tiny_dataset) == {
        "pairs": {"train": ["pairs/train-*.parquet"], "test": ["pairs/test-*.parquet"]},
        "candidates": {"train": ["candidates/train-*.parquet"], "test": ["candidates/test-*.parquet"]},
        "documents": {"train": ["documents/train-*.parquet"], "test": ["documents/test-*.parquet"]}}


def test_card_body_is_a_datasheet(tiny_dataset):
    body = (tiny_dataset / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    headings = [line for line in body.splitlines() if line.startswith("#")]
    for section in ("## Motivation", "## Composition", "### Splits", "### Columns", "### Context rule",
                    "## Source text and provenance", "## Annotation process", "## Intended uses",
                    "## Out-of-scope uses", "## Known limitations", "## Loading", "## How to cite", "## Changelog"):
        assert section in headings
    assert "| train | 2 | 1 | 1 | 4 | 1 |" in body  # pairs per label: positive, negative, neutral, total, documents
    assert "Documents per split: `train` 1, `test` 1." in body
    assert "| train | 2 | 1 | 1 | 16 | 20 | 1 |" in body
    assert "| tiny_a | train | en | Invented Gazette (test fixture) | 2025-03-03 |" in body
    assert f"current codebook: {GUIDELINE_VERSION}" in body
    assert "- `fixture` (human, test fixture)" in body
    assert "copyright belongs to its publisher" in body and "**Single annotator**" in body
    assert "sources person 3, organisation 1; targets person 4" in body  # actor types of pairs/train
    for column in MODEL_INPUT_COLUMNS:
        assert f"| `{column}` | model input |" in body
    assert "| `evidence` | analysis only | Gold evidence text. Analysis only" in body


@pytest.mark.parametrize(("n", "bucket"), [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (123_456, "100K<n<1M")])
def test_size_category(n, bucket):
    assert size_category(n) == bucket


def test_card_without_yaml_is_refused(tmp_path):
    (tmp_path / "README.md").write_text("# no metadata\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no YAML metadata block"):
        read_card_metadata(tmp_path)


def _body(folder) -> str:
    return (folder / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_card_of_an_imported_corpus_names_it_its_licence_and_citation(seesaw_dataset):
    meta = read_card_metadata(seesaw_dataset)
    assert meta["pretty_name"] == "SEESAW in actorstance format: directed entity-to-entity stance in news"
    assert meta["license"] == "cc-by-nc-sa-4.0" and "license_name" not in meta
    body = _body(seesaw_dataset)
    assert body.startswith("\n# SEESAW in actorstance format")
    assert ("@inproceedings{zhang-etal-2022-seesaw,\n  title     = {Generative Entity-to-Entity Stance Detection "
            "with Knowledge Graph Augmentation},\n  author    = {Zhang, Xinliang Frederick and Beauchamp, Nicholas "
            "and Wang, Lu},") in body
    assert "Source corpus: <https://github.com/launchnlp/SEESAW>; licence CC BY-NC-SA 4.0" in body
    assert "**Copyright.** SEESAW's annotations and texts are distributed by its authors under CC BY-NC-SA 4.0." in body
    assert "- Any commercial use: the licence (CC BY-NC-SA 4.0) is non-commercial." in body
    assert "The labels are SEESAW's, converted by `actorstance import seesaw`" in body
    assert 'load_dataset("path/to/actorstance-seesaw", "pairs")' in body
    assert "- **1.0.0** (2026-11-27): First conversion of SEESAW" in body
    # nothing of the actorstance seed's own statements
    for seed_text in ("CC BY 4.0", "actorstance developers", "the seed article", "docs/annotation-guidelines.md",
                      "labels come from a written codebook"):
        assert seed_text not in body


def test_card_limitations_follow_the_facts(seesaw_dataset, tiny_dataset):
    body = _body(seesaw_dataset)
    limitations = body.split("## Known limitations\n\n", 1)[1].split("\n## ", 1)[0]
    assert limitations.splitlines()[:3] == [
        "- **Size**: 4 documents and 12 annotated pairs (`train` 10 from 2 documents, `test` 2 from 1 document). "
        "Scores on `test` vary with its documents: report them with confidence intervals over documents "
        "(`actorstance evaluate` does).",
        "- **Sources**: 4 articles from 3 outlets, the most frequent (Invented Post) with 2; styles, topics and "
        "framings beyond them are not represented.",
        # the fixture's article without entities or triplets lists no annotator
        "- **Annotators**: 4 annotators (4 human); of 4 documents, 2 have more than one, 1 has one and 1 has none; "
        "this card records no agreement study."]
    assert "2 of 4 documents list more than one annotator; this card records no inter-annotator" in body
    assert "- Training such classifiers on `train`, choosing settings on `validation`, and reporting" in body
    assert ("- Measuring media bias or public opinion: nothing makes these 4 articles from 3 outlets a "
            "representative sample of the news.") in body
    tiny = _body(tiny_dataset)  # a train split and one annotator, but no validation split
    assert "- Training such classifiers on `train`, and reporting scores on `test` only." in tiny
    assert "no model can be trained" not in tiny and "worked example" not in tiny
    assert "Every document was annotated by a single annotator" in tiny


def test_card_of_an_other_licence_names_and_links_it(tiny_copy, tmp_path):
    from actorstance.corpus import read_corpus, write_corpus
    from actorstance.dataset.build import build_dataset

    corpus = read_corpus(tiny_copy).model_copy(update={"license": "other", "license_name": "Invented Licence 1.0",
                                                   "license_url": "https://example.org/licence"})
    write_corpus(corpus, tiny_copy)
    build_dataset(tiny_copy, tmp_path / "out")
    meta = read_card_metadata(tmp_path / "out")
    assert list(meta)[:4] == ["pretty_name", "license", "license_name", "license_link"]
    assert (meta["license"], meta["license_name"], meta["license_link"]) == (
        "other", "Invented Licence 1.0", "https://example.org/licence")


def test_card_reports_agreement_when_the_folder_has_an_agreement_file(tiny_copy, tmp_path):
    """Two annotators' copies of the tiny documents, one label changed: the card carries the figures."""
    import shutil

    from actorstance.agreement import measure_agreement
    from actorstance.agreement.render import write_agreement
    from actorstance.dataset.build import build_dataset

    first, second = tmp_path / "ann_a", tmp_path / "ann_b"
    shutil.copytree(tiny_copy, first)
    shutil.copytree(tiny_copy, second)
    path = second / "doc_a.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stances"][0]["label"] = "negative"
    path.write_text(json.dumps(data), encoding="utf-8")
    write_agreement(measure_agreement([first, second]), tiny_copy)
    build_dataset(tiny_copy, tmp_path / "out")
    body = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    # labels A: pos pos neg neu neg neu, B: neg pos neg neu neg neu → p_o = 5/6, p_e = (2·1 + 2·3 + 2·2)/36 = 1/3,
    # kappa = (5/6 - 1/3) / (2/3) = 0.75; the explicit flag is always true: kappa undefined
    assert ("**Inter-annotator agreement** (`agreement.json`, measured by `actorstance agree` on 2 documents "
            "annotated independently in 2 annotator folders): pair identification F1 1.000 (directed pairs marked by "
            "one annotator and by the other, pooled over annotator pairs); on the 6 pairs marked by two or more, "
            "labels agree 83.3% (Cohen's κ 0.750) and explicit/implied 100.0% (Cohen's κ undefined).") in body
    assert "Every document was annotated by a single annotator; agreement between independent annotations is " \
           "reported below." in body
    assert "- **Single annotator**: 1 annotator, agreement measured on 2 documents (see \"Annotation process\")." in body
    assert "no inter-annotator agreement figure" not in body


def test_an_agreement_file_about_other_documents_is_refused(tiny_copy, tmp_path):
    import shutil

    from actorstance.agreement import measure_agreement
    from actorstance.agreement.render import write_agreement
    from actorstance.dataset.build import build_dataset

    for name in ("ann_a", "ann_b"):
        shutil.copytree(tiny_copy, tmp_path / name)
    write_agreement(measure_agreement([tmp_path / "ann_a", tmp_path / "ann_b"]), tiny_copy)
    (tiny_copy / "doc_b.json").unlink()
    (tiny_copy / "splits.json").write_text('{"tiny_a": "test"}', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"agreement.json: measures agreement on 1 document\(s\) this folder does "
                                           r"not have \(tiny_b\)"):
        build_dataset(tiny_copy, tmp_path / "out")
