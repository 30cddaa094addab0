from hypothesis import given, strategies as st

from actorstance.segment import ParagraphIndex, paragraphs


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
