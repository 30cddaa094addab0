"""Extraction metrics against hand-computed values, and the bootstrap's contract."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from actorstance.extraction.alignment import Aligner, GoldActor
from actorstance.extraction.scoring import metrics_from_counts, resampled_counts, score_document, scored_items

ACTORS = [GoldActor("A", "Anna Berg", "person"), GoldActor("B", "Lars Holm", "person"),
          GoldActor("C", "Green Bloc", "organisation"), GoldActor("D", "Eva Lind", "person")]
GOLD = {("A", "B", "positive"), ("B", "A", "positive"), ("C", "A", "negative"), ("B", "C", "neutral"),
        ("B", "D", "neutral")}
PREDICTED = [("Berg", "Holm", "positive"),            # right
             ("Green Bloc", "Anna Berg", "positive"),  # right pair, wrong label
             ("Green Bloc", "Holm", "neutral"),        # gold is Holm -> Green Bloc: reversed
             ("Xi Jinping", "Berg", "negative")]       # unaligned source


@pytest.fixture
def doc():
    return score_document("d", GOLD, PREDICTED, Aligner(ACTORS, ids=False))


def test_metrics_equal_hand_computed_values(doc):
    m = {k: float(v) for k, v in metrics_from_counts(doc.counts()).items()}
    # pairs: predicted AB CA CB ?A, gold AB BA CA BC BD -> tp 2, fp 2, fn 3
    assert m["pair_precision"] == pytest.approx(2 / 4) and m["pair_recall"] == pytest.approx(2 / 5)
    assert m["pair_f1"] == pytest.approx(4 / 9)
    # triplets: tp 1 (A,B,pos), fp 3, fn 4
    assert m["triplet_precision"] == pytest.approx(1 / 4) and m["triplet_recall"] == pytest.approx(1 / 5)
    assert m["triplet_f1"] == pytest.approx(2 / 9)
    # positive: tp 1, fp 1 (C,A), fn 1 (B,A) -> 0.5; negative: tp 0 -> 0; f1_pn = mean(0.5, 0)
    assert (m["positive_f1"], m["negative_f1"], m["neutral_f1"]) == pytest.approx((0.5, 0.0, 0.0))
    assert m["f1_pn"] == pytest.approx(0.25)
    # swap-eligible gold pairs (reverse not gold): CA, BC, BD; BC was predicted only as CB
    assert m["direction_swap_rate"] == pytest.approx(1 / 3)


def test_errors_by_kind(doc):
    assert dict(doc.errors) == {"wrong label": 1, "reversed direction": 1, "unaligned actor": 1, "missed pair": 1}
    assert [(a.name, a.actor_id, a.rule) for a in doc.alignments] == [
        ("Anna Berg", "A", "name"), ("Berg", "A", "surname"), ("Green Bloc", "C", "name"), ("Holm", "B", "surname"),
        ("Xi Jinping", None, "unmatched")]


def test_two_names_of_one_actor_collapse_into_one_triplet():
    doc = score_document("d", {("A", "B", "positive")}, [("Berg", "Holm", "positive"), ("Anna Berg", "Holm", "positive")],
                         Aligner(ACTORS, ids=False))
    m = metrics_from_counts(doc.counts())
    assert doc.collapsed == 1 and float(m["triplet_precision"]) == 1.0


def test_undefined_ratios_are_nan_not_zero():
    doc = score_document("d", set(), [], Aligner(ACTORS, ids=False))
    m = metrics_from_counts(doc.counts())
    assert all(np.isnan(m[k]) for k in ("pair_precision", "pair_recall", "triplet_f1", "f1_pn", "direction_swap_rate"))
    nothing_predicted = metrics_from_counts(score_document("d", GOLD, [], Aligner(ACTORS, ids=False)).counts())
    assert np.isnan(nothing_predicted["triplet_precision"]) and nothing_predicted["triplet_recall"] == 0.0
    assert nothing_predicted["triplet_f1"] == 0.0


def test_pooled_over_documents_not_averaged():
    aligner = Aligner(ACTORS, ids=False)
    one = score_document("d1", {("A", "B", "positive")}, [("Berg", "Holm", "positive")], aligner)
    two = score_document("d2", {("A", "B", "positive"), ("B", "A", "negative"), ("C", "D", "neutral")},
                         [("Berg", "Holm", "negative")], aligner)
    items, groups = scored_items([one, two])
    m = metrics_from_counts(items.sum(axis=0))
    # triplets: tp 1, fp 1, fn 3 -> F1 2/6 (a per-document mean would be (1 + 0) / 2)
    assert float(m["triplet_f1"]) == pytest.approx(2 / 6)
    assert groups == ["d1", "d2", "d2", "d2"]


def test_bootstrap_resamples_documents_and_is_seeded():
    aligner = Aligner(ACTORS, ids=False)
    docs = [score_document(f"d{i}", GOLD, PREDICTED[: i % 4 + 1], aligner) for i in range(6)]
    items, groups = scored_items(docs)
    r1, c1 = resampled_counts(items, groups, n_resamples=50, seed=3)
    r2, c2 = resampled_counts(items, groups, n_resamples=50, seed=3)
    assert (r1.unit, r1.n_units) == ("documents", 6) and np.array_equal(c1, c2)
    # every resample draws 6 documents, each with 5 gold triplets
    gold = c1[:, 3] + c1[:, 5]
    assert np.all(gold == 30)


def test_a_single_document_resamples_its_pairs(doc):
    items, groups = scored_items([doc])
    resampling, counts = resampled_counts(items, groups, n_resamples=20, seed=0)
    assert (resampling.unit, resampling.n_units) == ("pairs", len(doc.items)) and counts.shape == (20, items.shape[1])


# ------------------------------------------------------------------ against a direct set computation

IDS = ("A", "B", "C", "D")
LABELS = ("positive", "negative", "neutral")
triplet = st.tuples(st.sampled_from(IDS), st.sampled_from(IDS), st.sampled_from(LABELS)).filter(lambda t: t[0] != t[1])
documents = st.lists(st.tuples(st.sets(triplet, max_size=8), st.sets(triplet, max_size=8)), min_size=1, max_size=4)


def _f1(tp, fp, fn):
    return float("nan") if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_pooled_scores_equal_a_direct_set_computation(docs):
    aligner = Aligner(ACTORS, ids=True)
    scored = [score_document(f"d{i}", gold, sorted(pred), aligner) for i, (gold, pred) in enumerate(docs)]
    items, _ = scored_items(scored)
    m = metrics_from_counts(items.sum(axis=0))
    gold_t = {(i, *t) for i, (g, _) in enumerate(docs) for t in g}
    pred_t = {(i, *t) for i, (_, p) in enumerate(docs) for t in p}
    gold_p, pred_p = {t[:3] for t in gold_t}, {t[:3] for t in pred_t}

    def check(name, value):
        assert (np.isnan(m[name]) and np.isnan(value)) or m[name] == pytest.approx(value), name

    check("triplet_f1", _f1(len(gold_t & pred_t), len(pred_t - gold_t), len(gold_t - pred_t)))
    check("pair_f1", _f1(len(gold_p & pred_p), len(pred_p - gold_p), len(gold_p - pred_p)))
    per_label = {}
    for label in LABELS:
        g = {t for t in gold_t if t[3] == label}
        p = {t for t in pred_t if t[3] == label}
        per_label[label] = _f1(len(g & p), len(p - g), len(g - p))
        check(f"{label}_f1", per_label[label])
    polar = [per_label[x] for x in ("positive", "negative") if not np.isnan(per_label[x])]
    check("f1_pn", float(np.mean(polar)) if polar else float("nan"))
    eligible = {(i, s, t) for i, s, t in gold_p if (i, t, s) not in gold_p}
    swapped = {(i, s, t) for i, s, t in eligible if (i, s, t) not in pred_p and (i, t, s) in pred_p}
    check("direction_swap_rate", len(swapped) / len(eligible) if eligible else float("nan"))
