"""``actorstance benchmark`` and ``actorstance graph``: messages and exit codes."""

from __future__ import annotations

import networkx as nx
import pytest

from tests.reports.conftest import EPOCH
from tests.conftest import error, invoke


def test_benchmark_writes_the_report(tiny_dataset, tmp_path):  # noqa: F811
    out = tmp_path / "bench"
    result = invoke("benchmark", "--dataset", tiny_dataset, "--bootstrap", 50, "--output", out,
                    env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{tiny_dataset}:pairs:test: 7 models on 2 pairs; reference baseline:lexicon (best "
                             "row-level, f1_pn 1.000): 0 worse, 0 better, 6 not distinguishable (worse/better: "
                             "Holm-adjusted p of Δ f1_pn below 0.05)\n"
                             f"{tiny_dataset}:documents:test (extraction, raw): 1 model on 1 document; best "
                             "baseline:name-cooccurrence (f1_pn 0.000)\n"
                             f"{tiny_dataset}:documents:test (extraction, oracle-actors): 2 models on 1 document; best "
                             f"baseline:cooccurrence (f1_pn 0.000)\nwrote {out / 'report.md'}\n")
    assert result.stderr == ""  # not a terminal: no progress bar
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Benchmark report\n\nWritten by `actorstance benchmark` on 2026-11-27T00:00:00Z.")
    assert "![Stance network, gold beside the best model](dataset-pairs-test/network.png)" in report


def test_benchmark_checks_the_output_folder_before_running_models(tiny_dataset, tmp_path):  # noqa: F811
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = invoke("benchmark", "--dataset", tiny_dataset, "--output", tmp_path)
    assert error(result) == (f"Error: {tmp_path}: refusing to replace this folder: it is not empty and is not an output of "
                             "`actorstance benchmark` (it has no .actorstance-output marker). Fix: pass a new or empty "
                             "folder, or one written by an earlier `actorstance benchmark`; move your files elsewhere "
                             "first if this is the folder you meant.\n")


def test_benchmark_missing_dataset(tmp_path):
    result = invoke("benchmark", "--dataset", tmp_path / "none", "--output", tmp_path / "out")
    assert error(result) == (f"Error: {tmp_path / 'none'}: does not exist, so it is not a built dataset folder "
                             "(expected README.md, MANIFEST.json and parquet files). Fix: build one with "
                             "`actorstance build` (it writes data/dataset), or pass a built dataset folder with "
                             "--dataset.\n")
    assert not (tmp_path / "out").exists()


def test_benchmark_bad_predictions_argument(tiny_dataset, tmp_path):  # noqa: F811
    result = invoke("benchmark", "--dataset", tiny_dataset, "--predictions", "preds.jsonl", "--output", tmp_path / "o")
    assert error(result) == ("Error: --predictions 'preds.jsonl': expected NAME=FILE, e.g. my-model=preds.jsonl. "
                             "Fix: give the name to show in the report, '=', and the predictions file\n")


def test_benchmark_usage_errors(tmp_path):
    assert invoke("benchmark").exit_code == 2  # --output is required
    assert invoke("benchmark", "--bootstrap", -1, "--output", tmp_path).exit_code == 2


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".png"])
def test_graph_formats(tiny_dataset, tmp_path, suffix):  # noqa: F811
    out = tmp_path / f"net{suffix}"
    result = invoke("graph", "--dataset", tiny_dataset, "--output", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}: 3 actors, 2 stance edges (config 'pairs', split 'test')\n"
    if suffix == ".png":
        assert out.read_bytes()[:4] == b"\x89PNG"
    else:
        graph = (nx.read_graphml if suffix == ".graphml" else nx.read_gexf)(out)
        assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2


def test_graph_unknown_extension(tmp_path):
    out = tmp_path / "net.svg"
    result = invoke("graph", "--output", out)
    assert error(result) == (f"Error: {out}: unknown network format '.svg'; expected one of: .graphml (GraphML), "
                             ".gexf (GEXF), .png (PNG drawing). Fix: end the output file name in one of those\n")
    assert not out.exists()


def test_graph_other_config_and_split(tiny_dataset, tmp_path):  # noqa: F811
    result = invoke("graph", "--dataset", tiny_dataset, "--config", "candidates", "--split", "train",
                    "--output", tmp_path / "n.gexf")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("(config 'candidates', split 'train')\n")
    result = invoke("graph", "--dataset", tiny_dataset, "--split", "dev", "--output", tmp_path / "n.gexf")
    assert "config 'pairs' has no split 'dev'; it has: " in error(result)
