"""The ``majority`` and ``stratified`` baselines: scikit-learn's ``DummyClassifier``, unchanged.

They ignore the text. ``majority`` (strategy ``"prior"``) predicts the most frequent training
label and reports the training label distribution as its scores; ``stratified`` draws labels at
random with the training distribution (seeded by ``random_state``, so repeated ``predict`` calls
give the same draws). They are the floor a model must clear.
"""

from __future__ import annotations

import numpy as np
from sklearn.dummy import DummyClassifier


class DummyBaseline(DummyClassifier):
    """``DummyClassifier`` whose ``predict`` returns label strings in an object array (the model protocol)."""

    def predict(self, X) -> np.ndarray:
        return np.asarray(super().predict(X), dtype=object)


def majority(*, random_state=0, **params) -> DummyBaseline:
    """Factory of the registry: the most frequent training label (``DummyClassifier(strategy="prior")``)."""
    return DummyBaseline(strategy="prior", random_state=random_state).set_params(**params)


def stratified(*, random_state=0, **params) -> DummyBaseline:
    """Factory of the registry: random labels drawn with the training distribution, seeded."""
    return DummyBaseline(strategy="stratified", random_state=random_state).set_params(**params)
