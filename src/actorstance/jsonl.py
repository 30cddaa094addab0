"""JSON lines in and out, with orjson behind jsonlines (sorted keys: byte-identical output)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import jsonlines
import orjson

from actorstance.atomic import atomic_file


def dumps(obj) -> str:
    """Compact, key-sorted, UTF-8 JSON (no ASCII escaping), as written to every .jsonl and .json file."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def _dumps_bytes(obj) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


def dumps_pretty(obj) -> str:
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def write_jsonl(dest: str | Path, records: Iterable[dict], *, inputs: Iterable[str | Path] = ()) -> int:
    """Write ``records`` to ``dest`` atomically, one JSON object per line; return the count.

    ``dest`` may not be, contain or lie inside one of ``inputs`` (:func:`actorstance.atomic.check_not_input`).
    """
    n = 0
    with atomic_file(dest, "wb", inputs=inputs) as fh:  # bytes straight from orjson: no decode, no re-encode
        writer = jsonlines.Writer(fh, dumps=_dumps_bytes)
        for record in records:
            writer.write(record)
            n += 1
    return n


def read_jsonl_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, raw_line)`` for every non-blank line; parsing is left to the caller,
    so that it can report malformed lines with their numbers."""
    with open(path, encoding="utf-8", newline="") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                yield number, line


loads = orjson.loads
