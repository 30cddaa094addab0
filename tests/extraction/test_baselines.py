"""Extraction baselines and the extraction training protocol."""

from __future__ import annotations

import json

import pytest

from actorstance.errors import ModelError
from actorstance.extraction import evaluate_extraction, load_documents
from actorstance.extraction.baselines.candidates_classifier import CandidatesClassifierExtractor, _best_threshold
from actorstance.extraction.baselines.cooccurrence import CooccurrenceExtractor
from actorstance.extraction.candidates import candidate_rows, pair_label
from actorstance.extraction.training import run_extraction_protocol


def test_candidate_rows_are_the_co_mentioned_pairs_with_the_pair_task_columns(tiny_dataset):
    from actorstance.columns import MODEL_INPUT_COLUMNS
    from actorstance.dataset.load import load_split

    [doc] = load_documents(tiny_dataset, "test").inputs("oracle-actors")
    rows = candidate_rows(doc)
    assert [(r["source_id"], r["target_id"]) for r in rows] == [
        ("holm", "saleh"), ("northern_front", "saleh"), ("saleh", "holm"), ("saleh", "northern_front")]
    assert all(list(r) == list(MODEL_INPUT_COLUMNS) for r in rows)
    # the ids of the pair task's `candidates` rows of the same document: a pair model's predictions carry over
    assert sorted(r["id"] for r in rows) == load_split(tiny_dataset, "candidates", "test")["id"]
    for r in rows:
        assert all(r["context"][s["start"]:s["end"]] for s in r["source_spans"] + r["target_spans"])


def test_cooccurrence_predicts_every_candidate_with_the_training_majority(tiny_dataset):
    train, test = load_documents(tiny_dataset, "train"), load_documents(tiny_dataset, "test")
    model = CooccurrenceExtractor().fit(train.inputs("oracle-actors"), train.targets("oracle-actors"))
    assert model.label_ == "positive"  # tiny_a: positive 2, negative 1, neutral 1
    [predicted] = model.predict(test.inputs("oracle-actors"))
    assert {s["label"] for s in predicted} == {"positive"} and len(predicted) == 4


def test_pair_label_takes_the_first_label_in_label_order():
    targets = [{"source": "a", "target": "b", "label": "neutral"}, {"source": "a", "target": "b", "label": "negative"}]
    assert pair_label(targets, "a", "b") == "negative" and pair_label(targets, "b", "a") == "none"


def test_the_none_threshold_maximises_pair_f1_on_training_rows():
    import numpy as np

    p_none = np.array([0.1, 0.2, 0.6, 0.9])
    stance = np.array([True, True, False, False])
    assert _best_threshold(p_none, stance) == pytest.approx(0.6)  # keep P(none) < 0.6: both stances, no none
    assert _best_threshold(p_none, np.array([True, True, True, True])) == float("inf")


def test_candidates_classifier_never_reads_the_scored_gold(tiny_dataset):
    train, test = load_documents(tiny_dataset, "train"), load_documents(tiny_dataset, "test")
    model = CandidatesClassifierExtractor().fit(train.inputs("oracle-actors"), train.targets("oracle-actors"))
    assert 0 <= model.threshold_ <= 1 or model.threshold_ == float("inf")
    inputs = test.inputs("oracle-actors")
    assert "stances" not in inputs[0]
    assert model.predict(inputs) == model.predict(json.loads(json.dumps(inputs)))


def test_protocol_cross_validates_over_documents_and_refuses_one_document(tiny_dataset):
    test = load_documents(tiny_dataset, "test")
    with pytest.raises(ModelError, match="needs training data"):
        run_extraction_protocol(CooccurrenceExtractor(), test.inputs("oracle-actors"),
                                eval_targets=test.targets("oracle-actors"), who="--model baseline:cooccurrence")
    both = [*load_documents(tiny_dataset, "train").rows, *test.rows]
    from actorstance.extraction.split import DocumentsSplit

    data = DocumentsSplit(str(tiny_dataset), "all", tuple(both))
    outputs, protocol = run_extraction_protocol(CooccurrenceExtractor(), data.inputs("oracle-actors"),
                                                eval_targets=data.targets("oracle-actors"))
    assert (protocol.kind, protocol.n_folds, len(outputs)) == ("grouped-cv", 2, 2)


def test_external_training_data_is_recorded(tiny_dataset):
    train = load_documents(tiny_dataset, "train")
    result = evaluate_extraction(tiny_dataset, model="baseline:cooccurrence", setting="oracle-actors",
                                 bootstrap=0, train=train)
    assert result.training.kind == "external" and result.training.train_source.endswith(":documents:train")


def test_name_cooccurrence_reads_capitalised_names_per_paragraph():
    from actorstance.extraction.baselines.name_cooccurrence import NameCooccurrenceExtractor, text_names

    text = "The Kremlin said President Vladimir Putin's envoy met Lukashenko on Monday.\n\nBut Minsk was silent."
    assert text_names(text) == [["Kremlin", "President Vladimir Putin's", "Lukashenko"], ["Minsk"]]
    model = NameCooccurrenceExtractor().fit([], [[{"source": "a", "target": "b", "label": "negative"}]])
    [stances] = model.predict([{"doc_id": "d", "text": text}])
    assert len(stances) == 6 and {s["label"] for s in stances} == {"negative"}
    assert {"source": "Lukashenko", "target": "Kremlin", "label": "negative"} in stances
