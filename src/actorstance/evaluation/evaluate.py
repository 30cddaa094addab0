"""``evaluate()``: score predictions (a file, or a ``--model`` run) on one split of a built dataset.

Library first: the ``evaluate`` and ``predict`` commands wrap :func:`evaluate` and
:func:`predict`. Every pair of the split is scored — a predictions file that misses a pair, or
a model that returns too few labels, is an error, never a smaller denominator.

>>> result = evaluate("data/dataset", predictions="preds.jsonl", split="test")  # doctest: +SKIP
>>> result.metrics["f1_pn"].value                                               # doctest: +SKIP
0.71
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from actorstance.errors import DatasetError
from actorstance.evaluation.results import (
    BootstrapInfo, ClassRow, Confusion, DatasetInfo, EvaluationResult, MetricValue, ModelInfo, TrainingInfo,
    created_timestamp, package_versions, ratio,
)

#: Confidence level of every interval.
CONFIDENCE = 0.95


@dataclass(frozen=True)
class SplitData:
    """One split of one config: ids, model inputs, gold labels and documents, in dataset order."""

    folder: str
    config: str
    split: str
    labels: tuple[str, ...]  # the config's label names, in ClassLabel order
    ids: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]  # restricted to MODEL_INPUT_COLUMNS
    gold: tuple[str, ...]
    groups: tuple[str, ...]  # doc_id of each pair

    @property
    def source(self) -> str:
        return f"{self.folder}:{self.config}:{self.split}"


@dataclass(frozen=True)
class TrainingData:
    """Labelled rows a ``--model`` may be fitted on.

    ``external`` data (``--train``) is recorded in the result as the training source; otherwise
    the rows are the evaluated dataset's own train split.
    """

    rows: tuple[dict[str, Any], ...]
    labels: tuple[str, ...]
    source: str
    external: bool


@dataclass(frozen=True)
class ModelPredictions:
    """What :func:`predict` returns: labels for every pair of ``data``, and how the model was trained."""

    data: SplitData
    spec: str
    labels: tuple[str | None, ...]
    protocol: Any  # actorstance.models.training.TrainingProtocol

    @property
    def abstentions(self) -> int:
        return sum(label is None for label in self.labels)


def load_split_data(dataset_dir: str | Path, config: str = "pairs", split: str = "test") -> SplitData:
    """Read one split of a built dataset folder (offline, no cache) into :class:`SplitData`."""
    from actorstance.dataset.load import label_names, load_split
    from actorstance.models.protocol import model_inputs

    names = tuple(label_names(dataset_dir, config))
    table = load_split(dataset_dir, config, split)
    rows = table.to_list()
    ids = tuple(row["id"] for row in rows)
    if len(set(ids)) != len(ids):
        raise DatasetError(f"{dataset_dir}: config '{config}', split '{split}' has duplicate pair ids. "
                           "Fix: rebuild the dataset with `actorstance build`.")
    return SplitData(str(dataset_dir), config, split, names, ids, tuple(model_inputs(rows)),
                     tuple(names[row["label"]] for row in rows), tuple(row["doc_id"] for row in rows))


def load_training_data(dataset_dir: str | Path, config: str = "pairs", split: str = "train", *,
                       external: bool = True) -> TrainingData:
    """One split of a built dataset as training data (``--train DATASET[:CONFIG:SPLIT]``)."""
    data = load_split_data(dataset_dir, config, split)
    return TrainingData(data.rows, data.gold, data.source, external)


def default_training_data(dataset_dir: str | Path, config: str, split: str) -> TrainingData | None:
    """The ``train`` split of the same dataset and config, when scoring another split and it has pairs."""
    from actorstance.dataset.card import card_configs

    if split == "train" or "train" not in card_configs(dataset_dir).get(config, {}):
        return None
    data = load_training_data(dataset_dir, config, "train", external=False)
    return data if data.rows else None


def predict(dataset_dir: str | Path, *, model: str, config: str = "pairs", split: str = "test",
            train: TrainingData | None = None, seed: int = 0) -> ModelPredictions:
    """Run the model named by ``model`` (a ``--model`` spec) on every pair of the split.

    ``train`` overrides the training data (default: the dataset's ``train`` split unless ``split``
    is ``train``); :func:`actorstance.models.training.run_protocol` decides how the model is
    fitted — not at all, on that data, or by cross-validation over the split. ``seed`` is the
    ``random_state`` of a baseline and of the cross-validation folds. Predictions are checked
    against the model protocol (:class:`~actorstance.errors.ModelError`).
    """
    from actorstance.models.protocol import check_predictions
    from actorstance.models.spec import resolve_model
    from actorstance.models.training import run_protocol

    estimator = resolve_model(model, random_state=seed)
    data = load_split_data(dataset_dir, config, split)
    _require_pairs(data)
    if train is None:
        train = default_training_data(dataset_dir, config, split)
    labels, protocol = run_protocol(
        estimator, list(data.rows),
        train_rows=None if train is None else list(train.rows),
        train_labels=None if train is None else list(train.labels),
        eval_labels=list(data.gold), groups=list(data.groups), random_state=seed,
        train_source=train.source if train is not None and train.external else None, labels=data.labels)
    checked = check_predictions(labels, n_rows=len(data.ids), labels=data.labels, who=f"--model {model}")
    return ModelPredictions(data, model, tuple(checked), protocol)


def evaluate(dataset_dir: str | Path, *, predictions: str | Path | None = None, model: str | None = None,
             config: str = "pairs", split: str = "test", bootstrap: int = 1000, seed: int = 0,
             train: TrainingData | None = None) -> EvaluationResult:
    """Score a predictions file or a ``--model`` spec (exactly one) on one split of a built dataset.

    ``bootstrap`` resamples (0: no intervals) are drawn from ``seed``, which also seeds the
    model's training. Raises :class:`~actorstance.errors.PredictionsError`,
    :class:`~actorstance.errors.DatasetError`, :class:`~actorstance.errors.ModelSpecError` or
    :class:`~actorstance.errors.ModelError` on bad input.
    """
    if (predictions is None) == (model is None):
        raise ValueError("pass exactly one of predictions= or model=")
    if bootstrap < 0:
        raise ValueError(f"bootstrap must be >= 0; got {bootstrap}")
    if predictions is not None:
        if train is not None:
            raise ValueError("train= applies to model= only; a predictions file is already made")
        from actorstance.evaluation.predictions import read_predictions

        data = load_split_data(dataset_dir, config, split)
        _require_pairs(data)
        read = read_predictions(predictions, ids=data.ids, labels=data.labels,
                                split=f"config '{config}', split '{split}'")
        y_pred, training = read.labels, None
        model_info = ModelInfo(kind="predictions", spec=None, predictions_path=str(predictions),
                               predictions_sha256=read.sha256)
    else:
        run = predict(dataset_dir, model=model, config=config, split=split, train=train, seed=seed)
        data, y_pred = run.data, run.labels
        training = TrainingInfo(**run.protocol.to_dict())
        model_info = ModelInfo(kind="model", spec=model, predictions_path=None, predictions_sha256=None)
    return build_result(data, y_pred, model=model_info, training=training, n_resamples=bootstrap, seed=seed)


def build_result(data: SplitData, y_pred: Sequence[str | None], *, model: ModelInfo, training: TrainingInfo | None,
                 n_resamples: int, seed: int, confidence: float = CONFIDENCE, created: str | None = None,
                 dataset: DatasetInfo | None = None) -> EvaluationResult:
    """Score checked predictions of every pair of ``data`` into an :class:`EvaluationResult`.

    What :func:`evaluate` returns once predictions are in hand; ``created`` defaults to now (or
    ``SOURCE_DATE_EPOCH``) and ``dataset`` to :func:`dataset_info` of ``data`` (pass both to share
    them across many results).
    """
    if len(y_pred) != len(data.ids):
        raise ValueError(f"{len(y_pred)} predictions for {len(data.ids)} pairs")
    return EvaluationResult(
        created=created or created_timestamp(), dataset=dataset or dataset_info(data), model=model,
        training=training, n=len(data.ids), abstentions=sum(label is None for label in y_pred),
        labels=list(data.labels),
        **score(data.gold, y_pred, data.groups, labels=data.labels, n_resamples=n_resamples, seed=seed,
                confidence=confidence),
        versions=package_versions())


def score(y_true: Sequence[str], y_pred: Sequence[str | None], groups: Sequence[str], *, labels: Sequence[str],
          n_resamples: int = 1000, seed: int = 0, confidence: float = CONFIDENCE) -> dict[str, Any]:
    """The scoring part of a result: ``metrics``, ``per_class``, ``confusion`` and ``bootstrap``."""
    from actorstance.bootstrap import bootstrap_intervals
    from actorstance.metrics import METRIC_NAMES, confusion, metric_label_set, per_class_scores, point_scores, \
        scored_labels

    labels = list(labels)
    points = point_scores(y_true, y_pred, labels=labels)
    resampling, intervals = bootstrap_intervals(y_true, y_pred, groups, labels=labels, n_resamples=n_resamples,
                                                seed=seed, confidence=confidence)
    metrics = {}
    for name in METRIC_NAMES:
        label_set = metric_label_set(name, labels)
        interval = intervals[name]
        metrics[name] = MetricValue(
            value=ratio(points[name]), ci_low=interval.low, ci_high=interval.high, undefined_resamples=interval.undefined,
            labels=None if label_set is None else scored_labels(y_true, y_pred, labels=label_set))
    per_class = [ClassRow(label=row.label, precision=ratio(row.precision), recall=ratio(row.recall),
                          f1=ratio(row.f1), support=row.support, predicted=row.predicted)
                 for row in per_class_scores(y_true, y_pred, labels=labels)]
    counts = confusion(y_true, y_pred, labels=labels)
    return {
        "metrics": metrics,
        "per_class": per_class,
        "confusion": Confusion(labels=labels, matrix=counts[:, :-1].tolist(), abstained=counts[:, -1].tolist()),
        "bootstrap": BootstrapInfo(n_resamples=n_resamples, seed=seed, confidence=confidence,
                                   unit=resampling.unit, n_units=resampling.n_units),
    }


def _require_pairs(data: SplitData) -> None:
    if not data.ids:
        raise DatasetError(f"{data.folder}: config '{data.config}', split '{data.split}' has no pairs, so there is "
                           "nothing to score. Fix: evaluate on a split with pairs (--split, --config)")


def dataset_info(data: SplitData) -> DatasetInfo:
    """The result's ``dataset`` block: the folder as given, config, split and the files' fingerprint."""
    from actorstance.dataset.load import dataset_fingerprint

    fingerprint = dataset_fingerprint(data.folder)
    return DatasetInfo(path=data.folder, config=data.config, split=data.split, version=fingerprint["version"],
                       sha256=fingerprint["sha256"], files=fingerprint["files"])


