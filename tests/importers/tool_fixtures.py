"""Shared by the annotation-tool importer tests: the invented exports in tests/fixtures/tools/."""

from __future__ import annotations

from pathlib import Path

from actorstance.annotations import load_annotations
from tests.conftest import FIXTURES

TOOLS = FIXTURES / "tools"


def stances_of(folder: Path, doc_id: str = "berg_holm") -> list[tuple]:
    """``(source, target, label, explicit, evidence texts)`` of a validated imported document."""
    (doc,) = [d for d in load_annotations([folder]) if d.doc_id == doc_id]
    return [(s.source, s.target, s.label, s.explicit, [e.text for e in s.evidence]) for s in doc.annotation.stances]
