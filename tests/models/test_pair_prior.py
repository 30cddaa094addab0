from __future__ import annotations

import pytest

from actorstance.errors import ModelError, ModelSpecError
from actorstance.models.baselines.pair_prior import PairPriorBaseline


def row(source_id, target_id, source=None, target=None):
    return {"source_id": source_id, "target_id": target_id, "source": source or source_id.title(),
            "target": target or target_id.title(), "context": "text does not matter"}


TRAIN = [row("berg", "holm"), row("berg", "holm"), row("lind", "holm"), row("saleh", "front"), row("eck", "dahl")]
LABELS = ["positive", "positive", "negative", "negative", "negative"]


def test_backs_off_from_pair_to_target_to_majority():
    model = PairPriorBaseline().fit(TRAIN, LABELS)
    X = [row("berg", "holm"), row("dahl", "holm"), row("holm", "berg")]
    assert list(model.predict(X)) == ["positive", "positive", "negative"]
    assert model.explain(X) == ["pair", "target", "majority"]
    assert model.majority_ == "negative"
    assert list(model.classes_) == ["negative", "positive"]


def test_ties_are_broken_by_overall_frequency_then_name_not_row_order():
    X = [row("a", "b"), row("a", "b"), row("c", "d"), row("c", "d"), row("e", "f")]
    y = ["positive", "negative", "neutral", "positive", "positive"]
    for order in (range(5), reversed(range(5))):
        order = list(order)
        model = PairPriorBaseline().fit([X[i] for i in order], [y[i] for i in order])
        assert model.pair_labels_ == {("a", "b"): "positive", ("c", "d"): "positive", ("e", "f"): "positive"}
    model = PairPriorBaseline().fit(X[:2], ["neutral", "negative"])
    assert model.majority_ == "negative"


def test_key_name_matches_actors_by_casefolded_name():
    model = PairPriorBaseline(key="name").fit([row("x1", "x2", "Anna Berg", "Lars Holm")], ["negative"])
    assert model.explain([row("y1", "y2", "ANNA BERG", "lars holm ")]) == ["pair"]
    assert PairPriorBaseline().fit([row("x1", "x2")], ["negative"]).explain([row("y1", "y2")]) == ["majority"]


def test_bad_key_and_missing_labels_are_clear_errors():
    with pytest.raises(ModelSpecError, match="The 'key' parameter of pair-prior must be one of id, name. Got 'doc' instead."):
        PairPriorBaseline(key="doc").fit(TRAIN, LABELS)
    with pytest.raises(ModelError) as err:
        PairPriorBaseline().fit(TRAIN, None)
    assert str(err.value) == ("pair-prior: fit needs one label per row, got 5 rows and no labels. "
                              "Fix: pass a non-empty training set with its labels")
