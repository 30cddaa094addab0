"""The probes of the leakage audit (:mod:`actorstance.dataset.audit`): the features of each
model-input column's form, and the cross-validated most-frequent-label probe with its statistics.

>>> id_shape("000_90ff7f66/peskov->lukashenko#12"), id_shape("TRIPLET_900_DOCUMENT_0")
('9_9a9a9/a->a#9', 'a_9_a_9')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

#: Folds of the cross-validation (fewer when there are fewer documents).
N_FOLDS = 5
#: Numeric features are cut at up to this many training-row quantiles.
N_BINS = 10

_WORD = re.compile(r"\w+")


def id_shape(value: str) -> str:
    """The form of an id: runs of letters → ``a``, of digits → ``9``, other characters kept.

    >>> id_shape("000_90ff7f66/peskov->lukashenko@120-245"), id_shape("TRIPLET_900_DOCUMENT_0")
    ('9_9a9a9/a->a@9-9', 'a_9_a_9')
    """
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+", "a", value))


@dataclass(frozen=True)
class Probe:
    """One feature of one model-input column: ``numeric`` values are binned, others compared as they are.

    A probe that is not ``gating`` reads content a model is meant to use (the actor types): it is
    reported, and never fails the audit."""

    column: str
    name: str
    numeric: bool
    value: Callable[[Any], Any]
    gating: bool = True


def _length(value) -> int:
    return len(value or "")


def _tokens(value) -> int:
    return len(_WORD.findall(value or ""))


def _count(value) -> int:
    return value if isinstance(value, int) else len(value or ())


#: The audited features of every model-input column.
PROBES: tuple[Probe, ...] = (
    Probe("id", "id shape", False, id_shape),
    Probe("id", "id length", True, _length),
    Probe("doc_id", "doc_id shape", False, id_shape),
    Probe("source_id", "source_id shape", False, id_shape),
    Probe("target_id", "target_id shape", False, id_shape),
    Probe("source", "source name length", True, _length),
    Probe("target", "target name length", True, _length),
    Probe("source_type", "source type", False, str, gating=False),
    Probe("target_type", "target type", False, str, gating=False),
    Probe("context", "context length", True, _length),
    Probe("context", "context token count", True, _tokens),
    Probe("context_start", "context position", True, int),
    Probe("source_spans", "source span count", True, _count),
    Probe("target_spans", "target span count", True, _count),
)


def balanced_accuracy(right: np.ndarray, y: np.ndarray) -> float:
    """Mean over the labels of ``y`` of the share of their rows that are ``right``.

    >>> balanced_accuracy(np.array([True, True, True, False]), np.array(["a", "a", "a", "b"], dtype=object))
    0.5
    """
    return float(np.mean([right[y == label].mean() for label in sorted(set(y.tolist()))]))


def paired_p_value(right: np.ndarray, base: np.ndarray, y: np.ndarray) -> float:
    """One-sided p-value that ``right`` beats ``base`` in balanced accuracy only by chance.

    Per label, the rows where exactly one of the two is right are coin flips under the null
    (McNemar); the label's recall difference has variance (wins + losses) / n², and the balanced
    accuracy difference (their mean) is compared with its normal approximation. With a single
    label it is the exact sign test (:func:`sign_test`).
    """
    labels = sorted(set(y.tolist()))
    diffs, variances = [], []
    for label in labels:
        rows = y == label
        wins, losses = int((right & ~base & rows).sum()), int((base & ~right & rows).sum())
        n = int(rows.sum())
        diffs.append((wins - losses) / n)
        variances.append((wins + losses) / n ** 2)
    if len(labels) == 1:
        return sign_test(int((right & ~base).sum()), int((base & ~right).sum()))
    variance = sum(variances) / len(labels) ** 2
    if variance == 0:
        return 1.0
    z = (sum(diffs) / len(labels)) / math.sqrt(variance)
    return 0.5 * math.erfc(z / math.sqrt(2))


def sign_test(wins: int, losses: int) -> float:
    """One-sided p-value of ``wins`` or more in ``wins + losses`` fair coin flips (exact up to 2,000 flips).

    >>> sign_test(10, 0) < 0.001, sign_test(3, 3)
    (True, 0.65625)
    """
    n = wins + losses
    if n == 0:
        return 1.0
    if n <= 2000:
        return min(1.0, sum(math.comb(n, k) for k in range(wins, n + 1)) / 2 ** n)
    z = (wins - 0.5 - n / 2) / math.sqrt(n / 4)  # normal approximation with continuity correction
    return 0.5 * math.erfc(z / math.sqrt(2))


def folds_of(groups: list[str], seed: int) -> np.ndarray:
    """Fold number per row: whole documents per fold, or rows when there is a single document."""
    documents = sorted(set(groups))
    rng = np.random.default_rng(seed)
    if len(documents) >= 2:
        order = rng.permutation(len(documents))
        fold_of = {documents[d]: i % min(N_FOLDS, len(documents)) for i, d in enumerate(order)}
        return np.asarray([fold_of[g] for g in groups])
    return rng.permutation(len(groups)) % min(N_FOLDS, len(groups))


def codes_of(values: list) -> np.ndarray:
    index: dict[Any, int] = {}
    return np.asarray([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


def cross_validate(x: np.ndarray, y: np.ndarray, folds: np.ndarray, *, numeric: bool = False) -> np.ndarray:
    """Out-of-fold predictions: per value (per bin when numeric) the most frequent training label
    of the rows with that value, else — for a value unseen in training — the training majority.

    The probe changes its answer only where a value is mostly one other label, so it finds forms
    that mark a label (an id suffix, a context of another size), not mild correlations of content.
    """
    predicted = np.empty(len(y), dtype=object)
    for fold in np.unique(folds):
        test, train = folds == fold, folds != fold
        xs_train, xs_test = x[train], x[test]
        if numeric:
            edges = np.unique(np.quantile(xs_train, np.linspace(0, 1, N_BINS + 1)[1:-1]))
            xs_train, xs_test = np.searchsorted(edges, xs_train), np.searchsorted(edges, xs_test)
        by_value: dict[Any, Counter] = {}
        for value, label in zip(xs_train.tolist(), y[train].tolist()):
            by_value.setdefault(value, Counter())[label] += 1
        lookup = {value: most_frequent(counts) for value, counts in by_value.items()}
        fallback = most_frequent(Counter(y[train].tolist()))
        predicted[test] = [lookup.get(value, fallback) for value in xs_test.tolist()]
    return predicted


def most_frequent(counts: Counter) -> str:
    return min(counts, key=lambda label: (-counts[label], label))
