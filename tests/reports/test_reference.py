"""The reference of a benchmark's comparisons (the best row-level model), Holm's family and the signed verdict."""

from __future__ import annotations

import pytest

from actorstance.bootstrap import holm_adjusted
from actorstance.evaluation import load_split_data
from actorstance.reports.benchmark import run_benchmark
from actorstance.reports.markdown import render_report
from actorstance.reports.reference import holm_family, pick_reference, verdict
from actorstance.reports.results import Comparison
from tests.conftest import REPO, invoke
from tests.evaluation import toy_models

ORACLE = "tests.evaluation.toy_models:PooledOracle"
SEED = REPO / "data" / "dataset"


def comparison(difference, p_value, p_holm=None, metric="f1_pn"):
    return Comparison(metric=metric, reference="ref", value=0.5 + (difference or 0), reference_value=0.5,
                      difference=difference, ci_low=None, ci_high=None, p_value=p_value, p_holm=p_holm,
                      undefined_resamples=0)


def test_a_transductive_model_best_overall_is_not_the_reference():
    ranked = [("pooled", True), ("row-a", False), ("row-b", False)]
    reference = pick_reference(ranked, name=lambda m: m[0], pooled=lambda m: m[1])
    assert (reference.name, reference.rule) == ("row-a", "best-row-level")
    assert "best row-level model" in reference.why


def test_without_a_row_level_model_the_best_transductive_one_is_the_reference():
    reference = pick_reference([("p1", True), ("p2", True)], name=lambda m: m[0], pooled=lambda m: m[1])
    assert (reference.name, reference.rule) == ("p1", "best-transductive")


@pytest.mark.parametrize("difference, p_holm, expected", [
    (+0.10, 0.010, "better"), (-0.10, 0.010, "worse"), (+0.10, 0.050, "not distinguishable"),
    (-0.10, 0.200, "not distinguishable"), (-0.10, None, "not distinguishable"), (0.0, 0.01, "not distinguishable")])
def test_the_verdict_has_the_sign_of_the_difference(difference, p_holm, expected):
    assert verdict(comparison(difference, p_holm, p_holm)) == expected


def test_the_reference_itself_has_no_comparison():
    assert verdict(None) == "reference"


def test_holm_is_over_the_models_compared_per_metric():
    compared = {"ref": {}, "a": {"f1_pn": comparison(-0.1, 0.01), "accuracy": comparison(-0.1, 0.04, metric="accuracy")},
                "b": {"f1_pn": comparison(-0.2, 0.02), "accuracy": comparison(-0.1, 0.03, metric="accuracy")},
                "c": {"f1_pn": comparison(+0.1, 0.04), "accuracy": comparison(+0.1, None, metric="accuracy")}}
    out = holm_family(compared)
    assert out["ref"] == {}
    assert [out[n]["f1_pn"].p_holm for n in "abc"] == holm_adjusted([0.01, 0.02, 0.04]) == [0.03, 0.04, 0.04]
    assert [out[n]["accuracy"].p_holm for n in "abc"] == holm_adjusted([0.04, 0.03, None]) == [0.06, 0.06, None]


@pytest.fixture
def oracle(monkeypatch):
    """PooledOracle answering the seed test split's gold labels, beside three registered baselines (two row-level,
    one transductive): a family small enough that a perfect model is told apart from the reference on 20 pairs."""
    from actorstance.reports import benchmark

    data = load_split_data(SEED)
    monkeypatch.setattr(toy_models.PooledOracle, "answers", dict(zip(data.ids, data.gold)))
    every = benchmark.contenders
    kept = {"baseline:majority", "baseline:lexicon", "baseline:cue-stack-document"}
    monkeypatch.setattr(benchmark, "contenders", lambda models=(), predictions=(): [
        c for c in every(models, predictions) if c.source != "baseline" or c.name in kept])


def test_a_pooling_oracle_is_compared_with_the_best_row_level_model(oracle):
    (d,) = run_benchmark([SEED], models=[ORACLE], n_resamples=1000, seed=0).datasets
    row_level = [m for m in d.models if m.result.model.transductive is None]
    assert d.best == ORACLE and d.models[0].result.model.transductive == "document"
    assert d.reference.name == row_level[0].name != ORACLE and d.reference.rule == "best-row-level"
    others = [m for m in d.models if m.name != d.reference.name]
    assert {c.reference for m in others for c in m.comparisons.values()} == {d.reference.name}
    # one Holm family per metric: every model but the reference, the pooled ones included
    for metric in ("f1_pn", "macro_f1", "accuracy"):
        assert [m.comparisons[metric].p_holm for m in others] == holm_adjusted(
            [m.comparisons[metric].p_value for m in others])
    pooled = d.model(ORACLE).comparisons["f1_pn"]
    assert pooled.difference > 0 and pooled.p_holm < 0.05 and d.model(ORACLE).verdict == "better"
    assert all(m.verdict != "better" for m in row_level)  # nothing row-level beats the best row-level model


def test_the_cli_and_the_report_say_what_the_reference_is(oracle, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "bench"
    result = invoke("benchmark", "--dataset", "data/dataset", "--model", ORACLE, "--bootstrap", 1000, "--output", out,
                    "--quiet")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"data/dataset:pairs:test: 4 models on 20 pairs; best {ORACLE} † (f1_pn 1.000); "
                            "reference baseline:")
    assert "(best row-level, f1_pn " in first and ", 1 better, " in first
    assert first.endswith(" not distinguishable (worse/better: Holm-adjusted p of Δ f1_pn below 0.05)")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "### Compared with the reference model (baseline:" in report
    assert (f"It is not the top of the leaderboard: {ORACLE.replace('_', chr(92) + '_')} † ranks first but pools a "
            "document's pairs, so it is compared with the reference like every other model.") in report
    assert ("**Better than the reference** (Holm-adjusted two-sided p of Δ f1_pn below 0.05 over the models compared, "
            "so the chance of calling any model different by mistake stays under 5%; Δ > 0): "
            f"{ORACLE.replace('_', chr(92) + '_')} †.") in report
