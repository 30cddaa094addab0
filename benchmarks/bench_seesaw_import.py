"""Time and peak memory of importing SEESAW and of the steps after it (``benchmarks/seesaw_import.md``).

    python benchmarks/bench_seesaw_import.py [--seesaw ../shared/seesaw] [--repeats 3] [--keep DIR]

Every step runs as its own process through the installed CLI (``sys.executable``), so each peak
is that step's alone: wall and CPU (user + system) time are the best of ``--repeats`` runs (CPU time is the steadier
figure on a shared machine), peak memory the largest
resident set (``ru_maxrss``) of the step's process, read with ``os.wait4``. Steps: a bare
interpreter importing the CLI (the floor), ``import seesaw``, ``validate``, ``convert
--candidates`` and ``build``. SEESAW (CC BY-NC-SA 4.0) is only read; everything derived from it
goes to a temporary folder (or ``--keep DIR``), never into the repository.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "import sys; from actorstance.cli import cli; sys.exit(cli())"]


def measure(args: list[str]) -> tuple[float, float, float, str]:
    """Run ``args``; return (wall seconds, CPU seconds, peak RSS in MiB, stdout). Raise if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # read the pipes before waiting so a chatty step cannot block; wait4 gives this child's own rusage
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[3:])} failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out  # ru_maxrss: KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seesaw", type=Path, default=REPO.parent / "shared" / "seesaw",
                        help="SEESAW checkout (the folder holding SEESAW/)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the outputs here instead of a temporary folder")
    args = parser.parse_args()
    if not (args.seesaw / "SEESAW" / "annotations").is_dir() and not (args.seesaw / "annotations").is_dir():
        raise SystemExit(f"no SEESAW checkout at {args.seesaw}")

    with tempfile.TemporaryDirectory(prefix="seesaw-bench-") as tmp:
        work = args.keep or Path(tmp)
        annotations, pairs, dataset = work / "annotations", work / "candidates.jsonl", work / "dataset"
        steps = [
            ("interpreter + CLI import (floor)", [sys.executable, "-c", "import actorstance.cli, actorstance.importers"]),
            ("import seesaw", [*CLI, "import", "seesaw", str(args.seesaw), "--output", str(annotations)]),
            ("validate", [*CLI, "validate", str(annotations)]),
            ("convert --candidates", [*CLI, "convert", str(annotations), "--candidates", "--output", str(pairs)]),
            ("build", [*CLI, "build", "--annotations", str(annotations), "--output", str(dataset)]),
        ]
        print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
              f"best of {args.repeats} runs per step\n")
        rows, first_output = [], {}
        for name, command in steps:
            runs = [measure(command) for _ in range(args.repeats)]
            first_output[name] = runs[0][3]
            rows.append((name, min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)))
        print("| step | wall seconds (best) | CPU seconds (best) | peak RSS (MiB) |")
        print("|---|---|---|---|")
        for name, seconds, cpu, rss in rows:
            print(f"| {name} | {seconds:.2f} | {cpu:.2f} | {rss:.0f} |")
        print("\nimport report:\n")
        print("\n".join("    " + line for line in first_output["import seesaw"].splitlines()))
        print("\n" + first_output["convert --candidates"].strip())
        print(first_output["build"].strip().splitlines()[-1])


if __name__ == "__main__":
    main()
