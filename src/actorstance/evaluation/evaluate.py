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
from typing import Any, Mapping

from actorstance.evaluation.loading import (
    SplitData, TrainingData, default_training_data, load_split_data, require_pairs)
from actorstance.evaluation.results import EvaluationResult, InferenceInfo, ModelInfo
from actorstance.evaluation.scorer import build_result
from actorstance.models.training import TrainingProtocol


@dataclass(frozen=True)
class ModelPredictions:
    """What :func:`predict` returns: labels for every pair of ``data``, and how the model was trained."""

    data: SplitData
    spec: str
    labels: tuple[str | None, ...]
    protocol: TrainingProtocol
    inference: InferenceInfo | None = None  # how an LLM answered (openai: models)
    samples: tuple[dict[str, Any], ...] | None = None  # its per-sample log records, sorted by id
    transductive: str | None = None  # the model's declared pooling (actorstance.models.checks.transductive)
    module_sha256: str | None = None  # actorstance.provenance.model_provenance
    params: dict[str, str] | None = None

    def model_info(self):
        """The result's ``model`` block for this run."""
        return ModelInfo(kind="model", spec=self.spec, predictions_path=None, predictions_sha256=None,
                         transductive=self.transductive, module_sha256=self.module_sha256, params=self.params)

    @property
    def abstentions(self) -> int:
        return sum(label is None for label in self.labels)


def predict(dataset_dir: str | Path, *, model: str, config: str = "pairs", split: str = "test",
            train: TrainingData | None = None, seed: int = 0,
            llm_defaults: Mapping[str, Any] | None = None) -> ModelPredictions:
    """Run the model named by ``model`` (a ``--model`` spec) on every pair of the split, unscored.

    :func:`actorstance.models.training.run_protocol` decides how the model is fitted — not at
    all, on the training data, or by cross-validation over the split. Predictions are checked
    against the model protocol.

    Parameters
    ----------
    dataset_dir : str or Path
        A built dataset folder.
    model : str
        A model spec: ``baseline:NAME`` or ``package.module:attr``.
    config, split : str
        Which pairs to predict (default ``pairs``, ``test``).
    train : TrainingData, optional
        Training data (default: the dataset's ``train`` split unless ``split`` is ``train``).
    seed : int, default 0
        The ``random_state`` of a baseline and of the cross-validation folds.
    llm_defaults : mapping, optional
        For ``openai:`` models: settings below the spec's.

    Returns
    -------
    ModelPredictions
        ``labels`` (one per pair, ``None`` = abstain), the split's ``data`` and the training
        ``protocol``.

    Raises
    ------
    DatasetError, ModelSpecError, ModelError
        On a bad dataset, spec, or a model that breaks the protocol.

    Example
    -------
    >>> run = predict("data/dataset", model="baseline:majority")
    >>> len(run.labels) == len(run.data.ids)
    True
    >>> run.protocol.kind in {"train-split", "grouped-cv", "pair-cv"}  # how depends on the dataset's splits
    True
    """
    from actorstance.models.checks import transductive
    from actorstance.provenance import model_provenance
    from actorstance.models.protocol import check_predictions
    from actorstance.models.spec import resolve_model
    from actorstance.models.training import run_protocol

    estimator = resolve_model(model, random_state=seed, llm_defaults=llm_defaults)
    pooling = transductive(estimator)
    module_sha256, params = model_provenance(estimator)
    data = load_split_data(dataset_dir, config, split)
    require_pairs(data)
    if train is None:
        train = default_training_data(dataset_dir, config, split)
    labels, protocol = run_protocol(
        estimator, list(data.rows),
        train_rows=None if train is None else list(train.rows),
        train_labels=None if train is None else list(train.labels),
        eval_labels=list(data.gold), groups=list(data.groups), random_state=seed,
        train_source=train.source if train is not None and train.external else None, labels=data.labels)
    checked = check_predictions(labels, n_rows=len(data.ids), labels=data.labels, who=f"--model {model}")
    inference, samples = _inference_report(estimator)
    return ModelPredictions(data, model, tuple(checked), protocol, inference, samples, pooling, module_sha256,
                            params)


def _inference_report(estimator) -> tuple[InferenceInfo | None, tuple[dict[str, Any], ...] | None]:
    """An LLM model's ``inference_report()`` (accounting, prompts, per-sample log); ``(None, None)`` otherwise."""
    report = getattr(estimator, "inference_report", None)
    if not callable(report):
        return None, None
    info, samples = report()
    return InferenceInfo(**info), tuple(samples)


def evaluate(dataset_dir: str | Path, *, predictions: str | Path | None = None, model: str | None = None,
             config: str = "pairs", split: str = "test", bootstrap: int = 1000, seed: int = 0,
             train: TrainingData | None = None, llm_defaults: Mapping[str, Any] | None = None,
             sample_log: str | Path | None = None) -> EvaluationResult:
    """Score a predictions file or a ``--model`` spec (exactly one) on one split of a built dataset.

    Every pair of the split is scored; a ``--model`` is first trained by the protocol
    :func:`~actorstance.models.training.run_protocol` picks (none, the train split, ``train``, or
    cross-validation), and the result records which.

    Parameters
    ----------
    dataset_dir : str or Path
        A built dataset folder.
    predictions : str or Path, optional
        A JSON lines file of ``{"id", "label"}`` with one line per pair of the split.
    model : str, optional
        A model spec: ``baseline:NAME`` or ``package.module:attr``.
    config, split : str
        Which pairs to score (default ``pairs``, ``test``).
    bootstrap : int, default 1000
        Bootstrap resamples for the 95% intervals (0: no intervals), drawn from ``seed``.
    seed : int, default 0
        Seeds the bootstrap and the model's training (``random_state``).
    train : TrainingData, optional
        Training data for ``model`` (:func:`~actorstance.evaluation.load_training_data`).
    llm_defaults : mapping, optional
        For ``openai:`` models: settings below the spec's.
    sample_log : str or Path, optional
        For ``openai:`` models: where to write the per-sample log.

    Returns
    -------
    EvaluationResult
        ``metrics`` (``f1_pn``, ``macro_f1``, ``accuracy`` with intervals), ``per_class``,
        ``confusion`` and what was scored; ``to_json()`` is what ``--output`` writes.

    Raises
    ------
    PredictionsError, DatasetError, ModelSpecError, ModelError
        On bad input (every problem of a predictions file at once).

    Example
    -------
    >>> from actorstance import load_split
    >>> result = evaluate("data/dataset", model="baseline:majority", bootstrap=0)
    >>> result.n == len(load_split("data/dataset", "pairs", "test"))
    True
    >>> sorted(result.metrics)
    ['accuracy', 'f1_pn', 'macro_f1']
    """
    if (predictions is None) == (model is None):
        raise ValueError("pass exactly one of predictions= or model=")
    if bootstrap < 0:
        raise ValueError(f"bootstrap must be >= 0; got {bootstrap}")
    if predictions is not None:
        if train is not None:
            raise ValueError("train= applies to model= only; a predictions file is already made")
        from actorstance.collector import collector_paused

        with collector_paused():  # a million ids, labels and documents in tuples of strings: nothing to collect
            return _score_predictions(dataset_dir, predictions, config=config, split=split, bootstrap=bootstrap,
                                      seed=seed)
    run = predict(dataset_dir, model=model, config=config, split=split, train=train, seed=seed,
                  llm_defaults=llm_defaults)
    if sample_log is not None and run.samples is not None:
        from actorstance.models.llm.samples import write_sample_log

        write_sample_log(sample_log, run.samples)
    return build_result(run.data, run.labels, model=run.model_info(), training=run.protocol, n_resamples=bootstrap,
                        seed=seed, inference=run.inference)


def _score_predictions(dataset_dir: str | Path, predictions: str | Path, *, config: str, split: str, bootstrap: int,
                       seed: int) -> EvaluationResult:
    from actorstance.evaluation.predictions import read_predictions

    data = load_split_data(dataset_dir, config, split, inputs=False)
    require_pairs(data)
    read = read_predictions(predictions, ids=data.ids, labels=data.labels, split=f"config '{config}', split '{split}'",
                            pair_names=data.pair_names)
    model_info = ModelInfo(kind="predictions", spec=None, predictions_path=str(predictions),
                           predictions_sha256=read.sha256)
    return build_result(data, read.labels, model=model_info, training=None, n_resamples=bootstrap, seed=seed)
