"""The ``majority`` and ``stratified`` baselines: scikit-learn's ``DummyClassifier``, row-level.

They ignore the text. ``majority`` (strategy ``"prior"``) predicts the most frequent training
label and reports the training label distribution as its scores; ``stratified`` draws labels at
random with the training distribution. scikit-learn's ``stratified`` draws one label per row of a
``predict`` call from one generator, so a row's label would depend on the rows before it in the
call; here each row's draw comes from ``random_state`` and the row's ``id`` (its whole content when
it has none), so a row gets the same label in any batch, in any order, and in repeated calls.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.utils.validation import check_is_fitted


class DummyBaseline(DummyClassifier):
    """``DummyClassifier`` whose ``predict`` returns label strings in an object array (the model protocol)."""

    def predict(self, X) -> np.ndarray:
        if self.strategy == "stratified":
            proba = self.predict_proba(X)
            return np.asarray(self.classes_[np.argmax(proba, axis=1)], dtype=object)
        return np.asarray(super().predict(X), dtype=object)

    def predict_proba(self, X):
        if self.strategy != "stratified":
            return super().predict_proba(X)
        check_is_fitted(self)
        draws = np.array([row_uniform(row, self.random_state) for row in X])
        cumulative = np.cumsum(self.class_prior_)
        chosen = np.minimum(np.searchsorted(cumulative, draws * cumulative[-1], side="right"), len(cumulative) - 1)
        return np.eye(len(self.classes_))[chosen]


def row_uniform(row, random_state) -> float:
    """A number in [0, 1) fixed by ``random_state`` and the row's ``id`` (else its JSON with sorted keys).

    >>> row_uniform({"id": "a"}, 0) == row_uniform({"id": "a"}, 0) != row_uniform({"id": "a"}, 1)
    True
    """
    key = row["id"] if hasattr(row, "keys") and "id" in row else row
    content = json.dumps([random_state, key], sort_keys=True, default=str, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(content.encode("utf-8")).digest()[:8], "big") / 2 ** 64


def majority(*, random_state=0, **params) -> DummyBaseline:
    """Factory of the registry: the most frequent training label (``DummyClassifier(strategy="prior")``)."""
    return DummyBaseline(strategy="prior", random_state=random_state).set_params(**params)


def stratified(*, random_state=0, **params) -> DummyBaseline:
    """Factory of the registry: random labels drawn with the training distribution, seeded per row."""
    return DummyBaseline(strategy="stratified", random_state=random_state).set_params(**params)
