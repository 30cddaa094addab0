"""The extraction result: published schema, byte-identical reruns, round trip, every predicted name aligned."""

from __future__ import annotations

from actorstance.extraction import ExtractionResult, evaluate_extraction
from actorstance.extraction.results import REGENERATE, render_json_schema
from tests.conftest import REPO


def test_published_schema_is_current():
    path = REPO / "docs" / "extraction-results.schema.json"
    assert path.read_text(encoding="utf-8") == render_json_schema(), f"{path} is stale. Fix: {REGENERATE}"


def test_reruns_are_byte_identical_and_read_back(tiny_dataset, write_lines, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = write_lines({"doc_id": "tiny_b", "stances": [{"source": "Holm", "target": "Saleh", "label": "neutral"},
                                                        {"source": "Biden", "target": "Saleh", "label": "negative"}]})
    one = evaluate_extraction(tiny_dataset, predictions=path, bootstrap=100, seed=1)
    two = evaluate_extraction(tiny_dataset, predictions=path, bootstrap=100, seed=1)
    assert one.to_json() == two.to_json()
    one.write(tmp_path / "r.json")
    assert ExtractionResult.read(tmp_path / "r.json") == one
    assert [(a.name, a.actor_id, a.rule) for a in one.alignment] == [
        ("Biden", None, "unmatched"), ("Holm", "holm", "surname"), ("Saleh", "saleh", "mention")]
    assert one.setting == "raw" and one.dataset.config == "documents" and one.errors["unaligned actor"] == 1
    assert one.model.predictions_sha256 and one.bootstrap.unit == "pairs"
