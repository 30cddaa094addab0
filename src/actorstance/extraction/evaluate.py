"""``evaluate_extraction()``: score predicted triplets (a file, or a ``--model`` run) on one split
of a built dataset's ``documents`` config, in the ``raw`` or ``oracle-actors`` setting.

Every document of the split is scored: a file that misses one is an error, never a smaller
denominator. Intervals are a seeded percentile bootstrap over documents (over pairs when the
split has a single document), drawn as :mod:`actorstance.bootstrap` draws them.

>>> result = evaluate_extraction("data/dataset", predictions="triplets.jsonl", setting="raw")  # doctest: +SKIP
>>> result.metrics["triplet_f1"].value                                                        # doctest: +SKIP
0.42
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from actorstance.extraction.alignment import Aligner, rule_counts
from actorstance.extraction.predictions import Triplet
from actorstance.extraction.scoring import (COUNT_FIELDS, ERROR_KINDS, METRIC_NAMES, DocumentScore, metrics_from_counts,
                                            resampled_counts, score_document, scored_items)
from actorstance.extraction.split import DocumentsSplit, check_setting, load_documents
from actorstance.labels import POLAR_LABELS, STANCE_LABELS

CONFIDENCE = 0.95


@dataclass(frozen=True)
class ExtractionRun:
    """What :func:`predict_extraction` returns: triplets for every document, and how the model was trained."""

    data: DocumentsSplit
    spec: str
    setting: str
    stances: tuple[tuple[Triplet, ...], ...]
    protocol: Any  # actorstance.models.training.TrainingProtocol
    inference: Any = None  # InferenceInfo of an openai: model
    samples: tuple[dict[str, Any], ...] | None = None  # its per-sample log


def predict_extraction(dataset_dir: str | Path, *, model: str, split: str = "test", setting: str = "raw",
                       train: DocumentsSplit | None = None, train_external: bool = False, seed: int = 0,
                       llm_defaults: dict | None = None) -> ExtractionRun:
    """Run the extraction model named by ``model`` on every document of the split.

    Training data: ``train`` (``train_external``: recorded as the training source), else the
    dataset's ``documents`` train split when another split is scored, else cross-validation over
    the scored documents (:mod:`actorstance.extraction.training`).
    """
    from actorstance.extraction.predictions import check_model_extractions
    from actorstance.extraction.protocol import resolve_extractor
    from actorstance.extraction.training import run_extraction_protocol

    check_setting(setting)
    estimator = resolve_extractor(model, setting=setting, random_state=seed, llm_defaults=llm_defaults)
    data = load_documents(dataset_dir, split)
    if train is None and split != "train":
        train = _default_train(dataset_dir)
    outputs, protocol = run_extraction_protocol(
        estimator, data.inputs(setting), eval_targets=data.targets(setting),
        train_inputs=None if train is None else train.inputs(setting),
        train_targets=None if train is None else train.targets(setting),
        train_source=train.source if train is not None and train_external else None, random_state=seed,
        who=f"--model {model}")
    stances = check_model_extractions(outputs, doc_ids=data.doc_ids, who=f"--model {model}")
    inference, samples = None, None
    if callable(getattr(estimator, "inference_report", None)):
        from actorstance.evaluation.results import InferenceInfo

        info, records = estimator.inference_report()
        inference, samples = InferenceInfo(**info), tuple(records)
    return ExtractionRun(data, model, setting, stances, protocol, inference, samples)


def _default_train(dataset_dir) -> DocumentsSplit | None:
    from actorstance.dataset.card_reader import card_configs
    from actorstance.dataset.layout import DOCUMENTS_CONFIG

    if "train" not in card_configs(dataset_dir).get(DOCUMENTS_CONFIG, {}):
        return None
    return load_documents(dataset_dir, "train")


def evaluate_extraction(dataset_dir: str | Path, *, predictions: str | Path | None = None, model: str | None = None,
                        split: str = "test", setting: str = "raw", bootstrap: int = 1000, seed: int = 0,
                        train: DocumentsSplit | None = None, llm_defaults: dict | None = None,
                        sample_log: str | Path | None = None):
    """Score a predictions file or a ``--model`` spec (exactly one) on one split, in ``setting``.

    ``sample_log``: where an ``openai:`` model's per-sample log is written.
    Raises :class:`~actorstance.errors.PredictionsError`, :class:`~actorstance.errors.DatasetError`,
    :class:`~actorstance.errors.ModelSpecError` or :class:`~actorstance.errors.ModelError` on bad input.
    """
    from actorstance.evaluation.results import ModelInfo

    if (predictions is None) == (model is None):
        raise ValueError("pass exactly one of predictions= or model=")
    if bootstrap < 0:
        raise ValueError(f"bootstrap must be >= 0; got {bootstrap}")
    check_setting(setting)
    if predictions is not None:
        data, stances, info, training = *read_predictions_for(dataset_dir, predictions, split), None
        inference = None
    else:
        run = predict_extraction(dataset_dir, model=model, split=split, setting=setting, train=train,
                                 train_external=train is not None, seed=seed, llm_defaults=llm_defaults)
        data, stances, inference = run.data, run.stances, run.inference
        info = ModelInfo(kind="model", spec=model, predictions_path=None, predictions_sha256=None)
        training = run.protocol
        if run.samples is not None and sample_log is not None:
            from actorstance.models.llm.samples import write_sample_log

            write_sample_log(sample_log, run.samples)
    return build_extraction_result(data, stances, setting=setting, model=info, training=training,
                                   n_resamples=bootstrap, seed=seed, inference=inference)[0]


def read_predictions_for(dataset_dir, predictions, split: str):
    """Load the split and read a predictions file against it: ``(data, stances, ModelInfo)``."""
    from actorstance.evaluation.results import ModelInfo
    from actorstance.extraction.predictions import read_extraction_predictions

    data = load_documents(dataset_dir, split)
    read = read_extraction_predictions(predictions, doc_ids=data.doc_ids, split=f"config 'documents', split '{split}'")
    info = ModelInfo(kind="predictions", spec=None, predictions_path=str(predictions), predictions_sha256=read.sha256)
    return data, read.stances, info


def score_documents(data: DocumentsSplit, stances: Sequence[Sequence[Triplet]], *, setting: str) -> list[DocumentScore]:
    """Align and count the predicted triplets of every document (no bootstrap)."""
    gold = data.gold()
    return [score_document(doc_id, gold[i], stances[i], Aligner(data.actors(i), ids=setting == "oracle-actors"))
            for i, doc_id in enumerate(data.doc_ids)]


def build_extraction_result(data: DocumentsSplit, stances: Sequence[Sequence[Triplet]], *, setting: str, model,
                            training, n_resamples: int, seed: int, confidence: float = CONFIDENCE,
                            created: str | None = None, dataset=None, inference=None):
    """Score checked triplets of every document into an ``ExtractionResult``; also return the
    per-document scores (the benchmark compares models on them)."""
    from actorstance.bootstrap import percentile_interval
    from actorstance.evaluation.results import (BootstrapInfo, ClassRow, MetricValue, created_timestamp,
                                                package_versions, ratio)
    from actorstance.extraction.results import ExtractionResult, NameAlignment

    if len(stances) != len(data.doc_ids):
        raise ValueError(f"{len(stances)} stance lists for {len(data.doc_ids)} documents")
    if not data.doc_ids:
        from actorstance.errors import DatasetError

        raise DatasetError(f"{data.folder}: config 'documents', split '{data.split}' has no documents, so there is "
                           "nothing to score. Fix: evaluate a split with documents (--split)")
    docs = score_documents(data, stances, setting=setting)
    items, groups = scored_items(docs)
    total = items.sum(axis=0)
    points = metrics_from_counts(total)
    resampling, counts = resampled_counts(items, groups, n_resamples=n_resamples, seed=seed)
    resampled = metrics_from_counts(counts)
    at = {name: i for i, name in enumerate(COUNT_FIELDS)}
    polar_used = [label for label in POLAR_LABELS
                  if total[at[f"{label}_tp"]] + total[at[f"{label}_fp"]] + total[at[f"{label}_fn"]] > 0]
    metrics = {}
    for name in METRIC_NAMES:
        interval = percentile_interval(resampled[name], confidence=confidence)
        metrics[name] = MetricValue(value=ratio(float(points[name])), ci_low=interval.low, ci_high=interval.high,
                                    undefined_resamples=interval.undefined,
                                    labels=polar_used if name == "f1_pn" else None)
    per_label = [ClassRow(label=label, precision=ratio(float(points[f"{label}_precision"])),
                          recall=ratio(float(points[f"{label}_recall"])), f1=ratio(float(points[f"{label}_f1"])),
                          support=int(total[at[f"{label}_tp"]] + total[at[f"{label}_fn"]]),
                          predicted=int(total[at[f"{label}_tp"]] + total[at[f"{label}_fp"]]))
                 for label in STANCE_LABELS]
    errors: Counter = Counter()
    for doc in docs:
        errors.update(doc.errors)
    alignments = [a for doc in docs for a in doc.alignments]
    result = ExtractionResult(
        setting=setting, created=created or created_timestamp(), dataset=dataset or documents_info(data),
        model=model, training=training, inference=inference, n_documents=len(docs),
        gold_triplets=int(total[at["triplet_tp"]] + total[at["triplet_fn"]]),
        predicted_triplets=int(total[at["triplet_tp"]] + total[at["triplet_fp"]]),
        gold_pairs=int(total[at["pair_tp"]] + total[at["pair_fn"]]),
        predicted_pairs=int(total[at["pair_tp"]] + total[at["pair_fp"]]),
        collapsed=sum(doc.collapsed for doc in docs), labels=list(STANCE_LABELS), metrics=metrics,
        per_label=per_label, counts={name: int(total[i]) for i, name in enumerate(COUNT_FIELDS)},
        errors={kind: int(errors[kind]) for kind in ERROR_KINDS}, alignment_summary=rule_counts(alignments),
        alignment=[NameAlignment(doc_id=doc.doc_id, name=a.name, key=a.key, actor_id=a.actor_id, rule=a.rule,
                                 candidates=list(a.candidates)) for doc in docs for a in doc.alignments],
        bootstrap=BootstrapInfo(n_resamples=n_resamples, seed=seed, confidence=confidence, unit=resampling.unit,
                                n_units=resampling.n_units),
        versions=package_versions())
    return result, docs


def documents_info(data: DocumentsSplit):
    """The result's ``dataset`` block for a documents split."""
    from actorstance.dataset.load import dataset_fingerprint
    from actorstance.evaluation.results import DatasetInfo

    fingerprint = dataset_fingerprint(data.folder)
    return DatasetInfo(path=data.folder, config="documents", split=data.split, version=fingerprint["version"],
                       sha256=fingerprint["sha256"], files=fingerprint["files"])
