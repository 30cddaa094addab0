from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import clone

from actorstance.errors import ModelError, ModelSpecError
from actorstance.models.baselines.cue_stack.estimator import (
    CueStack, DocumentConsistentCueStack, consistency_features, cue_stack, cue_stack_document,
)
from actorstance.models.baselines.tfidf import SingleClassWarning

from ..conftest import corpus, pair

CLEAR = {"positive": "<s>{a}</s> praised <t>{b}</t> for the reform.",
         "negative": "<s>{a}</s> condemned <t>{b}</t> for the attack."}
VAGUE = "<s>{a}</s> spoke about <t>{b}</t> on {day}."


def agreeing_corpus(n_docs: int):
    """Each document: one pair, one clear sentence and two vague ones, all with the pair's label."""
    rows, y = [], []
    for d in range(n_docs):
        label = ("positive", "negative")[d % 2]
        a, b = f"Actor{d}", f"Other{d}"
        texts = [CLEAR[label], VAGUE.replace("{day}", "Monday"), VAGUE.replace("{day}", "Friday")]
        for k, text in enumerate(texts):
            rows.append(pair(text.format(a=a, b=b), id=f"d{d}#{k}", doc_id=f"d{d}", source=a, target=b,
                             source_id=a.lower(), target_id=b.lower()))
            y.append(label)
    return rows, y


def test_consistency_features_average_the_other_rows_of_the_pair_in_the_document():
    rows = [{"doc_id": d, "source_id": s, "target_id": "t"} for d, s in (("a", "x"), ("a", "x"), ("a", "y"), ("b", "x"))]
    scores = np.array([[1.0], [3.0], [5.0], [7.0]])
    features = consistency_features(rows, scores)
    assert features.shape == (4, 4)
    np.testing.assert_allclose(features[:, 1], [3.0, 1.0, 0.0, 0.0])  # peers' mean score; never another document
    np.testing.assert_allclose(features[:, 2], np.log1p([1, 1, 0, 0]))  # log1p(number of peers)


def test_document_consistency_lets_clear_rows_decide_vague_ones():
    rows, y = agreeing_corpus(12)
    test, y_test = agreeing_corpus(14)
    test, y_test = test[36:], y_test[36:]  # documents 12 (positive) and 13 (negative), unseen actors
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        consistent = cue_stack_document(random_state=0).fit(rows, y)
        alone = cue_stack(random_state=0).fit(rows, y)
    assert list(consistent.predict(test)) == y_test
    vague = alone.predict([test[1], test[4]])
    assert vague[0] == vague[1]  # the row model cannot tell the vague sentences apart
    assert list(alone.predict(test[1:2])) == [alone.predict(test)[1]]
    # predicted alone, a vague row has no peer: the document variant falls back on its own scores
    assert consistent.predict(test[1:2])[0] == alone.predict(test[1:2])[0]


@pytest.mark.parametrize("make", [cue_stack, cue_stack_document])
def test_probabilities_follow_the_rows_not_their_order(make):
    rows, y = corpus(6)
    test, _ = corpus(2)
    model = make().fit(rows, y)
    order = np.random.default_rng(0).permutation(len(test))
    np.testing.assert_array_equal(model.predict_proba([test[i] for i in order]), model.predict_proba(test)[order])
    assert model.predict_proba(test).shape == (len(test), 4)
    np.testing.assert_allclose(model.predict_proba(test).sum(axis=1), 1.0)


def test_a_single_class_or_a_single_document_still_fits():
    rows, _ = corpus(1)
    with pytest.warns(SingleClassWarning, match=r"cue-stack-document was trained on a single class \('neutral'\)"):
        model = cue_stack_document().fit(rows, ["neutral"] * len(rows))
    assert list(model.predict(rows[:2])) == ["neutral", "neutral"]
    rows, y = corpus(1)
    model = cue_stack_document().fit(rows, y)
    assert model.stacker_ is None and set(model.predict(rows)) <= set(y)


@pytest.mark.parametrize(("model", "params", "message"), [
    (CueStack, {"C": 0}, "The 'C' parameter of cue-stack must be a number > 0. Got 0 instead."),
    (CueStack, {"cue_weight": -1}, "The 'cue_weight' parameter of cue-stack must be a number >= 0. Got -1 instead."),
    (DocumentConsistentCueStack, {"n_splits": 1},
     "The 'n_splits' parameter of cue-stack-document must be an int >= 2. Got 1 instead."),
])
def test_bad_parameters_are_named_at_fit(model, params, message):
    rows, y = corpus(2)
    with pytest.raises(ModelSpecError) as err:
        model(**params).fit(rows, y)
    assert str(err.value) == message


def test_bad_rows_and_labels_are_model_errors():
    rows, y = corpus(2)
    with pytest.raises(ModelError, match=r"cue-stack: fit needs one label per row, got 18 rows and 3 labels"):
        CueStack().fit(rows, y[:3])
    with pytest.raises(ModelError, match=r"cue-stack: row 0 \(id 'x'\) lacks column\(s\) doc_id"):
        CueStack().fit([{"id": "x", "context": "?"}], ["positive"])


@pytest.mark.parametrize("make", [cue_stack, cue_stack_document])
def test_clone_keeps_parameters_and_fits_are_deterministic(make):
    rows, y = corpus(4)
    test, _ = corpus(2)
    model = make(random_state=3, C=2.0)
    assert clone(model).get_params() == model.get_params()
    np.testing.assert_array_equal(clone(model).fit(rows, y).predict_proba(test), model.fit(rows, y).predict_proba(test))
