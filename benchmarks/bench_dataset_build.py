"""Time ``actorstance build`` on the tiny fixture and the seed annotations (``benchmarks/dataset_build.md``).

    python benchmarks/bench_dataset_build.py [--repeats 5]

For each input: the in-process :func:`build_dataset` call (imports already warm; best of
``--repeats``), :func:`load_split` of ``pairs``/``test``, and the whole CLI command in a fresh
process (Python start-up and the ``datasets``/``pyarrow`` imports included; best of 3).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from actorstance.dataset.build import build_dataset
from actorstance.dataset.load import load_split

REPO = Path(__file__).resolve().parents[1]
INPUTS = {"tiny fixture": REPO / "tests" / "fixtures" / "tiny", "seed": REPO / "data" / "annotations"}


def best_of(repeats: int, call) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-c", "from actorstance.cli import cli; cli()"]
    print(f"python {platform.python_version()}, {platform.machine()}, best of {args.repeats}")
    print("| input | rows (pairs / candidates) | build_dataset | load_split | CLI `actorstance build` |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, annotations in INPUTS.items():
            out = Path(tmp) / name.replace(" ", "_")
            result = build_dataset(annotations, out)  # warm-up
            rows = " / ".join(str(sum(splits.values())) for splits in result.rows.values())
            build = best_of(args.repeats, lambda: build_dataset(annotations, out))
            load = best_of(args.repeats, lambda: load_split(out, "pairs", "test"))
            command = best_of(3, lambda: subprocess.run([*cli, "build", "--annotations", str(annotations),
                                                         "--output", str(out)], check=True, capture_output=True))
            print(f"| {name} | {rows} | {build * 1000:.0f} ms | {load * 1000:.1f} ms | {command:.2f} s |")


if __name__ == "__main__":
    main()
