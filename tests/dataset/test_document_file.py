from __future__ import annotations

import hashlib
import json

from actorstance.dataset import card
from actorstance.dataset.card_reader import read_card_metadata
from actorstance.dataset.layout import CARD_FILE, PROVENANCE_FILE


def _lines(folder):
    return [json.loads(line) for line in (folder / PROVENANCE_FILE).read_text(encoding="utf-8").splitlines()]


def test_every_document_has_a_line_with_its_text_hash(tiny_dataset, tiny_copy):
    lines = _lines(tiny_dataset)
    assert [d["doc_id"] for d in lines] == ["tiny_a", "tiny_b"]
    assert [d["split"] for d in lines] == ["train", "test"]
    for d, name in zip(lines, ("doc_a", "doc_b")):
        text = (tiny_copy / f"{name}.txt").read_bytes()
        assert d["text_sha256"] == hashlib.sha256(text).hexdigest()
        assert set(d) == {"doc_id", "split", "language", "outlet", "published", "url", "author", "text_sha256",
                          "characters", "actors", "mentions", "stances", "guideline_version", "annotators",
                          "metadata"}
    body = (tiny_dataset / CARD_FILE).read_text(encoding="utf-8")
    assert "| tiny_a | train |" in body  # a small corpus keeps its tables in the card too


def test_a_card_past_the_document_limit_points_to_the_file(tiny_copy, tmp_path, monkeypatch):
    from actorstance.dataset.build import build_dataset

    monkeypatch.setattr(card, "CARD_DOCUMENT_LIMIT", 1)
    build_dataset(tiny_copy, tmp_path / "out")
    body = (tmp_path / "out" / CARD_FILE).read_text(encoding="utf-8")
    assert "| tiny_a |" not in body and "| tiny_b |" not in body
    assert ("counts, annotators, provenance notes) of the 2 documents are in `provenance.jsonl`, one JSON object "
            "per line in `doc_id` order; the card lists documents one by one only up to 1.") in body
    assert "each document's sha256 is in `provenance.jsonl`." in body
    assert len(_lines(tmp_path / "out")) == 2
    assert read_card_metadata(tmp_path / "out")["configs"]  # the card is still a card
