"""Find a surface in a text and give its code-point offsets: ``actorstance locate``.

Offsets are what annotation files record (Python ``str`` indices into the UTF-8 text, ``end``
exclusive), so they can be pasted into a mention or an evidence span as they are.

>>> [(o.start, o.end, o.paragraph) for o in occurrences("Putin met Lukashenko.\\n\\nPutin left.", "Putin")]
[(0, 5, 0), (23, 28, 1)]
"""

from __future__ import annotations

from dataclasses import dataclass

from actorstance.errors import TextError
from actorstance.plural import plural
from actorstance.segment import ParagraphIndex

#: Characters an annotator may type for the typographic ones a text holds (or the reverse).
_LOOKALIKES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Occurrence:
    """One place where the surface occurs: its offsets, paragraph number and some text around it."""

    number: int        # 1-based, in text order
    start: int
    end: int
    paragraph: int
    before: str
    after: str

    def span(self, text: str) -> dict:
        """The occurrence as an annotation file's span object."""
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end]}


def occurrences(text: str, surface: str, *, context: int = 30) -> list[Occurrence]:
    """Every occurrence of ``surface`` in ``text`` (exact, case-sensitive, overlapping ones included)."""
    if not surface:
        raise TextError("the surface to locate is empty. Fix: pass the words as they are written in the text.")
    index = ParagraphIndex(text)
    found, start = [], text.find(surface)
    while start != -1:
        end = start + len(surface)
        found.append(Occurrence(len(found) + 1, start, end, index.index_of(start),
                                _line(text[max(0, start - context):start]), _line(text[end:end + context])))
        start = text.find(surface, start + 1)
    return found


def locate(text: str, surface: str, *, where: str = "the text", nth: int | None = None) -> list[Occurrence]:
    """The occurrences of ``surface`` (only the ``nth``, 1-based, when given); an error when there are none."""
    found = occurrences(text, surface)
    if not found:
        hint = ""
        loose = surface.translate(_LOOKALIKES)
        if loose != surface or any(c in text for c in "’‘“”–—\u00a0"):
            near = [text[o.start:o.end] for o in occurrences(text.translate(_LOOKALIKES), loose)]
            if near:
                hint = (f" (it does occur with typographic characters, as {near[0]!r}: copy the surface from the "
                        "text itself)")
        raise TextError(f"{where}: {surface!r} does not occur{hint}. Fix: pass the surface exactly as written "
                        "(case, quotes and apostrophes included).")
    if nth is not None:
        if not 1 <= nth <= len(found):
            raise TextError(f"{where}: {surface!r} occurs {plural(len(found), 'time')}, so there "
                            f"is no occurrence {nth}. Fix: pass --nth between 1 and {len(found)}.")
        return [found[nth - 1]]
    return found


def _line(snippet: str) -> str:
    return " ".join(snippet.split("\n"))
