"""The per-sample log of an LLM run: one JSON line per pair, written next to the predictions.

Each line holds ``id``, ``prompt_sha256``, ``raw`` (the answer as the server sent it),
``label`` (parsed, or null), ``invalid`` and ``invalid_detail`` (why there is no label),
``latency_s``, ``cached`` and the token counts — enough to read what the model said and to
rescore it (``label`` per ``id`` is a predictions file) without asking the server again.

>>> sample_log_path("out/preds.jsonl")
PosixPath('out/preds.samples.jsonl')
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

SUFFIX = ".samples.jsonl"


def sample_log_path(beside: str | Path) -> Path:
    """The log's path next to a predictions or result file: ``NAME.samples.jsonl``."""
    beside = Path(beside)
    stem = beside.name[: -len(".jsonl")] if beside.name.endswith(".jsonl") else beside.stem
    return beside.with_name(stem + SUFFIX)


def write_sample_log(path: str | Path, records: Iterable[dict]) -> int:
    """Write the records atomically (sorted keys, one per line); return how many."""
    from actorstance.jsonl import write_jsonl

    return write_jsonl(path, records)
