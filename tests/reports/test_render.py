"""The output folder: written atomically, rendered from results.json alone, byte-identical reruns."""

from __future__ import annotations

import importlib
import json
import re

import pytest

import actorstance.reports.render as render_module
from actorstance.errors import ActorstanceError
from actorstance.reports.render import render_folder, write_benchmark
from actorstance.reports.results import BenchmarkResult
from tests.conftest import json_error, pydantic_error
from tests.reports.test_markdown import HAND_WRITTEN

FILES = ["dataset-pairs-test/confusion.png", "dataset-pairs-test/network-best.gexf",
         "dataset-pairs-test/network-best.graphml", "dataset-pairs-test/network-gold.gexf",
         "dataset-pairs-test/network-gold.graphml", "dataset-pairs-test/network.png",
         "dataset-pairs-test/per_class_f1.png", "report.md", "results.json"]


def listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_output_folder_layout_and_round_trip(tiny_benchmark, tmp_path):
    report = write_benchmark(tiny_benchmark, tmp_path / "out")
    assert report == tmp_path / "out" / "report.md"
    assert listing(tmp_path / "out") == sorted([".actorstance-output", *FILES])
    assert BenchmarkResult.read(tmp_path / "out" / "results.json") == tiny_benchmark
    assert (tmp_path / "out" / "results.json").read_text(encoding="utf-8") == tiny_benchmark.to_json()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left behind


def test_rerun_is_byte_identical(tiny_benchmark, tmp_path):
    write_benchmark(tiny_benchmark, tmp_path / "a")
    write_benchmark(BenchmarkResult.read(tmp_path / "a" / "results.json"), tmp_path / "b")
    for rel in FILES:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_rendering_never_computes_a_metric(monkeypatch, tmp_path):
    def forbidden(*args, **kwargs):
        raise AssertionError("rendering must not compute metrics")

    # by module name: the package `actorstance.evaluation` binds `evaluate` to the function, not the module
    for module in map(importlib.import_module, ("actorstance.metrics", "actorstance.bootstrap",
                                                "actorstance.evaluation.evaluate", "actorstance.evaluation.scorer")):
        for name in dir(module):
            if callable(getattr(module, name)) and not name.startswith("__") and \
                    getattr(getattr(module, name), "__module__", "") == module.__name__:
                monkeypatch.setattr(module, name, forbidden)
    render_folder(BenchmarkResult.read(HAND_WRITTEN), tmp_path)
    assert listing(tmp_path) == [path.replace("dataset-pairs-test", "invented-pairs-test") for path in FILES
                                 if path != "results.json"]
    assert "0.123 [0.011, 0.222]" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_a_failed_render_leaves_the_previous_output(tiny_benchmark, tmp_path, monkeypatch):
    write_benchmark(tiny_benchmark, tmp_path / "out")
    before = {rel: (tmp_path / "out" / rel).read_bytes() for rel in FILES}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(render_module, "render_dataset", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_benchmark(tiny_benchmark, tmp_path / "out")
    assert {rel: (tmp_path / "out" / rel).read_bytes() for rel in FILES} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_refuses_to_replace_a_folder_that_is_not_a_benchmark(tiny_benchmark, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "keep.py").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ActorstanceError) as err:
        write_benchmark(tiny_benchmark, tmp_path / "src")
    assert str(err.value) == (f"{tmp_path / 'src'}: refusing to replace this folder: it is not empty and is not an "
                              "output of `actorstance benchmark` (it has no .actorstance-output marker). Fix: pass a "
                              "new or empty folder, or one written by an earlier `actorstance benchmark`; move your "
                              "files elsewhere first if this is the folder you meant.")
    assert (tmp_path / "src" / "keep.py").read_text(encoding="utf-8") == "x = 1\n"


def test_unreadable_results_are_reported(tmp_path):
    bad = tmp_path / "results.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ActorstanceError, match=re.escape(f"results.json:1: invalid JSON: {json_error('{')}")):
        BenchmarkResult.read(bad)
    data = json.loads(HAND_WRITTEN.read_text(encoding="utf-8"))
    del data["datasets"][0]["models"][1]["result"]["metrics"]["f1_pn"]["ci_low"]
    data["settings"]["seed"] = "seven"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ActorstanceError) as err:
        BenchmarkResult.read(bad)
    fix = "pass the results.json written by `actorstance benchmark`"
    assert str(err.value) == (
        "2 problems in the input:\n"
        f"  {bad}: settings.seed: {pydantic_error(int, 'seven', strict=False)}, got "
        f'"seven". Fix: {fix}.\n'
        f"  {bad}: datasets[0].models[1].result.metrics.f1_pn.ci_low: required field is missing. Fix: add the "
        f"field; {fix}.")
