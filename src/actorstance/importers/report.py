"""What an import did: counts of everything read, kept, mapped and skipped by a documented rule.

Every importer returns an :class:`ImportReport`; the ``import`` command prints it. Nothing an
importer reads disappears without a count: ``records == stances + sum(skipped.values())``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from actorstance.layout import SPLIT_NAMES
from actorstance.plural import plural


@dataclass
class ImportReport:
    """Counts of one import.

    ``records`` are the stance records of the source corpus (SEESAW: triplets); ``skipped``
    counts, per rule, the records that did not become a stance of their own (merged into an
    agreeing record, outvoted, ...); ``mapped`` counts items kept but changed by a rule
    (placeholder actors, type ties); ``coverage`` counts how often a heuristic applied;
    ``ignored`` counts spans and relations a tool import dropped by a mapping rule (label
    ``ignore``); ``annotator_documents`` counts the documents of each annotator's folder.
    """

    format: str
    source: str
    output: str
    documents: int = 0
    actors: int = 0
    mentions: int = 0
    records: int = 0
    stances: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    mapped: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, int] = field(default_factory=dict)
    split_documents: dict[str, int] = field(default_factory=dict)
    split_stances: dict[str, int] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)
    annotator_documents: dict[str, int] = field(default_factory=dict)

    @property
    def accounted(self) -> bool:
        """True when every record is either a stance or counted under a skip rule."""
        return self.records == self.stances + sum(self.skipped.values())

    def to_dict(self) -> dict:
        return {**asdict(self), "accounted": self.accounted}

    def render(self) -> str:
        """A few human-readable lines, as printed by ``actorstance import``."""
        skipped = ", ".join(f"{rule} {n}" for rule, n in sorted(self.skipped.items())) or "none"
        mapped = ", ".join(f"{rule} {n}" for rule, n in sorted(self.mapped.items())) or "none"
        coverage = ", ".join(f"{key} {n}" for key, n in sorted(self.coverage.items())) or "none"
        order = {name: i for i, name in enumerate(SPLIT_NAMES)}
        names = sorted(self.split_documents, key=lambda name: (order.get(name, len(order)), name))
        splits = ", ".join(f"{name} {plural(self.split_documents[name], 'document')} "
                           f"({plural(self.split_stances.get(name, 0), 'stance')})" for name in names)
        lines = [
            f"imported {plural(self.documents, self.format + ' document')} from {self.source} into {self.output}",
            f"  records: {self.records} read, {self.stances} kept as stances; not kept by rule: {skipped}",
            f"  actors: {self.actors}; mentions: {self.mentions}",
            f"  splits: {splits or 'none'}",
            f"  mapped by rule: {mapped}",
            f"  coverage: {coverage}",
        ]
        if self.annotator_documents:
            lines.insert(1, "  annotators (one folder each): " + ", ".join(
                f"{who} {plural(n, 'document')}" for who, n in sorted(self.annotator_documents.items())))
        if self.ignored:
            lines.append("  ignored by the mapping: " + ", ".join(f"{k} {n}" for k, n in sorted(self.ignored.items())))
        return "\n".join(lines)
