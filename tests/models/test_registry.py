"""Properties every baseline must have, grouped like scikit-learn's ``test_common``: each baseline
declares which behavioural groups it belongs to, and a baseline missing from a table fails."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import BaseEstimator, clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from actorstance.errors import ModelSpecError
from actorstance.models.registry import BASELINES, baseline_summaries, make_baseline
from actorstance.models.training import requires_fit

from .conftest import corpus

NAMES = ["majority", "stratified", "pair-prior", "lexicon", "tfidf-lr", "cue-stack", "cue-stack-document"]
#: Does the prediction depend on the context text and mention spans?
READS_TEXT = {"majority": False, "stratified": False, "pair-prior": False, "lexicon": True, "tfidf-lr": True,
              "cue-stack": True, "cue-stack-document": True}
#: Does the prediction depend on which actors (ids) the pair involves?
#: (cue-stack-document groups rows by id equality, so a consistent renaming changes nothing.)
READS_ACTOR_IDS = {"majority": False, "stratified": False, "pair-prior": True, "lexicon": False, "tfidf-lr": False,
                   "cue-stack": False, "cue-stack-document": False}
#: Does fit learn from the training labels (beyond their set)?
LEARNS = {"majority": True, "stratified": True, "pair-prior": True, "lexicon": False, "tfidf-lr": True,
          "cue-stack": True, "cue-stack-document": True}
#: A parameter of each baseline and another valid value for it.
A_PARAMETER = {"majority": ("strategy", "most_frequent"), "stratified": ("random_state", 5),
               "pair-prior": ("key", "name"), "lexicon": ("negation_window", 5), "tfidf-lr": ("clf__C", 3.0),
               "cue-stack": ("C", 2.0), "cue-stack-document": ("n_splits", 3)}


@pytest.fixture(scope="module")
def data():
    train, y = corpus(6)
    test, y_test = corpus(2)
    return train, y, test, y_test


def fitted(name, data, **params):
    train, y, _, _ = data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return make_baseline(name, random_state=0, **params).fit(train, y)


def test_the_registry_names_exactly_the_baselines():
    assert list(BASELINES) == NAMES
    for table in (READS_TEXT, READS_ACTOR_IDS, LEARNS, A_PARAMETER):
        assert sorted(table) == sorted(BASELINES)
    assert set(baseline_summaries()) == set(NAMES) and all(baseline_summaries().values())


@pytest.mark.parametrize("name", NAMES)
def test_clone_get_params_set_params(name):
    model = make_baseline(name, random_state=0)
    params = model.get_params(deep=False)
    copy = clone(model)
    assert copy is not model
    for key, value in params.items():
        if not isinstance(value, BaseEstimator) and not isinstance(value, list):
            assert copy.get_params(deep=False)[key] == value
    key, value = A_PARAMETER[name]
    assert model.set_params(**{key: value}) is model and model.get_params()[key] == value
    assert clone(model).get_params()[key] == value


@pytest.mark.parametrize("name", NAMES)
def test_predictions_are_label_strings_of_the_classes(name, data):
    _, y, test, _ = data
    model = fitted(name, data)
    predicted = model.predict(test)
    assert isinstance(predicted, np.ndarray) and predicted.dtype == object and len(predicted) == len(test)
    assert set(predicted) <= set(model.classes_) <= set(y)
    with pytest.raises(NotFittedError):
        check_is_fitted(clone(model))


@pytest.mark.parametrize("name", NAMES)
def test_results_are_deterministic_given_random_state(name, data):
    _, _, test, _ = data
    assert list(fitted(name, data).predict(test)) == list(fitted(name, data).predict(test))


@pytest.mark.parametrize("name", NAMES)
def test_text_blindness(name, data):
    _, _, test, _ = data
    model = fitted(name, data)
    blank = [{**row, "context": "nothing here", "source_spans": [], "target_spans": []} for row in test]
    same = list(model.predict(blank)) == list(model.predict(test))
    assert same is not READS_TEXT[name]


@pytest.mark.parametrize("name", NAMES)
def test_actor_id_blindness(name, data):
    _, _, test, _ = data
    model = fitted(name, data)
    renamed = [{**row, "source_id": "new-" + row["source_id"], "target_id": "new-" + row["target_id"]} for row in test]
    same = list(model.predict(renamed)) == list(model.predict(test))
    assert same is not READS_ACTOR_IDS[name]


@pytest.mark.parametrize("name", NAMES)
def test_what_fit_learns_from_labels(name, data):
    train, y, test, _ = data
    assert requires_fit(make_baseline(name)) is LEARNS[name]
    # the same label set, another distribution: the first pair of each label keeps it, the rest become neutral
    firsts = {label: y.index(label) for label in set(y)}
    skewed = [label if i == firsts[label] else "neutral" for i, label in enumerate(y)]
    model = make_baseline(name, random_state=0).fit(train, skewed)
    same = list(model.predict(test)) == list(fitted(name, data).predict(test))
    assert same is not LEARNS[name]


@pytest.mark.parametrize("name", NAMES)
def test_init_only_stores_parameters(name):
    key, _ = A_PARAMETER[name]
    model = make_baseline(name, **{key: "not validated until fit"})
    assert model.get_params()[key] == "not validated until fit"


def test_unknown_names_and_parameters_are_spec_errors():
    with pytest.raises(ModelSpecError) as err:
        make_baseline("bert")
    assert str(err.value) == ("baseline:bert: no such baseline. "
                              "Fix: use one of cue-stack, cue-stack-document, lexicon, majority, pair-prior, stratified, tfidf-lr")
    with pytest.raises(ModelSpecError) as err:
        make_baseline("lexicon", window=3)
    assert str(err.value) == ("baseline:lexicon: Invalid parameter 'window' for estimator LexiconBaseline(). "
                              "Valid parameters are: ['default_label', 'labels', 'lexicon', 'negation_window']. "
                              "Fix: pass only the estimator's parameters (the keys of its get_params())")
