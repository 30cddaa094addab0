import numpy as np
import pytest

from actorstance.bootstrap import (
    Interval, Resampling, bootstrap_distribution, bootstrap_intervals, paired_bootstrap, percentile_interval, unit_confusions,
)
from actorstance.labels import ALL_LABELS, STANCE_LABELS
from actorstance.metrics import METRIC_NAMES, point_scores

POS, NEG, NEU = "positive", "negative", "neutral"


def random_split(n_pairs=200, n_docs=20, seed=1, accuracy=0.6):
    rng = np.random.default_rng(seed)
    gold = rng.choice(ALL_LABELS, size=n_pairs).tolist()
    pred = [g if rng.random() < accuracy else rng.choice([*ALL_LABELS, None]) for g in gold]
    groups = [f"doc{rng.integers(n_docs):03d}" for _ in gold]
    return gold, pred, groups


def test_draws_are_the_documented_index_matrix_whatever_the_block_size():
    resampling = Resampling.plan(["b", "a", "c", "a", "d"], n_resamples=150, seed=7)  # 150 is not a multiple of 64
    assert (resampling.unit, resampling.n_units) == ("documents", 4)
    assert resampling.unit_of_pair.tolist() == [1, 0, 2, 0, 3]  # units are the sorted distinct groups
    drawn = np.concatenate(list(resampling.indices()))
    np.testing.assert_array_equal(drawn, np.random.default_rng(7).integers(0, 4, size=(150, 4)))
    weights = np.concatenate(list(resampling.weights()))
    assert weights.shape == (150, 4) and (weights.sum(axis=1) == 4).all()
    np.testing.assert_array_equal(weights[3], np.bincount(drawn[3], minlength=4))


def test_one_document_resamples_pairs():
    resampling = Resampling.plan(["only"] * 6, n_resamples=10, seed=0)
    assert (resampling.unit, resampling.n_units) == ("pairs", 6)
    assert resampling.unit_of_pair.tolist() == list(range(6))


def test_each_resample_scores_like_sklearn_on_the_drawn_documents():
    gold, pred, groups = random_split()
    resampling, values = bootstrap_distribution(gold, pred, groups, labels=ALL_LABELS, n_resamples=70, seed=3)
    units = sorted(set(groups))
    members = {u: [i for i, g in enumerate(groups) if g == u] for u in units}
    for b, drawn in enumerate(np.concatenate(list(resampling.indices()))[[0, 1, 69]]):
        rows = [i for unit in drawn for i in members[units[unit]]]  # all pairs of each drawn document
        expected = point_scores([gold[i] for i in rows], [pred[i] for i in rows], labels=ALL_LABELS)
        index = [0, 1, 69][b]
        for name in METRIC_NAMES:
            np.testing.assert_allclose(values[name][index], expected[name], rtol=1e-12, equal_nan=True)


def test_unit_confusions_sum_to_the_whole_confusion():
    gold, pred, groups = random_split(n_pairs=50, n_docs=5)
    resampling = Resampling.plan(groups, n_resamples=0, seed=0)
    per_unit = unit_confusions(resampling, gold, pred, labels=ALL_LABELS)
    assert per_unit.shape == (5, 4, 5)
    assert per_unit.sum() == 50
    with pytest.raises(ValueError, match="label 'favour' is not in labels"):
        unit_confusions(resampling, ["favour"] * 50, pred, labels=ALL_LABELS)


def test_intervals_are_seeded_and_contain_the_estimate():
    gold, pred, groups = random_split()
    first = bootstrap_intervals(gold, pred, groups, labels=ALL_LABELS, n_resamples=300, seed=5)
    again = bootstrap_intervals(gold, pred, groups, labels=ALL_LABELS, n_resamples=300, seed=5)
    other = bootstrap_intervals(gold, pred, groups, labels=ALL_LABELS, n_resamples=300, seed=6)
    assert first[1] == again[1]
    assert first[1] != other[1]
    point = point_scores(gold, pred, labels=ALL_LABELS)
    for name in METRIC_NAMES:
        interval = first[1][name]
        assert interval.low < point[name] < interval.high and interval.undefined == 0


def test_perfect_predictions_have_degenerate_intervals_and_zero_resamples_none():
    gold, _, groups = random_split()
    _, intervals = bootstrap_intervals(gold, gold, groups, labels=ALL_LABELS, n_resamples=50, seed=0)
    assert {name: (i.low, i.high) for name, i in intervals.items()} == {name: (1.0, 1.0) for name in METRIC_NAMES}
    resampling, intervals = bootstrap_intervals(gold, gold, groups, labels=ALL_LABELS, n_resamples=0, seed=0)
    assert resampling.n_resamples == 0
    assert all((i.low, i.high, i.undefined) == (None, None, 0) for i in intervals.values())


def test_percentile_interval_leaves_out_undefined_values():
    values = np.array([*np.arange(101.0), np.nan, np.nan])
    interval = percentile_interval(values, confidence=0.9)
    assert (interval.low, interval.high, interval.undefined) == (pytest.approx(5.0), pytest.approx(95.0), 2)
    assert percentile_interval(np.array([np.nan, np.nan])) == Interval(None, None, 2)


def test_undefined_resamples_are_counted():
    # Document d1 holds the only polar pair: resamples without d1 have no f1_pn.
    gold = [POS, NEU, NEU, NEU]
    groups = ["d1", "d2", "d3", "d4"]
    _, intervals = bootstrap_intervals(gold, gold, groups, labels=STANCE_LABELS, n_resamples=400, seed=0)
    # P(d1 never drawn in 4 draws) = (3/4)^4 ≈ 0.32
    assert 90 < intervals["f1_pn"].undefined < 170
    assert intervals["accuracy"].undefined == 0


def test_paired_bootstrap_of_identical_models():
    gold, pred, groups = random_split()
    result = paired_bootstrap(gold, pred, pred, groups, "macro_f1", 200, 0)
    assert (result.difference, result.ci_low, result.ci_high, result.p_value) == (0.0, 0.0, 0.0, 1.0)
    assert (result.unit, result.n_units, result.n_resamples) == ("documents", 20, 200)


def test_paired_bootstrap_uses_the_same_resamples_for_both_models():
    gold, good, groups = random_split(accuracy=0.9)
    _, bad, _ = random_split(accuracy=0.3)
    result = paired_bootstrap(gold, good, bad, groups, metric="accuracy", n=500, seed=11, labels=ALL_LABELS)
    _, a = bootstrap_distribution(gold, good, groups, labels=ALL_LABELS, n_resamples=500, seed=11)
    _, b = bootstrap_distribution(gold, bad, groups, labels=ALL_LABELS, n_resamples=500, seed=11)
    diffs = a["accuracy"] - b["accuracy"]
    assert (result.ci_low, result.ci_high) == tuple(np.percentile(diffs, [2.5, 97.5]))
    point = point_scores(gold, good, labels=ALL_LABELS)["accuracy"] - point_scores(gold, bad, labels=ALL_LABELS)["accuracy"]
    assert result.difference == pytest.approx(point)
    assert result.ci_low > 0 and result.p_value == pytest.approx(2 / 501)
    reverse = paired_bootstrap(gold, bad, good, groups, metric="accuracy", n=500, seed=11, labels=ALL_LABELS)
    assert reverse.difference == pytest.approx(-point) and reverse.p_value == result.p_value


def test_paired_bootstrap_default_labels_give_the_config_labels_values():
    gold, good, groups = random_split(accuracy=0.7)
    _, other, _ = random_split(accuracy=0.5, seed=2)
    inferred = paired_bootstrap(gold, good, other, groups, "macro_f1", 100, 1)
    explicit = paired_bootstrap(gold, good, other, groups, "macro_f1", 100, 1, labels=ALL_LABELS)
    assert inferred == explicit
    three = [g if g != "none" else NEU for g in gold], [p if p != "none" else NEU for p in good]
    assert (paired_bootstrap(*three, three[1], groups, "f1_pn", 50, 1)
            == paired_bootstrap(*three, three[1], groups, "f1_pn", 50, 1, labels=STANCE_LABELS))


def test_paired_bootstrap_rejects_unknown_metric():
    with pytest.raises(ValueError, match="metric must be one of f1_pn, macro_f1, accuracy; got 'f1'"):
        paired_bootstrap([POS], [POS], [POS], ["d"], "f1", 10, 0)


def test_plan_rejects_bad_arguments():
    with pytest.raises(ValueError, match="n_resamples must be >= 0"):
        Resampling.plan(["a"], n_resamples=-1, seed=0)
    with pytest.raises(ValueError, match="empty"):
        Resampling.plan([], n_resamples=1, seed=0)


def test_model_counts_give_the_paired_bootstrap_of_recomputing_everything():
    from actorstance.bootstrap import ModelCounts, paired_comparison

    gold, pred_a, groups = random_split(n_pairs=80, n_docs=8)
    rng = np.random.default_rng(7)
    pred_b = [g if rng.random() < 0.5 else "none" for g in gold]
    resampling = Resampling.plan(groups, n_resamples=300, seed=3)
    a, b = (ModelCounts.of(resampling, gold, p, labels=ALL_LABELS) for p in (pred_a, pred_b))
    for metric in ("f1_pn", "macro_f1", "accuracy"):
        assert paired_comparison(a, b, metric) == paired_bootstrap(gold, pred_a, pred_b, groups, metric, 300, 3,
                                                                   labels=ALL_LABELS)


def test_holm_adjustment_matches_its_definition_on_random_p_values():
    import doctest

    import actorstance.bootstrap as module
    from actorstance.bootstrap import holm_adjusted

    assert doctest.testmod(module).failed == 0
    rng = np.random.default_rng(0)
    for _ in range(200):
        p = [float(x) for x in rng.uniform(0, 0.2, size=rng.integers(1, 8))]
        m = len(p)
        order = sorted(range(m), key=lambda i: p[i])
        expected = [0.0] * m
        for rank, i in enumerate(order):
            expected[i] = min(1.0, max((m - r) * p[order[r]] for r in range(rank + 1)))
        assert holm_adjusted(p) == pytest.approx(expected)
        assert all(a >= b for a, b in zip(holm_adjusted(p), p))
