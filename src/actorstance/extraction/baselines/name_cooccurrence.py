"""``name-cooccurrence``: the ``raw`` floor — capitalised names sharing a paragraph, with the training majority label.

It reads only the text: every maximal run of capitalised words is a candidate name (a leading
article or title is dropped by the alignment's normalisation; a run that normalises to nothing,
to a pronoun or to common sentence openers is skipped, and leading openers such as "But" are
dropped), and every ordered pair of distinct
names mentioned in a common paragraph is predicted with the label most frequent among the
training triplets (ties in label order). No gold actor is seen, so every name goes through the
alignment — the baseline shows what it makes of raw names as much as it sets a floor.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import permutations

from sklearn.base import BaseEstimator

from actorstance.errors import ModelError
from actorstance.extraction.alignment import PRONOUNS, normalise_name
from actorstance.labels import STANCE_LABELS
from actorstance.segment import paragraphs

_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")
#: Capitalised words that start sentences rather than name actors.
OPENERS: frozenset[str] = frozenset({
    "but", "and", "or", "so", "yet", "on", "in", "at", "by", "for", "from", "with", "as", "after", "before",
    "when", "while", "if", "there", "here", "what", "why", "how", "where", "however", "meanwhile", "also",
    "according", "the", "a", "an", "this", "that", "these", "those", "it", "its", "mr", "mrs", "ms",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "fri", "sat", "sun", "mon",
    "tue", "wed", "thu", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})


def text_names(text: str) -> list[list[str]]:
    """Per paragraph, the candidate names in order of appearance (first surface form of each key)."""
    out = []
    for start, end in paragraphs(text):
        seen: dict[str, str] = {}
        for match in _NAME.finditer(text, start, end):
            words = match.group().split()
            while words and normalise_name(words[0]) in OPENERS:  # "But Minsk" -> "Minsk"
                words.pop(0)
            name = " ".join(words)
            key = normalise_name(name)
            if key and key not in PRONOUNS and not set(key.split()) <= OPENERS and key not in seen:
                seen[key] = name
        out.append(list(seen.values()))
    return out


class NameCooccurrenceExtractor(BaseEstimator):
    """Every ordered pair of capitalised names sharing a paragraph, with the training majority label."""

    settings = ("raw",)

    def fit(self, X, y):
        counts = Counter(t["label"] for targets in y for t in targets)
        if not counts:
            raise ModelError("name-cooccurrence: the training documents have no gold triplets, so there is no "
                             "majority label. Fix: train on documents with stances")
        best = max(counts.values())
        self.label_ = next(label for label in STANCE_LABELS if counts[label] == best)
        return self

    def predict(self, X):
        out = []
        for doc in X:
            pairs: dict[tuple[str, str], tuple[str, str]] = {}
            for names in text_names(doc["text"]):
                for a, b in permutations(names, 2):
                    pairs.setdefault((normalise_name(a), normalise_name(b)), (a, b))
            out.append([{"source": a, "target": b, "label": self.label_} for a, b in pairs.values()])
        return out


def name_cooccurrence(**params) -> NameCooccurrenceExtractor:
    params.pop("random_state", None)  # deterministic; accepted so that every factory takes it
    return NameCooccurrenceExtractor(**params)
