"""Batch independence as a property of the registry (in the style of scikit-learn's common checks):
every registered baseline gives each row the same prediction whatever else is in the call and in
whatever order; a baseline that pools rows declares ``transductive = "document"`` and is checked
with calls split at document boundaries. A pooling model without the flag fails."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from actorstance.errors import ModelError
from actorstance.models.checks import batch_dependence, transductive
from actorstance.models.registry import BASELINES, make_baseline

from .conftest import corpus

#: What each baseline declares; a baseline missing here fails test_every_baseline_declares_its_pooling.
POOLING = {"majority": None, "stratified": None, "pair-prior": None, "lexicon": None, "tfidf-lr": None,
           "cue-stack": None, "cue-stack-document": "document"}


@pytest.fixture(scope="module")
def data():
    train, y = corpus(6)
    test, _ = corpus(4)
    test = [{**row, "doc_id": f"test-{row['doc_id']}"} for row in test]
    return train, y, test


def assert_batch_independent(name: str, data) -> None:
    train, y, test = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = make_baseline(name, random_state=0).fit(train, y)
    problems = batch_dependence(model, test, seed=0)
    assert problems == [], f"baseline:{name} depends on the batch: " + "; ".join(problems)


def test_every_baseline_declares_its_pooling():
    assert sorted(POOLING) == sorted(BASELINES)
    for name, pooling in POOLING.items():
        assert transductive(make_baseline(name)) == pooling


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_every_registered_baseline_is_batch_independent(name, data):
    assert_batch_independent(name, data)


class PoolsTheBatch:
    """Predicts the label most of the batch's rows would get from their first word: batch-dependent."""

    def fit(self, X, y):
        self.classes_ = sorted(set(y))
        self.by_word_ = {row["context"].split()[1]: label for row, label in zip(X, y)}
        return self

    def predict(self, X):
        votes = [self.by_word_.get(row["context"].split()[1], self.classes_[0]) for row in X]
        common = max(sorted(set(votes)), key=votes.count)
        return [common if i % 2 else vote for i, vote in enumerate(votes)]


class PoolsAcrossDocuments(PoolsTheBatch):
    """Declares document pooling but pools the whole batch."""

    transductive = "document"


@pytest.mark.parametrize("model", [PoolsTheBatch, PoolsAcrossDocuments])
def test_a_batch_dependent_model_in_the_registry_fails(model, data, monkeypatch):
    monkeypatch.setitem(BASELINES, "pooled", lambda random_state=0: model())
    with pytest.raises(AssertionError, match=r"baseline:pooled depends on the batch: permutation 1: \d+ of 36 "):
        assert_batch_independent("pooled", data)


def test_the_document_variant_pools_within_a_document_and_the_row_model_does_not(data):
    train, y, test = data
    row, pooled = (make_baseline(name).fit(train, y) for name in ("cue-stack", "cue-stack-document"))
    doc = [r for r in test if r["doc_id"] == test[0]["doc_id"]]
    alone = [pooled.predict_proba([r])[0] for r in doc]
    assert not np.allclose(pooled.predict_proba(doc), alone)  # its rows read each other
    np.testing.assert_array_equal(row.predict_proba(doc), [row.predict_proba([r])[0] for r in doc])
    with pytest.raises(ModelError, match=r"transductive is 'batch'. Fix: leave it unset"):
        transductive(type("Odd", (), {"transductive": "batch"})())
