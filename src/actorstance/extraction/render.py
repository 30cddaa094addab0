"""An :class:`~actorstance.extraction.results.ExtractionResult` as a plain-text table (what
``actorstance evaluate --task extraction`` prints). Rendering only: every number comes from the result."""

from __future__ import annotations

from actorstance.evaluation.render import UNDEFINED, _num, _table, model_lines
from actorstance.extraction.alignment import TIERS
from actorstance.extraction.results import ExtractionResult
from actorstance.extraction.scoring import ERROR_KINDS, METRIC_NAMES
from actorstance.plural import plural


def _ordered(values: dict, order) -> list[str]:
    """Keys of ``values`` in the documented order (a result read back from JSON has sorted keys)."""
    return [k for k in order if k in values] + sorted(set(values) - set(order))


def render_extraction_table(result: ExtractionResult) -> str:
    """Metrics with intervals, per-label triplet scores, error kinds and the alignment summary."""
    ds, boot = result.dataset, result.bootstrap
    lines = [
        *model_lines(result),
        f"task extraction · setting {result.setting}",
        f"dataset {ds.path} · config {ds.config} · split {ds.split} · version {ds.version or UNDEFINED}",
        f"{plural(result.n_documents, 'document')} · {result.gold_triplets} gold triplets ({result.gold_pairs} pairs) · "
        f"{result.predicted_triplets} predicted ({result.predicted_pairs} pairs)",
        "",
    ]
    rows = []
    for name in _ordered(result.metrics, METRIC_NAMES):
        metric = result.metrics[name]
        interval = UNDEFINED if metric.ci_low is None else f"[{_num(metric.ci_low)}, {_num(metric.ci_high)}]"
        rows.append([name, _num(metric.value), interval])
    lines += _table(["metric", "value", f"{round(boot.confidence * 100)}% CI"], rows, align="lrr")
    if boot.n_resamples:
        one_doc = " (one document: pairs resampled)" if boot.unit == "pairs" else ""
        lines.append(f"percentile bootstrap: {boot.n_resamples} resamples of {boot.n_units} {boot.unit}{one_doc}, "
                     f"seed {boot.seed}")
        lines += [f"{name} undefined on {result.metrics[name].undefined_resamples} resamples (left out of its "
                  "interval)" for name in _ordered(result.metrics, METRIC_NAMES)
                  if result.metrics[name].undefined_resamples]
    else:
        lines.append("no bootstrap (--bootstrap 0): no intervals")
    lines.append("")
    lines += _table(["label", "precision", "recall", "f1", "support", "predicted"],
                    [[r.label, _num(r.precision), _num(r.recall), _num(r.f1), str(r.support), str(r.predicted)]
                     for r in result.per_label])
    lines.append("")
    lines += _table(["error kind", "count"], [[kind, str(result.errors[kind])]
                                              for kind in _ordered(result.errors, ERROR_KINDS)])
    lines.append("")
    rules = _ordered(result.alignment_summary, (*TIERS, "ambiguous", "unmatched"))
    lines.append("alignment of predicted names: " + ", ".join(f"{rule} {result.alignment_summary[rule]}"
                                                              for rule in rules))
    if result.collapsed:
        lines.append(f"{result.collapsed} predicted triplets repeated another after alignment (counted once)")
    return "\n".join(lines) + "\n"
