"""Render an :class:`~actorstance.agreement.results.AgreementResult`: never recompute.

``agreement.json`` (the summary), ``agreement.md`` (figures, tables and the disagreement list for
adjudication) and ``disagreements.jsonl`` (one disagreement per line, sorted), plus the few lines
``actorstance agree`` prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from actorstance.agreement.results import AgreementResult, AgreementSummary, Disagreement, LabelAgreement
from actorstance.escaping import markdown
from actorstance.layout import AGREEMENT_FILE
from actorstance.plural import plural

AGREEMENT_JSON = AGREEMENT_FILE
AGREEMENT_MD = "agreement.md"
DISAGREEMENTS_JSONL = "disagreements.jsonl"
COEFFICIENT_NAMES = {"cohen_kappa": "Cohen's κ", "krippendorff_alpha": "Krippendorff's α"}


def number(value: float | None, digits: int = 3) -> str:
    return "undefined" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def label_line(name: str, agreement: LabelAgreement) -> str:
    """``labels: 99.9% observed on 1,234 pairs marked by two or more, Cohen's κ 0.998``."""
    return (f"{name}: {percent(agreement.observed)} observed on {plural(agreement.items, 'pair')} marked by two or "
            f"more annotators, {COEFFICIENT_NAMES[agreement.coefficient]} {number(agreement.value)}")


def summary_lines(summary: AgreementSummary) -> list[str]:
    """What the command prints: the two figures apart, then explicit/implied and the coverage."""
    pairs = summary.pairs
    lines = [f"{plural(summary.documents, 'document')} compared across {plural(len(summary.folders), 'folder')}"
             + (f" ({plural(len(summary.unshared), 'document')} in one folder only, not compared)"
                if summary.unshared else ""),
             f"pair identification: F1 {number(pairs.f1)} ({pairs.both} pairs marked by both annotators of an "
             f"annotator pair, {pairs.marked} marked in all, pooled)",
             label_line("labels on shared pairs", summary.labels),
             label_line("explicit/implied on shared pairs", summary.explicit)]
    return lines


def render_markdown(result: AgreementResult) -> str:
    s = result.summary
    out = ["# Inter-annotator agreement", "", *(f"- {markdown(line)}" for line in summary_lines(s)), "",
           "Pair identification and label agreement answer different questions: annotators may agree on almost every "
           "label of the pairs both marked and still mark quite different pairs.", "",
           "Folders: " + ", ".join(f"`{markdown(f)}`" for f in s.folders) + ".", "",
           "## Annotator pairs", "", "| A | B | documents | pairs A | pairs B | both | pair F1 |", "|---|---|---|---|---|---|---|"]
    out += [f"| {markdown(p.a)} | {markdown(p.b)} | {p.documents} | {p.pairs_a} | {p.pairs_b} | {p.both} | "
            f"{number(p.f1)} |" for p in s.annotator_pairs]
    out += ["", "## Documents", "", "| doc_id | folders | pairs per folder | shared pairs | pair F1 | labels agree | "
            "explicit agrees |", "|---|---|---|---|---|---|---|"]
    out += [f"| {markdown(d.doc_id)} | {len(d.folders)} | {', '.join(map(str, d.pairs))} | {d.shared} | "
            f"{number(d.pair_f1)} | {percent(d.label_observed)} | {percent(d.explicit_observed)} |"
            for d in s.per_document]
    if s.unshared:
        out += ["", "Not compared (in one folder only): " + ", ".join(markdown(d) for d in s.unshared) + "."]
    out += ["", f"## Disagreements ({len(result.disagreements)})", ""]
    if not result.disagreements:
        out.append("None: every annotator marked the same pairs with the same labels.")
    current = None
    for d in result.disagreements:
        if d.doc_id != current:
            current = d.doc_id
            out += ["", f"### {markdown(d.doc_id)}", "", "| pair | scope | kind | " + " | ".join(
                markdown(f) for f in d.annotations) + " |", "|---|---|---|" + "---|" * len(d.annotations)]
        cells = [_cell(m) for m in d.annotations.values()]
        scope = f"{d.scope[0]}–{d.scope[1]}" if d.scope else "document"
        out.append(f"| {markdown(d.source)} → {markdown(d.target)} | {scope} | {d.kind} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _cell(marked) -> str:
    if marked is None:
        return "—"
    flag = "explicit" if marked.explicit else "implied"
    evidence = " / ".join(f"“{markdown(e)}”" for e in marked.evidence)
    return f"**{marked.label}** ({flag}, {markdown(marked.stance_id)}): {evidence}"


def disagreement_records(disagreements: Iterable[Disagreement]) -> Iterable[dict]:
    for d in disagreements:
        yield d.model_dump(mode="json")


def write_agreement(result: AgreementResult, folder: str | Path, *, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write the three files into ``folder`` (each atomically); return their paths."""
    from actorstance.atomic import write_bytes_atomic
    from actorstance.jsonl import dumps_pretty, write_jsonl

    folder = Path(folder)
    inputs = list(inputs)
    paths = [folder / AGREEMENT_JSON, folder / AGREEMENT_MD, folder / DISAGREEMENTS_JSONL]
    write_bytes_atomic(paths[0], dumps_pretty(result.summary.model_dump(mode="json")).encode("utf-8"), inputs=inputs)
    write_bytes_atomic(paths[1], render_markdown(result).encode("utf-8"), inputs=inputs)
    write_jsonl(paths[2], disagreement_records(result.disagreements), inputs=inputs)
    return paths
