"""Invented models for the ``--model package.module:attr`` tests (loaded by spec, not collected)."""

from __future__ import annotations


class AlwaysPositive:
    """Predicts ``positive`` for every pair; records what it was given."""

    def fit(self, X, y):
        self.classes_ = sorted(set(y))
        self.fit_columns_ = sorted({key for row in X for key in row})
        self.n_fit_ = len(X)
        return self

    def predict(self, X):
        self.predict_columns_ = sorted({key for row in X for key in row})
        return ["positive"] * len(X)


def always_negative():
    """A factory: called with no arguments, returns a model."""
    model = AlwaysPositive()
    model.predict = lambda X: ["negative"] * len(X)
    return model


INSTANCE = AlwaysPositive()


class Holder:
    @staticmethod
    def factory():
        return AlwaysPositive()


class Abstainer(AlwaysPositive):
    def predict(self, X):
        return [None if i % 2 else "positive" for i in range(len(X))]


class TooFew(AlwaysPositive):
    def predict(self, X):
        return ["positive"] * (len(X) - 1)


class UnknownLabel(AlwaysPositive):
    def predict(self, X):
        return ["favour"] * len(X)


class NoPredict:
    def fit(self, X, y):
        return self


class NeedsArguments(AlwaysPositive):
    def __init__(self, alpha):
        self.alpha = alpha


NOT_A_MODEL = 42


class InputsOnly(AlwaysPositive):
    """Fails unless it is given exactly the model input columns, and labels of the config."""

    def fit(self, X, y):
        from actorstance.columns import MODEL_INPUT_COLUMNS

        if any(tuple(row) != MODEL_INPUT_COLUMNS for row in X) or not set(y) <= {"positive", "negative", "neutral"}:
            raise ValueError("fit was given more than the model inputs")
        return super().fit(X, y)

    def predict(self, X):
        from actorstance.columns import MODEL_INPUT_COLUMNS

        if any(tuple(row) != MODEL_INPUT_COLUMNS for row in X):
            raise ValueError("predict was given more than the model inputs")
        return super().predict(X)


class PooledOracle(AlwaysPositive):
    """Declares itself transductive and answers from :attr:`answers` (id → label), which a test fills with
    the gold labels: a pooling model that beats every row-level one, for the reference tests."""

    transductive = "document"
    answers: dict = {}

    def predict(self, X):
        return [self.answers[row["id"]] for row in X]
