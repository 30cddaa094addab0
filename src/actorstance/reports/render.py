"""Write a benchmark's output folder from a :class:`BenchmarkResult` — rendering only.

Layout (``SLUG`` is one folder per dataset, e.g. ``dataset-pairs-test``)::

    results.json                    the result, as computed (the only source of every number below)
    report.md                       leaderboard, paired comparisons, per-class F1, notes; links the rest
    SLUG/per_class_f1.png           per-class F1 with 95% intervals, every model
    SLUG/confusion.png              one confusion matrix per model
    SLUG/network.png                stance network: gold beside the best model's predictions
    SLUG/network-gold.graphml|gexf  the gold network, for Gephi
    SLUG/network-best.graphml|gexf  the best model's network (edges carry gold and correct)
    SLUG/samples-NAME.jsonl         per-sample log of each openai: model (raw answers, invalid reasons)

The folder is written atomically: a failure leaves the previous output as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from actorstance.atomic import atomic_dir, check_output_dir, write_bytes_atomic
from actorstance.reports.results import BenchmarkResult, DatasetBenchmark

RESULTS_FILE = "results.json"
REPORT_FILE = "report.md"


def write_benchmark(result: BenchmarkResult, output: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``results.json`` and render it into ``output`` (replaced whole, atomically).

    Refuses to replace an existing folder that is not an earlier benchmark output
    (:func:`actorstance.atomic.atomic_dir`), so a mistyped ``--output .`` never deletes anything;
    ``inputs`` (dataset folders, predictions files) may not overlap ``output``.
    """
    output = Path(output)
    with atomic_dir(output, command="benchmark", inputs=inputs) as tmp:
        result.write(tmp / RESULTS_FILE)
        render_folder(result, tmp)
    return output / REPORT_FILE


def check_output_folder(output: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse a benchmark ``--output`` before the benchmark runs (the checks of :func:`write_benchmark`)."""
    check_output_dir(output, command="benchmark", inputs=inputs)


def render_folder(result: BenchmarkResult, folder: str | Path) -> None:
    """Render ``report.md``, the plots and the network files of ``result`` into ``folder``."""
    from actorstance.reports.extraction import extraction_section, extraction_title
    from actorstance.reports.markdown import render_report

    folder = Path(folder)
    files = {d.slug: render_dataset(d, folder) for d in result.datasets}
    sections = [(extraction_title(b), extraction_section(b)) for b in result.extraction]
    write_bytes_atomic(folder / REPORT_FILE, render_report(result, files=files, sections=sections).encode("utf-8"))


def render_dataset(d: DatasetBenchmark, folder: Path) -> dict[str, str]:
    """Plots and network files of one dataset; returns their paths relative to ``folder``."""
    from actorstance.reports.network import stance_network, write_network
    from actorstance.reports.plots import confusion_png, networks_png, per_class_f1_png

    out = folder / d.slug
    out.mkdir(parents=True, exist_ok=True)
    files = {key: f"{d.slug}/{name}" for key, name in (
        ("per_class_f1", "per_class_f1.png"), ("confusion", "confusion.png"), ("network", "network.png"),
        ("gold_graphml", "network-gold.graphml"), ("gold_gexf", "network-gold.gexf"),
        ("best_graphml", "network-best.graphml"), ("best_gexf", "network-best.gexf"))}
    title = f"{d.path} · {d.config} · {d.split} (n = {d.n})"

    per_class_f1_png(folder / files["per_class_f1"], labels=d.labels, title=f"Per-class F1 — {title}", models=[
        (m.name, {row.label: {"value": row.f1, "ci_low": m.per_class_f1[row.label].ci_low,
                              "ci_high": m.per_class_f1[row.label].ci_high} for row in m.result.per_class})
        for m in d.models])
    confusion_png(folder / files["confusion"], labels=d.labels, columns=[*d.labels, "(abstained)"],
                  title=f"Confusion matrices — {title}",
                  matrices=[(m.name, [[*row, abstained] for row, abstained in
                                      zip(m.result.confusion.matrix, m.result.confusion.abstained)])
                            for m in d.models])

    rows = [{**p.model_dump(), "label": p.gold} for p in d.pairs]
    best = d.best_model
    gold = stance_network(rows, name="gold")
    predicted = stance_network(rows, predictions=dict(zip((p.id for p in d.pairs), best.predictions)), name=d.best)
    networks_png(folder / files["network"], [("gold", gold), (f"predicted by {d.best}", predicted)])
    for graph, prefix in ((gold, "gold"), (predicted, "best")):
        write_network(graph, folder / files[f"{prefix}_graphml"])
        write_network(graph, folder / files[f"{prefix}_gexf"])
    for m in d.models:
        if m.samples is not None:
            from actorstance.models.llm.samples import write_sample_log

            files[f"samples:{m.name}"] = f"{d.slug}/{samples_file_name(m.name)}"
            write_sample_log(folder / files[f"samples:{m.name}"], m.samples)
    return files


def samples_file_name(model_name: str) -> str:
    """``samples-NAME.jsonl`` with NAME made file-safe.

    >>> samples_file_name("openai:llama3:8b,k_shot=4")
    'samples-openai-llama3-8b-k_shot-4.jsonl'
    """
    import re

    return "samples-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", model_name).strip("-.") + ".jsonl"
