"""What a benchmark scores: a registered baseline, a ``--model`` spec, or a predictions file (either task)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Contender:
    """A model to benchmark: a registered baseline, a ``--model`` spec, or a predictions file."""

    name: str
    source: str  # "baseline" | "model" | "predictions"
    spec: str | None = None
    path: Path | None = None
