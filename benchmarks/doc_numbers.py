"""Figures in README.md and docs/ that come from a run, rendered from the committed JSON.

    python benchmarks/doc_numbers.py            # rewrite every generated region
    python benchmarks/doc_numbers.py --check    # exit 1 naming each region that differs

A generated region sits between ``<!-- BEGIN GENERATED NAME -->`` and ``<!-- END GENERATED NAME -->``
lines; :data:`REGIONS` says which file holds it and which function renders it from which JSON
(benchmarks/corpus_seesaw/summary.json, benchmarks/seed/results.json,
benchmarks/corpus_seesaw_extraction/summary.json). ``run_seesaw_benchmark.py``
rewrites them after a run, and ``tests/test_doc_numbers.py`` fails when a region and its JSON
disagree, so a number edited by hand does not survive.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEESAW_SUMMARY = REPO / "benchmarks" / "corpus_seesaw" / "summary.json"
SEED_RESULTS = REPO / "benchmarks" / "seed" / "results.json"
EXTRACTION_SUMMARY = REPO / "benchmarks" / "corpus_seesaw_extraction" / "summary.json"


def _pct(m: dict) -> str:
    return f"{100 * m['value']:.1f} [{100 * m['ci'][0]:.1f}, {100 * m['ci'][1]:.1f}]"


def _ci(m: dict) -> str:
    return f"{m['value']:.3f} [{m['ci_low']:.3f}, {m['ci_high']:.3f}]" if m["ci_low"] is not None else f"{m['value']:.3f}"


def seesaw_readme(summary: dict) -> str:
    """README's SEESAW table: the row-level best, tfidf-lr, majority, the transductive variant, the published figures."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from run_seesaw_benchmark import MAJORITY_REFERENCE, PUBLISHED, row_level_best

    by_name = {m["name"]: m for m in summary["models"]}
    best = row_level_best(summary)
    shown = [best] + [by_name[n] for n in ("baseline:tfidf-lr", "baseline:majority") if n != best["name"]
                      and n in by_name]
    rows = [f"| `{m['name'].removeprefix('baseline:')}` (best row-level baseline) |" if m is best else
            f"| `{m['name'].removeprefix('baseline:')}` |" for m in shown]
    lines = ["| model | micro-F1 % [95% CI] |", "|---|---|"]
    lines += [f"{row} {_pct(m['metrics']['accuracy'])} |" for row, m in zip(rows, shown)]
    lines += [f"| `{m['name'].removeprefix('baseline:')}` † (transductive: pools a document's pairs) | "
              f"{_pct(m['metrics']['accuracy'])} |" for m in summary["models"] if m.get("transductive")]
    lines += [f"| published: {name} (Wen, Hovy & Hauptmann, ACL 2024, Table 4; micro-F1 over 5 runs, no interval) | "
              f"{value:.2f} |" for name, value in PUBLISHED]
    lines += [f"| published majority class | {MAJORITY_REFERENCE} |"]
    return "\n".join(lines)


def seesaw_baselines(summary: dict) -> str:
    """docs/baselines.md: the two cue-stack figures on SEESAW test."""
    by_name = {m["name"]: m for m in summary["models"]}
    parts = [f"`{n.removeprefix('baseline:')}`{' †' if by_name[n].get('transductive') else ''} "
             f"{_pct(by_name[n]['metrics']['accuracy'])}" for n in ("baseline:cue-stack", "baseline:cue-stack-document")
             if n in by_name]
    return (f"On SEESAW test ({summary['seesaw']['n']:,} pairs, trained on `train`; micro-F1 = accuracy, %, 95% "
            "intervals over documents): " + ", ".join(parts) + ".")


def seed_pairs(results: dict) -> str:
    """docs/baselines.md: the seed benchmark's leaderboard (benchmarks/seed/results.json)."""
    [board] = [d for d in results["datasets"] if d["config"] == "pairs"]
    lines = ["| baseline | protocol | f1_pn [95% CI] | macro_f1 [95% CI] | accuracy [95% CI] |", "|---|---|---|---|---|"]
    for m in board["models"]:
        r = m["result"]
        pooled = " †" if r["model"].get("transductive") else ""
        lines.append(f"| {m['name'].removeprefix('baseline:')}{pooled} | {r['training']['kind']} | "
                     + " | ".join(_ci(r["metrics"][k]) for k in ("f1_pn", "macro_f1", "accuracy")) + " |")
    return "\n".join(lines)


def _extraction_models(summary: dict, setting: str) -> tuple[dict, dict]:
    """The section of ``setting`` and its models by short name."""
    [section] = [s for s in summary["sections"] if s["setting"] == setting]
    return section, {m["name"].removeprefix("baseline:"): m for m in section["models"]}


def _pct_ci(m: dict) -> str:
    return f"{100 * m['value']:.1f} [{100 * m['ci_low']:.1f}, {100 * m['ci_high']:.1f}]"


def extraction_readme(summary: dict) -> str:
    """README's extraction sentence: the best oracle-actors baseline's f1_pn on SEESAW test."""
    section, models = _extraction_models(summary, "oracle-actors")
    best = models[section["best"].removeprefix("baseline:")]
    return ("Baselines: `cooccurrence` and `candidates-classifier` (`oracle-actors`), `name-cooccurrence` (`raw`),\n"
            f"and any `openai:MODEL` reading the raw article. On SEESAW's test split ({section['n_documents']} articles, "
            "`oracle-actors`;\n[benchmarks/corpus_seesaw_extraction/report.md](benchmarks/corpus_seesaw_extraction/report.md)) "
            f"the best\nbaseline reaches `f1_pn` {_pct_ci(best['metrics']['f1_pn'])} over triplets: the task is far "
            "from solved.")


def _bullet(text: str) -> str:
    """A Markdown list item wrapped at 110 columns (the docs' width), continuation lines indented."""
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=110, subsequent_indent="  ", break_on_hyphens=False,
                         break_long_words=False)


def extraction_figures(summary: dict) -> str:
    """docs/extraction.md: the SEESAW figures of both settings."""
    oracle, models = _extraction_models(summary, "oracle-actors")
    raw, raw_models = _extraction_models(summary, "raw")

    def figures(name: str, m: dict) -> str:
        return (f"`{name}` `f1_pn` {_pct_ci(m['metrics']['f1_pn'])}, triplet F1 "
                f"{100 * m['metrics']['triplet_f1']['value']:.1f}")

    oracle_text = "; ".join(figures(n, m) for n, m in sorted(models.items()))
    raw_text = "; ".join(figures(n, m) for n, m in sorted(raw_models.items()))
    cap = max(m["metrics"]["pair_recall"]["value"] for n, m in models.items() if n == "cooccurrence")
    return _bullet("- SEESAW, story split ([benchmarks/corpus_seesaw_extraction/report.md]"
            "(../benchmarks/corpus_seesaw_extraction/report.md),\n"
            f"  aggregate numbers only): {oracle['n_documents']} test documents, {oracle['gold_triplets']:,} gold "
            f"triplets. `oracle-actors`: {oracle_text}; the candidate policy caps pair recall at {100 * cap:.1f}% "
            f"(`cooccurrence`'s pair recall). `raw`: {raw_text}. The same report scores the baselines trained on "
            "SEESAW on the seed article. For scale only (another corpus and language): RuSentRel's best published "
            "document-level F1 is 41.9, human agreement 55.0.")


#: region name → (file, renderer, JSON it reads).
REGIONS = {
    "seesaw-readme": ("README.md", seesaw_readme, SEESAW_SUMMARY),
    "seesaw-cue-stack": ("docs/baselines.md", seesaw_baselines, SEESAW_SUMMARY),
    "seed-pairs": ("docs/baselines.md", seed_pairs, SEED_RESULTS),
    "seesaw-extraction-readme": ("README.md", extraction_readme, EXTRACTION_SUMMARY),
    "seesaw-extraction": ("docs/extraction.md", extraction_figures, EXTRACTION_SUMMARY),
}


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- BEGIN GENERATED {re.escape(name)} [^\n]*-->\n)(.*?)(<!-- END GENERATED {re.escape(name)} -->)",
                      re.S)


def rendered(text: str, name: str) -> str:
    """``text`` with region ``name`` replaced by its rendering; a missing region is an error."""
    rel, render, source = REGIONS[name]
    body = render(json.loads(source.read_text(encoding="utf-8")))
    new, count = _pattern(name).subn(lambda m: m.group(1) + body + "\n" + m.group(3), text)
    if count != 1:
        raise SystemExit(f"{rel}: expected one region '{name}' (<!-- BEGIN GENERATED {name} ... -->), found {count}")
    return new


def stale() -> list[str]:
    """The regions whose text differs from their rendering."""
    out = []
    for name, (rel, _, _) in REGIONS.items():
        text = (REPO / rel).read_text(encoding="utf-8")
        if rendered(text, name) != text:
            out.append(f"{rel}: region '{name}'")
    return out


def update() -> None:
    for name, (rel, _, _) in REGIONS.items():
        path = REPO / rel
        path.write_text(rendered(path.read_text(encoding="utf-8"), name), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report regions that differ (exit 1)")
    args = parser.parse_args()
    if args.check:
        regions = stale()
        if regions:
            print("stale generated regions (run python benchmarks/doc_numbers.py):\n  " + "\n  ".join(regions))
            sys.exit(1)
        return
    update()


if __name__ == "__main__":
    main()
