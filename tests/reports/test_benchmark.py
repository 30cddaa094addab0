"""run_benchmark: every baseline, results exactly as evaluate writes them, paired comparisons."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actorstance.bootstrap import paired_bootstrap
from actorstance.errors import ActorstanceError, PredictionsError
from actorstance.evaluation import evaluate, load_split_data
from actorstance.metrics import per_class_scores
from actorstance.models.registry import BASELINES
from actorstance.reports.benchmark import Contender, DatasetRef, _slugs, contenders, run_benchmark


def test_every_baseline_runs_and_models_are_ranked(tiny_benchmark):
    (d,) = tiny_benchmark.datasets
    assert sorted(m.name for m in d.models) == sorted(f"baseline:{name}" for name in BASELINES)
    assert d.best == d.models[0].name
    headline = [m.result.metrics["f1_pn"].value for m in d.models]
    assert headline == sorted(headline, key=lambda v: -1 if v is None else v, reverse=True)
    assert (d.n, d.n_documents, d.config, d.split) == (6, 2, "pairs", "test")
    assert d.reference.name == d.best and d.reference.rule == "best-row-level"  # lexicon: row-level and best
    assert d.models[0].comparisons == {} and d.models[0].verdict == "reference"


@pytest.mark.parametrize("name", ["majority", "tfidf-lr"])
def test_each_result_is_exactly_what_evaluate_writes(tiny_benchmark, two_document_dataset, fixed_time, name):
    (d,) = tiny_benchmark.datasets
    entry = next(m for m in d.models if m.name == f"baseline:{name}")
    expected = evaluate(two_document_dataset, model=f"baseline:{name}", bootstrap=200, seed=0)
    assert entry.result.to_json() == expected.to_json()


def test_predictions_file_result_matches_evaluate(two_document_dataset, tmp_path, fixed_time):
    data = load_split_data(two_document_dataset)
    path = tmp_path / "preds.jsonl"
    labels = ["positive", None, *data.gold[2:]]
    path.write_text("".join(json.dumps({"id": i, "label": label}) + "\n" for i, label in zip(data.ids, labels)),
                    encoding="utf-8")
    result = run_benchmark([two_document_dataset], predictions=[("mine", path)], n_resamples=50)
    entry = next(m for m in result.datasets[0].models if m.name == "mine")
    assert entry.source == "predictions" and entry.predictions == labels
    assert entry.result.to_json() == evaluate(two_document_dataset, predictions=path, bootstrap=50).to_json()


def test_comparisons_are_the_paired_bootstrap_against_the_reference(tiny_benchmark):
    (d,) = tiny_benchmark.datasets
    gold = [p.gold for p in d.pairs]
    groups = [p.doc_id for p in d.pairs]
    best = d.reference_model
    for m in d.models[1:]:
        for metric in ("f1_pn", "macro_f1", "accuracy"):
            expected = paired_bootstrap(gold, m.predictions, best.predictions, groups, metric, 200, 0, labels=d.labels)
            got = m.comparisons[metric]
            assert (got.ci_low, got.ci_high, got.p_value) == (expected.ci_low, expected.ci_high, expected.p_value)
            assert got.value == m.result.metrics[metric].value
            assert got.reference_value == best.result.metrics[metric].value and got.reference == best.name
        c = m.comparisons["f1_pn"]
        assert m.verdict == ("not distinguishable" if c.p_holm is None or c.p_holm >= 0.05 else
                             "worse" if c.difference < 0 else "better")
    from actorstance.bootstrap import holm_adjusted

    for metric in ("f1_pn", "macro_f1", "accuracy"):  # one Holm family per metric: the models compared
        comparisons = [m.comparisons[metric] for m in d.models[1:]]
        assert [c.p_holm for c in comparisons] == holm_adjusted([c.p_value for c in comparisons])


def test_per_class_intervals_bracket_the_point_f1(tiny_benchmark):
    (d,) = tiny_benchmark.datasets
    gold = [p.gold for p in d.pairs]
    for m in d.models:
        points = {row.label: row.f1 for row in per_class_scores(gold, m.predictions, labels=d.labels)}
        for label, interval in m.per_class_f1.items():
            if np.isnan(points[label]):
                continue
            assert interval.ci_low <= points[label] + 1e-12 and points[label] - 1e-12 <= interval.ci_high


def test_same_inputs_give_identical_json(two_document_dataset, fixed_time, tiny_benchmark):
    again = run_benchmark([two_document_dataset], n_resamples=200, seed=0)
    assert again.to_json() == tiny_benchmark.to_json()


def test_two_datasets_without_bootstrap(tiny_dataset, two_document_dataset):
    result = run_benchmark([tiny_dataset, DatasetRef(two_document_dataset, "candidates", "test")], n_resamples=0)
    slugs = [d.slug for d in result.datasets]
    assert slugs == ["dataset-pairs-test", "dataset-candidates-test"]
    assert result.datasets[1].labels == ["positive", "negative", "neutral", "none"]
    for d in result.datasets:
        for m in d.models:
            assert m.result.metrics["f1_pn"].ci_low is None and m.per_class_f1["neutral"].ci_low is None
            assert all(c.p_value is None and c.ci_low is None for c in m.comparisons.values())
            assert m.verdict in ("reference", "not distinguishable")  # without intervals nothing is told apart


def test_slugs_are_numbered_when_they_collide(tmp_path):
    refs = [DatasetRef(tmp_path / "a" / "ds"), DatasetRef(tmp_path / "b" / "ds"), DatasetRef(tmp_path / "c d!")]
    assert _slugs(refs) == ["1-ds-pairs-test", "2-ds-pairs-test", "3-c-d-pairs-test"]
    assert _slugs(refs[2:]) == ["c-d-pairs-test"]


def test_names_must_be_unique():
    assert contenders(["tests.evaluation.toy_models:X"])[-1] == Contender(
        "tests.evaluation.toy_models:X", "model", spec="tests.evaluation.toy_models:X")
    with pytest.raises(ActorstanceError, match=r"--model baseline:majority: the name 'baseline:majority' is taken "
                                               r"\(every registered baseline runs anyway\)"):
        contenders(["baseline:majority"])
    with pytest.raises(ActorstanceError, match=r"--predictions a: the name 'a' is taken"):
        contenders(predictions=[("a", "x.jsonl"), ("a", "y.jsonl")])


def test_bad_predictions_file_is_reported(tiny_dataset, tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "nope", "label": "positive"}\n', encoding="utf-8")
    with pytest.raises(PredictionsError, match="not a pair of config 'pairs', split 'test'"):
        run_benchmark([tiny_dataset], predictions=[("x", path)], n_resamples=0)


def test_missing_dataset_is_reported(tmp_path):
    with pytest.raises(ActorstanceError, match="not a built dataset folder"):
        run_benchmark([tmp_path / "nowhere"], n_resamples=0)
