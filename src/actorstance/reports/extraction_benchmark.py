"""The extraction part of ``actorstance benchmark``: every extraction model on a documents split, per setting.

Each model is scored exactly as ``actorstance evaluate --task extraction`` scores it
(:func:`~actorstance.extraction.evaluate.build_extraction_result`); this module adds what needs
several models on the same documents: the ranking and a paired bootstrap of every model against
the reference — the best one, since every extraction model reads one whole document at a time —
Holm-adjusted over the models compared, with each model's signed verdict (the same rule as the
pair task: :mod:`actorstance.reports.reference`). Paired resamples draw the same documents for both models (items of a
single-document split: the union of both models' pairs and the gold pairs, so both are counted
on the same items).

A registered baseline that cannot be trained honestly on the split (a single scored document and
no train split) is listed as not run, with the reason, never fitted on the scored document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from actorstance.errors import ActorstanceError, ModelError
from actorstance.evaluation.contender import Contender
from actorstance.extraction.scoring import DocumentScore, metrics_from_counts, resampled_counts, scored_items

#: Ranking: higher f1_pn, then triplet_f1, then pair_f1 (undefined last), then name.
RANKING_METRICS: tuple[str, ...] = ("f1_pn", "triplet_f1", "pair_f1")
#: Metrics compared with the reference model.
COMPARED: tuple[str, ...] = ("f1_pn", "triplet_f1", "pair_f1")


def extraction_contenders(setting: str, models: Sequence[str] = (), predictions: Sequence[tuple[str, Path]] = ()
                          ) -> list[Contender]:
    """The registered extraction baselines that work in ``setting``, then ``models``, then ``predictions``."""
    from actorstance.extraction.protocol import model_settings
    from actorstance.extraction.registry import EXTRACTORS, runs_by_default

    entries = [Contender(f"baseline:{name}", "baseline", spec=f"baseline:{name}")
               for name, factory in EXTRACTORS.items()
               if runs_by_default(name) and setting in model_settings(factory())]
    entries += [Contender(spec, "model", spec=spec) for spec in models]
    entries += [Contender(name, "predictions", path=Path(path)) for name, path in predictions]
    names = [c.name for c in entries]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate is not None:
        raise ActorstanceError(f"--model/--predictions {duplicate}: the name {duplicate!r} is used twice in the "
                               "extraction benchmark (every registered baseline runs anyway). Fix: drop it or give "
                               "it another name")
    return entries


def run_extraction_benchmark(folder: str | Path, split: str, setting: str, *, models: Sequence[str] = (),
                             predictions: Sequence[tuple[str, Path]] = (), n_resamples: int, seed: int, created: str,
                             confidence: float, llm_defaults: dict | None = None):
    """One :class:`~actorstance.reports.results.ExtractionBenchmark`: every contender on ``folder``'s documents split."""
    from actorstance.evaluation.results import ModelInfo, ratio
    from actorstance.extraction.evaluate import build_extraction_result, documents_info, predict_extraction
    from actorstance.extraction.predictions import read_extraction_predictions
    from actorstance.extraction.split import load_documents
    from actorstance.reports.reference import EXTRACTION_WHY, VERDICT_METRIC, holm_family, verdict
    from actorstance.reports.results import Comparison, ExtractionBenchmark, ExtractionEntry, NotRun, Reference

    data = load_documents(folder, split)
    info = documents_info(data)
    scored, not_run = [], []
    entries = extraction_contenders(setting, models, predictions)
    for c in sorted(entries, key=lambda c: c.source != "predictions"):  # a bad file fails before any model runs
        if c.source == "predictions":
            read = read_extraction_predictions(c.path, doc_ids=data.doc_ids,
                                               split=f"config 'documents', split '{split}'")
            stances, training, inference = read.stances, None, None
            model = ModelInfo(kind="predictions", spec=None, predictions_path=str(c.path),
                              predictions_sha256=read.sha256)
        else:
            try:
                run = predict_extraction(folder, model=c.spec, split=split, setting=setting, seed=seed,
                                         llm_defaults=llm_defaults)
            except ModelError as err:
                if c.source != "baseline":
                    raise
                not_run.append(NotRun(name=c.name, reason=str(err)))
                continue
            stances, training, inference = run.stances, run.protocol, run.inference
            model = ModelInfo(kind="model", spec=c.spec, predictions_path=None, predictions_sha256=None)
        result, docs = build_extraction_result(data, stances, setting=setting, model=model, training=training,
                                               n_resamples=n_resamples, seed=seed, confidence=confidence,
                                               created=created, dataset=info, inference=inference)
        scored.append((c, result, docs))
    scored.sort(key=lambda item: _rank_key(item[0].name, item[1]))
    reference = Reference(name=scored[0][0].name, rule="best", why=EXTRACTION_WHY) if scored else None
    compared = holm_family({c.name: {} if i == 0 else {
        metric: Comparison(metric=metric, reference=reference.name,
                           **_paired(docs, scored[0][2], metric, n_resamples=n_resamples, seed=seed,
                                     confidence=confidence, ratio=ratio))
        for metric in COMPARED} for i, (c, _, docs) in enumerate(scored)})
    models_out = [ExtractionEntry(name=c.name, source=c.source, result=result, comparisons=compared[c.name],
                                  verdict=verdict(compared[c.name].get(VERDICT_METRIC)))
                  for c, result, _ in scored]
    gold = sum(len(g) for g in data.gold())
    return ExtractionBenchmark(path=str(folder), split=split, setting=setting, version=info.version,
                               n_documents=len(data.doc_ids), gold_triplets=gold,
                               best=reference.name if reference else None, reference=reference, models=models_out,
                               not_run=not_run)


def _rank_key(name: str, result) -> tuple:
    values = [result.metrics[m].value for m in RANKING_METRICS]
    return (*((value is None, -(value or 0.0)) for value in values), name)


def _paired(docs_a: Sequence[DocumentScore], docs_b: Sequence[DocumentScore], metric: str, *, n_resamples: int,
            seed: int, confidence: float, ratio) -> dict:
    """``metric(A) - metric(B)`` on the same resamples (see the module docstring)."""
    from actorstance.bootstrap import percentile_interval, two_sided_p_value

    items_a, groups = scored_items(docs_a, [set(b.items) for b in docs_b])
    items_b, groups_b = scored_items(docs_b, [set(a.items) for a in docs_a])
    assert groups == groups_b, "both models are counted on the same items"
    value_a = float(metrics_from_counts(items_a.sum(axis=0))[metric])
    value_b = float(metrics_from_counts(items_b.sum(axis=0))[metric])
    _, counts_a = resampled_counts(items_a, groups, n_resamples=n_resamples, seed=seed)
    _, counts_b = resampled_counts(items_b, groups, n_resamples=n_resamples, seed=seed)
    diffs = metrics_from_counts(counts_a)[metric] - metrics_from_counts(counts_b)[metric]
    interval = percentile_interval(diffs, confidence=confidence)
    return {"value": ratio(value_a), "reference_value": ratio(value_b),
            "difference": ratio(value_a - value_b),
            "ci_low": interval.low, "ci_high": interval.high, "p_value": two_sided_p_value(diffs),
            "undefined_resamples": interval.undefined}

