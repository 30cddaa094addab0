"""The "Compared with the reference model" sections of ``report.md``, for the pair and the extraction task.

Rendering only: which model is the reference, the differences and each model's verdict are read
from the benchmark result (decided once, in :mod:`actorstance.reports.reference`); the sentences that
state the rule are written here once for both tasks.
"""

from __future__ import annotations

from typing import Sequence

from actorstance.escaping import markdown as escape
from actorstance.reports.cells import TRANSDUCTIVE_MARK, UNDEFINED, p_value, signed_ci, table
from actorstance.reports.results import DatasetBenchmark, ExtractionBenchmark, ModelEntry

PAIR_METRICS = ("f1_pn", "macro_f1", "accuracy")
EXTRACTION_METRICS = ("f1_pn", "triplet_f1", "pair_f1")
_TEST = ("Holm-adjusted two-sided p of Δ f1_pn below 0.05 over the models compared, so the chance of calling any "
         "model different by mistake stays under 5%")


def model_name(m: ModelEntry) -> str:
    """The model's escaped name, with the transductive mark (†) when it pools a document's pairs."""
    return escape(m.name) + (TRANSDUCTIVE_MARK if m.result.model.transductive else "")


def rule_sentence(n_compared: int, resampled: str) -> str:
    """How Δ, p, p (Holm) and the verdict are defined."""
    return (f"Δ = model − reference, on the same {resampled} (paired bootstrap); p is the two-sided bootstrap "
            "p-value of Δ = 0, and p (Holm) the same p-value Holm-adjusted over the "
            f"{n_compared} models compared with the reference (one family per metric). The verdict reads Δ f1_pn: "
            "*worse* or *better* when its p (Holm) is below 0.05, by the sign of Δ; otherwise *not distinguishable*.")


def verdict_lines(names: dict[str, Sequence[str]]) -> list[str]:
    """The models (escaped names) not distinguishable from, worse and better than the reference."""
    lines = ["", "**Not distinguishable from the reference** — models whose Holm-adjusted p of Δ f1_pn is 0.05 or "
             "more (or undefined), i.e. that this data cannot tell apart from it: "
             + (", ".join(names.get("not distinguishable", ())) or "none") + "."]
    for verdict, title, sign in (("worse", "Worse than the reference", "<"), ("better", "Better than the reference", ">")):
        if names.get(verdict):
            lines += ["", f"**{title}** ({_TEST}; Δ {sign} 0): " + ", ".join(names[verdict]) + "."]
    return lines


def _rows(models, metrics: Sequence[str], name, *, with_p: bool) -> list[list[str]]:
    rows = []
    for m in models:
        row = [name(m)]
        for metric in metrics:
            c = m.comparisons[metric]
            row += [signed_ci(c.difference, c.ci_low, c.ci_high), *([p_value(c.p_value)] if with_p else []),
                    p_value(c.p_holm)]
        rows.append(row + [m.verdict])
    return rows


def _header(metrics: Sequence[str], *, with_p: bool) -> list[str]:
    cells = [cell for metric in metrics for cell in (f"Δ {metric} [95% CI]", *(["p"] if with_p else []), "p (Holm)")]
    return ["model", *cells, "verdict"]


def _grouped(models, name) -> dict[str, list[str]]:
    return {v: [name(m) for m in models if m.verdict == v] for v in ("not distinguishable", "worse", "better")}


def pair_comparisons(d: DatasetBenchmark) -> list[str]:
    """The pair task's section: the reference and why, the Δ table with verdicts, the groups, undefined resamples."""
    ref = d.reference_model
    others = [m for m in d.models if m.name != ref.name]
    lines = [f"### Compared with the reference model ({model_name(ref)})", ""]
    if not others:
        return lines + ["Only one model was benchmarked."]
    lines += [f"The reference is {model_name(ref)}, {escape(d.reference.why)}."]
    if d.best != ref.name:
        lines[-1] += (f" It is not the top of the leaderboard: {model_name(d.best_model)} ranks first but pools a "
                      "document's pairs, so it is compared with the reference like every other model.")
    if any(m.source == "predictions" for m in d.models):
        lines[-1] += (" A predictions file counts as row-level: it cannot say how it was made (benchmark a model "
                      "that pools a document's pairs as `--model`, where its `transductive` attribute says so).")
    header = _header(PAIR_METRICS, with_p=True)
    lines += ["", rule_sentence(len(others), "bootstrap resamples"), "",
              *table(header, _rows(others, PAIR_METRICS, model_name, with_p=True), "l" * len(header))]
    return lines + verdict_lines(_grouped(others, model_name)) + _undefined(d)


def extraction_comparisons(b: ExtractionBenchmark) -> list[str]:
    """The extraction task's section (every extraction model reads whole documents: the reference is the best)."""
    reference = escape(b.reference.name) if b.reference else UNDEFINED
    others = [e for e in b.models if b.reference is None or e.name != b.reference.name]
    lines = [f"### Compared with the reference extraction model ({reference})", ""]
    if not others:
        return lines + ["Only one model was run."]
    header = _header(EXTRACTION_METRICS, with_p=False)
    return lines + [f"The reference is {reference}, {escape(b.reference.why)}. "
                    + rule_sentence(len(others), "resampled documents"), "",
                    *table(header, _rows(others, EXTRACTION_METRICS, lambda e: escape(e.name), with_p=False),
                           "l" * len(header))] + verdict_lines(_grouped(others, lambda e: escape(e.name)))


def _undefined(d: DatasetBenchmark) -> list[str]:
    """Where a metric or a difference was undefined on some resamples (left out of its interval)."""
    counts = [f"{escape(m.name)} {k} {v.undefined_resamples}" for m in d.models for k, v in sorted(
        [*m.result.metrics.items(), *((f"Δ {k}", c) for k, c in m.comparisons.items())]) if v.undefined_resamples]
    n = d.models[0].result.bootstrap.n_resamples
    return ["", f"**Undefined resamples** (of {n}; left out of the interval, `undefined_resamples` in results.json): "
            + ("; ".join(counts) if counts else "none") + "."]
