from __future__ import annotations

import pytest

from actorstance.dataset.splits import check_disjoint, documents_by_split, read_splits
from actorstance.errors import DatasetError
from tests.conftest import TINY

DOCS = ["tiny_a", "tiny_b"]


def _write(tmp_path, text: str):
    path = tmp_path / "splits.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_the_fixture():
    assert read_splits(TINY / "splits.json", DOCS) == {"tiny_a": "train", "tiny_b": "test"}


def test_missing_file(tmp_path):
    with pytest.raises(DatasetError) as err:
        read_splits(tmp_path / "splits.json", DOCS)
    assert str(err.value) == (f"{tmp_path / 'splits.json'}: no splits file. Fix: create it, mapping every doc_id to "
                              'a split, e.g. {"my_doc": "test"} (splits: train, validation, test).')


def test_not_an_object(tmp_path):
    path = _write(tmp_path, '["tiny_a"]')
    with pytest.raises(DatasetError) as err:
        read_splits(path, DOCS)
    assert str(err.value) == (f"{path}: expected a JSON object {{doc_id: split}}, got list. "
                              "Fix: write an object mapping doc ids to splits.")


def test_invalid_json(tmp_path):
    path = _write(tmp_path, '{"tiny_a": ')
    with pytest.raises(DatasetError, match=r"not valid UTF-8 JSON \(Expecting value: line 1 column 12"):
        read_splits(path, DOCS)


def test_every_problem_is_listed_at_once(tmp_path):
    path = _write(tmp_path, '{"tiny_a": "dev", "ghost": "test"}')
    with pytest.raises(DatasetError) as err:
        read_splits(path, DOCS)
    assert str(err.value) == "\n".join([
        "3 problems in the splits file:",
        f"  {path}: tiny_a: unknown split 'dev'. Fix: use one of: train, validation, test.",
        f'  {path}: tiny_b: document has no split. Fix: add "tiny_b": one of train, validation, test.',
        f"  {path}: ghost: no annotated document has this doc_id. Fix: remove the entry or add the document's "
        "annotation file.",
    ])


def test_a_document_listed_twice_would_land_in_two_splits(tmp_path):
    path = _write(tmp_path, '{"tiny_a": "train", "tiny_b": "test", "tiny_a": "test"}')
    with pytest.raises(DatasetError) as err:
        read_splits(path, DOCS)
    assert str(err.value) == ("1 problem in the splits file:\n"
                              f"  {path}: tiny_a: document listed twice (as 'train' and 'test'), so it would land in "
                              "two splits. Fix: keep exactly one entry per document.")


def test_non_string_split(tmp_path):
    path = _write(tmp_path, '{"tiny_a": 1, "tiny_b": "test"}')
    with pytest.raises(DatasetError, match="tiny_a: unknown split 1"):
        read_splits(path, DOCS)


def test_documents_by_split_in_canonical_order():
    assert documents_by_split({"b": "test", "a": "train", "c": "test"}) == {"train": ("a",), "test": ("b", "c")}


def test_check_disjoint_refuses_shared_documents():
    check_disjoint({"train": ["a", "a"], "test": ["b"]})
    with pytest.raises(DatasetError) as err:
        check_disjoint({"train": ["a", "b"], "test": ["b"]})
    assert str(err.value) == ("splits must not share documents:\n  document 'b' is in splits 'train' and 'test'\n"
                              "Fix: map each doc_id to exactly one split in splits.json.")
