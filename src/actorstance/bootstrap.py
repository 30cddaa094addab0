"""Seeded percentile-bootstrap confidence intervals, resampling documents.

Pairs from one article share an author, an outlet and often actors, so they are not independent:
the bootstrap resamples **documents** (all pairs of a drawn document come along) — a cluster
bootstrap. When the scored split holds a single document it resamples **pairs** instead, and
:class:`Resampling` says so (``unit == "pairs"``).

Resample ``b`` draws units with replacement; its draws are row ``b`` of
``numpy.random.default_rng(seed).integers(0, n_units, size=(n_resamples, n_units))``, where units
are the sorted distinct group ids. The draws depend only on ``(n_units, n_resamples, seed)``, so
two models scored on the same split with the same seed see the same resamples; that is what
:func:`paired_bootstrap` relies on.

Vectorised: each unit's confusion counts are computed once; a resample's counts are the
unit counts weighted by how often each unit was drawn (one matrix product for a block of
resamples), and every metric is evaluated on all resamples at once
(:func:`actorstance.metrics.scores_from_confusion`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterator, Literal, Sequence

import numpy as np

from actorstance.labels import ALL_LABELS
from actorstance.metrics import METRIC_NAMES, class_f1_from_confusion, encode, scores_from_confusion

#: Resamples drawn per block: bounds memory (block × n_units integers) without changing the draws.
#: Small enough that a block's arrays are reused from the heap rather than mapped afresh each time
#: (glibc maps allocations above 32 MB anew, which at 80,000 documents cost more than the counting).
_BLOCK = 16

Unit = Literal["documents", "pairs"]


@dataclass(frozen=True)
class Resampling:
    """What is resampled: ``unit_of_pair[i]`` is the unit (document, or pair) of pair ``i``."""

    unit: Unit
    n_units: int
    n_resamples: int
    seed: int
    unit_of_pair: np.ndarray

    @classmethod
    def plan(cls, groups: Sequence[Hashable], *, n_resamples: int, seed: int) -> "Resampling":
        """Resample the distinct ``groups`` (document ids, one per pair); pairs if there is only one."""
        if n_resamples < 0:
            raise ValueError(f"n_resamples must be >= 0; got {n_resamples}")
        if len(groups) == 0:
            raise ValueError("cannot bootstrap an empty set of pairs")
        keys, distinct = groups, set(groups)
        if not all(type(group) is str for group in distinct):
            keys = [group if isinstance(group, str) else str(group) for group in groups]
            distinct = set(keys)
        number = {key: i for i, key in enumerate(sorted(distinct))}  # units: the sorted distinct ids
        if len(number) == 1:
            return cls("pairs", len(groups), n_resamples, seed, np.arange(len(groups)))
        unit_of_pair = np.fromiter(map(number.__getitem__, keys), dtype=np.int64, count=len(keys))
        return cls("documents", len(number), n_resamples, seed, unit_of_pair)

    def indices(self) -> Iterator[np.ndarray]:
        """Blocks of the draw matrix: arrays of shape ``(block, n_units)`` of unit indices."""
        rng = np.random.default_rng(self.seed)
        for start in range(0, self.n_resamples, _BLOCK):
            size = min(_BLOCK, self.n_resamples - start)
            yield rng.integers(0, self.n_units, size=(size, self.n_units))

    def weights(self) -> Iterator[np.ndarray]:
        """Blocks of ``(block, n_units)`` counts: how often each unit is drawn in each resample."""
        for idx in self.indices():
            size = idx.shape[0]
            idx += (np.arange(size) * self.n_units)[:, None]  # in place: row b counts into its own n_units cells
            counts = np.bincount(idx.ravel(), minlength=size * self.n_units)
            yield counts.reshape(size, self.n_units)


def unit_confusions(resampling: Resampling, y_true: Sequence[str], y_pred: Sequence[str | None], *,
                    labels: Sequence[str]) -> np.ndarray:
    """Confusion counts per unit, shape ``(n_units, K, K + 1)``; last column: abstentions."""
    true_code, pred_code = encode(y_true, y_pred, labels=labels)
    if (pred_code < 0).any():
        bad = next(label for label, code in zip(y_pred, pred_code) if code < 0)
        raise ValueError(f"predicted label {bad!r} is not in labels={list(labels)}")
    return unit_confusions_from_codes(resampling, true_code, pred_code, len(labels))


def unit_confusions_from_codes(resampling: Resampling, true_code: np.ndarray, pred_code: np.ndarray,
                               k: int) -> np.ndarray:
    """:func:`unit_confusions` of label codes (:func:`actorstance.metrics.encode`, none ``-1``)."""
    if len(true_code) != len(resampling.unit_of_pair) or len(pred_code) != len(true_code):
        raise ValueError("y_true, y_pred and groups must have the same length")
    cells = k * (k + 1)
    flat = resampling.unit_of_pair * cells + true_code * (k + 1) + pred_code
    counts = np.bincount(flat, minlength=resampling.n_units * cells)
    return counts.reshape(resampling.n_units, k, k + 1)


def resampled_counts(resampling: Resampling, per_unit: np.ndarray) -> np.ndarray:
    """Confusion counts of every resample, shape ``(n_resamples, K, K + 1)``."""
    shape = per_unit.shape[1:]
    flat = per_unit.reshape(per_unit.shape[0], -1).astype(np.float64)
    blocks = [weights @ flat for weights in resampling.weights()]
    if not blocks:
        return np.zeros((0, *shape))
    return np.concatenate(blocks).reshape(resampling.n_resamples, *shape)


def bootstrap_distribution(y_true: Sequence[str], y_pred: Sequence[str | None], groups: Sequence[Hashable], *,
                           labels: Sequence[str], n_resamples: int = 1000, seed: int = 0
                           ) -> tuple[Resampling, dict[str, np.ndarray]]:
    """Every metric on every resample: ``{name: array of shape (n_resamples,)}`` (``nan`` where undefined)."""
    resampling = Resampling.plan(groups, n_resamples=n_resamples, seed=seed)
    counts = resampled_counts(resampling, unit_confusions(resampling, y_true, y_pred, labels=labels))
    return resampling, scores_from_confusion(counts, labels=labels)


@dataclass(frozen=True)
class Interval:
    """A percentile interval; ``undefined`` counts resamples on which the metric was ``nan``."""

    low: float | None
    high: float | None
    undefined: int


def percentile_interval(values: np.ndarray, *, confidence: float = 0.95) -> Interval:
    """The central ``confidence`` percentile interval of the defined (non-``nan``) values."""
    values = np.asarray(values, dtype=np.float64)
    defined = values[~np.isnan(values)]
    undefined = int(values.size - defined.size)
    if defined.size == 0:
        return Interval(None, None, undefined)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(defined, [tail, 100 - tail])
    return Interval(float(low), float(high), undefined)


def bootstrap_intervals(y_true: Sequence[str], y_pred: Sequence[str | None], groups: Sequence[Hashable], *,
                        labels: Sequence[str], n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95
                        ) -> tuple[Resampling, dict[str, Interval]]:
    """Percentile intervals of every metric of :data:`~actorstance.metrics.METRIC_NAMES`."""
    resampling, values = bootstrap_distribution(y_true, y_pred, groups, labels=labels,
                                                n_resamples=n_resamples, seed=seed)
    return resampling, {name: percentile_interval(values[name], confidence=confidence) for name in METRIC_NAMES}


@dataclass(frozen=True)
class PairedComparison:
    """Model A minus model B on one metric, over the same resamples.

    ``p_value`` is two-sided: twice the smaller share of resamples on which the difference is
    ``<= 0`` or ``>= 0``, each share counted as ``(k + 1) / (n + 1)``, capped at 1. It is below
    ``1 - confidence`` exactly when 0 lies outside the percentile interval (up to the +1).
    """

    metric: str
    value_a: float
    value_b: float
    difference: float
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    n_resamples: int
    undefined: int
    seed: int
    unit: Unit
    n_units: int


def two_sided_p_value(differences: np.ndarray) -> float | None:
    """Bootstrap p-value of a zero difference (see :class:`PairedComparison`); ``None`` when every
    resample's difference is undefined."""
    defined = differences[~np.isnan(differences)]
    if not defined.size:
        return None
    share = min(np.sum(defined <= 0), np.sum(defined >= 0))
    return float(min(1.0, 2 * (share + 1) / (defined.size + 1)))


def paired_bootstrap(y_true: Sequence[str], pred_a: Sequence[str | None], pred_b: Sequence[str | None],
                     groups: Sequence[Hashable], metric: str = "f1_pn", n: int = 1000, seed: int = 0, *,
                     labels: Sequence[str] | None = None, confidence: float = 0.95) -> PairedComparison:
    """Compare two models' predictions on the same pairs with a paired bootstrap.

    Both models are scored on each resample; the interval and p-value are of the difference
    ``metric(A) - metric(B)``. ``labels`` defaults to the labels occurring in the gold labels or
    either prediction, in :data:`~actorstance.labels.ALL_LABELS` order; that gives the same
    values as the config's labels (a label that occurs nowhere is left out of every average).

    >>> gold = ["positive", "negative", "positive", "neutral"]
    >>> paired_bootstrap(gold, gold, ["positive"] * 4, ["d1", "d1", "d2", "d2"], n=200).difference
    0.6666666666666667
    """
    if metric not in METRIC_NAMES:
        raise ValueError(f"metric must be one of {', '.join(METRIC_NAMES)}; got {metric!r}")
    if labels is None:
        seen = {*y_true, *pred_a, *pred_b} - {None}
        labels = [label for label in ALL_LABELS if label in seen] + sorted(seen - set(ALL_LABELS))
    resampling = Resampling.plan(groups, n_resamples=n, seed=seed)
    a, b = (ModelCounts.of(resampling, y_true, pred, labels=labels) for pred in (pred_a, pred_b))
    return paired_comparison(a, b, metric, confidence=confidence)


@dataclass(frozen=True)
class ModelCounts:
    """One model's confusion counts on the scored pairs and on every resample of ``resampling``.

    Computed once per model; its intervals, per-class intervals and paired comparisons with any
    other model on the same resampling all derive from it (counts are integers, so the sums are
    exact whatever the order: the same values as computing each from scratch).
    """

    resampling: Resampling
    labels: tuple[str, ...]
    counts: np.ndarray      # (K, K + 1)
    resampled: np.ndarray   # (n_resamples, K, K + 1)

    @classmethod
    def of(cls, resampling: Resampling, y_true: Sequence[str], y_pred: Sequence[str | None], *,
           labels: Sequence[str]) -> "ModelCounts":
        return cls.of_units(resampling, unit_confusions(resampling, y_true, y_pred, labels=labels), labels=labels)

    @classmethod
    def of_units(cls, resampling: Resampling, per_unit: np.ndarray, *, labels: Sequence[str]) -> "ModelCounts":
        return cls(resampling, tuple(labels), per_unit.sum(axis=0), resampled_counts(resampling, per_unit))

    def scores(self) -> dict[str, np.ndarray]:
        """Every metric on every resample (``{name: (n_resamples,)}``)."""
        return scores_from_confusion(self.resampled, labels=self.labels)

    def class_f1(self) -> np.ndarray:
        """Each label's F1 on every resample, ``(n_resamples, K)``."""
        return class_f1_from_confusion(self.resampled, labels=self.labels)


def paired_comparison(a: ModelCounts, b: ModelCounts, metric: str, *, confidence: float = 0.95) -> PairedComparison:
    """:func:`paired_bootstrap` of two models' :class:`ModelCounts` on the same resampling."""
    if metric not in METRIC_NAMES:
        raise ValueError(f"metric must be one of {', '.join(METRIC_NAMES)}; got {metric!r}")
    if a.resampling is not b.resampling and (a.resampling.n_units, a.resampling.n_resamples, a.resampling.seed) != (
            b.resampling.n_units, b.resampling.n_resamples, b.resampling.seed):
        raise ValueError("a paired comparison needs both models on the same resamples")
    point_a = scores_from_confusion(a.counts, labels=a.labels)[metric]
    point_b = scores_from_confusion(b.counts, labels=b.labels)[metric]
    diffs = a.scores()[metric] - b.scores()[metric]
    interval = percentile_interval(diffs, confidence=confidence)
    resampling = a.resampling
    return PairedComparison(metric, float(point_a), float(point_b), float(point_a - point_b), interval.low,
                            interval.high, two_sided_p_value(diffs), resampling.n_resamples, interval.undefined,
                            resampling.seed, resampling.unit, resampling.n_units)


def holm_adjusted(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down adjustment of ``p_values`` (one family; None stays None and is not counted).

    The smallest of m p-values is multiplied by m, the next by m - 1, ..., each kept at least as
    large as the one before and at most 1; rejecting where the adjusted value is below alpha
    controls the family-wise error rate at alpha (Holm 1979).

    >>> holm_adjusted([0.01, 0.04, None, 0.03])
    [0.03, 0.06, None, 0.06]
    """
    order = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(order):
        running = max(running, min(1.0, (len(order) - rank) * p))
        adjusted[i] = running
    return adjusted
