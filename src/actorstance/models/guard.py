"""The one guard around a user's model: whatever ``fit``, ``predict`` or copying it does, the
command ends with a message naming the model, the method and the model's own message.

Caught: any ``Exception``, ``SystemExit`` (a model calling ``sys.exit(0)`` must not make a
command "succeed" without writing its output), and return values the protocol forbids (``fit``
returning ``None`` instead of ``self``, ``predict`` returning ``None`` or a non-sequence). The
model's exception stays the ``__cause__`` of the :class:`~actorstance.errors.UserModelError`;
``--debug`` or ``ACTORSTANCE_DEBUG=1`` prints its traceback.

>>> class Broken:
...     def fit(self, X, y):
...         pass
>>> guarded_fit(Broken(), [], [])
Traceback (most recent call last):
...
actorstance.errors.UserModelError: model Broken: fit() returned None instead of the fitted model. Fix: end fit() with `return self` (the scikit-learn contract).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from actorstance.errors import ActorstanceError, UserModelError

_DEBUG_HINT = "run with --debug (or ACTORSTANCE_DEBUG=1) to see the model's traceback"


def model_label(model: Any) -> str:
    """``module.Class`` of a model (``Class`` for classes defined in ``__main__`` or doctests)."""
    cls = model if isinstance(model, type) else type(model)
    module = getattr(cls, "__module__", "") or ""
    name = getattr(cls, "__qualname__", cls.__name__)
    return name if module in ("", "__main__", "builtins") or module.startswith("actorstance.models.guard") \
        else f"{module}.{name}"


@contextmanager
def calling(model: Any, method: str) -> Iterator[None]:
    """Run a call into ``model.method``; turn anything it raises (or exits with) into :class:`UserModelError`."""
    try:
        yield
    except ActorstanceError:
        raise  # already one of ours, with its own message (e.g. a baseline refusing bad data)
    except (Exception, SystemExit) as err:
        if isinstance(err, SystemExit):
            what = f"called sys.exit({err.code!r})"
        else:
            text = str(err).strip().splitlines()
            what = f"raised {type(err).__name__}" + (f": {text[0][:300]}" if text else "")
        raise UserModelError(f"model {model_label(model)}: {method}() {what}. Fix: correct the model's "
                             f"{method}(); {_DEBUG_HINT}") from err


def guarded_clone(estimator: Any) -> Any:
    """A fresh unfitted copy (``sklearn.base.clone``), or a :class:`UserModelError` saying why not."""
    from sklearn.base import clone

    with calling(estimator, "clone (get_params/deepcopy)"):
        return clone(estimator, safe=False)


def guarded_fit(model: Any, X: list, y: list | None) -> Any:
    """``model.fit(X, y)``; returns the fitted model, which must be usable (``fit`` returns ``self``)."""
    with calling(model, "fit"):
        fitted = model.fit(X, y)
    if fitted is None:
        raise UserModelError(f"model {model_label(model)}: fit() returned None instead of the fitted model. "
                             "Fix: end fit() with `return self` (the scikit-learn contract).")
    if not callable(getattr(fitted, "predict", None)):
        raise UserModelError(f"model {model_label(model)}: fit() returned a {type(fitted).__name__}, which has no "
                             "predict(). Fix: end fit() with `return self` (the scikit-learn contract).")
    return fitted


def guarded_predict(model: Any, X: list) -> list:
    """``model.predict(X)`` as a list of ``len(X)`` values (their labels are checked by the caller)."""
    with calling(model, "predict"):
        predicted = model.predict(X)
        if predicted is None or isinstance(predicted, (str, bytes, dict)) or not hasattr(predicted, "__iter__"):
            raise UserModelError(f"model {model_label(model)}: predict() returned "
                                 f"{'None' if predicted is None else 'a ' + type(predicted).__name__}, not a sequence "
                                 "of labels. Fix: return a list with one label string (or None) per row.")
        values = list(predicted)  # a generator runs here, still under the guard
    if len(values) != len(X):
        raise UserModelError(f"model {model_label(model)}: predict() returned {len(values)} labels for {len(X)} "
                             "pairs. Fix: return one label (or None to abstain) per row, in row order.")
    return values
