"""What a model is: a scikit-learn style estimator over pair rows.

A model is any object with

``fit(X, y)``
    ``X`` is a list of row dicts holding only
    :data:`~actorstance.dataset.features.MODEL_INPUT_COLUMNS` (never the label or the gold
    evidence); ``y`` is a list of label strings of the config. Returns ``self``. A model that
    needs no training still has a ``fit``, which only records ``classes_``.
``predict(X)``
    One label string per row, in row order, or ``None`` to abstain on a row. Abstentions are
    counted and scored as wrong, never mapped to a label.
``predict_proba(X)`` and ``classes_`` (optional)
    Probabilities per row in ``classes_`` order, for reports that need scores.

Anything built like ``sklearn.dummy.DummyClassifier`` works (``__init__`` stores keyword
arguments, ``fit`` validates and learns, learned state ends in ``_``). Usage::

    class AlwaysPositive:
        def fit(self, X, y):
            self.classes_ = sorted(set(y))
            return self

        def predict(self, X):
            return ["positive"] * len(X)

and ``actorstance evaluate --model mypackage.models:AlwaysPositive``.
"""

from __future__ import annotations

from typing import Any, Protocol, Sequence, runtime_checkable

from actorstance.columns import MODEL_INPUT_COLUMNS
from actorstance.errors import ModelError


@runtime_checkable
class StanceModel(Protocol):
    """The model protocol: a scikit-learn style estimator over pair rows (see the module docstring).

    Parameters
    ----------
    X : list of dict
        Pair rows holding only :data:`~actorstance.columns.MODEL_INPUT_COLUMNS`.
    y : list of str
        The gold label of each row (``fit`` only; ``None`` for a model with ``requires_fit = False``).

    Returns
    -------
    self, or a sequence of str or None
        ``fit`` returns the model; ``predict`` one label per row, in row order (``None`` abstains).

    Example
    -------
    >>> class AlwaysPositive:
    ...     def fit(self, X, y):
    ...         return self
    ...     def predict(self, X):
    ...         return ["positive"] * len(X)
    >>> isinstance(AlwaysPositive(), StanceModel)
    True
    """

    def fit(self, X: list[dict[str, Any]], y: list[str]) -> Any: ...

    def predict(self, X: list[dict[str, Any]]) -> Sequence[str | None]: ...


def model_name(model: Any) -> str:
    return type(model).__qualname__


def check_model(model: Any, *, spec: str) -> None:
    """Raise :class:`ModelError` unless ``model`` has callable ``fit`` and ``predict`` methods."""
    missing = [name for name in ("fit", "predict") if not callable(getattr(model, name, None))]
    if missing:
        raise ModelError(
            f"--model {spec}: the object is a {model_name(model)} without {' and '.join(f'{m}()' for m in missing)}. "
            "Fix: name a class, factory or instance with fit(X, y) and predict(X) (see docs/evaluation.md, "
            "'Model protocol')")


def model_inputs(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows restricted to :data:`MODEL_INPUT_COLUMNS`: what a model may read."""
    return [{column: row[column] for column in MODEL_INPUT_COLUMNS} for row in rows]


def check_predictions(predictions: Any, *, n_rows: int, labels: Sequence[str], who: str) -> list[str | None]:
    """Check what ``predict`` returned: one known label or ``None`` per row. Raises :class:`ModelError`."""
    try:
        values = list(predictions)
    except TypeError:
        raise ModelError(f"{who}: predict() returned a {type(predictions).__name__}, not a sequence of labels. "
                         "Fix: return one label string (or None) per row") from None
    if len(values) != n_rows:
        raise ModelError(f"{who}: predict() returned {len(values)} predictions for {n_rows} rows. "
                         "Fix: return exactly one label (or None to abstain) per row, in row order")
    allowed = set(labels)
    for i, value in enumerate(values):
        if value is not None and (not isinstance(value, str) or value not in allowed):
            raise ModelError(f"{who}: prediction {i} is {value!r}, not a label of the config. "
                             f"Fix: predict one of: {', '.join(labels)}; or None to abstain")
    return values
