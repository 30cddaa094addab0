"""Run every registered baseline, plus given models and predictions files, on each dataset.

Scoring goes through the evaluation package (:func:`actorstance.evaluation.score`, the same
call ``evaluate`` makes), so each model's result is exactly what ``actorstance evaluate --output``
would write for it; this module only adds what needs several models on the same pairs:

* per-class F1 intervals (:mod:`actorstance.bootstrap` resamples, per-label F1 from
  :func:`actorstance.metrics.class_f1_from_confusion`);
* a paired bootstrap of every model against the reference — the best row-level model, never a
  transductive one while a row-level model ran — (:func:`actorstance.bootstrap.paired_bootstrap`,
  same seed, hence the same resamples as the models' own intervals), Holm-adjusted over the models
  compared, and each model's signed verdict (:mod:`actorstance.reports.reference`).

A ``--model`` (an ``openai:`` model included) is row-level or transductive by its class's
``transductive`` attribute (:func:`actorstance.models.checks.transductive`); a predictions file
says nothing about how it was made and counts as row-level.

>>> result = run_benchmark(["data/dataset"], n_resamples=1000, seed=0)   # doctest: +SKIP
>>> result.datasets[0].reference.name                                    # doctest: +SKIP
'baseline:lexicon'
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from actorstance.errors import ActorstanceError
from actorstance.evaluation.contender import Contender
from actorstance.reports.reference import VERDICT_METRIC, holm_family, pick_reference, verdict
from actorstance.reports.results import (
    PAIR_INFO_COLUMNS, BenchmarkResult, BenchmarkSettings, Comparison, DatasetBenchmark, Interval, ModelEntry, PairInfo)

#: The metric that ranks the models (and, through the reference, gives each model's verdict).
RANKING_METRIC = "f1_pn"


@dataclass(frozen=True)
class DatasetRef:
    """One split of one config of a built dataset folder (``benchmark --dataset DIR[:CONFIG:SPLIT]``)."""

    folder: Path
    config: str = "pairs"
    split: str = "test"


def contenders(models: Sequence[str] = (), predictions: Sequence[tuple[str, str | Path]] = ()) -> list[Contender]:
    """Every registered baseline (``baseline:NAME``), then ``models``, then ``predictions`` files.

    Names must be unique: a ``--model`` that repeats a baseline, or two entries with the same
    name, is an error (never silently dropped).
    """
    from actorstance.models.registry import BASELINES

    entries = [Contender(f"baseline:{name}", "baseline", spec=f"baseline:{name}") for name in BASELINES]
    entries += [Contender(spec, "model", spec=spec) for spec in models]
    for name, path in predictions:
        entries.append(Contender(name, "predictions", path=Path(path)))
    seen: dict[str, Contender] = {}
    for c in entries:
        if c.name in seen:
            first = seen[c.name]
            why = ("every registered baseline runs anyway" if first.source == "baseline"
                   else f"it is already the name of {'--model' if first.source == 'model' else '--predictions'} "
                        f"{first.spec or first.path}")
            raise ActorstanceError(f"{'--model' if c.source == 'model' else '--predictions'} {c.name}: "
                                   f"the name {c.name!r} is taken ({why}). Fix: drop it or give it another name")
        seen[c.name] = c
    return entries


def run_benchmark(datasets: Sequence[str | Path | DatasetRef], *, models: Sequence[str] = (),
                  predictions: Sequence[tuple[str, str | Path]] = (), n_resamples: int = 1000, seed: int = 0,
                  progress: bool = False, llm_defaults: dict | None = None, task: str = "pairs",
                  settings: Sequence[str] | None = None) -> BenchmarkResult:
    """Score every contender on every dataset; see the module docstring.

    ``task="pairs"`` benchmarks the pair task and adds an extraction section with the registered
    extraction baselines on each dataset's ``documents`` split (same split as the pair config);
    ``task="extraction"`` benchmarks only extraction, where ``models`` and ``predictions`` are
    extraction models and files, in each of ``settings`` (default: both; exactly one with
    ``predictions``) — see :mod:`actorstance.reports.extraction_benchmark`.

    ``datasets`` are :class:`DatasetRef` or folders (config ``pairs``, split ``test``);
    ``predictions`` are ``(name, file)`` pairs.

    ``seed`` seeds the bootstrap and every model's training, as in ``evaluate``. ``progress``
    shows a tqdm bar on stderr. ``llm_defaults`` are settings of ``openai:`` models below their
    specs' (``--no-cache``, ``--llm-cache``). Raises the evaluation's errors (:class:`DatasetError`,
    :class:`PredictionsError`, :class:`ModelSpecError`, :class:`ModelError`) on bad input.
    """
    from importlib.metadata import version

    from tqdm import tqdm

    from actorstance.evaluation.results import created_timestamp
    from actorstance.evaluation.scorer import CONFIDENCE

    if n_resamples < 0:
        raise ActorstanceError(f"--bootstrap must be >= 0; got {n_resamples}. Fix: pass 0 (no intervals) or more")
    refs = [d if isinstance(d, DatasetRef) else DatasetRef(Path(d)) for d in datasets]
    if not refs:
        raise ActorstanceError("no dataset to benchmark. Fix: pass --dataset DIR")
    created = created_timestamp()
    benchmark_settings = BenchmarkSettings(n_resamples=n_resamples, seed=seed, confidence=CONFIDENCE, task=task)
    if task == "extraction":
        return BenchmarkResult(
            created=created, settings=benchmark_settings, datasets=[],
            extraction=_extraction(refs, settings, models, predictions, n_resamples=n_resamples, seed=seed,
                                   created=created, confidence=CONFIDENCE, only_documents=False,
                                   llm_defaults=llm_defaults),
            rendered_with={name: version(name) for name in ("matplotlib", "networkx")})
    documents_refs = [r for r in refs if r.config == "documents"]
    if documents_refs:
        raise ActorstanceError(f"--dataset {documents_refs[0].folder}:documents:{documents_refs[0].split}: the "
                               "documents config is scored by --task extraction. Fix: pass DIR or "
                               "DIR:pairs|candidates:SPLIT, or add --task extraction")
    entries = contenders(models, predictions)
    slugs = _slugs(refs)
    with tqdm(total=len(refs) * len(entries), desc="benchmark", unit="model", file=sys.stderr,
              disable=not progress, leave=False) as bar:
        benchmarks = [_benchmark_dataset(ref, slug, entries, n_resamples=n_resamples, seed=seed, created=created,
                                         confidence=CONFIDENCE, bar=bar, llm_defaults=llm_defaults)
                      for ref, slug in zip(refs, slugs)]
    return BenchmarkResult(
        created=created, settings=benchmark_settings, datasets=benchmarks,
        extraction=_extraction(refs, None, (), (), n_resamples=n_resamples, seed=seed, created=created,
                               confidence=CONFIDENCE, only_documents=True),
        rendered_with={name: version(name) for name in ("matplotlib", "networkx")})


def _extraction(refs: Sequence[DatasetRef], settings: Sequence[str] | None, models: Sequence[str],
                predictions: Sequence[tuple[str, str | Path]], *, n_resamples: int, seed: int, created: str,
                confidence: float, only_documents: bool, llm_defaults: dict | None = None) -> list:
    """Extraction benchmarks of each distinct (folder, split), per setting. ``only_documents``: the
    pair benchmark's section — skip a dataset without that documents split, and a setting no
    registered baseline works in."""
    from actorstance.dataset.card_reader import card_configs
    from actorstance.extraction.split import SETTINGS
    from actorstance.reports.extraction_benchmark import extraction_contenders, run_extraction_benchmark

    settings = list(settings or SETTINGS)
    if predictions and len(settings) != 1:
        raise ActorstanceError("--predictions with --task extraction: a file answers in one setting. "
                               "Fix: pass exactly one --setting (raw or oracle-actors)")
    out, seen = [], set()
    for ref in refs:
        if (ref.folder, ref.split) in seen:
            continue
        seen.add((ref.folder, ref.split))
        if only_documents and ref.split not in card_configs(ref.folder).get("documents", {}):
            continue
        for setting in settings:
            if only_documents and not extraction_contenders(setting):
                continue
            out.append(run_extraction_benchmark(ref.folder, ref.split, setting, models=models,
                                                predictions=[(n, Path(p)) for n, p in predictions],
                                                n_resamples=n_resamples, seed=seed, created=created,
                                                confidence=confidence, llm_defaults=llm_defaults))
    return out


def _benchmark_dataset(ref: DatasetRef, slug: str, entries: list[Contender], *, n_resamples: int, seed: int,
                       created: str, confidence: float, bar, llm_defaults: dict | None = None) -> DatasetBenchmark:
    from actorstance.evaluation.loading import dataset_info, load_split_data, require_pairs

    data = load_split_data(ref.folder, ref.config, ref.split)
    require_pairs(data, nothing_to="benchmark", fix="pass a split with pairs (--dataset DIR:CONFIG:SPLIT)")
    info = dataset_info(data)
    scored = []
    # predictions files first: a bad file fails in a second, not after every model has run
    for c in sorted(entries, key=lambda c: c.source != "predictions"):
        bar.set_postfix_str(f"{slug}: {c.name}", refresh=False)
        scored.append((c, *_score(c, data, info, n_resamples=n_resamples, seed=seed, created=created,
                                  confidence=confidence, llm_defaults=llm_defaults)))
        bar.update()
    scored.sort(key=lambda item: _rank_key(item[0].name, item[1]))
    reference = pick_reference(scored, name=lambda item: item[0].name,
                               pooled=lambda item: item[1].model.transductive is not None)
    reference_counts = next(counts for c, *_, counts in scored if c.name == reference.name)
    compared = holm_family({c.name: {} if c.name == reference.name else
                            _compare(counts, reference_counts, reference=reference.name, confidence=confidence)
                            for c, _, _, _, counts in scored})
    models = []
    for c, result, y_pred, samples, counts in scored:
        comparisons = compared[c.name]
        models.append(ModelEntry(
            name=c.name, source=c.source, result=result, comparisons=comparisons,
            verdict=verdict(comparisons.get(VERDICT_METRIC)),
            per_class_f1=_per_class_intervals(counts, confidence=confidence),
            predictions=list(y_pred), samples=None if samples is None else list(samples)))
    pairs = [PairInfo(**{name: row[name] for name in PAIR_INFO_COLUMNS}, gold=gold)
             for row, gold in zip(data.rows, data.gold)]
    return DatasetBenchmark(slug=slug, path=str(ref.folder), config=ref.config, split=ref.split, version=info.version,
                            n=len(data.ids), n_documents=len(set(data.groups)), labels=list(data.labels),
                            best=scored[0][0].name, reference=reference, models=models, pairs=pairs)


def _score(c: Contender, data, info, *, n_resamples: int, seed: int, created: str, confidence: float,
           llm_defaults: dict | None = None):
    """The :class:`EvaluationResult` that ``evaluate`` would write for ``c``, its predictions and (for an
    LLM) its per-sample log records."""
    from actorstance.evaluation import build_result, predict, read_predictions
    from actorstance.evaluation.results import ModelInfo
    from actorstance.evaluation.scorer import model_counts

    if c.source == "predictions":
        read = read_predictions(c.path, ids=data.ids, labels=data.labels,
                                split=f"config '{data.config}', split '{data.split}'", pair_names=data.pair_names)
        y_pred, training, inference, samples = read.labels, None, None, None
        model = ModelInfo(kind="predictions", spec=None, predictions_path=str(c.path), predictions_sha256=read.sha256)
    else:
        run = predict(data.folder, model=c.spec, config=data.config, split=data.split, seed=seed,
                      llm_defaults=llm_defaults)
        y_pred, training, inference, samples = run.labels, run.protocol, run.inference, run.samples
        model = run.model_info()
    # the model's counts on every resample, computed once: its result, per-class intervals and
    # paired comparisons all derive from them
    counts = model_counts(data.gold, y_pred, data.groups, labels=data.labels, n_resamples=n_resamples, seed=seed)
    result = build_result(data, y_pred, model=model, training=training, n_resamples=n_resamples, seed=seed,
                          confidence=confidence, created=created, dataset=info, inference=inference, counts=counts)
    return result, tuple(y_pred), samples, counts


def _rank_key(name: str, result) -> tuple:
    """Best first: higher f1_pn, then macro_f1, then accuracy (undefined last), then name."""
    values = [result.metrics[m].value for m in (RANKING_METRIC, "macro_f1", "accuracy")]
    return (*((value is None, -(value or 0.0)) for value in values), name)


def _compare(counts, reference_counts, *, reference: str, confidence: float) -> dict[str, Comparison]:
    from actorstance.bootstrap import paired_comparison
    from actorstance.evaluation.results import ratio
    from actorstance.metrics import METRIC_NAMES

    comparisons = {}
    for metric in METRIC_NAMES:
        paired = paired_comparison(counts, reference_counts, metric, confidence=confidence)
        comparisons[metric] = Comparison(
            metric=metric, reference=reference, value=ratio(paired.value_a), reference_value=ratio(paired.value_b),
            difference=ratio(paired.difference), ci_low=paired.ci_low, ci_high=paired.ci_high,
            p_value=paired.p_value, undefined_resamples=paired.undefined)
    return comparisons


def _per_class_intervals(counts, *, confidence: float) -> dict[str, Interval]:
    """Each label's F1 on the resamples ``score`` drew (the model's counts, computed once)."""
    from actorstance.bootstrap import percentile_interval

    f1 = counts.class_f1()  # (n_resamples, K)
    intervals = {}
    for i, label in enumerate(counts.labels):
        interval = percentile_interval(f1[:, i], confidence=confidence)
        intervals[label] = Interval(ci_low=interval.low, ci_high=interval.high,
                                    undefined_resamples=interval.undefined)
    return intervals


def _slugs(refs: Sequence[DatasetRef]) -> list[str]:
    """A folder name per dataset (``dataset-pairs-test``); numbered when two would collide."""
    def clean(text: str) -> str:
        return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")

    base = [f"{clean(ref.folder.resolve().name) or 'dataset'}-{clean(ref.config)}-{clean(ref.split)}" for ref in refs]
    if len(set(base)) == len(base):
        return base
    return [f"{i + 1}-{slug}" for i, slug in enumerate(base)]
