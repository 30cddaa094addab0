"""Scale benchmark: each pipeline step on synthetic corpora of growing size, against a floor.

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--cache DIR] [--steps build evaluate ...]
                               [--output benchmarks/scale.md]     (measurements also in scale.json)
    python benchmarks/scale.py --render                           (scale.md again from scale.json)

Corpora come from :mod:`synthetic` (valid by the codebook, about twelve candidate pairs per
document) and are cached under ``--cache`` (default ``$TMPDIR/actorstance-scale``). Every step
runs as the command a user types, in a fresh process; its **floor** runs in the same session on
the same input, also in a fresh process: the least work that produces the same output with the
same libraries (orjson, pyarrow, numpy, scikit-learn) and none of the checks. Both are measured
the same way: wall time and peak resident memory of the process (``os.wait4``). The table gives
the ratio step/floor and the growth factor (time at this size / time at the previous size).

BLAS and OpenMP are pinned to one thread, as in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

ENV = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
       "SOURCE_DATE_EPOCH": "1764201600", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
       "TOKENIZERS_PARALLELISM": "false"}
CLI = [str(Path(sys.executable).parent / "actorstance")]
FLOOR = [sys.executable, str(Path(__file__).resolve()), "--floor"]
DEFAULT_SIZES = (1000, 10000, 100000)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the process: less sensitive to a shared machine
    peak_mb: float
    returncode: int
    stdout: str


def measure(argv: list[str]) -> Run:
    """Run ``argv`` in a fresh process: its wall time and peak RSS (``ru_maxrss`` from ``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=ENV, stdout=out, stderr=err, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv))} failed ({returncode}):\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, returncode, stdout)


# --- floors: the least work giving the same output, each run in its own process ---------------------------

def _annotation_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*.json") if p.name not in ("splits.json", "corpus.json"))


def _read_inputs(corpus: Path) -> int:
    """Parse every annotation file (orjson) and read and hash its text: the input side of every floor."""
    import hashlib

    import orjson

    n = 0
    for file in _annotation_files(corpus):
        raw = orjson.loads(file.read_bytes())
        data = (file.parent / raw["text"]["path"]).read_bytes()
        hashlib.sha256(data).hexdigest()
        data.decode("utf-8")
        n += 1
    return n


def floor_validate(corpus: str) -> None:
    _read_inputs(Path(corpus))


def floor_convert(corpus: str, produced: str, output: str) -> None:
    """Inputs read as in ``validate``; the rows the step wrote, parsed and written again with orjson."""
    import orjson

    _read_inputs(Path(corpus))
    with open(produced, "rb") as src, open(output, "wb") as dst:
        for line in src:
            dst.write(orjson.dumps(orjson.loads(line), option=orjson.OPT_SORT_KEYS) + b"\n")


def floor_build(corpus: str, dataset: str, output: str) -> None:
    """Inputs read; the rows the build wrote, streamed and written again with pyarrow (same settings)."""
    import pyarrow.parquet as pq

    from actorstance.dataset.build import PARQUET_OPTIONS

    _read_inputs(Path(corpus))
    options = {k: v for k, v in PARQUET_OPTIONS.items() if k != "row_group_size"}
    for shard in sorted(Path(dataset).glob("*/*.parquet")):
        source = pq.ParquetFile(shard)
        target = Path(output) / shard.relative_to(dataset)
        target.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(target, source.schema_arrow, **options) as writer:
            for batch in source.iter_batches(batch_size=PARQUET_OPTIONS["row_group_size"]):
                writer.write_batch(batch)


def _gold(dataset: str, config: str, split: str):
    import pyarrow.parquet as pq

    files = sorted(Path(dataset, config).glob(f"{split}-*.parquet"))
    import pyarrow as pa

    return pa.concat_tables(pq.read_table(f, columns=["id", "label", "doc_id"]) for f in files)


def floor_evaluate(dataset: str, config: str, split: str, predictions: str, resamples: str) -> None:
    """orjson for the predictions, pyarrow for the gold, numpy for counts, F1 and a document bootstrap;
    and the sha256 of every file the result records (each dataset file and the predictions file)."""
    import hashlib

    import numpy as np
    import orjson

    from actorstance.labels import CONFIG_LABELS

    for file in sorted([*Path(dataset).rglob("*"), Path(predictions)]):
        if file.is_file():
            with open(file, "rb") as fh:
                hashlib.file_digest(fh, "sha256").hexdigest()
    labels = CONFIG_LABELS[config]
    gold = _gold(dataset, config, split)
    code = {label: i for i, label in enumerate(labels)}
    predicted = {}
    with open(predictions, "rb") as fh:
        for line in fh:
            row = orjson.loads(line)
            predicted[row["id"]] = code[row["label"]]
    y_pred = np.fromiter((predicted[i] for i in gold.column("id").to_pylist()), dtype=np.int64)
    y_true = gold.column("label").to_numpy()
    k = len(labels)
    cells = y_true * k + y_pred
    matrix = np.bincount(cells, minlength=k * k).reshape(k, k)
    _f1s(matrix[None])
    if int(resamples):
        docs = gold.column("doc_id").dictionary_encode().combine_chunks().indices.to_numpy()
        n_docs = int(docs.max()) + 1
        per_doc = np.bincount(docs * k * k + cells, minlength=n_docs * k * k).reshape(n_docs, k * k)
        rng = np.random.default_rng(0)
        weights = np.stack([np.bincount(rng.integers(0, n_docs, n_docs), minlength=n_docs)
                            for _ in range(int(resamples))])
        f1 = _f1s((weights @ per_doc).reshape(-1, k, k))
        np.percentile(f1, [2.5, 97.5], axis=0)


def _f1s(matrices):
    import numpy as np

    tp = np.diagonal(matrices, axis1=1, axis2=2)
    predicted, support = matrices.sum(axis=1), matrices.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(2 * tp / (predicted + support)).mean(axis=1)


def floor_tfidf(dataset: str, config: str, split: str) -> None:
    """The same TF-IDF + logistic-regression pipeline on the contexts, straight from pyarrow."""
    import pyarrow.parquet as pq
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    def read(name):
        files = sorted(Path(dataset, config).glob(f"{name}-*.parquet"))
        tables = [pq.read_table(f, columns=["context", "label"]) for f in files]
        return [c for t in tables for c in t.column("context").to_pylist()], \
               [y for t in tables for y in t.column("label").to_pylist()]

    X, y = read("train")
    pipeline = make_pipeline(
        FeatureUnion([("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                      ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))]),
        LogisticRegression(class_weight="balanced", max_iter=5000, random_state=0))
    pipeline.fit(X, y)
    pipeline.predict(read(split)[0])


def make_predictions(dataset: str, config: str, split: str, output: str) -> None:
    """A predictions file for every pair of the split: the gold label, changed for one pair in four (seeded)."""
    import numpy as np
    import orjson

    from actorstance.labels import CONFIG_LABELS

    labels = CONFIG_LABELS[config]
    gold = _gold(dataset, config, split)
    y = gold.column("label").to_numpy().copy()
    rng = np.random.default_rng(0)
    flip = rng.random(len(y)) < 0.25
    y[flip] = rng.integers(0, len(labels), int(flip.sum()))
    with open(output, "wb") as fh:
        for pair_id, label in zip(gold.column("id").to_pylist(), y.tolist()):
            fh.write(orjson.dumps({"id": pair_id, "label": labels[label]}) + b"\n")


FLOORS = {"validate": floor_validate, "convert": floor_convert, "build": floor_build, "evaluate": floor_evaluate,
          "tfidf": floor_tfidf, "predictions": make_predictions}


# --- the steps ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Goal:
    """Issue 16's goal for a step, checked on the row of ``documents`` (wall seconds, peak MB, CPU ratio
    to the floor, CPU growth from the previous size); ``None``: no limit of that kind."""
    documents: int
    seconds: float | None = None
    peak_mb: float | None = None
    ratio: float | None = None
    growth: float | None = None

    def misses(self, row: dict, growth: float | None) -> list[str]:
        """What the row misses ([] when it meets every limit)."""
        checks = [(self.seconds, row["seconds"], "time {:.1f} s > {} s"),
                  (self.peak_mb, row["peak_mb"], "peak {:,.0f} MB > {:,} MB"),
                  (self.ratio, row["cpu"] / row["floor"]["cpu"], "ratio {:.2f} > {}"),
                  (self.growth, growth, "growth {:.1f}× > {}×")]
        return [text.format(value, limit) for limit, value, text in checks
                if limit is not None and value is not None and value > limit]


@dataclass(frozen=True)
class Step:
    name: str
    command: list[str]
    floor: list[str] | None
    goal: str = ""
    sizes: tuple[int, ...] | None = None  # None: every size
    check: Goal | None = None


def steps(corpus: Path, work: Path) -> list[Step]:
    dataset, config, split = work / "dataset", "candidates", "train"
    predictions = work / "predictions.jsonl"
    evaluate = [*CLI, "evaluate", "--dataset", str(dataset), "--config", config, "--split", split,
                "--predictions", str(predictions), "--json"]
    return [
        Step("validate", [*CLI, "validate", str(corpus)], [*FLOOR, "validate", str(corpus)],
             "100k docs ≤ 30 s, ≤ 1 GB", check=Goal(100000, seconds=30, peak_mb=1024)),
        Step("convert --candidates", [*CLI, "convert", str(corpus), "--candidates", "-o", str(work / "pairs.jsonl")],
             [*FLOOR, "convert", str(corpus), str(work / "pairs.jsonl"), str(work / "floor.jsonl")],
             "100k docs ≤ 30 s, ≤ 1 GB", check=Goal(100000, seconds=30, peak_mb=1024)),
        Step("build", [*CLI, "build", "--annotations", str(corpus), "-o", str(dataset)],
             [*FLOOR, "build", str(corpus), str(dataset), str(work / "floor-dataset")],
             "100k docs ≤ 60 s, ≤ 2 GB; 10× docs ≤ 11× time",
             check=Goal(100000, seconds=60, peak_mb=2048, growth=11)),
        Step("predictions (setup, untimed goal)", [*FLOOR, "predictions", str(dataset), config, split, str(predictions)],
             None),
        Step(f"evaluate {config}:{split}, point metrics", [*evaluate, "--bootstrap", "0"],
             [*FLOOR, "evaluate", str(dataset), config, split, str(predictions), "0"], "≤ 1.5× floor",
             check=Goal(100000, ratio=1.5)),
        Step(f"evaluate {config}:{split}, 1000 resamples", [*evaluate, "--bootstrap", "1000"],
             [*FLOOR, "evaluate", str(dataset), config, split, str(predictions), "1000"], "1M pairs ≤ 5 s",
             check=Goal(100000, seconds=5)),
        Step("evaluate --model baseline:tfidf-lr (fit train, predict test)",
             [*CLI, "evaluate", "--dataset", str(dataset), "--config", config, "--split", "test", "--model",
              "baseline:tfidf-lr", "--bootstrap", "0", "--json"],
             [*FLOOR, "tfidf", str(dataset), config, "test"], "10k docs ≤ 60 s, ≤ 2 GB", sizes=(1000, 10000),
             check=Goal(10000, seconds=60, peak_mb=2048)),
        Step("evaluate --model baseline:cue-stack (fit train, predict test)",
             [*CLI, "evaluate", "--dataset", str(dataset), "--config", config, "--split", "test", "--model",
              "baseline:cue-stack", "--bootstrap", "0", "--json"],
             [*FLOOR, "tfidf", str(dataset), config, "test"], "10k docs ≤ 60 s, ≤ 2 GB (floor: the tfidf-lr floor)",
             sizes=(1000, 10000), check=Goal(10000, seconds=60, peak_mb=2048)),
    ]


def corpus_for(cache: Path, documents: int) -> Path:
    from synthetic import write_corpus

    folder = cache / f"corpus-{documents}"
    done = folder / ".complete"
    if not done.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, documents)
        done.write_text("ok\n")
    return folder


def count_pairs(dataset: Path) -> dict[str, int]:
    """Rows per config of a built dataset, from its card (cheap: no parquet read)."""
    import re

    card = (dataset / "README.md").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for config, block in re.findall(r"- config_name: (\w+)\n(.*?)(?=\n- config_name|\n[a-z_]+:|\Z)", card, re.S):
        counts[config] = sum(map(int, re.findall(r"num_examples: (\d+)", block)))
    return counts


def mb(value: float) -> str:
    return f"{value:,.0f} MB"


def render(results: list[dict], load: float, extra: list[str], date: str, machine: str) -> str:
    """scale.md from the measurements (as saved in scale.json)."""
    lines = [
        "# Scale benchmark", "",
        "Script: [scale.py](scale.py) (`python benchmarks/scale.py`), corpora from [synthetic.py](synthetic.py).",
        "",
        f"Recorded on {date}: {machine}, BLAS/OpenMP pinned to one thread. The machine was shared with other "
        f"jobs (load average {load:.1f} at the end of the run), so absolute times are noisy; the ratio to the "
        "floor, measured in the same run on the same input, is the figure to compare.",
        "",
        "Each step is the command a user types, in a fresh process (interpreter start-up and imports included); "
        "its floor is the least work that gives the same output with the same libraries (see the `floor_*` "
        "functions). CPU is the process's user + system time, peak RSS its `ru_maxrss` (both from `wait4`). "
        "Ratio and growth (time at this size / time at the previous size) use CPU time, which a shared machine "
        "disturbs less than wall time. Pairs: candidate pairs of the corpus; for `evaluate` rows, pairs scored.",
        "",
        "Goal met: checked by `Goal.misses` on the row of the size the goal names (time = wall time).",
        "",
        "| step | documents | pairs | time | CPU | peak RSS | floor time | floor CPU | floor RSS | ratio (CPU) | growth (CPU) | goal | goal met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    checks = {s.name: s.check for s in steps(Path(), Path())}
    previous: dict[str, float] = {}
    for r in results:
        growth = r["cpu"] / previous[r["step"]] if r["step"] in previous else None
        previous[r["step"]] = r["cpu"]
        floor, goal = r["floor"], checks.get(r["step"])
        met = "—"
        if goal is not None and goal.documents == r["documents"]:
            misses = goal.misses(r, growth)
            met = "no: " + "; ".join(misses) if misses else "yes"
        lines.append(
            f"| {r['step']} | {r['documents']:,} | {r['pairs']} | {r['seconds']:.2f} s | {r['cpu']:.2f} s | "
            f"{mb(r['peak_mb'])} | {floor['seconds']:.2f} s | {floor['cpu']:.2f} s | {mb(floor['peak_mb'])} | "
            f"{r['cpu'] / floor['cpu']:.2f} | {'—' if growth is None else f'{growth:.1f}×'} | {r['goal']} | {met} |")
    return "\n".join(lines + [""] + extra) + "\n"


def compile_package() -> None:
    """Byte-compile the installed actorstance, as installing a package does, so that the timed processes
    load it as a user's would; with ``PYTHONDONTWRITEBYTECODE`` set (as on the machine of the committed
    figures) every timed process would otherwise compile the whole package from source again."""
    from importlib.util import find_spec

    package = find_spec("actorstance").submodule_search_locations[0]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SOURCE_DATE_EPOCH")}
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "actorstance-scale")
    parser.add_argument("--steps", nargs="+", help="only steps whose name starts with one of these")
    parser.add_argument("--output", type=Path, default=HERE / "scale.md")
    parser.add_argument("--render", action="store_true", help="only re-render --output from the JSON next to it")
    parser.add_argument("--floor", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        FLOORS[args.floor[0]](*args.floor[1:])
        return
    record = args.output.with_suffix(".json")
    if args.render:
        saved = json.loads(record.read_text(encoding="utf-8"))
        args.output.write_text(render(saved["results"], saved["load"], saved["extra"], saved["date"], saved["machine"]),
                               encoding="utf-8")
        return
    compile_package()
    results: list[dict] = []
    for documents in args.sizes:
        corpus = corpus_for(args.cache, documents)
        work = args.cache / f"work-{documents}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        for step in steps(corpus, work):
            if step.sizes is not None and documents not in step.sizes:
                continue
            if args.steps and not step.name.startswith(tuple(args.steps)) and (
                    step.floor is not None or not any(name.startswith("evaluate") for name in args.steps)):
                continue  # a setup step (no floor) runs only for the evaluate steps that need it
            run = measure(step.command)
            if step.floor is None:
                continue
            floor = measure(step.floor)
            pairs = count_pairs(work / "dataset") if (work / "dataset").is_dir() else {}
            scored = work / "predictions.jsonl"
            n_pairs = (sum(1 for _ in open(scored, "rb")) if step.name.startswith("evaluate candidates")
                       else pairs.get("candidates", 0))
            row = {"step": step.name, "documents": documents, "seconds": run.seconds, "cpu": run.cpu_seconds,
                   "peak_mb": run.peak_mb, "pairs": f"{n_pairs:,}" if n_pairs else "—", "goal": step.goal,
                   "floor": {"seconds": floor.seconds, "cpu": floor.cpu_seconds, "peak_mb": floor.peak_mb}}
            results.append(row)
            print(f"{step.name:55s} {documents:>7,} docs  {run.seconds:8.2f} s {run.cpu_seconds:8.2f} cpu "
                  f"{run.peak_mb:8.0f} MB   floor {floor.seconds:7.2f} s {floor.cpu_seconds:7.2f} cpu "
                  f"{floor.peak_mb:6.0f} MB", flush=True)
    help_run = min((measure([*CLI, "--help"]) for _ in range(5)), key=lambda r: r.seconds)
    bare = min((measure([sys.executable, "-c", "import click"]) for _ in range(5)), key=lambda r: r.seconds)
    extra = [f"`actorstance --help` (fresh process, best of 5): {help_run.seconds:.2f} s, {mb(help_run.peak_mb)} "
             f"(goal ≤ 0.3 s); floor `python -c 'import click'`: {bare.seconds:.2f} s."]
    print(extra[0])
    results.sort(key=lambda r: ([s.name for s in steps(Path(), Path())].index(r["step"]), r["documents"]))
    saved = {"date": time.strftime("%Y-%m-%d", time.gmtime()), "load": os.getloadavg()[0], "extra": extra,
             "machine": f"{os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}",
             "results": results}
    record.write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    args.output.write_text(render(results, saved["load"], extra, saved["date"], saved["machine"]), encoding="utf-8")


if __name__ == "__main__":
    main()
