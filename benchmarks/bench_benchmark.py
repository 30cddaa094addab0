"""Time and peak memory of ``actorstance benchmark`` (``benchmarks/benchmark_report.md``).

    python benchmarks/bench_benchmark.py [--dataset data/dataset] [--seesaw ../shared/seesaw] [--repeats 3]

For each dataset: the whole command as its own process (wall and CPU seconds, best of
``--repeats``; peak resident memory via ``os.wait4``), then, in this process, the split between
running the models and scoring (:func:`run_benchmark`) and rendering the folder from the result
(:func:`write_benchmark`). With ``--seesaw``, SEESAW is imported and built into a temporary folder
(not timed) and its ``pairs``/``test`` split is benchmarked too; nothing derived from SEESAW
(CC BY-NC-SA 4.0) is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = [sys.executable, "-c", "import sys; from actorstance.cli import cli; sys.exit(cli())"]


def measure(args: list[str]) -> tuple[float, float, float]:
    """Run ``args``; return (wall seconds, CPU seconds, peak RSS in MiB). Raise if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args[3:])} failed:\n{out}{err}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def phases(dataset: Path, output: Path) -> tuple[float, float, int]:
    from actorstance.reports.benchmark import run_benchmark
    from actorstance.reports.render import write_benchmark

    start = time.perf_counter()
    result = run_benchmark([dataset])
    scored = time.perf_counter()
    write_benchmark(result, output)
    return scored - start, time.perf_counter() - scored, result.datasets[0].n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("data/dataset"))
    parser.add_argument("--seesaw", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        datasets = [("seed", args.dataset)]
        if args.seesaw:
            measure([*CLI, "import", "seesaw", str(args.seesaw), "--output", str(tmp / "seesaw-ann")])
            measure([*CLI, "build", "--annotations", str(tmp / "seesaw-ann"), "--output", str(tmp / "seesaw")])
            datasets.append(("SEESAW", tmp / "seesaw"))
        print("| dataset | pairs (test) | wall s (best) | CPU s (best) | peak RSS MiB | run + score s | render s |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, folder in datasets:
            runs = [measure([*CLI, "benchmark", "--dataset", str(folder), "--output", str(tmp / f"out-{i}"), "-q"])
                    for i in range(args.repeats)]
            run_s, render_s, n = phases(folder, tmp / "phases")
            print(f"| {name} | {n} | {min(r[0] for r in runs):.1f} | {min(r[1] for r in runs):.1f} | "
                  f"{max(r[2] for r in runs):.0f} | {run_s:.1f} | {render_s:.1f} |")


if __name__ == "__main__":
    main()
