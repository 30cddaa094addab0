"""What the SEESAW runners (``run_seesaw_benchmark.py``, ``run_seesaw_extraction.py``) share: their
command line, the ``--render`` shortcut, the rule that SEESAW-derived files stay outside the
repository and the check that what is staged for commit holds no SEESAW text (SEESAW is
CC BY-NC-SA 4.0; only summaries without text or pair ids are committed). A module, not a script.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

import doc_numbers
from bench_seesaw_import import REPO

EPOCH = "1795737600"  # as benchmarks/seed: byte-identical benchmark reruns


def run_arguments(description: str, *, work: str, output: str,
                  render: Callable[[dict], str]) -> argparse.Namespace | None:
    """Parse a runner's arguments; ``None`` when ``--render SUMMARY`` re-rendered ``report.md`` (and the
    generated doc regions) from a committed summary and there is nothing left to run. Otherwise
    ``args.work`` is resolved and outside the repository, and ``SOURCE_DATE_EPOCH`` is set."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("seesaw", type=Path, nargs="?", help="SEESAW checkout (the folder holding SEESAW/)")
    parser.add_argument("--work", type=Path, default=Path(work), help="outside the repository")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / output)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--render", type=Path, metavar="SUMMARY", help="only re-render report.md next to SUMMARY")
    args = parser.parse_args()
    if args.render:
        summary = json.loads(args.render.read_text(encoding="utf-8"))
        (args.render.parent / "report.md").write_text(render(summary), encoding="utf-8")
        doc_numbers.update()
        return None
    if args.seesaw is None:
        parser.error("give the SEESAW checkout (or --render SUMMARY)")
    args.work = args.work.resolve()
    if args.work == REPO or REPO in args.work.parents:
        raise SystemExit(f"--work {args.work} is inside the repository; SEESAW-derived files must stay out of it")
    os.environ.update(SOURCE_DATE_EPOCH=EPOCH)
    return args


def refuse_seesaw_text(folder: Path, needles: set[str]) -> None:
    """Fail if one of ``needles`` (document ids, pair ids, multi-word actor names) is in a ``.md`` or
    ``.json`` file of ``folder``, the files staged for commit."""
    for path in sorted(folder.iterdir()):
        if path.suffix in (".md", ".json"):
            text = path.read_text(encoding="utf-8")
            found = sorted(n for n in needles if n in text)
            if found:
                raise SystemExit(f"{path} contains SEESAW text ({len(found)} strings, e.g. {found[0]!r}); not written "
                                 "for commit — fix the script")
