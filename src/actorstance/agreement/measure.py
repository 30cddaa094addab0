"""Compare annotation folders (one per annotator): pair identification apart from label agreement.

A **pair** is a directed ``(source id, target id)`` of a document, plus the scope for scoped
(sentence-level) stances — the unit the dataset has one label for. Actors are matched by id.

* **Pair identification**: for two annotators A and B of a document, ``F1 = 2|A∩B| / (|A|+|B|)``
  over the pairs each marked (symmetric: A's precision against B is B's recall against A). The
  figure pools ``|A∩B|`` and ``|A|+|B|`` over every annotator pair and every document both have.
* **Label agreement** on the pairs marked by at least two annotators: observed agreement (share of
  annotator pairs giving the same label), and Cohen's κ for two folders or Krippendorff's α
  (nominal; missing values where an annotator did not mark the pair) for more. The same for the
  ``explicit`` flag.

Documents only one folder has are not compared; they are listed (``unshared``), never dropped
silently.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from actorstance.agreement.results import (FORMAT, AgreementResult, AgreementSummary, AnnotatorPair, Disagreement,
                                           DocumentAgreement, LabelAgreement, Marked, PairIdentification)
from actorstance.errors import AgreementError, Problem

Key = tuple[str, str, tuple[int, int] | None]
#: folder → doc id → pair → how the folder's annotator marked it
Marks = list[dict[str, dict[Key, Marked]]]


def measure_agreement(folders: Sequence[str | Path]) -> AgreementResult:
    """Agreement between ``folders`` (at least two), each a folder of annotation files by one annotator."""
    names = [str(f) for f in folders]
    problems = []
    if len(names) < 2:
        problems.append(Problem(" ".join(names) or "(none)", "", "agreement needs at least two folders",
                                "pass one annotation folder per annotator: DIR_A DIR_B [DIR_C ...]"))
    resolved = [Path(f).resolve() for f in folders]
    problems += [Problem(names[i], "", f"is the same folder as {names[resolved.index(r)]}",
                         "pass each annotator's folder once") for i, r in enumerate(resolved) if resolved.index(r) != i]
    if problems:
        raise AgreementError(problems)
    marks = [_marks(Path(f)) for f in folders]
    holders = {doc: [i for i, m in enumerate(marks) if doc in m] for doc in sorted({d for m in marks for d in m})}
    compared = [doc for doc, who in holders.items() if len(who) >= 2]
    if not compared:
        raise AgreementError([Problem(", ".join(names), "", "no document is in two of the folders",
                                      "compare folders that annotate the same documents (same doc ids)")])
    labels, explicit = _Values(), _Values()
    both = marked = 0
    per_pair = {pair: [0, 0, 0, 0] for pair in combinations(range(len(names)), 2)}  # documents, |A|, |B|, |A∩B|
    rows, disagreements = [], []
    for doc in compared:
        who = holders[doc]
        doc_labels, doc_explicit = _Values(), _Values()
        doc_both = doc_marked = 0
        for i, j in combinations(who, 2):
            a, b = marks[i][doc].keys(), marks[j][doc].keys()
            shared = len(a & b)
            doc_both, doc_marked = doc_both + shared, doc_marked + len(a) + len(b)
            counts = per_pair[(i, j)]
            counts[0] += 1
            counts[1] += len(a)
            counts[2] += len(b)
            counts[3] += shared
        keys = sorted({k for i in who for k in marks[i][doc]}, key=_key_order)
        for key in keys:
            given = {i: marks[i][doc][key] for i in who if key in marks[i][doc]}
            if len(given) >= 2:
                for values, doc_values, field in ((labels, doc_labels, "label"), (explicit, doc_explicit, "explicit")):
                    item = {i: getattr(m, field) for i, m in given.items()}
                    values.add(item)
                    doc_values.add(item)
            kind = ("pair" if len(given) < len(who) else "label" if len({m.label for m in given.values()}) > 1
                    else "explicit" if len({m.explicit for m in given.values()}) > 1 else None)
            if kind is not None:
                disagreements.append(Disagreement(doc_id=doc, source=key[0], target=key[1], scope=key[2], kind=kind,
                                                  annotations={names[i]: given.get(i) for i in who}))
        both, marked = both + doc_both, marked + doc_marked
        rows.append(DocumentAgreement(doc_id=doc, folders=tuple(names[i] for i in who),
                                      pairs=tuple(len(marks[i][doc]) for i in who), shared=doc_labels.items,
                                      pair_f1=_ratio(2 * doc_both, doc_marked), label_observed=doc_labels.observed,
                                      explicit_observed=doc_explicit.observed))
    summary = AgreementSummary(
        format=FORMAT, folders=tuple(names), documents=len(compared),
        unshared=tuple(doc for doc, who in holders.items() if len(who) == 1),
        pairs=PairIdentification(both=both, marked=marked, f1=_ratio(2 * both, marked)),
        annotator_pairs=tuple(AnnotatorPair(a=names[i], b=names[j], documents=c[0], pairs_a=c[1], pairs_b=c[2],
                                            both=c[3], f1=_ratio(2 * c[3], c[1] + c[2]))
                              for (i, j), c in per_pair.items() if c[0]),
        labels=labels.agreement(len(names)), explicit=explicit.agreement(len(names)), per_document=tuple(rows))
    return AgreementResult(summary=summary, disagreements=tuple(disagreements))


def _marks(folder: Path) -> dict[str, dict[Key, Marked]]:
    from actorstance.annotations import load_annotations

    docs = load_annotations([folder])
    if not docs:
        raise AgreementError([Problem(str(folder), "", "holds no annotation files",
                                      "pass a folder of annotation files (one annotator's annotations)")])
    out: dict[str, dict[Key, Marked]] = {}
    for doc in docs:
        pairs = out.setdefault(doc.doc_id, {})
        for s in doc.annotation.stances:
            scope = (s.scope.start, s.scope.end) if s.scope else None
            pairs[(s.source, s.target, scope)] = Marked(label=s.label, explicit=s.explicit, stance_id=s.id,
                                                        evidence=tuple(e.text for e in s.evidence))
    return out


def _key_order(key: Key) -> tuple:
    return (key[0], key[1], key[2] or (-1, -1))


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 6) if denominator else None


class _Values:
    """The values annotators gave to the items (pairs) at least two of them marked."""

    def __init__(self) -> None:
        self.rows: list[dict[int, object]] = []  # item → {folder index: value}
        self.comparisons = self.agreeing = 0

    @property
    def items(self) -> int:
        return len(self.rows)

    @property
    def observed(self) -> float | None:
        return _ratio(self.agreeing, self.comparisons)

    def add(self, item: dict[int, object]) -> None:
        self.rows.append(item)
        for a, b in combinations(sorted(item), 2):
            self.comparisons += 1
            self.agreeing += item[a] == item[b]

    def agreement(self, n_folders: int) -> LabelAgreement:
        coefficient = "cohen_kappa" if n_folders == 2 else "krippendorff_alpha"
        value = (_cohen_kappa(self.rows) if n_folders == 2 else _krippendorff_alpha(self.rows, n_folders))
        return LabelAgreement(items=self.items, comparisons=self.comparisons, agreeing=self.agreeing,
                              observed=self.observed, coefficient=coefficient, value=value)


def _cohen_kappa(rows: list[dict[int, object]]) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    if not rows:
        return None
    first = [str(row[min(row)]) for row in rows]
    second = [str(row[max(row)]) for row in rows]
    if len(set(first) | set(second)) < 2:
        return None  # one value for everything: chance agreement is 1, kappa is 0/0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(cohen_kappa_score(first, second))
    return None if value != value else round(value, 6)


def _krippendorff_alpha(rows: list[dict[int, object]], n_folders: int) -> float | None:
    import krippendorff
    import numpy as np

    domain = sorted({str(v) for row in rows for v in row.values()})
    if len(domain) < 2:
        return None  # alpha is undefined with a single value in the domain
    code = {v: float(i) for i, v in enumerate(domain)}
    data = np.full((n_folders, len(rows)), np.nan)
    for u, row in enumerate(rows):
        for i, v in row.items():
            data[i, u] = code[str(v)]
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return None if value != value else round(value, 6)
