"""Counted nouns in messages and prose: ``1 document``, ``2 documents``."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless ``count`` is 1.

    >>> plural(1, "document"), plural(2, "document"), plural(0, "stance")
    ('1 document', '2 documents', '0 stances')
    """
    return f"{count} {noun}{'s' if count != 1 else ''}"
