from __future__ import annotations

import re

import pytest

from actorstance.dataset.splits import assign_splits, check_disjoint, documents_by_split, read_splits, split_folder
from actorstance.errors import DatasetError
from tests.conftest import TINY, json_error

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
                              'a split, e.g. {"my_doc": "test"} (splits: train, validation, test), or run `actorstance split`.')


def test_not_an_object(tmp_path):
    path = _write(tmp_path, '["tiny_a"]')
    with pytest.raises(DatasetError) as err:
        read_splits(path, DOCS)
    assert str(err.value) == (f"{path}: expected a JSON object {{doc_id: split}}, got an array. "
                              "Fix: write an object mapping doc ids to splits.")


def test_invalid_json(tmp_path):
    text = '{"tiny_a": '
    path = _write(tmp_path, text)
    with pytest.raises(DatasetError, match=re.escape(f"splits.json:1: invalid JSON: {json_error(text)}")):
        read_splits(path, DOCS)


def test_every_problem_is_listed_at_once(tmp_path):
    path = _write(tmp_path, '{"tiny_a": "dev", "ghost": "test"}')
    with pytest.raises(DatasetError) as err:
        read_splits(path, DOCS)
    assert str(err.value) == "\n".join([
        "3 problems in the splits file:",
        f"  {path}: tiny_a: unknown split 'dev'. Fix: use one of: train, validation, test.",
        f'  {path}: tiny_b: document has no split. Fix: add "tiny_b": one of train, validation, test, or run '
        '`actorstance split`.',
        f"  {path}: ghost: no annotated document has this doc_id. Fix: remove the entry or add the document's "
        "annotation file.",
    ])


def test_a_document_listed_twice_would_land_in_two_splits(tmp_path):
    path = _write(tmp_path, '{"tiny_a": "train", "tiny_b": "test", "tiny_a": "test"}')
    with pytest.raises(DatasetError) as err:
        read_splits(path, DOCS)
    assert str(err.value) == ("1 problem in the splits file:\n"
                              f"  {path}: tiny_a: key 'tiny_a' appears 2 times in this object, so one value would be "
                              "silently dropped. Fix: keep exactly one 'tiny_a'.")


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


# ---------------------------------------------------------------- assigning splits (actorstance split)

EVEN = {"train": 0.5, "validation": 0.0, "test": 0.5}


def test_assignment_fills_each_split_to_its_share():
    groups = {f"d{i}": f"d{i}" for i in range(10)}
    result = assign_splits(groups, seed=0)
    assert sorted(result.splits) == sorted(groups) and result.assigned == tuple(sorted(groups))
    counts = {name: list(result.splits.values()).count(name) for name in ("train", "validation", "test")}
    assert counts == {"train": 8, "validation": 1, "test": 1}


def test_assignment_is_deterministic_and_depends_on_the_seed():
    groups = {f"d{i}": f"d{i}" for i in range(10)}
    assert assign_splits(groups, seed=3) == assign_splits(dict(reversed(groups.items())), seed=3)
    tests = {seed: next(d for d, s in assign_splits(groups, seed=seed).splits.items() if s == "test")
             for seed in range(5)}
    assert len(set(tests.values())) > 1, tests


def test_listed_documents_keep_their_split_and_new_ones_fill_the_shares():
    groups = {"seed": "seed", "new1": "new1", "new2": "new2", "new3": "new3"}
    result = assign_splits(groups, seed=0, ratios=EVEN, existing={"seed": "test"})
    assert result.splits["seed"] == "test" and result.assigned == ("new1", "new2", "new3")
    assert sorted(result.splits.values()) == ["test", "test", "train", "train"]


def test_adding_a_document_moves_none_of_the_others():
    groups = {f"d{i}": f"d{i}" for i in range(6)}
    first = assign_splits(groups, seed=1).splits
    second = assign_splits({**groups, "d6": "d6"}, seed=1, existing=first)
    assert {d: s for d, s in second.splits.items() if d != "d6"} == first and second.assigned == ("d6",)


def test_groups_stay_together_and_join_their_split():
    groups = {"a1": "story-a", "a2": "story-a", "b1": "story-b", "b2": "story-b"}
    result = assign_splits(groups, seed=0, ratios=EVEN)
    assert result.splits["a1"] == result.splits["a2"] != result.splits["b1"] == result.splits["b2"]
    joined = assign_splits({**groups, "a3": "story-a"}, seed=5, ratios=EVEN, existing=result.splits)
    assert joined.splits["a3"] == result.splits["a1"] and joined.assigned == ("a3",)


def test_a_group_already_in_two_splits_and_bad_shares_are_refused():
    with pytest.raises(DatasetError) as err:
        assign_splits({"a1": "s", "a2": "s"}, seed=0, ratios={"train": 0.5, "test": 0.6, "dev": 0},
                      existing={"a1": "train", "a2": "test"})
    assert str(err.value) == (
        "cannot assign splits:\n"
        "  unknown split 'dev' in the ratios (splits: train, validation, test)\n"
        "  split shares must be at least 0 and sum to 1, got train 0.5, test 0.6, dev 0\n"
        "  documents of group 's' are already in different splits: a1 (train), a2 (test); move them to one split "
        "in splits.json, or reassign all documents")


def test_split_folder_writes_the_file_and_keeps_listed_documents(tiny_copy):
    (tiny_copy / "splits.json").write_text('{"tiny_b": "validation"}', encoding="utf-8")
    result = split_folder(tiny_copy, seed=0, ratios=EVEN)
    assert result.assigned == ("tiny_a",)
    assert (tiny_copy / "splits.json").read_text(encoding="utf-8") == (
        '{\n  "tiny_a": "train",\n  "tiny_b": "validation"\n}\n')
    assert read_splits(tiny_copy / "splits.json", DOCS) == result.splits
    again = split_folder(tiny_copy, seed=0, ratios={"train": 0, "validation": 0, "test": 1}, reassign=True)
    assert again.splits == {"tiny_a": "test", "tiny_b": "test"} and again.assigned == ("tiny_a", "tiny_b")


def test_split_folder_groups_by_a_source_field_or_refuses_documents_without_it(tiny_copy):
    (tiny_copy / "splits.json").unlink()
    result = split_folder(tiny_copy, seed=0, ratios=EVEN, group_by="outlet")
    assert set(result.splits) == set(DOCS)
    with pytest.raises(DatasetError) as err:
        split_folder(tiny_copy, seed=0, group_by="story", reassign=True)
    assert str(err.value) == (
        "cannot group documents by 'story': 2 documents have no value for it:\n"
        f"  {tiny_copy / 'doc_a.json'}: no metadata.story\n  {tiny_copy / 'doc_b.json'}: no metadata.story\n"
        "Fix: record metadata.story in every document, or group by another field.")


def test_split_folder_refuses_entries_of_unknown_documents(tiny_copy):
    (tiny_copy / "splits.json").write_text('{"ghost": "test"}', encoding="utf-8")
    with pytest.raises(DatasetError, match="ghost: no annotated document has this doc_id"):
        split_folder(tiny_copy, seed=0)
    assert (tiny_copy / "splits.json").read_text(encoding="utf-8") == '{"ghost": "test"}'
