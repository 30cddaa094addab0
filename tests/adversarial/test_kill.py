"""``kill -9`` in the middle of ``build`` and ``benchmark``: the old output stays intact, and the
next run completes and leaves no litter (temporary or backup folders) behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actorstance.atomic import MARKER
from actorstance.dataset.manifest import verify_manifest
from tests.adversarial.conftest import snapshot
from tests.adversarial.test_roundtrip import _generate, write_generated

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    bool(os.environ.get("ACTORSTANCE_INNER_SUITE")), reason="the outer run of tests/test_growing_the_dataset.py has them")]

CLI = [sys.executable, "-c", "from actorstance.cli import cli; cli()"]
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "SOURCE_DATE_EPOCH": "1795737600"}


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` generated documents that pass the build's leakage audit: enough work to be killed mid-way."""
    write_generated(folder, _generate(n))
    return folder


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], env=ENV, capture_output=True, text=True, timeout=600)


def kill_when(args, ready, *, timeout: float = 120) -> bool:
    """Start the command, SIGKILL it as soon as ``ready()``; False if it finished first."""
    proc = subprocess.Popen([*CLI, *map(str, args)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if ready():
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def temporary(parent: Path, name: str) -> list[Path]:
    return sorted(parent.glob(f".{name}.actorstance-*"))


def _relabel_one(ann: Path) -> None:
    path = ann / "gen_00000.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stances"][0]["label"] = "negative" if data["stances"][0]["label"] != "negative" else "positive"
    path.write_text(json.dumps(data), encoding="utf-8")


def test_kill_9_mid_build_keeps_the_old_dataset_and_the_next_build_leaves_no_litter(tmp_path):
    ann = make_corpus(tmp_path / "ann", 1500)
    out = tmp_path / "out"
    assert run("build", "--annotations", ann, "--output", out).returncode == 0
    old = snapshot(out)
    _relabel_one(ann)  # the next build writes different bytes: an intact old output is recognisable
    kills = 0
    for _ in range(3):  # killed while the new folder is being written
        if kill_when(["build", "--annotations", ann, "--output", out],
                     lambda: any(p.is_dir() and any(p.iterdir()) for p in temporary(tmp_path, "out"))):
            kills += 1
            assert snapshot(out) == old, "a killed build changed the previous dataset"
    assert kills, "the build always finished before it could be killed"
    assert temporary(tmp_path, "out"), "a killed build leaves its temporary folder (removed by the next run)"
    result = run("build", "--annotations", ann, "--output", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann", "out"], "litter survived the next build"
    assert snapshot(out) != old and (out / MARKER).is_file()
    verify_manifest(out)


def test_a_backup_left_between_the_two_renames_is_restored_by_the_next_run(tmp_path):
    ann = make_corpus(tmp_path / "ann", 2)
    out = tmp_path / "out"
    assert run("build", "--annotations", ann, "--output", out).returncode == 0
    old = snapshot(out)
    # the one state a kill between `out → backup` and `new → out` leaves: no output, a backup, a new folder
    os.replace(out, tmp_path / ".out.actorstance-old-0123456789ab")
    (tmp_path / ".out.actorstance-new-zzz").mkdir()
    result = run("validate", ann)  # a command that does not write the folder leaves it alone
    assert result.returncode == 0 and not out.exists()
    result = run("build", "--annotations", ann, "--output", out)
    assert result.returncode == 0, result.stderr
    assert "Warning: " in result.stderr and "restored the previous output" in result.stderr
    assert snapshot(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann", "out"]


def test_kill_9_mid_benchmark_keeps_the_old_report_and_the_next_run_leaves_no_litter(tmp_path):
    ann = make_corpus(tmp_path / "ann", 60)
    assert run("build", "--annotations", ann, "--output", tmp_path / "ds").returncode == 0
    report = tmp_path / "report"
    args = ["benchmark", "--dataset", tmp_path / "ds", "--bootstrap", "100", "-q", "--output", report]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    old = snapshot(report)
    started = time.monotonic()
    assert kill_when(args, lambda: time.monotonic() - started > 1.0)  # while the models run
    assert snapshot(report) == old
    if kill_when(args, lambda: any(p.is_dir() and any(p.iterdir()) for p in temporary(tmp_path, "report"))):
        assert snapshot(report) == old  # while the new report is being rendered
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann", "ds", "report"]
    assert snapshot(report) == old  # same inputs, same seed: the same bytes
