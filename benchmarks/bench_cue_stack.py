"""Time and peak memory of the row-level ``cue-stack`` fit + predict at scale (``benchmarks/cue_stack.md``).

    python benchmarks/bench_cue_stack.py [--documents 10000] [--pairs-per-document 10] [--repeats 1]
        [--markdown benchmarks/cue_stack.md]

The corpus is invented, deterministic (seeded) and made here: ``--documents`` documents of
``--pairs-per-document`` pair rows, each a one- or two-sentence context of ~35 tokens drawn from
a vocabulary of 20,000 made-up words, the polarity words of the packaged lexicon and a few
function words, with a source and a target mention; the label follows the cue nearest the pair
(80%) or is random. ``evaluate`` on such a corpus with an 80/20 document split is the case of
issue 16: fit on the first 80% of the documents, predict the other 20%. Both run in a child process started by :func:`bench_seesaw_import.measure`, so the peak
resident set is theirs alone. Target (issue 16): fit + predict ≤ 60 s and ≤ 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_seesaw_import import REPO, measure  # noqa: E402

TARGET_SECONDS, TARGET_MIB = 60, 2048
FUNCTION = ("the", "of", "to", "and", "a", "in", "said", "was", "by", "for", "on", "that", "with", "not", "his", "her")


def synthetic_rows(n_documents: int, per_document: int, *, seed: int = 0) -> tuple[list[dict], list[str]]:
    """Invented pair rows (every column of MODEL_INPUT_COLUMNS) and their labels."""
    import random

    from actorstance.convert import pair_id
    from actorstance.models.baselines.cue_stack import load_polarity_lexicon

    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(20000)})
    cues = sorted(load_polarity_lexicon().items())
    actors = [f"{rng.choice(syllables).title()}{rng.choice(syllables)} {rng.choice(syllables).title()}{rng.choice(syllables)}"
              for _ in range(2000)]
    rows, labels = [], []
    for d in range(n_documents):
        cast = rng.sample(range(len(actors)), 6)
        for k in range(per_document):
            s, t = rng.sample(cast, 2)
            cue, polarity = rng.choice(cues)
            words = [rng.choice(vocabulary) if rng.random() < 0.6 else rng.choice(FUNCTION) for _ in range(32)]
            a, b, c = sorted(rng.sample(range(len(words)), 3))
            words[a:a] = ["\0S"]
            words[b + 1:b + 1] = [cue]
            words[c + 2:c + 2] = ["\0T"]
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), ".")
            text, spans = "", {"\0S": [], "\0T": []}
            for w in words:
                text += " " if text else ""
                if w in spans:
                    name = actors[s if w == "\0S" else t]
                    spans[w].append({"start": len(text), "end": len(text) + len(name)})
                    w = name
                text += w
            text += "."
            label = ("positive" if polarity > 0 else "negative") if rng.random() < 0.8 else \
                rng.choice(("positive", "negative", "neutral"))
            rows.append({"id": pair_id(f"doc{d}", str(s), str(t), (k, k + 1)), "doc_id": f"doc{d}", "source_id": str(s),
                         "source": actors[s], "source_type": "person", "target_id": str(t), "target": actors[t],
                         "target_type": "person", "context": text, "context_start": 0,
                         "source_spans": spans["\0S"], "target_spans": spans["\0T"]})
            labels.append(label)
    return rows, labels


def run_once(n_documents: int, per_document: int) -> dict:
    """In this process: make the corpus, then time fit and predict of ``baseline:cue-stack``."""
    import time

    from actorstance.models.registry import make_baseline

    rows, labels = synthetic_rows(n_documents, per_document)
    half = int(0.8 * n_documents) * per_document  # whole documents on either side
    start, start_cpu = time.perf_counter(), time.process_time()
    model = make_baseline("cue-stack", random_state=0).fit(rows[:half], labels[:half])
    fitted, fitted_cpu = time.perf_counter(), time.process_time()
    predicted = model.predict(rows[half:])
    done, done_cpu = time.perf_counter(), time.process_time()
    accuracy = sum(p == g for p, g in zip(predicted, labels[half:])) / (len(rows) - half)
    return {"rows": len(rows), "fit_s": round(fitted - start, 1), "predict_s": round(done - fitted, 1),
            "fit_cpu_s": round(fitted_cpu - start_cpu, 1), "predict_cpu_s": round(done_cpu - fitted_cpu, 1),
            "accuracy": round(accuracy, 3)}


def _met(seconds: float, rss_mib: float) -> str:
    return "met" if seconds <= TARGET_SECONDS and rss_mib <= TARGET_MIB else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--pairs-per-document", type=int, default=10)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.documents, args.pairs_per_document)))
        return
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    load = os.getloadavg()[0]
    wall, cpu, rss, out = measure([sys.executable, __file__, "--child", "--documents", str(args.documents),
                                   "--pairs-per-document", str(args.pairs_per_document)])
    run = json.loads(out)
    lines = [
        "# `cue-stack` at scale", "",
        f"Script: [bench_cue_stack.py](bench_cue_stack.py) (`python benchmarks/bench_cue_stack.py`). Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, `OMP_NUM_THREADS=1`; invented corpus (see the script).",
        f"Load average when it started: {load:.1f} (wall time on a shared machine grows with it; "
        "CPU time is the steadier figure).",
        "", "| documents | pair rows | fit (80% of the documents): wall / CPU s | predict (the other 20%): wall / CPU s "
        "| peak RSS MiB | target fit + predict ≤ 60 s, ≤ 2 GB |", "|---|---|---|---|---|---|",
        f"| {args.documents} | {run['rows']} | {run['fit_s']} / {run['fit_cpu_s']} | {run['predict_s']} / "
        f"{run['predict_cpu_s']} | {rss:.0f} | wall {_met(run['fit_s'] + run['predict_s'], rss)}, "
        f"CPU {_met(run['fit_cpu_s'] + run['predict_cpu_s'], rss)} |", "",
        f"The whole child process (making the invented corpus and importing scikit-learn included): {wall:.1f} s "
        f"wall, {cpu:.1f} s CPU. Accuracy on the invented labels: {run['accuracy']} (a sanity check, not a result).",
        ""]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
