"""``candidates-classifier``: a pair model of the registry labels every candidate pair, ``none`` included.

The candidate pairs (:mod:`actorstance.extraction.candidates`) become pair-task rows; the named
pair baseline (``classifier``, default ``tfidf-lr``) is trained on the training documents'
candidate rows with labels ``positive``/``negative``/``neutral``/``none``. A pair is kept as a
stance when the model's probability of ``none`` is below a threshold chosen on the training data
only: out-of-fold probabilities over the training rows (folds grouped by document, or over rows
when there is one training document), and the threshold that maximises pair-identification F1
on them (ties: the lowest). The kept pair gets its most probable stance label.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator

from actorstance.errors import ModelError
from actorstance.extraction.candidates import rows_and_labels, triplets_from_rows
from actorstance.labels import NONE_LABEL

INNER_FOLDS = 5


class CandidatesClassifierExtractor(BaseEstimator):
    """Candidate pairs labelled by a pair model, ``none`` decided by a threshold tuned on training data."""

    settings = ("oracle-actors",)

    def __init__(self, classifier: str = "tfidf-lr", random_state: int | None = 0):
        self.classifier = classifier
        self.random_state = random_state

    def _make(self):
        from actorstance.models.registry import make_baseline

        return make_baseline(self.classifier, random_state=self.random_state)

    def fit(self, X, y):
        rows, labels = rows_and_labels(X, y)
        if not rows or NONE_LABEL not in labels or set(labels) == {NONE_LABEL}:
            raise ModelError("candidates-classifier: the training documents need candidate pairs both with and "
                             "without a stance. Fix: train on more documents")
        p_none = self._out_of_fold_none(rows, labels)
        stance = np.array([label != NONE_LABEL for label in labels])
        self.threshold_ = _best_threshold(p_none, stance)
        self.model_ = self._make().fit(rows, labels)
        self.classes_ = list(self.model_.classes_)
        return self

    def _out_of_fold_none(self, rows, labels) -> np.ndarray:
        from sklearn.model_selection import GroupKFold, KFold

        groups = [r["doc_id"] for r in rows]
        n_docs = len(set(groups))
        if n_docs >= 2:
            splitter, split_groups = GroupKFold(n_splits=min(INNER_FOLDS, n_docs)), groups
        else:
            splitter = KFold(n_splits=min(INNER_FOLDS, len(rows)), shuffle=True, random_state=self.random_state)
            split_groups = None
        p_none = np.full(len(rows), np.nan)
        for train_idx, test_idx in splitter.split(rows, labels, split_groups):
            train_labels = [labels[i] for i in train_idx]
            if len(set(train_labels)) < 2:
                p_none[test_idx] = float(train_labels[0] == NONE_LABEL)
                continue
            model = self._make().fit([rows[i] for i in train_idx], train_labels)
            p_none[test_idx] = _none_probability(model, [rows[i] for i in test_idx])
        return p_none

    def predict(self, X):
        rows, _ = rows_and_labels(X, None)
        if not rows:
            return [[] for _ in X]
        proba = np.asarray(self.model_.predict_proba(rows))
        classes = list(self.model_.classes_)
        none = proba[:, classes.index(NONE_LABEL)] if NONE_LABEL in classes else np.zeros(len(rows))
        stance_cols = [i for i, c in enumerate(classes) if c != NONE_LABEL]
        labels = [classes[stance_cols[int(np.argmax(proba[r, stance_cols]))]] if none[r] < self.threshold_ else None
                  for r in range(len(rows))]
        return triplets_from_rows(X, rows, labels)


def _none_probability(model, rows) -> np.ndarray:
    proba = np.asarray(model.predict_proba(rows))
    classes = list(model.classes_)
    return proba[:, classes.index(NONE_LABEL)] if NONE_LABEL in classes else np.zeros(len(rows))


def _best_threshold(p_none: np.ndarray, stance: np.ndarray) -> float:
    """The threshold t (keep a pair when P(none) < t) maximising pair F1 on the training rows."""
    best_t, best_f1 = 0.0, -1.0
    for t in [*np.unique(p_none), np.inf]:
        kept = p_none < t
        tp = int(np.sum(kept & stance))
        denominator = int(np.sum(kept)) + int(np.sum(stance))
        f1 = 2 * tp / denominator if denominator else 0.0
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t


def candidates_classifier(**params) -> CandidatesClassifierExtractor:
    return CandidatesClassifierExtractor(**params)
