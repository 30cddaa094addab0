"""The scorer: checked predictions of every pair of a split → the scores of an :class:`EvaluationResult`.

:func:`score` computes ``metrics`` (point values and bootstrap intervals), ``per_class``,
``confusion`` and ``bootstrap``; :func:`build_result` wraps them with what was scored.
"""

from __future__ import annotations

from typing import Any, Sequence

from actorstance.evaluation.loading import SplitData, dataset_info
from actorstance.evaluation.results import (
    BootstrapInfo, ClassRow, Confusion, DatasetInfo, EvaluationResult, InferenceInfo, MetricValue, ModelInfo,
    created_timestamp, package_versions, ratio)
from actorstance.models.training import TrainingProtocol

#: Confidence level of every interval.
CONFIDENCE = 0.95


def build_result(data: SplitData, y_pred: Sequence[str | None], *, model: ModelInfo, training: TrainingProtocol | None,
                 n_resamples: int, seed: int, confidence: float = CONFIDENCE, created: str | None = None,
                 dataset: DatasetInfo | None = None, inference: InferenceInfo | None = None,
                 counts=None) -> EvaluationResult:
    """Score checked predictions of every pair of ``data`` into an :class:`EvaluationResult`.

    What :func:`evaluate` returns once predictions are in hand; ``created`` defaults to now (or
    ``SOURCE_DATE_EPOCH``) and ``dataset`` to :func:`dataset_info` of ``data`` (pass both to share
    them across many results).
    """
    if len(y_pred) != len(data.ids):
        raise ValueError(f"{len(y_pred)} predictions for {len(data.ids)} pairs")
    return EvaluationResult(
        created=created or created_timestamp(), dataset=dataset or dataset_info(data), model=model,
        training=training, inference=inference, n=len(data.ids), abstentions=sum(label is None for label in y_pred),
        labels=list(data.labels),
        **score(data.gold, y_pred, data.groups, labels=data.labels, n_resamples=n_resamples, seed=seed,
                confidence=confidence, counts=counts),
        versions=package_versions())


def model_counts(y_true: Sequence[str], y_pred: Sequence[str | None], groups: Sequence[str], *,
                 labels: Sequence[str], n_resamples: int = 1000, seed: int = 0):
    """A model's :class:`~actorstance.bootstrap.ModelCounts`: its labels encoded and counted once,
    per document, then on every resample; every score of a result derives from it."""
    from actorstance.bootstrap import ModelCounts, Resampling, unit_confusions_from_codes
    from actorstance.metrics import encode

    labels = list(labels)
    true_code, pred_code = encode(y_true, y_pred, labels=labels)
    if (pred_code < 0).any():
        bad = next(label for label, code in zip(y_pred, pred_code) if code < 0)
        raise ValueError(f"predicted label {bad!r} is not in labels={labels}")
    resampling = Resampling.plan(groups, n_resamples=n_resamples, seed=seed)
    per_unit = unit_confusions_from_codes(resampling, true_code, pred_code, len(labels))
    return ModelCounts.of_units(resampling, per_unit, labels=labels)


def score(y_true: Sequence[str], y_pred: Sequence[str | None], groups: Sequence[str], *, labels: Sequence[str],
          n_resamples: int = 1000, seed: int = 0, confidence: float = CONFIDENCE, counts=None) -> dict[str, Any]:
    """The scoring part of a result: ``metrics``, ``per_class``, ``confusion`` and ``bootstrap``.

    Point values, per-class rows and every resample's metrics all derive from one
    :func:`model_counts` (pass ``counts`` when the caller already has it).
    """
    from actorstance.bootstrap import percentile_interval
    from actorstance.metrics import (
        METRIC_NAMES, metric_label_set, per_class_from_confusion, scored_labels_from_confusion, scores_from_confusion)

    labels = list(labels)
    if counts is None:
        counts = model_counts(y_true, y_pred, groups, labels=labels, n_resamples=n_resamples, seed=seed)
    resampling, total = counts.resampling, counts.counts
    points = scores_from_confusion(total, labels=labels)
    resampled = counts.scores()
    occurring = set(scored_labels_from_confusion(total, labels=labels))
    metrics = {}
    for name in METRIC_NAMES:
        label_set = metric_label_set(name, labels)
        interval = percentile_interval(resampled[name], confidence=confidence)
        metrics[name] = MetricValue(
            value=ratio(float(points[name])), ci_low=interval.low, ci_high=interval.high,
            undefined_resamples=interval.undefined,
            labels=None if label_set is None else [x for x in label_set if x in occurring])
    per_class = [ClassRow(label=row.label, precision=ratio(row.precision), recall=ratio(row.recall),
                          f1=ratio(row.f1), support=row.support, predicted=row.predicted)
                 for row in per_class_from_confusion(total, labels=labels)]
    return {
        "metrics": metrics,
        "per_class": per_class,
        "confusion": Confusion(labels=labels, matrix=total[:, :-1].tolist(), abstained=total[:, -1].tolist()),
        "bootstrap": BootstrapInfo(n_resamples=n_resamples, seed=seed, confidence=confidence,
                                   unit=resampling.unit, n_units=resampling.n_units),
    }
