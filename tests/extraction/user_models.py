"""Invented extraction models for the protocol tests (``--model tests.extraction.user_models:NAME``)."""


class Perfect:
    """Answers the gold triplets of the tiny test document by name, in the raw setting; no training."""

    requires_fit = False

    def fit(self, X, y):
        return self

    def predict(self, X):
        return [[{"source": "Lars Holm", "target": "Omar Saleh", "label": "neutral"},
                 {"source": "Omar Saleh", "target": "Northern Front", "label": "negative"}] for _ in X]


class Crashing(Perfect):
    def predict(self, X):
        raise RuntimeError("out of memory")


class BadLabel(Perfect):
    def predict(self, X):
        return [[{"source": "Lars Holm", "target": "Omar Saleh", "label": "friendly"}] for _ in X]
