from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import actorstance.dataset.build as build_module
from actorstance.dataset.build import PARQUET_OPTIONS, build_dataset
from actorstance.dataset.manifest import file_hashes
from actorstance.errors import AnnotationError, DatasetError, OutputError
from tests.conftest import TINY


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_the_hub_layout(tiny_dataset):
    assert sorted(_all_bytes(tiny_dataset)) == [
        ".actorstance-output", "MANIFEST.json", "README.md",
        "candidates/test-00000-of-00001.parquet", "candidates/train-00000-of-00001.parquet",
        "croissant.json", "documents/test-00000-of-00001.parquet", "documents/train-00000-of-00001.parquet",
        "pairs/test-00000-of-00001.parquet", "pairs/train-00000-of-00001.parquet", "provenance.jsonl"]


def test_build_result_counts_rows_per_config_and_split(tmp_path):
    result = build_dataset(TINY, tmp_path / "ds")
    assert result.rows == {"pairs": {"train": 4, "test": 2}, "candidates": {"train": 20, "test": 4},
                           "documents": {"train": 1, "test": 1}}
    assert result.documents == 2 and result.version == "1.0.0"
    assert result.files == {rel: e["sha256"] for rel, e in file_hashes(tmp_path / "ds").items()}


def test_rebuild_is_byte_identical_wherever_it_is_written(tiny_dataset, tmp_path):
    build_dataset(TINY, tmp_path / "elsewhere" / "other-name")
    first = _all_bytes(tiny_dataset)
    assert _all_bytes(tmp_path / "elsewhere" / "other-name") == first
    build_dataset(TINY, tmp_path / "elsewhere" / "other-name")  # over an existing build
    assert _all_bytes(tmp_path / "elsewhere" / "other-name") == first


def test_parquet_writer_settings_are_pinned():
    # every setting that changes the bytes is explicit, not left to pyarrow's defaults
    assert {"compression", "use_dictionary", "version", "data_page_version", "row_group_size",
            "write_statistics", "store_schema"} <= set(PARQUET_OPTIONS)


def test_failed_build_leaves_the_previous_folder_untouched(tiny_dataset, dataset_copy, tiny_copy, monkeypatch):
    before = _all_bytes(dataset_copy)
    (tiny_copy / "splits.json").write_text(json.dumps({"tiny_a": "test", "tiny_b": "test"}), encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(build_module, "write_manifest", fail)
    with pytest.raises(OutputError, match=r"cannot write the output \(disk full \(simulated\)\)"):
        build_dataset(tiny_copy, dataset_copy)
    assert _all_bytes(dataset_copy) == before
    assert sorted(os.listdir(dataset_copy.parent)) == ["dataset", "tiny"]  # no temporary folder left


def test_invalid_annotations_fail_before_anything_is_written(tmp_path, edit_annotation):
    path = edit_annotation(lambda d: d["stances"][0].update(label="pos"))
    with pytest.raises(AnnotationError, match="unknown label 'pos'"):
        build_dataset(path.parent, tmp_path / "ds")
    assert not (tmp_path / "ds").exists()


def test_missing_annotations_folder(tmp_path):
    with pytest.raises(DatasetError) as err:
        build_dataset(tmp_path / "none", tmp_path / "ds")
    assert str(err.value) == (f"{tmp_path / 'none'}: no such folder. Fix: pass the folder of annotation files "
                              "(with splits.json) via --annotations.")


def test_empty_annotations_folder(tmp_path):
    (tmp_path / "ann").mkdir()
    with pytest.raises(DatasetError, match=r"no annotation files \(\*\.json\) found"):
        build_dataset(tmp_path / "ann", tmp_path / "ds")


def test_refuses_to_replace_a_folder_that_is_not_a_dataset(tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError) as err:
        build_dataset(TINY, out)
    assert str(err.value) == (f"{out}: refusing to replace this folder: it is not empty and is not an output of "
                              "`actorstance build` (it has no .actorstance-output marker). Fix: pass a new or empty "
                              "folder, or one written by an earlier `actorstance build`; move your files elsewhere "
                              "first if this is the folder you meant.")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_refuses_an_output_that_contains_the_annotations(tiny_copy):
    with pytest.raises(OutputError, match="it contains the input .*tiny, which writing it would replace"):
        build_dataset(tiny_copy, tiny_copy.parent)
    assert (tiny_copy / "doc_a.json").is_file()


def test_splits_file_problems_stop_the_build(tiny_copy, tmp_path):
    (tiny_copy / "splits.json").write_text('{"tiny_a": "train", "tiny_a": "test"}', encoding="utf-8")
    with pytest.raises(DatasetError, match="key 'tiny_a' appears 2 times in this object"):
        build_dataset(tiny_copy, tmp_path / "ds")
    assert not (tmp_path / "ds").exists()


def test_every_split_holds_whole_documents(tiny_dataset):
    import pyarrow.parquet as pq

    docs = {}
    for path in sorted(tiny_dataset.glob("*/*.parquet")):
        docs[path.relative_to(tiny_dataset).as_posix()] = set(pq.read_table(path, columns=["doc_id"])["doc_id"]
                                                               .to_pylist())
    assert docs == {"candidates/test-00000-of-00001.parquet": {"tiny_b"},
                    "candidates/train-00000-of-00001.parquet": {"tiny_a"},
                    "documents/test-00000-of-00001.parquet": {"tiny_b"},
                    "documents/train-00000-of-00001.parquet": {"tiny_a"},
                    "pairs/test-00000-of-00001.parquet": {"tiny_b"},
                    "pairs/train-00000-of-00001.parquet": {"tiny_a"}}


def test_no_temporary_folders_are_left_behind(tmp_path):
    build_dataset(TINY, tmp_path / "ds")
    assert os.listdir(tmp_path) == ["ds"]


def test_a_split_without_rows_is_left_out_of_that_config_only(tiny_copy, tmp_path):
    import datasets

    doc_b = tiny_copy / "doc_b.json"
    data = json.loads(doc_b.read_text(encoding="utf-8"))
    data["stances"] = []
    doc_b.write_text(json.dumps(data), encoding="utf-8")
    (tiny_copy / "splits.json").write_text(json.dumps({"tiny_a": "train", "tiny_b": "validation"}), encoding="utf-8")
    result = build_dataset(tiny_copy, tmp_path / "ds")
    assert result.rows == {"pairs": {"train": 4}, "candidates": {"train": 20, "validation": 4},
                           "documents": {"train": 1, "validation": 1}}
    assert not (tmp_path / "ds" / "pairs" / "validation-00000-of-00001.parquet").exists()
    loaded = datasets.load_dataset(str(tmp_path / "ds"), "pairs", cache_dir=str(tmp_path / "cache"))
    assert list(loaded) == ["train"]  # an empty parquet file would make load_dataset fail


def test_no_stances_at_all_is_refused(tiny_copy, tmp_path):
    for name in ("doc_a.json", "doc_b.json"):
        data = json.loads((tiny_copy / name).read_text(encoding="utf-8"))
        data["stances"] = []
        (tiny_copy / name).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        build_dataset(tiny_copy, tmp_path / "ds")
    assert str(err.value) == ("config 'pairs' would have no rows: the documents have no stances. Fix: annotate at "
                              "least one stance before building.")


def test_output_folder_has_ordinary_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        build_dataset(TINY, tmp_path / "ds")
    finally:
        os.umask(umask)
    assert (tmp_path / "ds").stat().st_mode & 0o777 == 0o755


def test_span_columns_are_built_as_the_arrow_array_of_their_feature():
    import pyarrow as pa

    from actorstance.dataset.build import span_array
    from actorstance.dataset.features import features_for

    spans = [((0, 4), (10, 14)), (), ((7, 9),)]
    expected = pa.array([[{"start": s, "end": e} for s, e in row] for row in spans],
                        type=features_for("pairs").arrow_schema.field("source_spans").type)
    assert span_array(spans).equals(expected) and span_array(spans).type == expected.type
    assert span_array([]).to_pylist() == []
