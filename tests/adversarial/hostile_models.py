"""Invented models that break the model protocol in every way a user's model can (loaded by spec)."""

from __future__ import annotations

import sys
import threading


class _Base:
    def fit(self, X, y):
        return self

    def predict(self, X):
        return ["positive"] * len(X)


class PredictNone(_Base):
    def predict(self, X):
        return None


class PredictRaises(_Base):
    def predict(self, X):
        raise ValueError("the tokenizer met an empty context")


class PredictExitZero(_Base):
    def predict(self, X):
        sys.exit(0)


class PredictExitMessage(_Base):
    def predict(self, X):
        sys.exit("giving up")


class PredictWrongLength(_Base):
    def predict(self, X):
        return ["positive"]


class PredictUnknownLabel(_Base):
    def predict(self, X):
        return ["favour"] * len(X)


class PredictInteger(_Base):
    def predict(self, X):
        return 7


class PredictString(_Base):
    def predict(self, X):
        return "positive"


class PredictGeneratorRaises(_Base):
    def predict(self, X):
        yield "positive"
        raise RuntimeError("generator broke after one label")


class PredictNumbers(_Base):
    def predict(self, X):
        return [1] * len(X)


class FitNoReturn(_Base):
    def fit(self, X, y):
        self.classes_ = sorted(set(y or []))


class FitRaises(_Base):
    def fit(self, X, y):
        raise KeyError("context_start")


class FitExits(_Base):
    def fit(self, X, y):
        raise SystemExit(3)


class FitReturnsNumber(_Base):
    def fit(self, X, y):
        return 42


class NotCopyable(_Base):
    """Holds a lock: ``copy.deepcopy`` (what ``sklearn.base.clone`` does without get_params) fails."""

    def __init__(self):
        self.lock = threading.Lock()


class InitRaises(_Base):
    def __init__(self):
        raise RuntimeError("needs a GPU")


class RecursionInPredict(_Base):
    def predict(self, X):
        return self.predict(X)


class MemoryErrorInPredict(_Base):
    def predict(self, X):
        raise MemoryError
