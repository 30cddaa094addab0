"""``actorstance locate``: code-point offsets of a surface, ready to paste into an annotation."""

from __future__ import annotations

import pytest

from actorstance.errors import TextError
from actorstance.locate import locate, occurrences

TEXT = "Varga’s plan.\n\nReyes said Varga’s plan is a gift; “Varga” smiled. ééVarga"


def test_offsets_are_code_points_and_paragraphs_are_numbered():
    found = occurrences(TEXT, "Varga")
    assert [(o.number, o.start, o.end, o.paragraph) for o in found] == [
        (1, 0, 5, 0), (2, 26, 31, 1), (3, 51, 56, 1), (4, 68, 73, 1)]
    assert all(TEXT[o.start:o.end] == "Varga" for o in found)
    assert found[3].span(TEXT) == {"start": 68, "end": 73, "text": "Varga"}
    assert (found[1].before, found[1].after) == ("Varga’s plan.  Reyes said ", "’s plan is a gift; “Varga” smi")


def test_nth_picks_one_and_out_of_range_is_an_error():
    assert [o.start for o in locate(TEXT, "Varga", nth=2)] == [26]
    with pytest.raises(TextError) as err:
        locate(TEXT, "Reyes", where="a.txt", nth=2)
    assert str(err.value) == "a.txt: 'Reyes' occurs 1 time, so there is no occurrence 2. Fix: pass --nth between 1 and 1."


def test_a_missing_surface_says_when_only_typographic_characters_differ():
    with pytest.raises(TextError) as err:
        locate(TEXT, "Varga's", where="a.txt")
    assert str(err.value) == ("a.txt: \"Varga's\" does not occur (it does occur with typographic characters, as "
                              "'Varga’s': copy the surface from the text itself). Fix: pass the surface exactly as "
                              "written (case, quotes and apostrophes included).")
    with pytest.raises(TextError, match="'varga' does not occur. Fix"):
        locate(TEXT, "varga", where="a.txt")
    with pytest.raises(TextError, match="the surface to locate is empty"):
        locate(TEXT, "")
