"""Cells of report.md's tables: numbers, intervals and p-values as text, the transductive mark, a GFM table.

Shared by every section of the report (:mod:`~actorstance.reports.markdown`,
:mod:`~actorstance.reports.comparison_text`, :mod:`~actorstance.reports.extraction`); presentation only.
"""

from __future__ import annotations

from typing import Sequence

#: Shown for an undefined value (``null`` in the JSON).
UNDEFINED = "—"
#: Appended to the name of a ``transductive = "document"`` model in the leaderboard.
TRANSDUCTIVE_MARK = " †"
TRANSDUCTIVE_NOTE = ("*transductive (document)*: the model's answer for a pair also reads the other pairs of its "
                     "document predicted with it (never a label); its scores hold when whole documents are predicted "
                     "together and are not per-row figures comparable with the row-level models'.")


def num(value: float | None, digits: int = 3) -> str:
    return UNDEFINED if value is None else f"{value:.{digits}f}"


def with_ci(value: float | None, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return num(value)
    return f"{num(value)} [{num(low)}, {num(high)}]"


def signed_ci(value: float | None, low: float | None, high: float | None) -> str:
    def s(x):
        return UNDEFINED if x is None else f"{x:+.3f}"
    return s(value) if low is None or high is None else f"{s(value)} [{s(low)}, {s(high)}]"


def p_value(value: float | None) -> str:
    return UNDEFINED if value is None else ("< 0.001" if value < 0.001 else f"{value:.3f}")


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None) -> list[str]:
    """A GFM table; ``align`` is one character per column (``l`` or ``r``). Cells must be escaped."""
    align = align or "l" * len(header)
    rule = ["---:" if a == "r" else "---" for a in align]
    return ["| " + " | ".join(row) + " |" for row in [list(header), rule, *rows]]
