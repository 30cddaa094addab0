from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin

from actorstance.errors import ModelError, ModelSpecError
from actorstance.labels import ALL_LABELS
from actorstance.models.baselines.lexicon import LexiconBaseline
from actorstance.models.registry import make_baseline
from actorstance.models.training import TrainingProtocol, requires_fit, run_protocol

from .conftest import corpus

LOG: list[tuple[str, tuple[str, ...]]] = []


class Spy(ClassifierMixin, BaseEstimator):
    """Records the ids it is fitted on and asked to predict (in the module's LOG), predicts 'none'."""

    def __init__(self, *, tag: str = "spy"):
        self.tag = tag

    def fit(self, X, y):
        assert len(X) == len(y)
        LOG.append(("fit", tuple(row["id"] for row in X)))
        self.classes_ = np.array(sorted(set(y)), dtype=object)
        return self

    def predict(self, X):
        LOG.append(("predict", tuple(row["id"] for row in X)))
        return np.array(["none"] * len(X), dtype=object)


@pytest.fixture
def log():
    LOG.clear()
    yield LOG
    LOG.clear()


def folds(log):
    """(fitted ids, predicted ids) per fold, from the spy's log."""
    assert [kind for kind, _ in log] == ["fit", "predict"] * (len(log) // 2)
    return [(set(log[i][1]), set(log[i + 1][1])) for i in range(0, len(log), 2)]


def doc_of(pair_id):
    return pair_id.split("/")[0]


def test_grouped_cv_never_trains_on_a_scored_document(log):
    rows, y = corpus(6)
    predictions, protocol = run_protocol(Spy(), rows, eval_labels=y, n_splits=3, random_state=0)
    assert protocol == TrainingProtocol(
        kind="grouped-cv", description="3-fold cross-validation on the evaluated split, folds grouped by document "
        "(6 documents), so no document is both trained on and scored.", n_folds=3, n_train=None, train_source=None)
    assert predictions == ["none"] * len(rows)
    scored = []
    for fitted_ids, predicted_ids in folds(log):
        assert not {doc_of(i) for i in fitted_ids} & {doc_of(i) for i in predicted_ids}
        scored.extend(predicted_ids)
    assert sorted(scored) == sorted(row["id"] for row in rows)


def test_pair_cv_with_fewer_documents_than_folds_says_it_is_optimistic(log):
    rows, y = corpus(2)
    _, protocol = run_protocol(Spy(), rows, eval_labels=y, n_splits=5)
    assert protocol.kind == "pair-cv" and protocol.n_folds == 5
    assert protocol.description == ("5-fold cross-validation over pairs (the evaluated split has 2 documents, fewer "
                                    "than 5 folds); optimistic, because pairs of one document share context and actors.")
    scored = []
    for fitted_ids, predicted_ids in folds(log):
        assert not fitted_ids & predicted_ids
        scored.extend(predicted_ids)
    assert sorted(scored) == sorted(row["id"] for row in rows)


def test_pair_cv_with_few_pairs_uses_as_many_folds_as_pairs(log):
    rows, y = corpus(1)
    _, protocol = run_protocol(Spy(), rows[:3], eval_labels=y[:3], n_splits=5)
    assert (protocol.kind, protocol.n_folds) == ("pair-cv", 3)
    assert "the evaluated split has 1 document," in protocol.description


def test_train_split_and_external_fit_only_on_the_training_rows(log):
    train, y = corpus(3)
    test, y_test = corpus(2)
    test = [{**row, "id": "test-" + row["id"]} for row in test]
    _, protocol = run_protocol(Spy(), test, train_rows=train, train_labels=y, eval_labels=y_test)
    assert protocol == TrainingProtocol(kind="train-split", description="Trained on the dataset's train split "
                                        "(27 pairs); scored on the evaluated split.", n_folds=None, n_train=27,
                                        train_source=None)
    assert folds(log) == [({row["id"] for row in train}, {row["id"] for row in test})]
    _, protocol = run_protocol(Spy(), test, train_rows=train, train_labels=y, train_source="data/seesaw:pairs:train")
    assert protocol.to_dict() == {"kind": "external", "description": "Trained on data/seesaw:pairs:train (27 pairs); "
                                  "scored on the evaluated split (transfer).", "n_folds": None, "n_train": 27,
                                  "train_source": "data/seesaw:pairs:train"}


def test_a_model_that_needs_no_training_is_not_cross_validated(log):
    rows, y = corpus(6)
    assert requires_fit(LexiconBaseline()) is False and requires_fit(Spy()) is True
    predictions, protocol = run_protocol(LexiconBaseline(), rows, eval_labels=y, labels=ALL_LABELS)
    assert protocol.kind == "none" and protocol.n_folds is None
    assert predictions[:2] == ["positive", "positive"]
    # labels= gives the config's label set even when the split lacks a label
    no_none = [label if label != "none" else "neutral" for label in y]
    predictions, _ = run_protocol(LexiconBaseline(), rows, eval_labels=no_none, labels=ALL_LABELS)
    assert "none" in predictions


class NoTrainingSpy(ClassifierMixin, BaseEstimator):
    """A rule-based model (requires_fit = False) that records what its fit receives."""

    requires_fit = False

    def __init__(self, *, labels=None):
        self.labels = labels

    def fit(self, X, y=None):
        LOG.append(("fit-y", y))
        self.classes_ = np.array(sorted(self.labels), dtype=object)
        return self

    def predict(self, X):
        return np.array(["none"] * len(X), dtype=object)


def test_a_model_that_needs_no_training_never_sees_the_gold_labels(log):
    rows, y = corpus(6)
    run_protocol(NoTrainingSpy(), rows, eval_labels=y, labels=ALL_LABELS)
    assert log == [("fit-y", None)]


def test_the_user_estimator_is_never_fitted_itself():
    rows, y = corpus(6)
    model = make_baseline("tfidf-lr")
    run_protocol(model, rows, eval_labels=y, n_splits=3)
    assert not hasattr(model.named_steps["clf"], "classes_")


def test_cross_validation_is_deterministic_given_random_state():
    rows, y = corpus(6)
    first = run_protocol(make_baseline("tfidf-lr"), rows, eval_labels=y, n_splits=3, random_state=4)
    assert first == run_protocol(make_baseline("tfidf-lr"), rows, eval_labels=y, n_splits=3, random_state=4)


class Broken(Spy):
    def predict(self, X):
        return np.array(["none"], dtype=object)


def test_protocol_errors_are_clear():
    rows, y = corpus(2)
    with pytest.raises(ModelError, match="eval_labels has 3 labels for 18 evaluated pairs. Fix: pass one label per pair"):
        run_protocol(Spy(), rows, eval_labels=y[:3])
    with pytest.raises(ModelError, match="cross-validation needs the labels of the evaluated pairs, got none"):
        run_protocol(Spy(), rows)
    with pytest.raises(ModelError, match="cross-validation needs at least 2 pairs, got 1"):
        run_protocol(Spy(), rows[:1], eval_labels=y[:1])
    with pytest.raises(ModelError, match=r"model tests.models.test_training.Broken: predict\(\) returned 1 labels for 18 pairs"):
        run_protocol(Broken(), rows, train_rows=rows, train_labels=y)
    with pytest.raises(ModelError, match="train_labels is missing"):
        run_protocol(Spy(), rows, train_rows=rows)
    with pytest.raises(ModelSpecError, match="The number of cross-validation folds must be an int >= 2. Got 1 instead."):
        run_protocol(Spy(), rows, eval_labels=y, n_splits=1)
    with pytest.raises(ModelError, match="there are no pairs to predict"):
        run_protocol(Spy(), [], eval_labels=[])


def test_a_single_label_training_fold_is_stated_not_warned():
    rows, _ = corpus(1)
    rows, y = rows[:3], ["negative", "negative", "positive"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        predictions, protocol = run_protocol(make_baseline("tfidf-lr"), rows, eval_labels=y, n_splits=3)
    assert protocol.description.endswith(" In 1 of 3 folds the training pairs all have one label, so the model "
                                         "can only predict that label there.")
    assert "negative" in predictions
    _, protocol = run_protocol(Spy(), rows, train_rows=rows[:2], train_labels=y[:2])
    assert protocol.description.endswith("scored on the evaluated split. The training pairs all have one label, "
                                         "so the model can only predict that label.")
