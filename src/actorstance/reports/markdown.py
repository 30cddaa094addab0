"""``report.md``: a benchmark result rendered as GitHub-flavoured Markdown — rendering only.

Every number comes from the :class:`~actorstance.reports.results.BenchmarkResult`; the only
arithmetic here is presentation (rounding, the half-width of an interval read from the result).
Text that comes from data — actor names, labels, model and file names — goes through
:func:`escape` (:func:`actorstance.escaping.markdown`), so ``|``, ``*``, ``_``, ``<script>``,
control and bidi-override characters render as the characters they are, or not at all.
"""

from __future__ import annotations

import re
import shlex
from typing import Sequence

from actorstance.escaping import markdown as escape, markdown_code as code, markdown_fenced
from actorstance.plural import plural
from actorstance.reports.cells import TRANSDUCTIVE_MARK, TRANSDUCTIVE_NOTE, UNDEFINED, num, table, with_ci
from actorstance.reports.comparison_text import pair_comparisons
from actorstance.reports.results import BenchmarkResult, DatasetBenchmark, ModelEntry

#: How many misclassified pairs of the best model the report lists per dataset.
MAX_ERRORS = 25
#: Labels with fewer gold pairs than this get a warning in the notes.
FEW_PAIRS = 10


def render_report(result: BenchmarkResult, *, files: dict[str, dict[str, str]],
                  sections: Sequence[tuple[str, list[str]]] = ()) -> str:
    """The whole ``report.md``. ``files`` maps each dataset's slug to its plots and network files
    (``{"per_class_f1": "slug/per_class_f1.png", ...}``), relative to the report; ``sections``
    are further ``(title, lines)`` appended after the datasets (the extraction sections of
    :mod:`actorstance.reports.extraction`)."""
    s = result.settings
    lines = [
        "# Benchmark report",
        "",
        f"Written by `actorstance benchmark` on {result.created}. Every number is read from "
        "[results.json](results.json), where each model's result is exactly what `actorstance evaluate` "
        "writes for it. Intervals are 95% percentile-bootstrap intervals "
        f"({s.n_resamples} resamples, seed {s.seed}); the same resamples are used for every model, so the "
        "paired comparisons below compare models on identical resampled data.",
        "",
    ]
    lines += ["To reproduce it (same inputs and library versions give the same bytes):", "",
              *fenced(reproduce_command(result), "bash"), ""]
    if not s.n_resamples:
        lines += ["**No bootstrap was run (`--bootstrap 0`): there are no intervals, and no difference below "
                  "can be told from chance.**", ""]
    lines += ["Datasets:", ""]
    lines += [f"- [{escape(_title(d))}](#{_anchor(_title(d))})" for d in result.datasets]
    lines += [f"- [{escape(title)}](#{_anchor(title)})" for title, _ in sections]
    for d in result.datasets:
        lines += [""] + _dataset_section(d, result, files.get(d.slug, {}))
    for _, section in sections:
        lines += [""] + section
    return "\n".join(lines).rstrip("\n") + "\n"


def reproduce_command(result: BenchmarkResult) -> str:
    """The ``actorstance benchmark`` command line that writes this result again (output: ``OUTPUT``)."""
    from datetime import datetime, timezone

    created = datetime.strptime(result.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    args = [f"SOURCE_DATE_EPOCH={int(created.timestamp())}", "actorstance", "benchmark"]
    if result.settings.task == "extraction":
        return " ".join(shlex.quote(arg) if i else arg for i, arg in enumerate(args + _extraction_args(result)))
    for d in result.datasets:
        args += ["--dataset", d.path if (d.config, d.split) == ("pairs", "test") else f"{d.path}:{d.config}:{d.split}"]
    first = result.datasets[0].models if result.datasets else []
    for m in sorted(first, key=lambda m: m.name):
        if m.source == "model":
            args += ["--model", m.result.model.spec]
        elif m.source == "predictions":
            args += ["--predictions", f"{m.name}={m.result.model.predictions_path}"]
    args += ["--bootstrap", str(result.settings.n_resamples), "--seed", str(result.settings.seed), "--output", "OUTPUT"]
    return " ".join(shlex.quote(arg) if i else arg for i, arg in enumerate(args))


def _extraction_args(result: BenchmarkResult) -> list[str]:
    args = ["--task", "extraction"]
    for path, split in dict.fromkeys((b.path, b.split) for b in result.extraction):
        args += ["--dataset", path if split == "test" else f"{path}:documents:{split}"]
    for setting in dict.fromkeys(b.setting for b in result.extraction):
        args += ["--setting", setting]
    first = result.extraction[0].models if result.extraction else []
    for m in sorted(first, key=lambda m: m.name):
        if m.source == "model":
            args += ["--model", m.result.model.spec]
        elif m.source == "predictions":
            args += ["--predictions", f"{m.name}={m.result.model.predictions_path}"]
    return args + ["--bootstrap", str(result.settings.n_resamples), "--seed", str(result.settings.seed),
                   "--output", "OUTPUT"]


def fenced(text: str, info: str = "") -> list[str]:
    """A fenced code block that no backtick run inside ``text`` can close early."""
    return markdown_fenced(text, info)


def _title(d: DatasetBenchmark) -> str:
    return f"{d.path} · config {d.config} · split {d.split}"


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _dataset_section(d: DatasetBenchmark, result: BenchmarkResult, files: dict[str, str]) -> list[str]:
    docs = plural(d.n_documents, "document")
    lines = [f"## {escape(_title(d))}", "",
             f"{d.n} pairs from {docs}; dataset version {code(d.version) if d.version else UNDEFINED}; labels "
             + ", ".join(code(label) for label in d.labels) + ".", ""]
    lines += _leaderboard(d) + [""] + pair_comparisons(d) + [""] + _per_class(d, files) + [""]
    lines += _llm_runs(d, files) + _confusions(files) + _network(d, files) + _notes(d, result)
    return lines


def _llm_runs(d: DatasetBenchmark, files: dict[str, str]) -> list[str]:
    """One row per openai: model: prompt, answers (invalid ones are abstentions) and accounting."""
    runs = [m for m in d.models if m.result.inference is not None]
    if not runs:
        return []
    rows = []
    for m in runs:
        info = m.result.inference
        invalid = ", ".join(f"{reason} {n}" for reason, n in info.invalid.items()) or "0"
        log = files.get(f"samples:{m.name}")
        rows.append([escape(m.name), escape(f"{info.template} {info.template_version}"), str(info.k_shot),
                     code(info.response_format), str(info.valid), escape(invalid), str(info.requests),
                     str(info.cache_hits), f"{info.prompt_tokens} + {info.completion_tokens}",
                     UNDEFINED if info.cost is None else f"{info.cost:.4f}",
                     f"[log]({log})" if log else UNDEFINED])
    return ["### LLM runs", "",
            "Invalid answers (unparseable, refused, empty, unknown label) are abstentions, by reason. Requests and "
            "cache hits are this run's; tokens are the server's counts for every answer used.", "",
            *table(["model", "template", "k", "response_format", "valid", "invalid", "requests", "cache hits",
                    "tokens (prompt + completion)", "cost", "per-sample log"], rows, "llrlrlrrrrl"), ""]


def _training(m: ModelEntry) -> str:
    t = m.result.training
    if t is None:
        return "predictions file"
    return t.kind + (f" ({t.n_folds} folds)" if t.n_folds else "") + (f", {t.n_train} train pairs" if t.n_train else "")


def _leaderboard(d: DatasetBenchmark) -> list[str]:
    rows = []
    for rank, m in enumerate(d.models, start=1):
        r = m.result
        cells = [with_ci(r.metrics[k].value, r.metrics[k].ci_low, r.metrics[k].ci_high)
                 for k in ("f1_pn", "macro_f1", "accuracy")]
        name = escape(m.name) + (TRANSDUCTIVE_MARK if r.model.transductive else "")
        name = f"**{name}**" if m.name == d.best else name
        rows.append([str(rank), name, *cells, str(r.n), str(r.abstentions), escape(_training(m))])
    lines = ["### Leaderboard", "", "Ranked by `f1_pn` (mean F1 of `positive` and `negative`), then `macro_f1`, then "
             "`accuracy`.", "", *table(["#", "model", "f1_pn [95% CI]", "macro_f1 [95% CI]", "accuracy [95% CI]", "n",
                                        "abstained", "training"], rows, "rllllrrl")]
    if any(m.result.model.transductive for m in d.models):
        lines += ["", f"{TRANSDUCTIVE_MARK.strip()} {TRANSDUCTIVE_NOTE}"]
    return lines


def _per_class(d: DatasetBenchmark, files: dict[str, str]) -> list[str]:
    support = {row.label: row.support for row in d.models[0].result.per_class}
    rows = [["*gold pairs*", *(str(support.get(label, 0)) for label in d.labels)]]
    for m in d.models:
        f1 = {row.label: row.f1 for row in m.result.per_class}
        rows.append([escape(m.name), *(with_ci(f1.get(label), m.per_class_f1[label].ci_low,
                                               m.per_class_f1[label].ci_high) for label in d.labels)])
    lines = ["### Per-class F1", "", *table(["model", *(escape(label) for label in d.labels)], rows,
                                           "l" + "l" * len(d.labels))]
    if "per_class_f1" in files:
        lines += ["", f"![Per-class F1 with 95% intervals]({files['per_class_f1']})"]
    return lines


def _confusions(files: dict[str, str]) -> list[str]:
    if "confusion" not in files:
        return []
    return ["### Confusion matrices", "", "Rows: gold label; columns: predicted label (last: abstained).", "",
            f"![Confusion matrices]({files['confusion']})", ""]


def _network(d: DatasetBenchmark, files: dict[str, str]) -> list[str]:
    lines = ["### Stance network", ""]
    if "network" in files:
        lines += [f"Actors as nodes; one arrow per pair, coloured by label. Left: gold; right: "
                  f"{escape(d.best)} (a dashed arrow is a wrong prediction; a pair predicted `none` or abstained on "
                  "has no arrow).", "", f"![Stance network, gold beside the best model]({files['network']})", ""]
    links = [f"[{escape(what)}]({files[key]})" for key, what in (
        ("gold_graphml", "gold GraphML"), ("gold_gexf", "gold GEXF"),
        ("best_graphml", "best model GraphML"), ("best_gexf", "best model GEXF")) if key in files]
    if links:
        lines += ["For Gephi: " + " · ".join(links) + ".", ""]
    best = d.best_model
    wrong = [(p, label) for p, label in zip(d.pairs, best.predictions) if label != p.gold]
    if wrong:
        lines += [f"Pairs {escape(d.best)} got wrong ({len(wrong)} of {d.n}"
                  + (f"; the first {MAX_ERRORS} by id" if len(wrong) > MAX_ERRORS else "") + "):", ""]
        lines += table(["source", "target", "gold", "predicted"],
                       [[escape(p.source), escape(p.target), escape(p.gold),
                         "*abstained*" if label is None else escape(label)] for p, label in wrong[:MAX_ERRORS]])
        lines.append("")
    return lines


def _notes(d: DatasetBenchmark, result: BenchmarkResult) -> list[str]:
    best = d.best_model
    boot = best.result.bootstrap
    head = best.result.metrics["f1_pn"]
    docs = plural(d.n_documents, "document")
    notes = []
    if head.ci_low is not None and head.ci_high is not None:
        half = (head.ci_high - head.ci_low) / 2
        if half == 0:
            notes.append(f"With {d.n} pairs from {docs}, every resample gives the best model the same `f1_pn` "
                         f"({num(head.value)}): the sample is too small to show any variation, which does not make "
                         "the score exact.")
        else:
            notes.append(f"With {d.n} pairs from {docs}, the best model's `f1_pn` interval is "
                         f"[{num(head.ci_low)}, {num(head.ci_high)}], a half-width of {half:.3f}: differences in "
                         f"`f1_pn` smaller than about {half:.2f} between separately reported scores are not "
                         "evidence.")
    halves = sorted((c.ci_high - c.ci_low) / 2 for m in d.models
                    for c in [m.comparisons.get("f1_pn")] if c is not None and c.ci_low is not None)
    if halves:
        median = halves[len(halves) // 2]
        notes.append(f"The paired intervals of Δ `f1_pn` above have a median half-width of {median:.3f}. They score "
                     "both models on the same resamples, so they are the yardstick for this leaderboard; a model "
                     "is only called worse or better than the reference when its Holm-adjusted p is below 0.05.")
    if boot.unit == "pairs":
        notes.append("The split has a single document, so the bootstrap resamples pairs as if they were "
                     "independent. Pairs of one article share its author, outlet and actors: the intervals describe "
                     "this article, not news in general, and are too narrow for any claim beyond it.")
    else:
        notes.append(f"The bootstrap resamples whole documents ({boot.n_units}), so the intervals account for "
                     "pairs of one article being alike; with few documents they are still rough.")
    few = [f"{code(row.label)} ({row.support})" for row in best.result.per_class if row.support < FEW_PAIRS]
    if few:
        notes.append("Labels with fewer than " f"{FEW_PAIRS} gold pairs: " + ", ".join(few) + "; one pair more or less "
                     "right moves their F1 a lot, so their per-class scores are anecdotes, not estimates.")
    kinds = sorted({m.result.training.kind for m in d.models if m.result.training is not None})
    if "pair-cv" in kinds:
        notes.append("`pair-cv`: trained models were cross-validated over pairs of the same document(s); scores "
                     "are optimistic, since pairs of one article share context and actors.")
    if not result.settings.n_resamples:
        notes.append("No bootstrap was run, so nothing here separates skill from luck.")
    return ["### What this sample allows one to conclude", "", *(f"- {note}" for note in notes)]
