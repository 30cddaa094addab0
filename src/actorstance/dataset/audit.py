"""The leakage audit: no model-input column may give the label away by its form.

The model inputs of a pair config (:data:`~actorstance.columns.MODEL_INPUT_COLUMNS`) must have the
same form for every label: a ``none`` candidate must not be recognisable by the shape of its id,
the length of its context or how many mentions it has. For every such column, simple features of
its form (:data:`PROBES`: length, token count, id shape, span count, position, the actor types)
are each given to a probe — the most frequent training label per value (numbers binned at the
training rows' quantiles) — cross-validated over documents (over rows with fewer than two
documents). The majority label gets the same folds. Scores are *balanced* accuracy (the mean of
the labels' recalls), so that a leak of a rare label counts as much as one of a frequent label and
``none``-heavy configs are not excused by their imbalance. A feature **leaks** when its probe beats
the majority by more than :data:`MARGIN` balanced accuracy and a one-sided paired test of that
difference (:func:`paired_p_value`) gives p < :data:`ALPHA`.

What a probe may *not* read is the content a model is meant to use: words of the context, actor
names or ids as identities (a model may learn who is for whom; ``pair-prior`` measures that); the
actor types are content too, so their probes are reported (verdict ``content``) but never fail.

``actorstance build`` runs the audit on the pairs before writing anything and fails naming the
column; ``actorstance audit DATASET`` runs it on a built folder.

>>> rows = [{"id": f"d{i}/a->b" + ("@1-2" if i % 2 else ""), "doc_id": f"d{i}"} for i in range(40)]
>>> labels = ["positive" if i % 2 else "none" for i in range(40)]
>>> report = audit_rows("candidates", rows, labels, probes=[p for p in PROBES if p.name == "id shape"])
>>> [(p.column, p.feature, p.leaks) for p in report.probes]
[('id', 'id shape', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np

from actorstance.dataset.probes import (
    PROBES, Probe, balanced_accuracy, codes_of, cross_validate, folds_of, paired_p_value,
)
from actorstance.errors import LeakageError

#: A probe may beat the majority label by at most this much balanced accuracy (0.05 = 5 points) ...
MARGIN = 0.05
#: ... unless the paired test cannot tell them apart at this level (about 0.05 over the 28 probes of
#: a build, Bonferroni).
ALPHA = 0.001


@dataclass(frozen=True)
class ProbeResult:
    """A probe's cross-validated balanced accuracy against the majority label's, on one config."""

    config: str
    column: str
    feature: str
    n: int
    majority_accuracy: float
    probe_accuracy: float
    p_value: float
    gating: bool = True

    @property
    def gain(self) -> float:
        return self.probe_accuracy - self.majority_accuracy

    @property
    def leaks(self) -> bool:
        return self.gating and self.gain > MARGIN and self.p_value < ALPHA


@dataclass(frozen=True)
class AuditReport:
    """Every probe of every audited config; :attr:`leaks` lists the failing ones."""

    probes: tuple[ProbeResult, ...]

    @property
    def leaks(self) -> tuple[ProbeResult, ...]:
        return tuple(p for p in self.probes if p.leaks)

    def __add__(self, other: "AuditReport") -> "AuditReport":
        return AuditReport(self.probes + other.probes)

    def summary(self) -> str:
        """One line: how many probes, and the largest gain over the majority label."""
        if not self.probes:
            return "nothing to probe (fewer than two labels)"
        top = max(self.probes, key=lambda p: (p.gain, p.config, p.feature))
        verdict = f"{len(self.leaks)} leaking" if self.leaks else "no leak"
        return (f"{verdict} in {len(self.probes)} probes; largest gain over the majority label {top.gain:+.3f} "
                f"({top.config}: {top.feature})")

    def check(self, *, where: str) -> None:
        """Raise :class:`LeakageError` naming every leaking column of ``where``."""
        if self.leaks:
            lines = [f"  config '{p.config}', column '{p.column}' ({p.feature}): a probe reading only it scores "
                     f"{p.probe_accuracy:.3f} balanced accuracy vs {p.majority_accuracy:.3f} for the majority label "
                     f"({p.gain:+.3f} > {MARGIN}, p {_p(p.p_value)})" for p in self.leaks]
            raise LeakageError(f"{where}: the leakage audit failed: model inputs give the label away.\n"
                               + "\n".join(lines) + "\nFix: make the column's form the same for every label "
                               "(see docs/dataset.md, 'Leakage audit'), then rebuild.")


class LeakageAudit:
    """Collects the probed features of one config's rows as they stream by (a build holds only these
    few numbers per row, never the rows); :meth:`report` runs the probes.

    >>> audit = LeakageAudit("pairs", probes=PROBES[:1])
    >>> audit.add([{"id": "d/a->b", "doc_id": "d"}], ["positive"])
    >>> audit.report().probes  # a single label: nothing to probe
    ()
    """

    def __init__(self, config: str, *, probes: Sequence[Probe] = PROBES, seed: int = 0):
        self.config = config
        self.probes = tuple(probes)
        self.seed = seed
        self._values: dict[str, list] = {p.name: [] for p in self.probes}
        self._groups: list[str] = []
        self._labels: list[str] = []

    def add(self, rows: Iterable[Any], labels: Iterable[str] | None = None) -> None:
        """Add rows — mappings or objects such as :class:`~actorstance.convert.StancePair` — and their
        labels (default: each row's ``label``)."""
        rows = list(rows)
        for row in rows:
            get = row.__getitem__ if hasattr(row, "keys") else (lambda name, row=row: getattr(row, name))
            self._groups.append(get("doc_id"))
            for p in self.probes:
                self._values[p.name].append(p.value(get(p.column)))
        if labels is None:
            labels = [row["label"] if hasattr(row, "keys") else row.label for row in rows]
        self._labels.extend(labels)
        if len(self._labels) != len(self._groups):
            raise ValueError(f"{len(self._labels)} labels for {len(self._groups)} rows")

    def add_values(self, columns: dict[str, list], labels: list[str]) -> None:
        """Add rows as column lists of raw values (a span column may hold span counts instead)."""
        self._groups.extend(columns["doc_id"])
        for p in self.probes:
            self._values[p.name].extend(p.value(v) for v in columns[p.column])
        self._labels.extend(labels)

    def report(self) -> AuditReport:
        y = np.asarray(self._labels, dtype=object)
        if len(y) < 2 or len(set(self._labels)) < 2:
            return AuditReport(())
        folds = folds_of(self._groups, self.seed)
        base = cross_validate(np.zeros(len(y), dtype=np.int64), y, folds) == y
        results = []
        for p in self.probes:
            values = self._values[p.name]
            codes = np.asarray(values, dtype=np.float64) if p.numeric else codes_of(values)
            right = cross_validate(codes, y, folds, numeric=p.numeric) == y
            results.append(ProbeResult(config=self.config, column=p.column, feature=p.name, n=len(y),
                                       majority_accuracy=balanced_accuracy(base, y),
                                       probe_accuracy=balanced_accuracy(right, y),
                                       p_value=paired_p_value(right, base, y), gating=p.gating))
        return AuditReport(tuple(results))


def audit_rows(config: str, rows: Iterable[Any], labels: Iterable[str] | None = None, *,
               probes: Sequence[Probe] = PROBES, seed: int = 0) -> AuditReport:
    """Audit one config's rows (see :meth:`LeakageAudit.add`) against their labels."""
    audit = LeakageAudit(config, probes=probes, seed=seed)
    audit.add(rows, labels)
    return audit.report()


def audit_dataset(folder, *, configs: Sequence[str] | None = None) -> AuditReport:
    """Audit every pair config (all its splits together) of a built dataset folder."""
    import pyarrow.compute as pc

    from actorstance.columns import LABEL_COLUMN
    from actorstance.dataset.layout import PAIR_CONFIGS
    from actorstance.dataset.load import card_configs, load_split

    available = card_configs(folder)
    report = AuditReport(())
    for config in configs or [c for c in PAIR_CONFIGS if c in available]:
        audit = LeakageAudit(config)
        for split in available[config]:
            data = load_split(folder, config, split)
            table = data.data.table
            names = data.features[LABEL_COLUMN].names
            columns = {}
            for column in {p.column for p in audit.probes} | {"doc_id"}:
                values = table.column(column)
                columns[column] = (pc.list_value_length(values) if column.endswith("_spans") else values).to_pylist()
            audit.add_values(columns, [names[i] for i in table.column(LABEL_COLUMN).to_pylist()])
        report += audit.report()
    return report


def _p(value: float) -> str:
    return "< 1e-6" if value < 1e-6 else f"= {value:.2g}"


def render_audit(report: AuditReport) -> str:
    """The audit as a plain-text table, one line per probe, leaking ones marked."""
    lines = [f"{'config':<11} {'column':<14} {'feature':<20} {'n':>7} {'majority':>8} {'probe':>6} {'gain':>7} "
             f"{'p':>9}  verdict"]
    for p in report.probes:
        lines.append(f"{p.config:<11} {p.column:<14} {p.feature:<20} {p.n:>7} {p.majority_accuracy:>8.3f} "
                     f"{p.probe_accuracy:>6.3f} {p.gain:>+7.3f} {p.p_value:>9.2g}  "
                     f"{'LEAKS' if p.leaks else 'ok' if p.gating else 'content'}")
    lines.append(f"Columns majority/probe: cross-validated balanced accuracy. A probe leaks when it beats the "
                 f"majority label by more than {MARGIN} with p < {ALPHA} (docs/dataset.md, 'Leakage audit').")
    return "\n".join(lines)
