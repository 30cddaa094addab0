"""The ``pair-prior`` baseline: a diagnostic of how much a benchmark rewards memorising actors.

It never reads the text. For a pair it predicts, in order of availability,

1. ``pair`` — the most frequent training label of the same (source, target) pair;
2. ``target`` — the most frequent training label of pairs with the same target;
3. ``majority`` — the most frequent training label.

Ties go to the label more frequent in the whole training data, then to the first in sorted
order, so predictions never depend on row order. A high score means the evaluated pairs repeat
the training pairs' actors and stances; a text model should beat it.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from actorstance.errors import ModelError, ModelSpecError
from actorstance.models.features import check_rows

BACKOFF_LEVELS = ("pair", "target", "majority")
_KEYS = ("id", "name")


class PairPriorBaseline(ClassifierMixin, BaseEstimator):
    """Memorised (source, target) labels, then the target's prior, then the majority label.

    Parameters
    ----------
    key : {"id", "name"}
        Match actors by ``source_id``/``target_id`` (``"id"``), or by their case-folded names
        (``"name"``, for training data whose actor ids differ from the evaluated dataset's).

    Fitted attributes: ``classes_``, ``pair_labels_`` and ``target_labels_`` (dicts keyed by
    actor keys), ``majority_``.
    """

    def __init__(self, *, key: str = "id"):
        self.key = key

    def fit(self, X, y):
        if self.key not in _KEYS:
            raise ModelSpecError(f"The 'key' parameter of pair-prior must be one of {', '.join(_KEYS)}. "
                                 f"Got {self.key!r} instead.")
        rows = check_rows(X, self._columns(), who="pair-prior")
        if y is None or len(y) != len(rows) or not len(rows):
            raise ModelError(f"pair-prior: fit needs one label per row, got {len(rows)} rows and "
                             f"{'no' if y is None else len(y)} labels. Fix: pass a non-empty training set with its labels")
        labels = [str(label) for label in y]
        overall = Counter(labels)
        by_pair: dict[tuple[str, str], Counter] = {}
        by_target: dict[str, Counter] = {}
        for row, label in zip(rows, labels):
            source, target = self._actors(row)
            by_pair.setdefault((source, target), Counter())[label] += 1
            by_target.setdefault(target, Counter())[label] += 1

        def top(counts: Counter) -> str:
            return min(counts, key=lambda label: (-counts[label], -overall[label], label))

        self.classes_ = np.array(sorted(overall), dtype=object)
        self.majority_ = top(overall)
        self.pair_labels_ = {pair: top(c) for pair, c in sorted(by_pair.items())}
        self.target_labels_ = {target: top(c) for target, c in sorted(by_target.items())}
        return self

    def predict(self, X) -> np.ndarray:
        return np.array([label for label, _ in self._backoff(X)], dtype=object)

    def explain(self, X) -> list[str]:
        """Which level answered each row: one of :data:`BACKOFF_LEVELS`."""
        return [level for _, level in self._backoff(X)]

    def _backoff(self, X) -> list[tuple[str, str]]:
        check_is_fitted(self)
        out = []
        for row in check_rows(X, self._columns(), who="pair-prior"):
            source, target = self._actors(row)
            if (source, target) in self.pair_labels_:
                out.append((self.pair_labels_[source, target], "pair"))
            elif target in self.target_labels_:
                out.append((self.target_labels_[target], "target"))
            else:
                out.append((self.majority_, "majority"))
        return out

    def _columns(self) -> tuple[str, str]:
        return ("source_id", "target_id") if self.key == "id" else ("source", "target")

    def _actors(self, row) -> tuple[str, str]:
        source, target = (row[c] for c in self._columns())
        if self.key == "name":
            return str(source).casefold().strip(), str(target).casefold().strip()
        return str(source), str(target)


def pair_prior(*, random_state=None, **params) -> PairPriorBaseline:
    """Factory of the registry: a :class:`PairPriorBaseline` (deterministic: ``random_state`` is unused)."""
    return PairPriorBaseline().set_params(**params)
