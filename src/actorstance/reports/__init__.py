"""Reports: benchmark several models, then render the result — Markdown, plots, stance networks.

``run_benchmark`` computes (through the evaluation package); everything else only renders a
:class:`BenchmarkResult` and never computes a metric. Import the public names from here; the
submodules may move. Heavy libraries (matplotlib, networkx) are imported inside functions.
"""

from __future__ import annotations

from actorstance.reports.benchmark import DatasetRef, contenders, run_benchmark
from actorstance.reports.markdown import escape, render_report
from actorstance.reports.network import split_network, stance_network, write_network
from actorstance.reports.render import render_folder, write_benchmark
from actorstance.reports.results import BENCHMARK_SCHEMA_VERSION, BenchmarkResult

__all__ = [
    "BENCHMARK_SCHEMA_VERSION", "BenchmarkResult", "DatasetRef", "contenders", "escape", "render_folder",
    "render_report", "run_benchmark", "split_network", "stance_network", "write_benchmark", "write_network",
]
