import pytest
from hypothesis import given, settings, strategies as st

from actorstance.segment import ParagraphIndex, _paragraphs_by_pattern, paragraphs


def test_blank_lines_separate_paragraphs_and_single_newlines_do_not():
    text = "Dateline\n\nHeading\nBody line.\n \n\nLast.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["Dateline", "Heading\nBody line.", "Last."]


def test_index_maps_offsets_to_paragraphs():
    text = "aa\n\nbb\n\ncc"
    index = ParagraphIndex(text)
    assert [index.index_of(i) for i in (0, 1, 4, 8, 9)] == [0, 0, 1, 2, 2]


@given(st.text(alphabet="ab \n“”’", max_size=60))
def test_paragraphs_are_ordered_non_overlapping_and_non_blank(text):
    spans = paragraphs(text)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 < s2
    for s, e in spans:
        chunk = text[s:e]
        assert chunk.strip() == chunk and chunk and "\n\n" not in chunk.replace(" ", "")


@pytest.mark.parametrize("text, expected", [
    ("a\r\rb", [(0, 1), (3, 4)]),                 # CR-only line ends (old Mac)
    ("a\r\n\r\nb", [(0, 1), (5, 6)]),             # CR LF
    ("a\r\nb", [(0, 4)]),                         # one CR LF is one line end, not a blank line
    ("a\n\u00a0\nb", [(0, 1), (4, 5)]),           # a line of a no-break space is blank
    ("a\n\u3000\t\nb", [(0, 1), (5, 6)]),         # ideographic space and tab
    ("a\x85\x85b", [(0, 1), (3, 4)]),             # NEL
    ("a\u2028\u2028b", [(0, 1), (3, 4)]),         # LINE SEPARATOR twice: a blank line
    ("a\u2028b", [(0, 3)]),                       # LINE SEPARATOR once: one paragraph
    ("a\u2029b", [(0, 1), (2, 3)]),               # PARAGRAPH SEPARATOR ends a paragraph by itself
    ("a\x0b\x0bb", [(0, 1), (3, 4)]),             # VT
    ("a\n\u200bb\nc", [(0, 6)]),                  # a zero-width space is not whitespace: not blank
])
def test_blank_lines_follow_the_codebook_for_every_line_end(text, expected):
    assert paragraphs(text) == expected


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "\t", "\u00a0", "\u3000", "\n", "\r", "\r\n", "\v", "\f", "\x85",
                                 "\u2028", "\u2029", "\x1c", "\x1f", "\u200b"]), max_size=40).map("".join))
def test_the_line_by_line_segmentation_is_the_pattern_definition(text):
    # paragraphs() reads line by line (fast); _paragraphs_by_pattern is the codebook rule as one pattern
    assert paragraphs(text) == _paragraphs_by_pattern(text)
