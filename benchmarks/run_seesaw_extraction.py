"""End-to-end extraction on SEESAW's story split: aggregate figures for commit, nothing else.

    python benchmarks/run_seesaw_extraction.py PATH/TO/SEESAW-CHECKOUT [--work /tmp/seesaw-extraction]
        [--output benchmarks/corpus_seesaw_extraction] [--bootstrap 1000] [--seed 0]
    python benchmarks/run_seesaw_extraction.py --render benchmarks/corpus_seesaw_extraction/summary.json

Each step is a CLI process, timed (wall, CPU, peak resident memory):

1. ``actorstance import seesaw PATH --output WORK/annotations``
2. ``actorstance build --annotations WORK/annotations --output WORK/dataset``
3. ``actorstance benchmark --task extraction --setting oracle-actors --setting raw --dataset
   WORK/dataset:documents:test`` — every registered extraction baseline in each setting it works
   in, trained on SEESAW ``train``, scored on ``test``, 95%
   bootstrap intervals over documents, paired comparisons;
4. per baseline, ``actorstance evaluate --task extraction --dataset data/dataset --train
   WORK/dataset:documents:train`` — trained on SEESAW, scored on the seed article (transfer; the
   seed has no train split of its own, so this is the only honest way to score a trainable
   extraction baseline on it).

Then it writes OUTPUT/summary.json (aggregate numbers only: metrics, per-label scores, counts,
error kinds, alignment summary, training protocol, costs) and renders OUTPUT/report.md from it, and the generated figures of README.md and
docs/extraction.md (``doc_numbers.py``).
SEESAW is CC BY-NC-SA 4.0: WORK must lie outside the repository; OUTPUT never gets a document,
an actor name, a triplet or an alignment entry, and a last check fails if any document id or
multi-word actor name of the test split appears in it.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_seesaw_import import CLI, REPO, measure  # noqa: E402  (the same timing as the import benchmark)
import doc_numbers  # noqa: E402
from run_seesaw_common import refuse_seesaw_text, run_arguments  # noqa: E402

from actorstance.extraction.alignment import TIERS  # noqa: E402
from actorstance.extraction.scoring import ERROR_KINDS  # noqa: E402

RULES = (*TIERS, "ambiguous", "unmatched")

SETTINGS = ("oracle-actors", "raw")
METRICS = ("f1_pn", "triplet_f1", "triplet_precision", "triplet_recall", "pair_f1", "pair_precision", "pair_recall",
           "direction_swap_rate")
#: RuSentRel document-level attitude extraction (corpus: Loukachevitch & Rusnachenko, 2018), the figures
#: cited in docs/extraction.md (best published F1, human agreement). A different corpus and language:
#: an order of magnitude, not a comparison.
RUSENTREL = {"best_published_f1": 41.9, "human_agreement_f1": 55.0}


def main() -> None:
    args = run_arguments(__doc__, work="/tmp/seesaw-extraction", output="corpus_seesaw_extraction", render=render)
    if args is None:
        return
    work = args.work
    ann, dataset, bench = work / "annotations", work / "dataset", work / "extraction"
    # always imported and built again: a dataset left in WORK by an earlier run may come from other code
    costs = {"import seesaw": measure([*CLI, "import", "seesaw", str(args.seesaw), "--output", str(ann)]),
             "build": measure([*CLI, "build", "--annotations", str(ann), "--output", str(dataset)])}
    costs["benchmark --task extraction"] = measure([
        *CLI, "benchmark", "--task", "extraction", *(a for x in SETTINGS for a in ("--setting", x)),
        "--dataset", f"{dataset}:documents:test", "--bootstrap", str(args.bootstrap), "--seed", str(args.seed),
        "--quiet", "--output", str(bench)])
    results = json.loads((bench / "results.json").read_text(encoding="utf-8"))
    transfers = {}
    for board in results["extraction"]:
        transfers[board["setting"]] = transfer = {}
        for m in board["models"] + [{"name": n["name"]} for n in board["not_run"]]:
            out = work / f"transfer-{m['name'].replace(':', '_')}.json"
            costs[f"transfer {m['name']}"] = measure([
                *CLI, "evaluate", "--task", "extraction", "--setting", board["setting"], "--dataset",
                str(REPO / "data" / "dataset"), "--model", m["name"], "--train", f"{dataset}:documents:train",
                "--bootstrap", str(args.bootstrap), "--seed", str(args.seed), "--output", str(out)])
            r = json.loads(out.read_text(encoding="utf-8"))
            transfer[m["name"]] = {"metrics": {name: _metric(r["metrics"][name]) for name in METRICS},
                                   "n_documents": r["n_documents"], "gold_triplets": r["gold_triplets"],
                                   "bootstrap_unit": r["bootstrap"]["unit"]}
    summary = {"sections": [], "costs": _costs(costs)}
    for board in results["extraction"]:
        section = summarise(board, results, costs)
        section["transfer_to_seed"] = transfers[board["setting"]]
        summary["sections"].append(section)
    staged = work / "report"  # written and checked outside the repository, then copied
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir()
    (staged / "summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    # rendered from the file as committed (sorted keys), so that `--render summary.json` gives the same bytes
    (staged / "report.md").write_text(render(json.loads((staged / "summary.json").read_text(encoding="utf-8"))),
                                      encoding="utf-8")
    check_no_seesaw_text(dataset, staged)
    args.output.mkdir(parents=True, exist_ok=True)
    for path in staged.iterdir():
        shutil.copyfile(path, args.output / path.name)
    doc_numbers.update()  # README.md and docs/extraction.md figures from the new summary.json
    print(f"wrote {args.output / 'report.md'}")


def _metric(m: dict) -> dict:
    return {"value": m["value"], "ci_low": m["ci_low"], "ci_high": m["ci_high"]}


def summarise(board: dict, results: dict, costs: dict) -> dict:
    """Aggregate numbers only: nothing here names a document, an actor or a triplet."""
    models = []
    for m in board["models"]:
        r = m["result"]
        models.append({
            "name": m["name"], "verdict": m["verdict"],
            "training": {k: r["training"][k] for k in ("kind", "n_folds", "n_train")} if r["training"] else None,
            "metrics": {name: _metric(r["metrics"][name]) for name in METRICS},
            "per_label": [{k: row[k] for k in ("label", "precision", "recall", "f1", "support", "predicted")}
                          for row in r["per_label"]],
            "predicted_triplets": r["predicted_triplets"], "predicted_pairs": r["predicted_pairs"],
            "errors": {kind: r["errors"][kind] for kind in ERROR_KINDS},
            "alignment_summary": {rule: r["alignment_summary"][rule] for rule in RULES}, "collapsed": r["collapsed"],
            "comparisons": {k: {f: c[f] for f in ("difference", "ci_low", "ci_high", "p_value", "p_holm")}
                            for k, c in m["comparisons"].items()},
        })
    first = board["models"][0]["result"] if board["models"] else None
    return {
        "corpus": "SEESAW (Zhang, Beauchamp & Wang, EMNLP 2022), story split, imported by `actorstance import seesaw`",
        "setting": board["setting"], "split": board["split"], "dataset_version": board["version"],
        "n_documents": board["n_documents"], "gold_triplets": board["gold_triplets"],
        "gold_pairs": first["gold_pairs"] if first else None,
        "bootstrap": {k: first["bootstrap"][k] for k in ("n_resamples", "seed", "confidence", "unit", "n_units")}
        if first else None,
        "best": board["best"], "compared_with": board["reference"], "models": models, "not_run": [n["name"] for n in board["not_run"]],
        "reference": RUSENTREL,
    }


def _costs(costs: dict) -> dict:
    return {step: {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mib": round(rss)}
            for step, (wall, cpu, rss, _) in costs.items()}


def _ci(m: dict, scale: float = 100.0) -> str:
    if m["value"] is None:
        return "—"
    low = "—" if m["ci_low"] is None else f"{m['ci_low'] * scale:.1f}"
    high = "—" if m["ci_high"] is None else f"{m['ci_high'] * scale:.1f}"
    return f"{m['value'] * scale:.1f} [{low}, {high}]"


def render(summary: dict) -> str:
    first = summary["sections"][0]
    lines = ["# SEESAW: end-to-end extraction (aggregate figures)", "",
             f"Corpus: {first['corpus']}. Each system reads a whole test article and answers with directed (source, "
             "target, label) triplets, scored against the article's distinct gold triplets (docs/extraction.md). "
             f"Split `test`: {first['n_documents']} documents, {first['gold_triplets']} gold triplets "
             f"({first['gold_pairs']} directed pairs). Percentages; 95% percentile-bootstrap intervals over documents "
             f"({first['bootstrap']['n_resamples']} resamples, seed {first['bootstrap']['seed']}).", "",
             "Regenerate with `python benchmarks/run_seesaw_extraction.py PATH/TO/SEESAW` (SEESAW stays outside the "
             "repository; only these aggregates are committed).", ""]
    for section in summary["sections"]:
        lines += _section(section)
    lines += ["Costs:", "", "| step | wall s | CPU s | peak RSS MiB |", "|---|---|---|---|"]
    lines += [f"| {step} | {c['wall_s']} | {c['cpu_s']} | {c['peak_rss_mib']} |" for step, c in summary["costs"].items()]
    return "\n".join(lines) + "\n"


_SETTING_TEXT = {"oracle-actors": "each system also sees the article's gold actors (names, aliases, mentions) and "
                                  "may answer with their ids",
                 "raw": "each system sees only the text and names actors in free text, aligned to the gold actors "
                        "by the documented rules"}


def _section(s: dict) -> list[str]:
    lines = [f"## Setting `{s['setting']}`", "", _SETTING_TEXT[s["setting"]] + ".", "",
             "| model | f1_pn | triplet F1 | triplet P | triplet R | pair F1 | pair R | swap rate | training |",
             "|---|---|---|---|---|---|---|---|---|"]
    for m in s["models"]:
        t = m["training"]
        training = "—" if t is None else t["kind"] + (f", {t['n_train']} train documents" if t["n_train"] else "")
        k = m["metrics"]
        lines.append(f"| `{m['name']}` | {_ci(k['f1_pn'])} | {_ci(k['triplet_f1'])} | {_ci(k['triplet_precision'])} | "
                     f"{_ci(k['triplet_recall'])} | {_ci(k['pair_f1'])} | {_ci(k['pair_recall'])} | "
                     f"{_ci(k['direction_swap_rate'])} | "
                     f"{training} |")
    if len(s["models"]) > 1:
        lines += ["", f"Paired comparison with the reference model, `{s['compared_with']['name']}` — "
                  f"{s['compared_with']['why']} (Δ f1_pn, percentage points, same resampled documents; verdict: "
                  "Holm-adjusted two-sided p below 0.05, by the sign of Δ):", ""]
    for m in s["models"]:
        c = m["comparisons"].get("f1_pn")
        if c:
            lines.append(f"- `{m['name']}`: {c['difference'] * 100:+.1f} [{c['ci_low'] * 100:+.1f}, "
                         f"{c['ci_high'] * 100:+.1f}], p = {c['p_value']:.3f} (Holm-adjusted {c['p_holm']:.3f}): "
                         f"{m['verdict']}")
    lines += ["", "Per label (triplet F1, %; support = gold triplets):", "",
              "| model | " + " | ".join(row["label"] for row in s["models"][0]["per_label"]) + " |",
              "|---|" + "---|" * len(s["models"][0]["per_label"])]
    for m in s["models"]:
        lines.append(f"| `{m['name']}` | " + " | ".join(
            "—" if row["f1"] is None else f"{row['f1'] * 100:.1f} (n={row['support']})" for row in m["per_label"]) + " |")
    lines += ["", "Error kinds (wrong predicted triplets by kind; gold pairs predicted in neither direction):", "",
              "| model | " + " | ".join(s["models"][0]["errors"]) + " |",
              "|---|" + "---|" * len(s["models"][0]["errors"])]
    for m in s["models"]:
        lines.append(f"| `{m['name']}` | " + " | ".join(str(n) for n in m["errors"].values()) + " |")
    if s["setting"] == "oracle-actors":
        lines += ["", "Both baselines answer with actor ids, so every name aligns by the `id` rule. Their pair recall "
                  "is bounded by the candidate policy: a gold pair whose actors share no paragraph is never a "
                  "candidate, so `cooccurrence`'s pair recall (it predicts every candidate, in both directions) is "
                  "that ceiling."]
    else:
        lines += ["", "Alignment of the predicted names (distinct names per document, by rule):", "",
                  "| model | " + " | ".join(s["models"][0]["alignment_summary"]) + " | collapsed |",
                  "|---|" + "---|" * (len(s["models"][0]["alignment_summary"]) + 1)]
        for m in s["models"]:
            lines.append(f"| `{m['name']}` | " + " | ".join(str(n) for n in m["alignment_summary"].values())
                         + f" | {m['collapsed']} |")
    lines += ["",
              f"For scale only (another corpus and language): RuSentRel's best published document-level attitude F1 "
              f"is {s['reference']['best_published_f1']}, its human agreement {s['reference']['human_agreement_f1']}.",
              ""]
    if s.get("transfer_to_seed"):
        first = next(iter(s["transfer_to_seed"].values()))
        lines += [f"Trained on SEESAW `train`, scored on the seed article (`data/dataset`, {first['n_documents']} "
                  f"document, {first['gold_triplets']} gold triplets; intervals resample its {first['bootstrap_unit']}, "
                  "so they describe this article only):", "",
                  "| model | f1_pn | triplet F1 | pair F1 | pair R | swap rate |", "|---|---|---|---|---|---|"]
        for name, t in s["transfer_to_seed"].items():
            k = t["metrics"]
            lines.append(f"| `{name}` | {_ci(k['f1_pn'])} | {_ci(k['triplet_f1'])} | {_ci(k['pair_f1'])} | "
                         f"{_ci(k['pair_recall'])} | {_ci(k['direction_swap_rate'])} |")
        lines.append("")
    if s["not_run"]:
        lines += ["Not run: " + ", ".join(f"`{n}`" for n in s["not_run"]) + ".", ""]
    return lines


def check_no_seesaw_text(dataset: Path, folder: Path) -> None:
    """Fail if a document id or a multi-word actor name of the test split is in ``folder``."""
    import pyarrow.parquet as pq

    needles: set[str] = set()
    for path in sorted((dataset / "documents").glob("test-*.parquet")):
        for row in pq.read_table(path, columns=["doc_id", "actors"]).to_pylist():
            needles.add(row["doc_id"])
            needles |= {a["name"] for a in row["actors"] if " " in a["name"].strip()}
    refuse_seesaw_text(folder, needles)


if __name__ == "__main__":
    main()
