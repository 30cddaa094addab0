"""Inter-annotator agreement on SEESAW's multiply-annotated articles, as aggregate numbers only.

    python benchmarks/run_seesaw_agreement.py PATH/TO/SEESAW-CHECKOUT [--work /tmp/seesaw-agreement]
        [--output benchmarks/corpus_seesaw]

1. ``actorstance import seesaw-annotators PATH --output WORK/annotators`` (one folder per annotator);
2. ``actorstance agree WORK/annotators/seesaw-* --output WORK/agreement`` (per-document table and the
   disagreements, with SEESAW text, stay in WORK, outside the repository);
3. OUTPUT/agreement.json and OUTPUT/agreement.md: the figures pooled over all documents and per
   annotator pair — no document id, no pair, no text. SEESAW is CC BY-NC-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from actorstance.cli import cli; cli()"]


def aggregate(summary: dict) -> dict:
    """The study's figures without anything that names a document (the per-document table)."""
    name = lambda folder: Path(folder).name  # noqa: E731  (seesaw-A, not the work folder's path)
    return {
        "corpus": "SEESAW (Zhang, Beauchamp & Wang, EMNLP 2022), CC BY-NC-SA 4.0",
        "annotators": [name(f) for f in summary["folders"]],
        "documents_compared": summary["documents"],
        "documents_in_one_folder_only": len(summary["unshared"]),
        "pair_identification": summary["pairs"],
        "labels": summary["labels"],
        "explicit": summary["explicit"],
        "annotator_pairs": [{**p, "a": name(p["a"]), "b": name(p["b"])} for p in summary["annotator_pairs"]],
        "command": "actorstance import seesaw-annotators PATH --output WORK/annotators && actorstance agree "
                   "WORK/annotators/seesaw-* --output WORK/agreement",
    }


def render(figures: dict) -> str:
    pairs, labels = figures["pair_identification"], figures["labels"]
    lines = [
        "# SEESAW: inter-annotator agreement", "",
        f"{figures['documents_compared']} SEESAW articles have two or more annotators "
        f"({', '.join(figures['annotators'])}); {figures['documents_in_one_folder_only']} articles have one annotator "
        "and are not compared. Regenerate with `python benchmarks/run_seesaw_agreement.py ../shared/seesaw`.", "",
        f"- **Pair identification** (directed pairs: sentence, source, target): F1 **{pairs['f1']:.3f}** — "
        f"{pairs['both']:,} pairs marked by both annotators of an annotator pair out of {pairs['marked']:,} marked, "
        "pooled over annotator pairs and documents.",
        f"- **Polarity on the pairs both marked**: {labels['agreeing']:,} of {labels['comparisons']:,} annotator-pair "
        f"comparisons agree (**{100 * labels['observed']:.1f}%**) over {labels['items']:,} pairs; Krippendorff's α "
        f"(nominal) {labels['value']:.3f}.",
        "- **Explicit/implied**: SEESAW does not mark it (every stance is imported as explicit), so its agreement is "
        "trivially 100% and α is undefined.", "",
        "Finding the pairs is the hard part; labelling a pair both annotators found almost never differs.", "",
        "| A | B | documents | pairs A | pairs B | both | pair F1 |", "|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {p['a']} | {p['b']} | {p['documents']} | {p['pairs_a']} | {p['pairs_b']} | {p['both']} | "
              f"{p['f1']:.3f} |" for p in figures["annotator_pairs"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seesaw", type=Path, help="SEESAW checkout (the folder holding SEESAW/)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/seesaw-agreement"), help="outside the repository")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "corpus_seesaw")
    args = parser.parse_args()
    if args.work.resolve().is_relative_to(REPO):
        sys.exit(f"--work {args.work}: inside the repository; SEESAW-derived files must stay outside it")
    annotators = args.work / "annotators"
    subprocess.run([*CLI, "import", "seesaw-annotators", str(args.seesaw), "--output", str(annotators)], check=True)
    folders = sorted(str(p) for p in annotators.iterdir() if p.is_dir() and p.name.startswith("seesaw-"))
    subprocess.run([*CLI, "agree", *folders, "--output", str(args.work / "agreement")], check=True)
    summary = json.loads((args.work / "agreement" / "agreement.json").read_text(encoding="utf-8"))
    figures = aggregate(summary)
    text = json.dumps(figures, indent=2, sort_keys=True) + "\n"
    leaked = [d["doc_id"] for d in summary["per_document"] if d["doc_id"] in text or d["doc_id"] in render(figures)]
    if leaked:
        sys.exit(f"refusing to write: document ids would be copied ({leaked[:3]})")
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "agreement.json").write_text(text, encoding="utf-8")
    (args.output / "agreement.md").write_text(render(figures), encoding="utf-8")
    print(f"wrote {args.output / 'agreement.json'} and {args.output / 'agreement.md'}")


if __name__ == "__main__":
    main()
