"""Feature extraction shared by the baselines: checked rows, tokens with offsets, sentences, and
the pair's context with its two actors replaced by markers.

Every function reads only :data:`~actorstance.dataset.features.MODEL_INPUT_COLUMNS`. Spans are
``{"start", "end"}`` dicts (or ``(start, end)`` pairs) relative to ``context``.

>>> row = {"context": "Anna Berg praised Lars Holm.", "source": "Anna Berg", "target": "Lars Holm",
...        "source_spans": [{"start": 0, "end": 9}], "target_spans": [{"start": 18, "end": 27}]}
>>> marked_context(row)
'[SRC] praised [TGT] .'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

from sklearn.base import BaseEstimator, TransformerMixin

from actorstance.errors import ModelError, ModelSpecError

SOURCE_MARKER = "[SRC]"
TARGET_MARKER = "[TGT]"
_MARKERS = {"source": SOURCE_MARKER, "target": TARGET_MARKER}
CONTEXT_SCOPES = ("context", "between")

# "didn't" → "did", "n't"; "Berg’s" stays one token; punctuation is a token of its own.
_TOKEN = re.compile(r"\w+?(?=n['’]t\b)|n['’]t\b|\w+(?:['’]\w+)*|[^\w\s]")
_SENTENCE_END = frozenset({".", "!", "?"})
# A full stop after these (lower-cased) tokens, or after a single letter ("U.S.", "J. Smith"),
# does not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "pres", "prof", "lt", "col", "sgt",
    "capt", "maj", "adm", "jr", "sr", "vs",
})


class Token(NamedTuple):
    """One token: ``norm`` is lower-cased with typographic apostrophes made plain (a NamedTuple: cheap
    to make, as tokenizing is a large part of a text baseline's fit)."""

    text: str
    norm: str
    start: int
    end: int
    sentence: int


def check_rows(X, columns: Sequence[str], *, who: str) -> list:
    """Return ``X`` as a list after checking that every row is a mapping with ``columns``."""
    try:
        rows = list(X)
    except TypeError:
        raise ModelError(f"{who}: X must be a list of pair rows (dicts), got {type(X).__name__}. "
                         "Fix: pass rows with the columns of actorstance.dataset.features.MODEL_INPUT_COLUMNS") from None
    for i, row in enumerate(rows):
        if not hasattr(row, "keys"):
            raise ModelError(f"{who}: row {i} is a {type(row).__name__}, expected a dict of pair columns. "
                             "Fix: pass rows with the columns of actorstance.dataset.features.MODEL_INPUT_COLUMNS")
        missing = [c for c in columns if c not in row]
        if missing:
            raise ModelError(f"{who}: row {i} (id {row.get('id')!r}) lacks column(s) {', '.join(missing)}. "
                             "Fix: pass rows with the columns of actorstance.dataset.features.MODEL_INPUT_COLUMNS")
    return rows


def spans_of(row, role: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the ``role`` ("source" or "target") mentions in the row's context, sorted."""
    out = []
    for span in row.get(f"{role}_spans") or ():
        start, end = (span["start"], span["end"]) if hasattr(span, "keys") else span
        out.append((int(start), int(end)))
    return sorted(out)


def role_spans(row, *, mask_names: bool = False) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, role)`` of the pair's mentions, sorted by start.

    Overlaps are resolved by keeping the span that starts first (the longer one on a tie). With
    ``mask_names``, verbatim occurrences of an actor's name (case-sensitive, whole words) that no
    span covers count as mentions too, so an unannotated repetition of a name never leaks; only
    for an actor with a mention in the context (a placeholder actor such as SEESAW's "None" has
    none, and its name is an ordinary word).
    """
    spans = [(s, e, role) for role in ("source", "target") for s, e in spans_of(row, role)]
    if mask_names:
        context = row["context"]
        mentioned = {role for _, _, role in spans}
        names = [(row.get(role) or "", role) for role in ("source", "target") if role in mentioned]
        for name, role in sorted(names, key=lambda item: -len(item[0])):
            if name.strip():
                for m in _name_pattern(name).finditer(context):
                    spans.append((m.start(), m.end(), role))
    kept: list[tuple[int, int, str]] = []
    for start, end, role in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if end > start and (not kept or start >= kept[-1][1]):
            kept.append((start, end, role))
    return kept


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern:
    """A name as a whole word, compiled once per name (``re``'s own cache holds only 512 patterns)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def marked_context(row, *, scope: str = "context", mask_names: bool = True) -> str:
    """The row's context with source mentions replaced by ``[SRC]`` and target mentions by ``[TGT]``.

    ``scope="between"`` keeps only the text from the closest source/target mention pair's first
    mention to its second (the whole context when one actor has no mention in it).
    """
    context = row["context"]
    spans = role_spans(row, mask_names=mask_names)
    lo, hi = 0, len(context)
    if scope == "between":
        lo, hi = _closest_pair_window(spans, lo, hi)
    pieces, cursor = [], lo
    for start, end, role in spans:
        if start >= lo and end <= hi:
            pieces.append(context[cursor:start])
            pieces.append(f" {_MARKERS[role]} ")
            cursor = end
    pieces.append(context[cursor:hi])
    return re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip()


def _closest_pair_window(spans, lo: int, hi: int) -> tuple[int, int]:
    sources = [s for s in spans if s[2] == "source"]
    targets = [s for s in spans if s[2] == "target"]
    best = None
    for a in sources:
        for b in targets:
            first, second = (a, b) if a[0] <= b[0] else (b, a)
            key = (max(0, second[0] - first[1]), first[0])
            if best is None or key < best[0]:
                best = (key, first[0], second[1])
    return (best[1], best[2]) if best else (lo, hi)


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with offsets and sentence numbers.

    A sentence ends after ``.``/``!``/``?`` (not after a known abbreviation such as ``Mr.``) and
    at a line break.

    >>> [(t.norm, t.sentence) for t in tokenize("Mr. Holm didn't call.\\nBerg did")]
    [('mr', 0), ('.', 0), ('holm', 0), ('did', 0), ("n't", 0), ('call', 0), ('.', 0), ('berg', 1), ('did', 1)]
    """
    tokens: list[Token] = []
    sentence = 0
    previous_end = 0
    for m in _TOKEN.finditer(text):
        if tokens and ("\n" in text[previous_end:m.start()] or _ends_sentence(tokens)):
            sentence += 1
        norm = m.group().lower().replace("’", "'")
        tokens.append(Token(m.group(), norm, m.start(), m.end(), sentence))
        previous_end = m.end()
    return tokens


def _ends_sentence(tokens: list[Token]) -> bool:
    last = tokens[-1]
    if last.norm not in _SENTENCE_END:
        return False
    if last.norm != "." or len(tokens) < 2 or tokens[-2].end != last.start:
        return True
    before = tokens[-2].norm
    return not (before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()))


class MarkedContext(TransformerMixin, BaseEstimator):
    """Transformer: pair rows → context strings with ``[SRC]``/``[TGT]`` markers (see :func:`marked_context`).

    Nothing is learned; it exists so that a :class:`~sklearn.pipeline.Pipeline` can start from
    pair rows and its ``scope`` can be tuned (``context__scope`` in a grid search).
    """

    def __init__(self, *, scope: str = "context", mask_names: bool = True):
        self.scope = scope
        self.mask_names = mask_names

    def fit(self, X, y=None):
        if self.scope not in CONTEXT_SCOPES:
            raise ModelSpecError(f"The 'scope' parameter of MarkedContext must be one of "
                                 f"{', '.join(CONTEXT_SCOPES)}. Got {self.scope!r} instead.")
        check_rows(X, ("context", "source_spans", "target_spans"), who="MarkedContext")
        self.is_fitted_ = True
        return self

    def transform(self, X) -> list[str]:
        rows = check_rows(X, ("context", "source_spans", "target_spans"), who="MarkedContext")
        return [marked_context(row, scope=self.scope, mask_names=self.mask_names) for row in rows]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.two_d_array = False
        tags.input_tags.dict = True
        return tags
