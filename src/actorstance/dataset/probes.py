"""The probes of the leakage audit (:mod:`actorstance.dataset.audit`): the features of each
model-input column's form, and the cross-validated most-frequent-label probe with its statistics.

>>> id_shape("000_90ff7f66/peskov->lukashenko#12"), id_shape("TRIPLET_900_DOCUMENT_0")
('9_9a9a9/a->a#9', 'a_9_a_9')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

#: Folds of the cross-validation (fewer when there are fewer documents).
N_FOLDS = 5
#: Numeric features are cut at up to this many training-row quantiles.
N_BINS = 10

_WORD = re.compile(r"\w+")


_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
#: Joins a column's values so that one regular-expression pass shapes them all; it is neither a
#: letter nor a digit, so no run crosses it.
_SEPARATOR = "\x00"


def id_shape(value: str) -> str:
    """The form of an id: runs of letters → ``a``, of digits → ``9``, other characters kept.

    >>> id_shape("000_90ff7f66/peskov->lukashenko@120-245"), id_shape("TRIPLET_900_DOCUMENT_0")
    ('9_9a9a9/a->a@9-9', 'a_9_a_9')
    """
    return _DIGITS.sub("9", _LETTERS.sub("a", value))


def id_shapes(values: list[str]) -> list[str]:
    """:func:`id_shape` of every value, in two passes over the joined column instead of two per value.

    >>> id_shapes(["d1/a->b", "x_22"]) == [id_shape("d1/a->b"), id_shape("x_22")]
    True
    """
    joined = _SEPARATOR.join(values)
    if joined.count(_SEPARATOR) != max(len(values) - 1, 0):  # a value holds the separator itself
        return [id_shape(v) for v in values]
    return id_shape(joined).split(_SEPARATOR) if values else []


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
    batch: Callable[[list], list] | None = None   # ``value`` of a whole column at once, when that is faster

    def values(self, column: list) -> list:
        """The feature of every value of ``column``."""
        return self.batch(column) if self.batch else list(map(self.value, column))


def _length(value) -> int:
    return len(value or "")


def _tokens(value) -> int:
    return len(_WORD.findall(value or ""))


#: ASCII ``\w`` bytes kept, every other byte a space: the words of an ASCII text are then its
#: ``bytes.split()`` — what ``_WORD`` finds, three times faster than the regular expression.
_ASCII_WORDS = bytes(c if chr(c).isascii() and _WORD.fullmatch(chr(c)) else 32 for c in range(256))


def _token_count(value) -> int:
    if value and value.isascii():
        return len(value.encode("ascii").translate(_ASCII_WORDS).split())
    return _tokens(value)


def _token_counts(values: list) -> list[int]:
    """:func:`_tokens` of every value (a context shared by pairs of a document is counted once).

    >>> _token_counts(["Anna met Lars.", "x_1-y", "Anna met Lars.", "Öl, bitte", None])
    [3, 2, 3, 2, 0]
    """
    counts: dict[str, int] = {}
    return [counts[v] if v in counts else counts.setdefault(v, _token_count(v)) for v in values]


def _count(value) -> int:
    return value if isinstance(value, int) else len(value or ())


#: The audited features of every model-input column.
PROBES: tuple[Probe, ...] = (
    Probe("id", "id shape", False, id_shape, batch=id_shapes),
    Probe("id", "id length", True, _length),
    Probe("doc_id", "doc_id shape", False, id_shape, batch=id_shapes),
    Probe("source_id", "source_id shape", False, id_shape, batch=id_shapes),
    Probe("target_id", "target_id shape", False, id_shape, batch=id_shapes),
    Probe("source", "source name length", True, _length),
    Probe("target", "target name length", True, _length),
    Probe("source_type", "source type", False, str, gating=False),
    Probe("target_type", "target type", False, str, gating=False),
    Probe("context", "context length", True, _length),
    Probe("context", "context token count", True, _tokens, batch=_token_counts),
    Probe("context_start", "context position", True, int),
    Probe("source_spans", "source span count", True, _count),
    Probe("target_spans", "target span count", True, _count),
)


def label_codes(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(labels, codes)``: the sorted distinct labels of ``y`` and each row's index into them."""
    labels, codes = np.unique(y, return_inverse=True)
    return labels, codes.reshape(-1)


def balanced_accuracy(right: np.ndarray, y: np.ndarray) -> float:
    """Mean over the labels of ``y`` of the share of their rows that are ``right``.

    >>> balanced_accuracy(np.array([True, True, True, False]), np.array(["a", "a", "a", "b"], dtype=object))
    0.5
    """
    _, codes = label_codes(y)
    return float(np.mean(np.bincount(codes, weights=right) / np.bincount(codes)))


def paired_p_value(right: np.ndarray, base: np.ndarray, y: np.ndarray) -> float:
    """One-sided p-value that ``right`` beats ``base`` in balanced accuracy only by chance.

    Per label, the rows where exactly one of the two is right are coin flips under the null
    (McNemar); the label's recall difference has variance (wins + losses) / n², and the balanced
    accuracy difference (their mean) is compared with its normal approximation. With a single
    label it is the exact sign test (:func:`sign_test`).
    """
    labels, codes = label_codes(y)
    wins_of = np.bincount(codes, weights=right & ~base, minlength=len(labels)).astype(np.int64).tolist()
    losses_of = np.bincount(codes, weights=base & ~right, minlength=len(labels)).astype(np.int64).tolist()
    rows_of = np.bincount(codes, minlength=len(labels)).tolist()
    if len(labels) == 1:
        return sign_test(wins_of[0], losses_of[0])
    diffs = [(wins - losses) / n for wins, losses, n in zip(wins_of, losses_of, rows_of)]
    variance = sum((wins + losses) / n ** 2 for wins, losses, n in zip(wins_of, losses_of, rows_of)) / len(labels) ** 2
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
    documents, document_of_row = np.unique(np.asarray(groups, dtype=object), return_inverse=True)
    rng = np.random.default_rng(seed)
    if len(documents) >= 2:
        order = rng.permutation(len(documents))
        fold_of = np.empty(len(documents), dtype=np.int64)
        fold_of[order] = np.arange(len(documents)) % min(N_FOLDS, len(documents))
        return fold_of[document_of_row.reshape(-1)]
    return rng.permutation(len(groups)) % min(N_FOLDS, len(groups))


def codes_of(values: list) -> np.ndarray:
    """Each value's index among the distinct values, in order of first appearance."""
    index: dict[Any, int] = {}
    return np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64, count=len(values))


def cross_validate(x: np.ndarray, y: np.ndarray, folds: np.ndarray, *, numeric: bool = False,
                   weights: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold predictions: per value (per bin when numeric) the most frequent training label
    of the rows with that value, else — for a value unseen in training — the training majority;
    ties go to the label first in sorted order.

    ``x`` holds numbers (``numeric``) or value codes (:func:`codes_of`). ``weights`` (one per row)
    make a row count as that many rows in the training counts: a sample of a label's rows then
    counts as all of them (:class:`~actorstance.dataset.audit.LeakageAudit` samples large configs).

    The probe changes its answer only where a value is mostly one other label, so it finds forms
    that mark a label (an id suffix, a context of another size), not mild correlations of content.
    """
    labels, codes = label_codes(y)
    n_labels = len(labels)
    predicted = np.empty(len(y), dtype=np.int64)
    for fold in np.unique(folds):
        test = folds == fold
        train = ~test
        xs_train, xs_test = x[train], x[test]
        if numeric:
            edges = np.unique(np.quantile(xs_train, np.linspace(0, 1, N_BINS + 1)[1:-1]))
            xs_train, xs_test = np.searchsorted(edges, xs_train), np.searchsorted(edges, xs_test)
            n_values = len(edges) + 1
        else:
            n_values = int(x.max()) + 1
        y_train = codes[train]
        w_train = None if weights is None else weights[train]
        counts = np.bincount(xs_train * n_labels + y_train, weights=w_train,
                             minlength=n_values * n_labels).reshape(n_values, n_labels)
        fallback = np.bincount(y_train, weights=w_train, minlength=n_labels).argmax()
        seen = np.bincount(xs_train, minlength=n_values) > 0
        predicted[test] = np.where(seen, counts.argmax(axis=1), fallback)[xs_test]
    return labels[predicted]
