"""Paragraph segmentation, the unit of the candidate policy and of model contexts.

A paragraph is a maximal run of non-blank lines (codebook section "Paragraphs"). Offsets are
code points; the trailing newline is not part of a paragraph.

>>> paragraphs("a b\\nc\\n\\nd\\n")
[(0, 5), (7, 8)]
"""

from __future__ import annotations

import bisect
import re

_BLANK_LINES = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every paragraph, in order, trimmed of surrounding whitespace."""
    spans = []
    start = 0
    for sep in _BLANK_LINES.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            trimmed.append((s + lead, e - trail))
    return trimmed


class ParagraphIndex:
    """Maps offsets to paragraph numbers for one text."""

    def __init__(self, text: str):
        self.spans = paragraphs(text)
        self._starts = [s for s, _ in self.spans]

    def index_of(self, offset: int) -> int:
        """Number of the paragraph containing ``offset`` (a gap maps to the paragraph before it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)
