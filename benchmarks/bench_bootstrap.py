"""Time the vectorised bootstrap: 1,000 resamples of 10,000 pairs (``benchmarks/bootstrap.md``).

    python benchmarks/bench_bootstrap.py [--pairs 10000] [--resamples 1000] [--repeats 3]

Synthetic data (no dataset needed): random gold labels of the ``candidates`` config, predictions
right 60% of the time with 5% abstentions, pairs spread over documents of ~10 pairs. Times the
whole :func:`actorstance.bootstrap.bootstrap_intervals` call (plan, per-unit confusions, draws,
matrix products, metrics, percentiles) and :func:`paired_bootstrap`; best of ``--repeats``.
For scale, also a naive per-resample loop of scikit-learn calls.
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np

from actorstance.bootstrap import bootstrap_intervals, paired_bootstrap
from actorstance.labels import ALL_LABELS
from actorstance.metrics import point_scores


def synthetic(n_pairs: int, pairs_per_doc: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    gold = rng.choice(ALL_LABELS, size=n_pairs).tolist()
    pred = [g if rng.random() < 0.6 else (None if rng.random() < 0.05 / 0.4 else str(rng.choice(ALL_LABELS)))
            for g in gold]
    groups = [f"doc{i // pairs_per_doc:06d}" for i in range(n_pairs)]
    return gold, pred, groups


def best_of(repeats: int, call) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
          f"{args.pairs} pairs, {args.resamples} resamples, best of {args.repeats}\n")
    print("| case | units | seconds |")
    print("|---|---|---|")
    for label, per_doc in (("documents of 10 pairs", 10), ("one document (pairs resampled)", args.pairs)):
        gold, pred, groups = synthetic(args.pairs, per_doc)
        resampling, _ = bootstrap_intervals(gold, pred, groups, labels=ALL_LABELS, n_resamples=1, seed=0)
        seconds = best_of(args.repeats, lambda: bootstrap_intervals(
            gold, pred, groups, labels=ALL_LABELS, n_resamples=args.resamples, seed=0))
        print(f"| bootstrap_intervals, {label} | {resampling.n_units} {resampling.unit} | {seconds:.3f} |")
        other = list(reversed(pred))
        seconds = best_of(args.repeats, lambda: paired_bootstrap(
            gold, pred, other, groups, "f1_pn", args.resamples, 0, labels=ALL_LABELS))
        print(f"| paired_bootstrap, {label} | {resampling.n_units} {resampling.unit} | {seconds:.3f} |")
    # For scale: the naive loop (scikit-learn on each resample's pairs), 20 resamples extrapolated.
    gold, pred, _ = synthetic(args.pairs, args.pairs)
    rng = np.random.default_rng(0)

    def naive(n: int = 20) -> None:
        for _ in range(n):
            idx = rng.integers(0, args.pairs, size=args.pairs)
            point_scores([gold[i] for i in idx], [pred[i] for i in idx], labels=ALL_LABELS)

    seconds = best_of(1, naive) * args.resamples / 20
    print(f"| naive loop of scikit-learn calls (extrapolated from 20) | {args.pairs} pairs | {seconds:.1f} |")


if __name__ == "__main__":
    main()
