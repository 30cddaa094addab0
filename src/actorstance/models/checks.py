"""Checks of a fitted model's contract that the evaluation harness relies on.

A score is a property of each row's prediction only if that prediction does not depend on which
other rows are predicted with it, nor on their order. :func:`batch_dependence` tests that, in the
spirit of scikit-learn's ``check_estimator``: it predicts the rows whole, permuted, and split into
calls, and lists every row whose prediction changed. A model that pools rows must say so with a
class attribute ``transductive = "document"`` (see :data:`TRANSDUCTIVE`) and pool only within a
document; it is then checked with splits at document boundaries.

>>> class Majority:
...     def predict(self, X):
...         return ["negative"] * len(X)
>>> batch_dependence(Majority(), [{"doc_id": "a"}, {"doc_id": "b"}])
[]
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from actorstance.errors import ModelError

#: Values of a model's ``transductive`` attribute: None (absent) — each row's prediction depends on
#: that row alone; ``"document"`` — on the rows of its document predicted in the same call.
TRANSDUCTIVE = (None, "document")


def transductive(model: Any) -> str | None:
    """The model's declared pooling: None (row-level) or ``"document"``; anything else is a :class:`ModelError`."""
    value = getattr(model, "transductive", None)
    if value not in TRANSDUCTIVE:
        raise ModelError(f"{type(model).__qualname__}.transductive is {value!r}. Fix: leave it unset for a model "
                         "whose prediction for a row depends on that row alone, or set it to 'document' for one that "
                         "pools the rows of a document")
    return value


def batch_dependence(model: Any, X: Sequence[dict], *, seed: int = 0, n_trials: int = 3) -> list[str]:
    """Rows whose prediction changes with the batch, as messages (empty when there are none).

    ``model`` is fitted; ``X`` are pair rows with ``doc_id``. The predictions on all rows in one
    call are compared with those on ``n_trials`` random permutations, on ``n_trials`` random
    splits into calls, and on one call per row (a row-level model) or per document (a
    ``transductive = "document"`` model, whose splits and permutations keep documents whole).
    """
    rows = list(X)
    whole = _predict(model, rows)
    rng = np.random.default_rng(seed)
    units = _units(rows, transductive(model))
    problems: list[str] = []

    def compare(what: str, calls: list[list[int]]) -> None:
        got: dict[int, Any] = {}
        for call in calls:
            for i, label in zip(call, _predict(model, [rows[i] for i in call])):
                got[i] = label
        changed = [i for i in range(len(rows)) if got[i] != whole[i]]
        if changed:
            i = changed[0]
            problems.append(f"{what}: {len(changed)} of {len(rows)} predictions differ from one call on all rows "
                            f"(e.g. row {i}, id {rows[i].get('id')!r}: {whole[i]!r} vs {got[i]!r})")

    for trial in range(n_trials):
        order = [i for u in rng.permutation(len(units)) for i in units[u]]
        compare(f"permutation {trial + 1}", [order])
        cuts = sorted(rng.choice(np.arange(1, len(units)), size=min(len(units) - 1, 1 + trial), replace=False)) \
            if len(units) > 1 else []
        bounds = [0, *cuts, len(units)]
        compare(f"split {trial + 1} into {len(bounds) - 1} calls",
                [[i for u in range(a, b) for i in units[u]] for a, b in zip(bounds, bounds[1:])])
    compare("one call per " + ("document" if transductive(model) else "row"), units)
    return problems


def _units(rows: list[dict], pooling: str | None) -> list[list[int]]:
    """Groups of row indices that must stay in one call: single rows, or whole documents."""
    if pooling is None:
        return [[i] for i in range(len(rows))]
    documents: dict[Any, list[int]] = {}
    for i, row in enumerate(rows):
        documents.setdefault(row["doc_id"], []).append(i)
    return list(documents.values())


def _predict(model: Any, rows: list[dict]) -> list:
    return [None if p is None else str(p) for p in model.predict(rows)]
