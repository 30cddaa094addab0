"""The context of a pair and the pairs that are candidates, both chosen without looking at a label.

Codebook sections "Candidate pairs" and "Context": a pair of actors is a candidate when both are
mentioned in a common paragraph (:mod:`actorstance.segment`); its context is given by
:data:`CONTEXT_RULE` (:func:`context_window`). The converter (:mod:`actorstance.convert`) and the
extraction task's candidate rows use these same functions.

>>> from types import SimpleNamespace as M
>>> text = "A met B.\\n\\nC spoke."
>>> co_mentioned_pairs(text, [("a", 0), ("b", 6), ("c", 11)])
[('a', 'b'), ('b', 'a')]
>>> context_window(text, ParagraphIndex(text), [M(start=0, end=1)], [M(start=11, end=12)])
(0, 18)
"""

from __future__ import annotations

from itertools import permutations
from typing import AbstractSet, Iterable, Mapping, Sequence

from actorstance.segment import ParagraphIndex

#: The context rule in words, rendered into the dataset card (keep in step with :func:`context_window`).
CONTEXT_RULE = (
    "for a stance scoped to a sentence, that sentence; otherwise the paragraphs from the first to the last "
    "paragraph that mention both the source and the target (with the paragraphs in between); when no paragraph "
    "mentions both, the closest source-mention/target-mention pair (fewest paragraphs apart, then fewest "
    "characters apart, then earliest) and the paragraphs from the first of the two to the second; the whole "
    "text when an actor has no mention"
)


def co_mentioned_pairs(text: str, mentions: Iterable[tuple[str, int]], *,
                       index: ParagraphIndex | None = None) -> list[tuple[str, str]]:
    """Ordered pairs of distinct actors with mentions (``(actor_id, start)``) in a common paragraph, sorted.

    ``index`` is the text's :class:`ParagraphIndex` when the caller has it (segmenting is the
    costly part of converting a document)."""
    index = index or ParagraphIndex(text)
    paragraphs_of: dict[str, set[int]] = {}
    for actor, start in mentions:
        paragraphs_of.setdefault(actor, set()).add(index.index_of(start))
    return co_mentioned_from_paragraphs(paragraphs_of)


def co_mentioned_from_paragraphs(paragraphs_of: Mapping[str, AbstractSet[int]]) -> list[tuple[str, str]]:
    """The pairs of :func:`co_mentioned_pairs`, from the paragraphs each actor is mentioned in."""
    actors_in: dict[int, list[str]] = {}
    for actor, paragraphs in paragraphs_of.items():
        for paragraph in paragraphs:
            actors_in.setdefault(paragraph, []).append(actor)
    pairs = {pair for actors in actors_in.values() if len(actors) > 1 for pair in permutations(actors, 2)}
    return sorted(pairs)


class ActorMentions:
    """One actor's mentions in text order, each with the number of its paragraph (computed once per
    document, not once per pair)."""

    __slots__ = ("mentions", "paragraphs", "paragraph_set")

    def __init__(self, mentions: Sequence, index: ParagraphIndex):
        self.mentions = mentions
        self.paragraphs = [index.index_of(m.start) for m in mentions]
        self.paragraph_set = frozenset(self.paragraphs)


#: The mentions of an actor with none.
NO_MENTIONS = ActorMentions((), ParagraphIndex(""))


def context_window(text: str, index: ParagraphIndex, src: Sequence, tgt: Sequence) -> tuple[int, int]:
    """``(start, end)`` of the context of a pair whose mentions (objects with ``start``/``end``)
    are ``src`` and ``tgt``, by :data:`CONTEXT_RULE` (never looking at a label)."""
    return context_window_of(index, ActorMentions(src, index), ActorMentions(tgt, index), len(text))


def context_window_of(index: ParagraphIndex, src: ActorMentions, tgt: ActorMentions, text_length: int) -> tuple[int, int]:
    """:func:`context_window` of mentions whose paragraphs are known (once per document, not per pair)."""
    if not src.mentions or not tgt.mentions:
        return 0, text_length
    shared = src.paragraph_set & tgt.paragraph_set
    if shared:
        return index.spans[min(shared)][0], index.spans[max(shared)][1]
    best = None
    for a, a_paragraph in zip(src.mentions, src.paragraphs):
        for b, b_paragraph in zip(tgt.mentions, tgt.paragraphs):
            if (a.start, a.end) <= (b.start, b.end):
                key = (b_paragraph - a_paragraph, max(0, b.start - a.end), a.start, b.start)
                paragraphs = (a_paragraph, b_paragraph)
            else:
                key = (a_paragraph - b_paragraph, max(0, a.start - b.end), b.start, a.start)
                paragraphs = (b_paragraph, a_paragraph)
            if best is None or key < best[0]:
                best = (key, paragraphs)
    first, second = best[1]
    return index.spans[first][0], index.spans[second][1]
