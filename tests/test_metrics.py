import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import confusion_matrix, f1_score

from actorstance.labels import ALL_LABELS, STANCE_LABELS
from actorstance.metrics import (
    METRIC_NAMES, accuracy_score, class_f1_from_confusion, confusion, f1_pn_score, macro_f1_score, metric_label_set, per_class_scores,
    point_scores, scored_labels, scores_from_confusion,
)

POS, NEG, NEU = "positive", "negative", "neutral"
# A hand-made case: 8 pairs, one abstention.
GOLD = [POS, POS, POS, NEG, NEG, NEU, NEU, NEU]
PRED = [POS, POS, NEG, NEG, None, NEU, POS, NEU]


def test_hand_computed_case():
    # positive: tp 2, predicted 3, gold 3 -> P = R = F1 = 2/3
    # negative: tp 1, predicted 2, gold 2 (one abstained on) -> P = R = F1 = 1/2
    # neutral:  tp 2, predicted 2, gold 3 -> P 1, R 2/3, F1 0.8
    assert f1_pn_score(GOLD, PRED) == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert macro_f1_score(GOLD, PRED, labels=STANCE_LABELS) == pytest.approx((2 / 3 + 1 / 2 + 0.8) / 3)
    assert accuracy_score(GOLD, PRED) == pytest.approx(5 / 8)
    rows = per_class_scores(GOLD, PRED, labels=STANCE_LABELS)
    assert [(r.label, r.support, r.predicted) for r in rows] == [(POS, 3, 3), (NEG, 2, 2), (NEU, 3, 2)]
    assert [r.precision for r in rows] == pytest.approx([2 / 3, 1 / 2, 1.0])
    assert [r.recall for r in rows] == pytest.approx([2 / 3, 1 / 2, 2 / 3])
    assert [r.f1 for r in rows] == pytest.approx([2 / 3, 1 / 2, 0.8])
    assert confusion(GOLD, PRED, labels=STANCE_LABELS).tolist() == [
        [2, 1, 0, 0],  # positive: 2 right, 1 predicted negative, no abstention
        [0, 1, 0, 1],  # negative: 1 right, 1 abstained on
        [1, 0, 2, 0],  # neutral: 1 predicted positive
    ]


def test_perfect_predictions_score_one_even_without_negative_pairs():
    gold = [POS, NEU, POS, "none"]
    scores = point_scores(gold, gold, labels=ALL_LABELS)
    assert scores == {"f1_pn": 1.0, "macro_f1": 1.0, "accuracy": 1.0}
    assert scored_labels(gold, gold, labels=metric_label_set("f1_pn", ALL_LABELS)) == [POS]
    negative = per_class_scores(gold, gold, labels=ALL_LABELS)[1]
    assert (negative.support, negative.predicted) == (0, 0)
    assert math.isnan(negative.precision) and math.isnan(negative.recall) and math.isnan(negative.f1)


def test_abstentions_are_wrong_and_never_a_label():
    gold = [POS, NEG, NEU]
    assert accuracy_score(gold, [None, None, None]) == 0.0
    assert f1_pn_score(gold, [None, None, None]) == 0.0
    rows = per_class_scores(gold, [None, None, None], labels=STANCE_LABELS)
    assert all(r.predicted == 0 and r.recall == 0.0 and r.f1 == 0.0 and math.isnan(r.precision) for r in rows)
    assert confusion(gold, [None, None, None], labels=STANCE_LABELS)[:, -1].tolist() == [1, 1, 1]


def test_predicting_a_label_absent_from_the_gold_costs_its_f1():
    gold = [POS, POS, NEU]
    assert f1_pn_score(gold, [POS, POS, NEU]) == 1.0
    # negative is predicted but never gold: F1(negative) = 0 joins the mean
    assert f1_pn_score(gold, [POS, POS, NEG]) == pytest.approx(0.5)


def test_f1_pn_is_undefined_without_polar_labels():
    assert math.isnan(f1_pn_score([NEU, NEU], [NEU, None]))
    assert math.isnan(scores_from_confusion(confusion([NEU], [NEU], labels=STANCE_LABELS), labels=STANCE_LABELS)["f1_pn"])


@pytest.mark.parametrize("call", [
    lambda: f1_pn_score([POS], [POS, NEG]),
    lambda: accuracy_score([], []),
    lambda: f1_pn_score([None], [POS]),
    lambda: confusion(["favour"], [POS], labels=STANCE_LABELS),
    lambda: scores_from_confusion(np.zeros((3, 3)), labels=STANCE_LABELS),
])
def test_bad_arguments_raise(call):
    with pytest.raises(ValueError):
        call()


labels_st = st.sampled_from(ALL_LABELS)
pairs_st = st.lists(st.tuples(labels_st, st.one_of(st.none(), labels_st)), min_size=1, max_size=60)


def _sklearn_reference(gold, pred, labels):
    """Independent reference: sklearn on all labels, nan for undefined F1 (sklearn leaves it out of macro)."""
    pred = ["<abstain>" if p is None else p for p in pred]
    per_class = f1_score(gold, pred, labels=list(labels), average=None, zero_division=np.nan)
    polar = per_class[:2]
    return {
        "f1_pn": float(np.nanmean(polar)) if not np.isnan(polar).all() else float("nan"),
        "macro_f1": float(f1_score(gold, pred, labels=list(labels), average="macro", zero_division=np.nan)),
        "accuracy": float(np.mean([g == p for g, p in zip(gold, pred)])),
        "confusion": confusion_matrix(gold, pred, labels=list(labels)).tolist(),
    }


@settings(max_examples=60, deadline=None)
@given(pairs_st)
def test_point_and_vectorised_scores_match_sklearn(pairs):
    gold, pred = [g for g, _ in pairs], [p for _, p in pairs]
    reference = _sklearn_reference(gold, pred, ALL_LABELS)
    point = point_scores(gold, pred, labels=ALL_LABELS)
    counts = confusion(gold, pred, labels=ALL_LABELS)
    vectorised = scores_from_confusion(counts, labels=ALL_LABELS)
    assert counts[:, :-1].tolist() == reference["confusion"]
    assert counts.sum() == len(pairs)
    for name in METRIC_NAMES:
        np.testing.assert_allclose(point[name], reference[name], rtol=1e-12, equal_nan=True)
        np.testing.assert_allclose(vectorised[name], reference[name], rtol=1e-12, equal_nan=True)


@settings(max_examples=20, deadline=None)
@given(st.lists(pairs_st, min_size=1, max_size=5))
def test_vectorised_scores_broadcast_over_leading_axes(batches):
    counts = np.stack([confusion([g for g, _ in b], [p for _, p in b], labels=ALL_LABELS) for b in batches])
    together = scores_from_confusion(counts, labels=ALL_LABELS)
    for i, batch in enumerate(batches):
        alone = point_scores([g for g, _ in batch], [p for _, p in batch], labels=ALL_LABELS)
        for name in METRIC_NAMES:
            np.testing.assert_allclose(together[name][i], alone[name], rtol=1e-12, equal_nan=True)


def test_metric_label_sets():
    assert metric_label_set("f1_pn", STANCE_LABELS) == (POS, NEG)
    assert metric_label_set("macro_f1", ALL_LABELS) == ALL_LABELS
    assert metric_label_set("accuracy", ALL_LABELS) is None


@settings(max_examples=20, deadline=None)
@given(pairs_st)
def test_class_f1_from_confusion_matches_sklearn_per_label(pairs):
    gold, pred = [g for g, _ in pairs], [p for _, p in pairs]
    expected = [row.f1 for row in per_class_scores(gold, pred, labels=ALL_LABELS)]
    counts = confusion(gold, pred, labels=ALL_LABELS)
    np.testing.assert_allclose(class_f1_from_confusion(counts, labels=ALL_LABELS), expected, rtol=1e-12,
                               equal_nan=True)
