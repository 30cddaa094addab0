"""The probes' fast paths give what their definitions give: checked against plain-Python references
on random inputs (the column-at-once features, the numpy cross-validation and statistics)."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from actorstance.dataset.probes import (
    N_BINS, N_FOLDS, _token_counts, _tokens, balanced_accuracy, cross_validate, folds_of, id_shape, id_shapes,
    paired_p_value,
)

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00") | st.sampled_from("aZ9_ -\x0b\x1c"),
               max_size=40)


@given(st.lists(st.one_of(TEXT, st.text(max_size=10)), max_size=20))
def test_column_features_are_the_features_of_each_value(values):
    assert id_shapes(values) == [id_shape(v) for v in values]  # a value holding the separator included
    assert _token_counts(values) == [_tokens(v) for v in values]


def reference_cross_validate(x, y, folds, numeric=False, weights=None):
    """The probe as first written: a Counter per value, ties to the label first in sorted order."""
    weights = np.ones(len(y)) if weights is None else weights
    predicted = np.empty(len(y), dtype=object)
    for fold in np.unique(folds):
        test, train = folds == fold, folds != fold
        xs_train, xs_test = x[train], x[test]
        if numeric:
            edges = np.unique(np.quantile(xs_train, np.linspace(0, 1, N_BINS + 1)[1:-1]))
            xs_train, xs_test = np.searchsorted(edges, xs_train), np.searchsorted(edges, xs_test)
        by_value: dict = {}
        for value, label, w in zip(xs_train.tolist(), y[train].tolist(), weights[train].tolist()):
            by_value.setdefault(value, Counter())[label] += w
        def best(counts):
            return min(counts, key=lambda label: (-counts[label], label))
        fallback = best(Counter({label: sum(w for lab, w in zip(y[train], weights[train]) if lab == label)
                                 for label in set(y[train].tolist())}))
        predicted[test] = [best(by_value[v]) if v in by_value else fallback for v in xs_test.tolist()]
    return predicted


ROWS = st.integers(2, 60).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, 5), min_size=n, max_size=n),
    st.lists(st.sampled_from(["negative", "none", "positive"]), min_size=n, max_size=n),
    st.lists(st.integers(0, 7), min_size=n, max_size=n),
    st.booleans(), st.booleans()))


@settings(max_examples=200)
@given(ROWS)
def test_cross_validation_and_its_statistics_match_the_plain_python_reference(case):
    xs, labels, docs, numeric, weighted = case
    y = np.asarray(labels, dtype=object)
    groups = [f"d{d}" for d in docs]
    folds = folds_of(groups, 0)
    documents = sorted(set(groups))
    if len(documents) >= 2:  # whole documents per fold, dealt round-robin in a seeded order
        order = np.random.default_rng(0).permutation(len(documents))
        fold_of = {documents[d]: i % min(N_FOLDS, len(documents)) for i, d in enumerate(order)}
        assert folds.tolist() == [fold_of[g] for g in groups]
    x = np.asarray(xs, dtype=np.float64 if numeric else np.int64)
    weights = np.asarray([1.0 + (i % 3) for i in range(len(y))]) if weighted else None
    predicted = cross_validate(x, y, folds, numeric=numeric, weights=weights)
    assert predicted.tolist() == reference_cross_validate(x, y, folds, numeric, weights).tolist()
    right, base = predicted == y, np.roll(predicted, 1) == y
    recalls = [right[y == label].mean() for label in sorted(set(labels))]
    assert balanced_accuracy(right, y) == float(np.mean(recalls))
    if len(set(labels)) > 1:
        diffs, variance = [], 0.0
        for label in sorted(set(labels)):
            rows = y == label
            wins, losses, n = int((right & ~base & rows).sum()), int((base & ~right & rows).sum()), int(rows.sum())
            diffs.append((wins - losses) / n)
            variance += (wins + losses) / n ** 2
        variance /= len(diffs) ** 2
        expected = 1.0 if variance == 0 else 0.5 * math.erfc((sum(diffs) / len(diffs)) / math.sqrt(variance) / math.sqrt(2))
        assert paired_p_value(right, base, y) == expected


def test_token_count_is_the_words_the_pattern_finds():
    assert _tokens("Anna met Lars, 2 times_over.") == len(re.findall(r"\w+", "Anna met Lars, 2 times_over.")) == 5
