"""Same inputs, same bytes — across processes with different hash seeds.

Each run below is a fresh interpreter with its own ``PYTHONHASHSEED``, so an output that depended
on set or dict iteration order, on ``hash()``, or on process state would differ between the two.
The pipeline covers every command that writes a file: import, convert, build, evaluate, predict,
benchmark and graph.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, TINY

#: The commands of one run, in order (relative paths: each run has its own working folder).
PIPELINE = [
    ["import", "seesaw", str(FIXTURES / "seesaw_mini"), "--output", "seesaw/annotations"],
    ["build", "--annotations", "seesaw/annotations", "--output", "seesaw/dataset"],
    ["convert", str(TINY), "--candidates", "--output", "pairs.jsonl"],
    ["build", "--annotations", str(TINY), "--output", "dataset"],
    ["evaluate", "--dataset", "dataset", "--model", "baseline:tfidf-lr", "--bootstrap", "50", "--output",
     "result.json"],
    ["predict", "--dataset", "dataset", "--model", "baseline:cue-stack", "--output", "predictions.jsonl"],
    ["benchmark", "--dataset", "dataset", "--bootstrap", "20", "--output", "benchmark"],
    ["graph", "--dataset", "dataset", "--output", "network.gexf"],
]

RUN = """
import sys
from actorstance.cli import cli
for args in {pipeline!r}:
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as exit:
        if exit.code:
            raise
"""


def run_pipeline(folder: Path, hash_seed: str) -> dict[str, bytes]:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": "1795737600"}
    subprocess.run([sys.executable, "-c", RUN.format(pipeline=PIPELINE)], cwd=folder, env=env, check=True,
                   capture_output=True)
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_outputs_do_not_depend_on_the_hash_seed_or_the_process(tmp_path):
    first = run_pipeline(tmp_path / "a", "0")
    second = run_pipeline(tmp_path / "b", "4242")
    assert {"pairs.jsonl", "result.json", "predictions.jsonl", "network.gexf", "dataset/README.md",
            "benchmark/results.json", "benchmark/report.md", "seesaw/dataset/MANIFEST.json"} <= set(first)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"outputs that differ between hash seeds 0 and 4242: {differ}"
