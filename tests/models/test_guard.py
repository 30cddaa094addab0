"""The guard around user models: exceptions, exits and bad return values become UserModelError."""

import sys

import pytest

from actorstance.errors import UserModelError
from actorstance.models.guard import guarded_clone, guarded_fit, guarded_predict


class Model:
    def __init__(self, behaviour="ok"):
        self.behaviour = behaviour

    def get_params(self, deep=True):
        return {"behaviour": self.behaviour}

    def set_params(self, **params):
        self.behaviour = params["behaviour"]
        return self

    def fit(self, X, y):
        return {"ok": self, "none": None, "raise": "raise", "exit": "exit", "int": 3}[self.behaviour] \
            if self.behaviour != "raise" and self.behaviour != "exit" else self._fail()

    def _fail(self):
        if self.behaviour == "exit":
            sys.exit(0)
        raise ValueError("the model's own words")

    def predict(self, X):
        if self.behaviour == "raise":
            raise KeyError("context")
        if self.behaviour == "exit":
            raise SystemExit(3)
        return {"ok": ["positive"] * len(X), "none": None, "int": 7, "short": [], "gen": (x for x in "ab")}.get(
            self.behaviour, ["positive"] * len(X))


@pytest.mark.parametrize("behaviour, message", [
    ("none", "fit() returned None instead of the fitted model. Fix: end fit() with `return self`"),
    ("int", "fit() returned a int, which has no predict()"),
    ("raise", "fit() raised ValueError: the model's own words. Fix: correct the model's fit(); run with --debug"),
    ("exit", "fit() called sys.exit(0)"),
])
def test_fit_failures_name_model_method_and_message(behaviour, message):
    with pytest.raises(UserModelError, match="^model tests.models.test_guard.Model: " + _re(message)):
        guarded_fit(Model(behaviour), [{}], ["positive"])


@pytest.mark.parametrize("behaviour, message", [
    ("none", "predict() returned None, not a sequence of labels"),
    ("int", "predict() returned a int, not a sequence of labels"),
    ("raise", "predict() raised KeyError: 'context'"),
    ("exit", "predict() called sys.exit(3)"),
    ("short", "predict() returned 0 labels for 2 pairs"),
])
def test_predict_failures_name_model_method_and_message(behaviour, message):
    with pytest.raises(UserModelError, match=_re(message)) as info:
        guarded_predict(Model(behaviour), [{}, {}])
    assert info.value.__cause__ is not None or behaviour in ("none", "int", "short")


def test_a_generator_is_accepted():
    assert guarded_predict(Model("gen"), [{}, {}]) == ["a", "b"]


def test_a_model_that_cannot_be_copied():
    class NoCopy(Model):
        def __deepcopy__(self, memo):
            raise TypeError("cannot pickle '_thread.lock' object")

        def get_params(self, deep=True):
            raise AttributeError("no params")

    with pytest.raises(UserModelError, match=r"clone \(get_params/deepcopy\)\(\) raised"):
        guarded_clone(NoCopy())


def test_keyboard_interrupt_is_not_swallowed():
    class Interrupted(Model):
        def predict(self, X):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        guarded_predict(Interrupted(), [{}])


def _re(text):
    import re

    return re.escape(text)
