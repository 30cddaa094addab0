"""The ``documents`` config: one row per document with text, gold actors, aliases, mentions, triplets."""

from __future__ import annotations

from actorstance.annotations import load_annotations
from actorstance.dataset.documents import DOCUMENT_COLUMNS, document_rows
from actorstance.dataset.load import load_split
from tests.conftest import TINY


def test_rows_hold_the_text_the_gold_actors_and_distinct_sorted_triplets():
    rows = document_rows(load_annotations([TINY]))
    assert [r["doc_id"] for r in rows] == ["tiny_a", "tiny_b"]
    b = rows[1]
    assert list(b) == list(DOCUMENT_COLUMNS)
    assert b["actors"] == [{"id": "holm", "name": "Lars Holm", "type": "person"},
                           {"id": "northern_front", "name": "Northern Front", "type": "armed_group"},
                           {"id": "saleh", "name": "Omar Saleh", "type": "person"}]
    assert b["stances"] == [{"source_id": "holm", "target_id": "saleh", "label": "neutral"},
                            {"source_id": "saleh", "target_id": "northern_front", "label": "negative"}]
    assert [(m["actor_id"], m["text"]) for m in b["mentions"]][:2] == [("saleh", "General Omar Saleh"),
                                                                        ("northern_front", "the Northern Front")]
    assert all(b["text"][m["start"]:m["end"]] == m["text"] for m in b["mentions"])
    assert [m["start"] for m in b["mentions"]] == sorted(m["start"] for m in b["mentions"])


def test_the_built_config_loads_with_one_row_per_document(tiny_dataset):
    train, test = load_split(tiny_dataset, "documents", "train"), load_split(tiny_dataset, "documents", "test")
    assert train["doc_id"] == ["tiny_a"] and test["doc_id"] == ["tiny_b"]
    assert test.to_list() == document_rows(load_annotations([TINY]))[1:]


def test_sentence_scoped_stances_of_one_pair_are_one_triplet_per_label(seesaw_dataset):
    from actorstance.evaluation import load_split_data

    pairs = load_split_data(seesaw_dataset, "pairs", "test")
    triplets = {(r["doc_id"], r["source_id"], r["target_id"], label) for r, label in zip(pairs.rows, pairs.gold)}
    docs = load_split(seesaw_dataset, "documents", "test").to_list()
    flat = [(d["doc_id"], s["source_id"], s["target_id"], s["label"]) for d in docs for s in d["stances"]]
    assert len(flat) == len(set(flat)) and set(flat) == triplets
