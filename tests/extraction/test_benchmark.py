"""``actorstance benchmark`` and extraction: the section of a pair benchmark, and ``--task extraction``."""

from __future__ import annotations

import json

from actorstance.reports.benchmark import run_benchmark
from actorstance.reports.results import BenchmarkResult
from tests.conftest import error, invoke

PERFECT_RAW = {"doc_id": "tiny_b", "stances": [
    {"source": "Lars Holm", "target": "Omar Saleh", "label": "neutral"},
    {"source": "Omar Saleh", "target": "Northern Front", "label": "negative"}]}


def test_a_pair_benchmark_gains_an_extraction_section(tiny_dataset):
    result = run_benchmark([tiny_dataset], n_resamples=50, seed=0)
    raw, b = result.extraction  # one section per setting some registered baseline works in
    assert (raw.setting, [m.name for m in raw.models]) == ("raw", ["baseline:name-cooccurrence"])
    assert raw.models[0].result.alignment_summary["unmatched"] >= 0 and raw.models[0].result.setting == "raw"
    assert (b.setting, b.split, b.n_documents, b.gold_triplets) == ("oracle-actors", "test", 1, 2)
    assert sorted(m.name for m in b.models) == ["baseline:candidates-classifier", "baseline:cooccurrence"]
    best, other = b.models
    assert best.name == b.best and best.comparisons == {} and set(other.comparisons) == {"f1_pn", "triplet_f1",
                                                                                          "pair_f1"}
    assert (b.reference.name, b.reference.rule, best.verdict) == (b.best, "best", "reference")
    assert {c.reference for c in other.comparisons.values()} == {b.best}
    assert other.verdict == "not distinguishable"  # one document: no resample tells two models apart
    # each entry is what `evaluate --task extraction` writes for it
    assert best.result.setting == "oracle-actors" and best.result.training.kind == "train-split"
    assert BenchmarkResult.model_validate_json(result.to_json()) == result


def test_extraction_only_with_a_predictions_file(tiny_dataset, write_lines, tmp_path):
    path = write_lines(PERFECT_RAW)
    out = tmp_path / "bench"
    r = invoke("benchmark", "--task", "extraction", "--setting", "raw", "--dataset", tiny_dataset,
               "--predictions", f"perfect={path}", "--bootstrap", 50, "--output", out, "--quiet")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == (f"{tiny_dataset}:documents:test (extraction, raw): 2 models on 1 document; "
                                        "best perfect (f1_pn 1.000)")
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert data["datasets"] == [] and data["settings"]["task"] == "extraction"
    report = (out / "report.md").read_text(encoding="utf-8")
    for heading in ("### Extraction leaderboard", "### Alignment of predicted names", "### Most frequent error kinds"):
        assert heading in report
    assert "--task extraction --dataset" in report and f"--predictions perfect={path}" in report


def test_a_predictions_file_needs_one_setting(tiny_dataset, write_lines, tmp_path):
    path = write_lines(PERFECT_RAW)
    r = invoke("benchmark", "--task", "extraction", "--dataset", tiny_dataset, "--predictions", f"p={path}",
               "--output", tmp_path / "b", "--quiet")
    assert error(r) == ("Error: --predictions with --task extraction: a file answers in one setting. Fix: pass "
                        "exactly one --setting (raw or oracle-actors)\n")


def test_baselines_that_cannot_be_trained_are_listed_not_run(tiny_copy, tmp_path):
    from actorstance.dataset.build import build_dataset

    (tiny_copy / "splits.json").write_text(json.dumps({"tiny_a": "test", "tiny_b": "validation"}), encoding="utf-8")
    build_dataset(tiny_copy, tmp_path / "ds")
    raw, b = run_benchmark([tmp_path / "ds"], n_resamples=20, seed=0).extraction
    assert raw.models == [] and [n.name for n in raw.not_run] == ["baseline:name-cooccurrence"]
    assert b.models == [] and b.best is None and b.reference is None
    assert [n.name for n in b.not_run] == ["baseline:cooccurrence", "baseline:candidates-classifier"]
    assert "needs training data" in b.not_run[0].reason


def test_setting_is_for_the_extraction_task(tiny_dataset, tmp_path):
    r = invoke("benchmark", "--setting", "raw", "--dataset", tiny_dataset, "--output", tmp_path / "b")
    assert r.exit_code == 2 and "--setting applies to --task extraction only" in r.stderr
