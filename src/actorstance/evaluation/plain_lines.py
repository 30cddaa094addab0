"""Reading a predictions file in bulk when every line is exactly ``{"id": "...", "label": ...}``.

That is the shape ``actorstance predict`` writes and the docs ask for, and a million such lines
are the common large input. :func:`read_plain_lines` checks whole blocks of lines against one
regular expression (the loop over lines runs inside ``re``) instead of parsing and checking
each line in Python, which is about five times faster.

It answers only when the answer is certain, and ``None`` otherwise; the strict reader
(:func:`actorstance.evaluation.predictions.read_predictions` over
:func:`actorstance.inputs.iter_jsonl`) then reads the file line by line and says what is wrong.
A line that matches the expression is one the strict reader accepts with the same value: a JSON
object with the two keys ``id`` and ``label`` once each, an id without escapes or control
characters (so no lone surrogate), a label of the config or ``null``, in valid UTF-8 and far
below :data:`~actorstance.inputs.MAX_LINE_BYTES`. Anything else — a blank line, a byte-order
mark, ``scores``, keys in another order, an escape, invalid UTF-8, an unreadable file — is left
to the strict reader, whole file.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from actorstance.collector import collector_paused
from actorstance.inputs import MAX_LINE_BYTES

#: Bytes read at a time: bounds memory on any file.
_BLOCK = 8 * 1024 * 1024
#: Longest id taken here, in characters (at most 4 bytes each in UTF-8, so with the bounded
#: whitespace below a matching line stays far below MAX_LINE_BYTES); a longer one goes the strict way.
_MAX_ID = 4096
_WS = "[ \\t]{0,8}+"  # possessive (never given back): the same matches, found sooner
_LABEL_TEXT = re.compile(r'^[^"\\\x00-\x1f]+$')  # a label written as-is inside a JSON string
assert 4 * _MAX_ID + 256 < MAX_LINE_BYTES


@dataclass(frozen=True)
class PlainLines:
    """Every line of a file, in file order: ``ids[i]`` and ``labels[i]`` (``None`` for ``null``)."""

    ids: tuple[str, ...]
    labels: tuple[str | None, ...]
    sha256: str  # of the bytes read


def plain_line_pattern(labels: Sequence[str]) -> re.Pattern | None:
    """The expression of one plain line for ``labels`` (multiline mode: one match per line);
    ``None`` when a label could not be matched as-is inside a JSON string."""
    if not labels or not all(_LABEL_TEXT.match(label) for label in labels):
        return None
    names = "|".join(re.escape(label) for label in labels)
    w = _WS
    return re.compile(
        rf'^{w}\{{{w}"id"{w}:{w}"([^"\\\x00-\x1f]{{0,{_MAX_ID}}}+)"{w},{w}"label"{w}:{w}(?:"({names})"|null){w}\}}'
        r"[ \t\r]{0,8}+$", re.MULTILINE)


def read_plain_lines(path: str | Path, labels: Sequence[str]) -> PlainLines | None:
    """Every line of ``path`` when each one is a plain prediction of one of ``labels``; else ``None``.

    >>> read_plain_lines("preds.jsonl", ["positive", "negative"])  # doctest: +SKIP
    PlainLines(ids=('d1/a->b',), labels=('negative',), sha256='...')
    """
    pattern = plain_line_pattern(labels)
    if pattern is None:
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fh = open(path, "rb")
    except OSError:
        return None
    label_of = {label: label for label in labels} | {"": None}  # one str per label, not one per line
    digest = hashlib.sha256()
    ids: list[str] = []
    names: list[str | None] = []
    with fh, collector_paused():
        rest = b""
        while True:
            try:
                block = fh.read(_BLOCK)
            except OSError:
                return None
            digest.update(block)
            if block:
                data = rest + block
                cut = data.rfind(b"\n") + 1
                chunk, rest = data[:cut], data[cut:]
                if len(rest) > MAX_LINE_BYTES:
                    return None
            else:
                chunk, rest = rest, b""  # the last line, without a newline
            found = _matched_lines(chunk, pattern) if chunk else []
            if found is None:
                return None
            if found:
                chunk_ids, chunk_names = zip(*found)
                del found  # its tuples freed while the collector is paused (actorstance.collector)
                ids.extend(chunk_ids)
                names.extend(map(label_of.__getitem__, chunk_names))
            if not block:
                break
    if not ids:
        return None
    return PlainLines(tuple(ids), tuple(names), digest.hexdigest())


def _matched_lines(chunk: bytes, pattern: re.Pattern) -> list[tuple[str, str]] | None:
    """``(id, label)`` of every line of ``chunk`` (whole lines); ``None`` unless every line matched."""
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return None
    found = pattern.findall(text)
    return found if len(found) == text.count("\n") + (not text.endswith("\n")) else None
