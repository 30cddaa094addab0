"""The candidate policy and the context rule, against a direct reading of the codebook's rule."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from actorstance.context import co_mentioned_pairs, context_window
from actorstance.segment import ParagraphIndex

TEXT = "Alpha met Beta.\n\nGamma spoke.\n\nBeta left. Alpha stayed.\n\nDelta."


def mention(start, end):
    return SimpleNamespace(start=start, end=end)


def rule(text, src, tgt):
    """CONTEXT_RULE as its words say, one mention pair at a time (the reference)."""
    index = ParagraphIndex(text)
    if not src or not tgt:
        return 0, len(text)
    shared = sorted({index.index_of(m.start) for m in src} & {index.index_of(m.start) for m in tgt})
    if shared:
        return index.spans[shared[0]][0], index.spans[shared[-1]][1]
    best = None
    for a in src:
        for b in tgt:
            first, second = (a, b) if (a.start, a.end) <= (b.start, b.end) else (b, a)
            key = (index.index_of(second.start) - index.index_of(first.start), max(0, second.start - first.end),
                   first.start, second.start)
            if best is None or key < best[0]:
                best = (key, first, second)
    _, first, second = best
    return index.spans[index.index_of(first.start)][0], index.spans[index.index_of(second.start)][1]


def test_the_context_spans_the_paragraphs_that_mention_both():
    alpha, beta = [mention(0, 5), mention(43, 48)], [mention(10, 14), mention(31, 35)]
    assert context_window(TEXT, ParagraphIndex(TEXT), alpha, beta) == (0, 55)


def test_without_a_common_paragraph_the_closest_mentions_and_those_between():
    gamma, delta = [mention(17, 22)], [mention(57, 62)]
    assert TEXT[slice(*context_window(TEXT, ParagraphIndex(TEXT), gamma, delta))] == TEXT[17:]
    assert context_window(TEXT, ParagraphIndex(TEXT), gamma, []) == (0, len(TEXT))


def test_candidates_are_the_ordered_pairs_sharing_a_paragraph():
    mentions = [("alpha", 0), ("beta", 10), ("gamma", 17), ("beta", 31), ("alpha", 43), ("delta", 57)]
    assert co_mentioned_pairs(TEXT, mentions) == [("alpha", "beta"), ("beta", "alpha")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "c ", "\n", "\n\n", "d"]), min_size=1, max_size=30).map("".join)
       .filter(lambda text: text.strip()), st.data())
def test_context_window_is_the_rule_for_any_mentions(text, data):
    def mentions():
        starts = data.draw(st.lists(st.integers(0, len(text) - 1), max_size=4, unique=True))
        return [mention(s, min(len(text), s + data.draw(st.integers(1, 3)))) for s in sorted(starts)]

    src, tgt = mentions(), mentions()
    assert context_window(text, ParagraphIndex(text), src, tgt) == rule(text, src, tgt)
