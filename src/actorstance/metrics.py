"""Stance metrics: the headline ``f1_pn``, ``macro_f1``, ``accuracy``, per-class scores, confusion.

Every score is computed from confusion counts (one ``numpy.bincount`` over integer label codes),
with scikit-learn's definitions (explicit ``labels=``, ``zero_division=nan``): the tests check
each function against scikit-learn on random inputs. The bootstrap (:mod:`actorstance.bootstrap`)
evaluates the same definitions on many resamples at once through :func:`scores_from_confusion`.
Label strings are turned into codes once (:func:`encode`); a million pairs score in a fraction of
a second.

Conventions, decided once here and documented in ``docs/evaluation.md``:

* **Abstentions** — a prediction of ``None`` is wrong: a false negative for the gold class and a
  false positive for no class. It is never mapped to a label.
* **Undefined ratios** — precision of a label never predicted, recall of a label absent from the
  gold, F1 of a label absent from both, are undefined (``nan``, ``zero_division=np.nan``), not 0
  or 1. Averages leave undefined values out, so ``macro_f1`` and ``f1_pn`` average over the labels
  that occur in the gold labels or the predictions of the scored set (:func:`scored_labels`).
* **f1_pn** — mean of F1(positive) and F1(negative), each pooled over all pairs (micro over
  pairs, not averaged per document): the SemEval-2016 Task 6 score (Mohammad et al., 2016,
  "SemEval-2016 Task 6: Detecting Stance in Tweets") as used for directed relations in RuSentRel
  (Loukachevitch & Rusnachenko, 2018, "Extracting sentiment attitudes from analytical texts").
  ``neutral`` and ``none`` are not averaged but still count: predicting ``neutral`` for a
  ``positive`` pair lowers the recall of ``positive``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import Sequence

import numpy as np

from actorstance.labels import POLAR_LABELS

#: Metric names, in the order they are reported. ``*_score`` style: higher is better.
METRIC_NAMES: tuple[str, ...] = ("f1_pn", "macro_f1", "accuracy")


@dataclass(frozen=True)
class ClassScores:
    """Precision, recall and F1 of one label (``nan`` where undefined), with its counts."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold pairs with this label
    predicted: int  # pairs predicted as this label


def _check_lengths(y_true: Sequence, y_pred: Sequence) -> None:
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}")
    if not len(y_true):
        raise ValueError("cannot score an empty set of pairs")


def encode(y_true: Sequence[str], y_pred: Sequence[str | None], *, labels: Sequence[str]
           ) -> tuple[np.ndarray, np.ndarray]:
    """Gold and predicted labels as integer codes: the index in ``labels``; an abstention
    (``None``) is ``len(labels)``; a predicted label outside ``labels`` is ``-1``.

    Raises ``ValueError`` for a gold label that is ``None`` or not in ``labels``.

    >>> [c.tolist() for c in encode(["neutral", "positive"], [None, "x"], labels=["positive", "neutral"])]
    [[1, 0], [2, -1]]
    """
    _check_lengths(y_true, y_pred)
    code = {label: i for i, label in enumerate(labels)}
    try:
        true_code = np.fromiter(map(code.__getitem__, y_true), dtype=np.int64, count=len(y_true))
    except KeyError as err:
        if err.args[0] is None:
            raise ValueError("y_true contains None; gold labels are never missing") from None
        raise ValueError(f"gold label {err.args[0]!r} is not in labels={list(labels)}") from None
    code[None] = len(labels)
    pred_code = np.fromiter(map(code.get, y_pred, repeat(-1)), dtype=np.int64, count=len(y_pred))
    return true_code, pred_code


def confusion_from_codes(true_code: np.ndarray, pred_code: np.ndarray, k: int) -> np.ndarray:
    """Counts ``(k, k + 1)`` of codes from :func:`encode` (last column: abstentions; predictions
    coded ``-1`` are left out, as they are in no column)."""
    keep = pred_code >= 0
    cells = true_code[keep] * (k + 1) + pred_code[keep]
    return np.bincount(cells, minlength=k * (k + 1)).reshape(k, k + 1)


def confusion(y_true: Sequence[str], y_pred: Sequence[str | None], *, labels: Sequence[str]) -> np.ndarray:
    """Counts with gold labels as rows and predictions as columns, both in ``labels`` order,
    plus a last column of abstentions: shape ``(len(labels), len(labels) + 1)``."""
    return confusion_from_codes(*encode(y_true, y_pred, labels=labels), len(labels))


def _seen_confusion(y_true: Sequence[str], y_pred: Sequence[str | None], labels: Sequence[str]
                    ) -> tuple[np.ndarray, int]:
    # counts over ``labels`` followed by every other label that occurs, so that a pair whose gold
    # or prediction lies outside ``labels`` still counts as a wrong (or right) answer
    _check_lengths(y_true, y_pred)
    others = sorted(({*y_true, *y_pred} - {None}) - set(labels))
    universe = [*labels, *others]
    return confusion_from_codes(*encode(y_true, y_pred, labels=universe), len(universe)), len(labels)


def scored_labels(y_true: Sequence[str], y_pred: Sequence[str | None], *, labels: Sequence[str]) -> list[str]:
    """The labels of ``labels`` (in that order) that occur in the gold labels or the predictions.

    These are the labels an average is taken over; a label absent from both has undefined F1.

    >>> scored_labels(["positive", "neutral"], ["positive", None], labels=["positive", "negative", "neutral"])
    ['positive', 'neutral']
    """
    seen = set(y_true) | set(y_pred)
    return [label for label in labels if label in seen]


def scored_labels_from_confusion(counts: np.ndarray, *, labels: Sequence[str]) -> list[str]:
    """:func:`scored_labels` from confusion counts ``(K, K + 1)`` over ``labels``."""
    counts = np.asarray(counts)
    k = len(labels)
    occurs = counts.sum(axis=1) + counts[:, :k].sum(axis=0)
    return [label for label, n in zip(labels, occurs) if n > 0]


def f1_pn_score(y_true: Sequence[str], y_pred: Sequence[str | None]) -> float:
    """Mean of F1(positive) and F1(negative) over all pairs; ``nan`` when neither label occurs.

    A polar label absent from both the gold and the predictions is left out of the mean (its F1
    is undefined), so perfect predictions score 1.0 on a split without ``negative`` pairs.

    Parameters
    ----------
    y_true : sequence of str
        Gold labels.
    y_pred : sequence of str or None
        Predicted labels; ``None`` is an abstention, scored as wrong.

    Returns
    -------
    float
        Higher is better, in [0, 1]; ``nan`` when neither polar label occurs.

    Example
    -------
    >>> f1_pn_score(["positive", "negative", "neutral"], ["positive", "neutral", "neutral"])
    0.5
    """
    return _macro_f1(y_true, y_pred, POLAR_LABELS)


def macro_f1_score(y_true: Sequence[str], y_pred: Sequence[str | None], *, labels: Sequence[str]) -> float:
    """Unweighted mean of per-label F1 over the labels of ``labels`` that occur (:func:`scored_labels`).

    Parameters
    ----------
    y_true, y_pred : sequences of labels
        Gold and predicted labels, pair by pair (a ``None`` prediction abstains and counts as wrong).
    labels : sequence of str
        The config's label set; labels absent from both sides are left out of the mean.

    Returns
    -------
    float
        Higher is better, in [0, 1]; ``nan`` when no label of ``labels`` occurs.

    Example
    -------
    >>> macro_f1_score(["positive", "neutral"], ["positive", None], labels=["positive", "negative", "neutral"])
    0.5
    """
    return _macro_f1(y_true, y_pred, labels)


def _macro_f1(y_true, y_pred, labels: Sequence[str]) -> float:
    counts, k = _seen_confusion(y_true, y_pred, labels)
    return float(_nanmean(_class_f1(counts)[:k]))


def accuracy_score(y_true: Sequence[str], y_pred: Sequence[str | None]) -> float:
    """Share of pairs whose prediction equals the gold label (abstentions are wrong).

    Parameters
    ----------
    y_true, y_pred : sequences of labels
        Gold and predicted labels, pair by pair; a ``None`` prediction never equals a gold label.

    Returns
    -------
    float
        Higher is better, in [0, 1].

    Example
    -------
    >>> accuracy_score(["positive", "negative", "neutral", "neutral"], ["positive", None, "neutral", "negative"])
    0.5
    """
    counts, _ = _seen_confusion(y_true, y_pred, ())
    return float(np.trace(counts) / len(y_true))


def per_class_scores(y_true: Sequence[str], y_pred: Sequence[str | None], *, labels: Sequence[str]) -> list[ClassScores]:
    """Precision/recall/F1/support/predicted of every label of ``labels``, in that order.

    Parameters
    ----------
    y_true, y_pred : sequences of labels
        Gold and predicted labels; an abstention (``None``) lowers recall, never precision.
    labels : sequence of str
        The labels to report, in report order.

    Returns
    -------
    list of ClassScores
        One row per label; ``nan`` where a ratio is undefined (no gold or no predicted pair).

    Example
    -------
    >>> row = per_class_scores(["positive", "negative"], ["positive", "positive"], labels=["positive", "negative"])[0]
    >>> row.label, row.precision, row.recall, row.support, row.predicted
    ('positive', 0.5, 1.0, 1, 2)
    """
    counts, k = _seen_confusion(y_true, y_pred, labels)
    return _class_rows(counts, list(labels))


def per_class_from_confusion(counts: np.ndarray, *, labels: Sequence[str]) -> list[ClassScores]:
    """:func:`per_class_scores` from confusion counts ``(K, K + 1)`` over ``labels``."""
    counts, _ = _checked_counts(counts, labels)
    return _class_rows(counts, list(labels))


def _class_rows(counts: np.ndarray, labels: list[str]) -> list[ClassScores]:
    n = counts.shape[0]
    tp = np.diagonal(counts[:, :n]).astype(np.float64)
    support, predicted = counts.sum(axis=1), counts[:, :n].sum(axis=0)
    f1 = _class_f1(counts)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, tp / predicted, np.nan)
        recall = np.where(support > 0, tp / support, np.nan)
    return [ClassScores(name, float(precision[i]), float(recall[i]), float(f1[i]), int(support[i]), int(predicted[i]))
            for i, name in enumerate(labels)]


def _class_f1(counts: np.ndarray) -> np.ndarray:
    # F1 = 2 tp / (2 tp + fp + fn) = 2 tp / (support + predicted), as scikit-learn computes it
    n = counts.shape[-2]
    tp = np.diagonal(counts[..., :n], axis1=-2, axis2=-1)
    support, predicted = counts.sum(axis=-1), counts[..., :n].sum(axis=-2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(support + predicted > 0, 2 * tp / (support + predicted), np.nan)


def scores_from_confusion(counts: np.ndarray, *, labels: Sequence[str]) -> dict[str, np.ndarray]:
    """Every metric of :data:`METRIC_NAMES` from confusion counts, vectorised over leading axes.

    ``counts`` has shape ``(..., K, K + 1)`` as returned by :func:`confusion` (last column:
    abstentions). Same definitions as the functions above, ``nan`` where undefined;
    the bootstrap calls this once on all resamples' counts.
    """
    counts, k = _checked_counts(counts, labels)
    tp = np.diagonal(counts[..., :k], axis1=-2, axis2=-1)
    support = counts.sum(axis=-1)
    f1 = class_f1_from_confusion(counts, labels=labels)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = support.sum(axis=-1)
        accuracy = np.where(total > 0, tp.sum(axis=-1) / total, np.nan)
    polar = [labels.index(name) for name in POLAR_LABELS if name in labels]
    return {
        "f1_pn": _nanmean(f1[..., polar]),
        "macro_f1": _nanmean(f1),
        "accuracy": accuracy,
    }


def class_f1_from_confusion(counts: np.ndarray, *, labels: Sequence[str]) -> np.ndarray:
    """F1 of every label (last axis, in ``labels`` order) from confusion counts of shape
    ``(..., K, K + 1)``; ``nan`` for a label absent from both gold and predictions. The one
    definition of per-label F1 on counts: :func:`scores_from_confusion` averages it, and
    benchmark reports bootstrap it for per-class intervals."""
    counts, _ = _checked_counts(counts, labels)
    return _class_f1(counts)


def _checked_counts(counts, labels: Sequence[str]) -> tuple[np.ndarray, int]:
    counts = np.asarray(counts, dtype=np.float64)
    k = len(labels)
    if counts.shape[-2:] != (k, k + 1):
        raise ValueError(f"counts must end in shape ({k}, {k + 1}); got {counts.shape}")
    return counts, k


def _nanmean(values: np.ndarray) -> np.ndarray:
    """Mean over the last axis ignoring ``nan``; ``nan`` (without a warning) when all are ``nan``."""
    defined = ~np.isnan(values)
    n = defined.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, np.where(defined, values, 0.0).sum(axis=-1) / n, np.nan)


def point_scores(y_true: Sequence[str], y_pred: Sequence[str | None], *, labels: Sequence[str]) -> dict[str, float]:
    """Every metric of :data:`METRIC_NAMES` on one set of pairs."""
    return {
        "f1_pn": f1_pn_score(y_true, y_pred),
        "macro_f1": macro_f1_score(y_true, y_pred, labels=labels),
        "accuracy": accuracy_score(y_true, y_pred),
    }


def metric_label_set(metric: str, labels: Sequence[str]) -> tuple[str, ...] | None:
    """The labels an averaged metric is taken over before leaving out those that do not occur
    (``None`` for ``accuracy``, which averages over pairs)."""
    polar = tuple(label for label in POLAR_LABELS if label in labels)
    return {"f1_pn": polar, "macro_f1": tuple(labels), "accuracy": None}[metric]
