"""The extraction sections of ``report.md`` (one per documents split and setting): leaderboard, paired comparisons, alignment summary,
most frequent error kinds. Rendering only: every number is read from the benchmark result."""

from __future__ import annotations

from actorstance.escaping import markdown as escape, markdown_code as code
from actorstance.extraction.alignment import TIERS
from actorstance.extraction.scoring import ERROR_KINDS
from actorstance.plural import plural
from actorstance.reports.comparison_text import extraction_comparisons
from actorstance.reports.cells import UNDEFINED, table, with_ci
from actorstance.reports.results import ExtractionBenchmark

#: Error kinds listed per model in the "most frequent" table.
TOP_ERRORS = 3


def extraction_title(b: ExtractionBenchmark) -> str:
    return f"Extraction · {b.path} · split {b.split} · setting {b.setting}"


def extraction_section(b: ExtractionBenchmark) -> list[str]:
    """The markdown lines of one extraction benchmark."""
    lines = [f"## {escape(extraction_title(b))}", "",
             f"{plural(b.n_documents, 'document')}, {plural(b.gold_triplets, 'gold triplet')}; dataset version "
             f"{code(b.version) if b.version else UNDEFINED}. Systems read whole documents "
             + ("(text only" if b.setting == "raw" else "(text and the gold actors")
             + ") and answer with (source, target, label) triplets; names are aligned to the gold actors "
             "(docs/extraction.md). Scores are pooled over documents; intervals resample documents (pairs when the split has a single document).", ""]
    if not b.models:
        lines += ["No model could be run on this split."]
    else:
        lines += _leaderboard(b) + [""] + extraction_comparisons(b) + [""] + _alignment(b) + [""] + _errors(b)
    if b.not_run:
        lines += ["", "Not run:", ""] + [f"- {escape(n.name)}: {escape(n.reason)}" for n in b.not_run]
    return lines


def _training(entry) -> str:
    t = entry.result.training
    if t is None:
        return "predictions file"
    return t.kind + (f" ({t.n_folds} folds)" if t.n_folds else "") + \
        (f", {plural(t.n_train, 'train document')}" if t.n_train else "")


def _ci(result, name: str) -> str:
    m = result.metrics[name]
    return with_ci(m.value, m.ci_low, m.ci_high)


def _leaderboard(b: ExtractionBenchmark) -> list[str]:
    rows = []
    for rank, e in enumerate(b.models, start=1):
        r = e.result
        name = f"**{escape(e.name)}**" if e.name == b.best else escape(e.name)
        rows.append([str(rank), name, _ci(r, "f1_pn"), _ci(r, "triplet_f1"), _ci(r, "pair_f1"),
                     _ci(r, "direction_swap_rate"), str(r.predicted_triplets), escape(_training(e))])
    return ["### Extraction leaderboard", "",
            "Ranked by `f1_pn` over triplets (mean F1 of `positive` and `negative`), then `triplet_f1`, then "
            "`pair_f1`. `direction_swap_rate`: share of gold pairs predicted only in the reverse direction "
            "(lower is better).", "",
            *table(["#", "model", "f1_pn [95% CI]", "triplet_f1 [95% CI]", "pair_f1 [95% CI]",
                    "swap rate [95% CI]", "predicted", "training"], rows, "rlllllrl")]


def _alignment(b: ExtractionBenchmark) -> list[str]:
    rules = [r for r in (*TIERS, "ambiguous", "unmatched") if r in b.models[0].result.alignment_summary]
    rows = [[escape(e.name), *(str(e.result.alignment_summary[r]) for r in rules), str(e.result.collapsed)]
            for e in b.models]
    return ["### Alignment of predicted names", "",
            "Distinct predicted names per document, by the rule that aligned them; ambiguous and unmatched names "
            "count as wrong actors. Collapsed: triplets that repeated another after alignment.", "",
            *table(["model", *rules, "collapsed"], rows, "l" + "r" * (len(rules) + 1))]


def _errors(b: ExtractionBenchmark) -> list[str]:
    rows = []
    for e in b.models:
        order = {kind: i for i, kind in enumerate(ERROR_KINDS)}
        ranked = sorted(((n, kind) for kind, n in e.result.errors.items() if n),
                        key=lambda item: (-item[0], order.get(item[1], len(order)), item[1]))
        top = "; ".join(f"{kind} {n}" for n, kind in ranked[:TOP_ERRORS]) or "none"
        total = sum(e.result.errors.values())
        rows.append([escape(e.name), str(total), escape(top)])
    return ["### Most frequent error kinds", "",
            "Wrong predicted triplets by kind (wrong label, reversed direction, spurious pair, unaligned actor, "
            "self pair) and gold pairs predicted in neither direction (missed pair).", "",
            *table(["model", "errors", f"most frequent (up to {TOP_ERRORS})"], rows, "lrl")]
