"""The ``tfidf-lr`` baseline: how stance is worded, never who is involved.

A plain scikit-learn :class:`~sklearn.pipeline.Pipeline` with three named steps, so it can be
tuned with the usual ``step__param`` names (``clf__C``, ``features__word__ngram_range``,
``context__scope``...) and extended (add a branch to ``features``):

* ``context`` — :class:`~actorstance.models.features.MarkedContext`: the pair's context with source
  mentions → ``[SRC]`` and target mentions → ``[TGT]`` (and verbatim repeats of their names);
* ``features`` — a ``FeatureUnion`` of word 1–2-gram and ``char_wb`` 2–5-gram TF-IDF
  (sublinear term frequency);
* ``clf`` — :class:`FallbackLogisticRegression`: ``LogisticRegression`` with balanced class
  weights, seeded, which predicts the only class (with a warning) when trained on one class.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from actorstance.errors import SingleClassWarning
from actorstance.models.features import MarkedContext

__all__ = ["FallbackLogisticRegression", "WORD_TOKEN_PATTERN", "tfidf_lr"]

#: Word tokens: the two markers, and words of two or more characters (text is lower-cased first).
WORD_TOKEN_PATTERN = r"(?u)\[src\]|\[tgt\]|\b\w\w+\b"


class FallbackLogisticRegression(LogisticRegression):
    """``LogisticRegression`` that predicts label strings (object array) and survives a single class.

    Trained on one class (e.g. a small cross-validation fold), it warns with
    :class:`SingleClassWarning`, sets ``single_class_ = True`` and predicts that class with
    probability 1, instead of raising like ``LogisticRegression``.
    """

    def fit(self, X, y, sample_weight=None):
        classes = np.unique(np.asarray(y, dtype=object).astype(str))
        if len(classes) == 1:
            warnings.warn(f"tfidf-lr was trained on a single class ({str(classes[0])!r}); it predicts "
                          "that class for every pair", SingleClassWarning, stacklevel=2)
            self.classes_ = classes
            self.n_features_in_ = X.shape[1]
            self.single_class_ = True
            return self
        super().fit(X, y, sample_weight=sample_weight)
        self.single_class_ = False
        return self

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self)
        if self.single_class_:
            return np.full(X.shape[0], self.classes_[0], dtype=object)
        return np.asarray(super().predict(X), dtype=object)

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self)
        if self.single_class_:
            return np.ones((X.shape[0], 1))
        return super().predict_proba(X)

    def predict_log_proba(self, X) -> np.ndarray:
        return np.log(self.predict_proba(X))

    def decision_function(self, X) -> np.ndarray:
        check_is_fitted(self)
        if self.single_class_:
            return np.zeros(X.shape[0])
        return super().decision_function(X)


def tfidf_lr(*, random_state=0, **params) -> Pipeline:
    """Factory of the registry: the ``tfidf-lr`` pipeline; ``params`` are ``step__param`` names.

    >>> tfidf_lr(clf__C=4.0).get_params()["clf__C"]
    4.0
    """
    pipeline = Pipeline([
        ("context", MarkedContext()),
        ("features", FeatureUnion([
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKEN_PATTERN,
                                     sublinear_tf=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ])),
        ("clf", FallbackLogisticRegression(class_weight="balanced", max_iter=5000, random_state=random_state)),
    ])
    return pipeline.set_params(**params)
