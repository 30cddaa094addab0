"""``cooccurrence``: every co-mentioned ordered pair, with the training majority label (oracle-actors).

The floor an extraction system must beat: it reads no words, only which gold actors share a
paragraph, and gives every such pair the label most frequent among the training triplets (ties in
label order). Its pair recall is the candidate policy's ceiling.
"""

from __future__ import annotations

from collections import Counter

from sklearn.base import BaseEstimator

from actorstance.errors import ModelError
from actorstance.extraction.candidates import candidate_rows
from actorstance.labels import STANCE_LABELS


class CooccurrenceExtractor(BaseEstimator):
    """Predict every co-mentioned ordered pair with the training majority label."""

    settings = ("oracle-actors",)

    def fit(self, X, y):
        counts = Counter(t["label"] for targets in y for t in targets)
        if not counts:
            raise ModelError("cooccurrence: the training documents have no gold triplets, so there is no majority "
                             "label. Fix: train on documents with stances")
        best = max(counts.values())
        self.label_ = next(label for label in STANCE_LABELS if counts[label] == best)
        return self

    def predict(self, X):
        return [[{"source": r["source_id"], "target": r["target_id"], "label": self.label_} for r in candidate_rows(doc)]
                for doc in X]


def cooccurrence(**params) -> CooccurrenceExtractor:
    params.pop("random_state", None)  # deterministic; accepted so that every factory takes it
    return CooccurrenceExtractor(**params)
