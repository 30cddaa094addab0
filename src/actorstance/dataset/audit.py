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

A label with more than :data:`ROWS_PER_LABEL` rows is probed on a sample of them: its rows in the
documents that come first in a seeded random order (a keyed hash of the document id), as few
documents as hold that many rows. Its rows then count in the probes' training counts as many times
as they stand for (the label's rows / the rows kept), so every probe is fit to the whole config's
label distribution, and balanced accuracy, a mean of per-label recalls, is estimated without bias.
The sample depends on the documents' ids and rows and the seed, not on the order rows come in:
a built folder audits as its build did.

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

import itertools
import operator
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Sequence

import numpy as np

from actorstance.dataset.audit_sample import LabelSample, document_key
from actorstance.dataset.probes import (
    PROBES, Probe, balanced_accuracy, codes_of, cross_validate, folds_of, paired_p_value,
)
from actorstance.errors import LeakageError

#: A probe may beat the majority label by at most this much balanced accuracy (0.05 = 5 points) ...
MARGIN = 0.05
#: ... unless the paired test cannot tell them apart at this level (about 0.05 over the 28 probes of
#: a build, Bonferroni).
ALPHA = 0.001
#: A label with more rows than this is probed on a sample of at least this many of its rows, in whole
#: documents (see :class:`LeakageAudit`): a recall estimated on it has a standard error of at most
#: 0.0032 (sqrt(0.25 / 25,000)), a sixteenth of :data:`MARGIN`.
ROWS_PER_LABEL = 25_000


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
    rows: int | None = None   # the config's rows when ``n`` is a sample of them (a label above ROWS_PER_LABEL)

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
        return (f"{verdict} in {len(self.probes)} probes{_sample_note(self.probes)}; largest gain over the majority "
                f"label {top.gain:+.3f} ({top.config}: {top.feature})")

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
    """Collects one config's rows as they stream by; :meth:`report` runs the probes.

    A label with more than ``rows_per_label`` rows is probed on a sample of them (the label's rows
    in a seeded random set of whole documents: :class:`~actorstance.dataset.audit_sample.LabelSample`),
    so that the audit costs the same at a million rows as at a hundred thousand and holds only the
    sampled rows; below that, every row is probed.

    >>> audit = LeakageAudit("pairs", probes=PROBES[:1])
    >>> audit.add([{"id": "d/a->b", "doc_id": "d"}], ["positive"])
    >>> audit.report().probes  # a single label: nothing to probe
    ()
    """

    def __init__(self, config: str, *, probes: Sequence[Probe] = PROBES, seed: int = 0,
                 rows_per_label: int = ROWS_PER_LABEL):
        self.config = config
        self.probes = tuple(probes)
        self.seed = seed
        self.rows_per_label = rows_per_label
        self._columns = sorted({p.column for p in self.probes} | {"doc_id"})
        self._samples: dict[str, LabelSample] = {}
        self._seen = 0   # rows added so far: a row's position in the stream
        self._tuple_getters: dict[tuple[str, ...], Callable[[str], Callable]] = {}

    def add(self, rows: Iterable[Any], labels: Iterable[str] | None = None) -> None:
        """Add rows — mappings or objects such as :class:`~actorstance.convert.StancePair` — and their
        labels (default: each row's ``label``)."""
        rows = list(rows)
        getter = operator.itemgetter if rows and hasattr(rows[0], "keys") else operator.attrgetter
        labels = list(map(getter("label"), rows)) if labels is None else list(labels)
        if len(labels) != len(rows):
            raise ValueError(f"{len(labels)} labels for {len(rows)} rows")
        self._add(rows, map(getter("doc_id"), rows), labels, getter)

    def add_values(self, columns: dict[str, list], labels: list[str]) -> None:
        """Add rows as column lists of raw values (a span column may hold span counts instead)."""
        names = tuple(sorted(columns))
        if names not in self._tuple_getters:  # one getter per set of columns: rows read alike are read together
            self._tuple_getters[names] = lambda name: operator.itemgetter(names.index(name))
        self._add(list(zip(*(columns[name] for name in names))), columns["doc_id"], labels, self._tuple_getters[names])

    def _add(self, rows: list, doc_ids: Iterable[str], labels: list[str], getter: Callable[[str], Callable]) -> None:
        doc_ids = list(doc_ids)
        if doc_ids and doc_ids.count(doc_ids[0]) == len(doc_ids):  # one document (a build adds one at a time)
            documents = {doc_ids[0]: range(len(rows))}
        else:
            documents = {}
            for i, doc_id in enumerate(doc_ids):
                documents.setdefault(doc_id, []).append(i)
        for doc_id, members in documents.items():
            key = document_key(doc_id, self.seed)
            of_document = [labels[i] for i in members] if len(documents) > 1 else labels
            for label, n in Counter(of_document).items():
                if label not in self._samples:
                    self._samples[label] = LabelSample(self.rows_per_label)
                sample = self._samples[label]
                sample.total += n
                if sample.admits(key):  # else only counted: most documents of a large corpus
                    sample.keep(key, n, _Rows(rows, labels, label, members, self._seen, getter))
        self._seen += len(rows)

    def report(self) -> AuditReport:
        if self._seen < 2 or len(self._samples) < 2:
            return AuditReport(())
        code = {label: i for i, label in enumerate(sorted(self._samples))}  # sorted: ties go to the first label
        kept = [(label, _Chunk(item)) for label, sample in self._samples.items() for item in sample.items()]
        # the kept rows in the order they came (a single document's folds are drawn over its rows)
        order = np.argsort(np.fromiter((i for _, chunk in kept for i in chunk.positions), dtype=np.int64)).tolist()

        def in_order(values: Iterable) -> list:
            values = list(values)
            return [values[i] for i in order]

        chunks = [chunk for _, chunk in kept]
        kept_rows = in_order(itertools.chain.from_iterable(chunk.rows for chunk in chunks))
        getters = {chunk.getter for chunk in chunks}
        if len(getters) == 1:
            getter = getters.pop()
            column = {name: list(map(getter(name), kept_rows)) for name in self._columns}
        else:  # rows of several kinds (objects and mappings, say): each read its own way
            row_getters = in_order(itertools.chain.from_iterable([chunk.getter] * len(chunk.rows) for chunk in chunks))
            column = {name: [get(name)(row) for get, row in zip(row_getters, kept_rows)] for name in self._columns}
        y = np.asarray(in_order(code[label] for label, chunk in kept for _ in chunk.rows), dtype=np.int64)
        rows = self._seen
        sampled = len(y) < rows
        weights = (np.asarray(in_order(self._samples[label].weight for label, chunk in kept for _ in chunk.rows))
                   if sampled else None)
        folds = folds_of(column["doc_id"], self.seed)
        base = cross_validate(np.zeros(len(y), dtype=np.int64), y, folds, weights=weights) == y
        majority = balanced_accuracy(base, y)
        results = []
        for p in self.probes:
            values = p.values(column[p.column])
            codes = np.asarray(values, dtype=np.float64) if p.numeric else codes_of(values)
            right = cross_validate(codes, y, folds, numeric=p.numeric, weights=weights) == y
            results.append(ProbeResult(config=self.config, column=p.column, feature=p.name, n=len(y),
                                       majority_accuracy=majority, probe_accuracy=balanced_accuracy(right, y),
                                       p_value=paired_p_value(right, base, y), gating=p.gating,
                                       rows=rows if sampled else None))
        return AuditReport(tuple(results))


class _Rows(NamedTuple):
    """What a sample keeps of a document: its rows and labels as they came, which label, which of
    the rows are the document's (all of them when it came alone), and where they started in the stream."""

    rows: list
    labels: list[str]
    label: str
    members: Sequence[int]
    start: int
    getter: Callable[[str], Callable]   # getter(name) reads column ``name`` of a row


class _Chunk:
    """The rows of one label in one document, picked out of a kept :class:`_Rows` only when the audit reports."""

    __slots__ = ("rows", "getter", "positions")

    def __init__(self, kept: _Rows):
        members = [i for i in kept.members if kept.labels[i] == kept.label]
        self.rows, self.getter = [kept.rows[i] for i in members], kept.getter
        self.positions = [kept.start + i for i in members]


def audit_rows(config: str, rows: Iterable[Any], labels: Iterable[str] | None = None, *,
               probes: Sequence[Probe] = PROBES, seed: int = 0, rows_per_label: int = ROWS_PER_LABEL) -> AuditReport:
    """Audit one config's rows (see :meth:`LeakageAudit.add`) against their labels."""
    audit = LeakageAudit(config, probes=probes, seed=seed, rows_per_label=rows_per_label)
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


def _sample_note(probes: Sequence[ProbeResult]) -> str:
    """`` on a sample of N of M rows`` when a config was sampled (:class:`LeakageAudit`), else nothing."""
    configs = {p.config: (p.n, p.rows) for p in probes}
    if all(rows is None for _, rows in configs.values()):
        return ""
    probed = sum(n for n, _ in configs.values())
    total = sum(n if rows is None else rows for n, rows in configs.values())
    return f" on a sample of {probed:,} of {total:,} rows"


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
    if any(p.rows is not None for p in report.probes):
        lines.append(f"n: the rows probed{_sample_note(report.probes)}; a label with more rows than the audit's "
                     "limit is probed on its rows in a seeded random set of whole documents.")
    return "\n".join(lines)
