"""An :class:`~actorstance.evaluation.results.EvaluationResult` as a plain-text table (what
``actorstance evaluate`` prints). Rendering only: every number comes from the result."""

from __future__ import annotations

from actorstance.evaluation.results import EvaluationResult

#: Shown for an undefined value (``null`` in the JSON).
UNDEFINED = "—"


def _num(value: float | None, digits: int = 3) -> str:
    return UNDEFINED if value is None else f"{value:.{digits}f}"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """Columns two spaces apart; ``align`` gives ``l``/``r`` per column (default: first left, others right)."""
    align = align or "l" + "r" * (len(header) - 1)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(widths[i]) if align[i] == "l" else cell.rjust(widths[i])
                      for i, cell in enumerate(row)).rstrip()
            for row in [header, *rows]]


def model_lines(result) -> list[str]:
    """What made the predictions of a result (pair or extraction): the model and its training, or the file."""
    if result.model.kind != "model":
        return [f"predictions {result.model.predictions_path}"]
    what = [f"model {result.model.spec}"]
    if result.training is not None:
        what.append(f"training: {result.training.description}")
    return what


def render_table(result: EvaluationResult) -> str:
    """Metrics with 95% intervals, per-class scores and the confusion matrix, as text.

    Undefined values (e.g. precision of a label never predicted) print as ``—``.
    """
    ds, boot = result.dataset, result.bootstrap
    what = model_lines(result)
    units = f"{boot.n_units} {boot.unit}"
    lines = [
        *what,
        f"dataset {ds.path} · config {ds.config} · split {ds.split} · version {ds.version or UNDEFINED}",
        f"{result.n} pairs · {result.abstentions} abstentions (scored as wrong)",
        *_inference_lines(result),
        "",
    ]
    level = f"{round(boot.confidence * 100)}% CI"
    metric_rows = []
    for name, metric in result.metrics.items():
        interval = UNDEFINED if metric.ci_low is None else f"[{_num(metric.ci_low)}, {_num(metric.ci_high)}]"
        over = "pairs" if metric.labels is None else ", ".join(metric.labels) or "none (undefined)"
        metric_rows.append([name, _num(metric.value), interval, over])
    lines += _table(["metric", "value", level, "averaged over"], metric_rows, align="lrrl")
    if boot.n_resamples:
        one_doc = " (one document: pairs resampled)" if boot.unit == "pairs" else ""
        lines.append(f"percentile bootstrap: {boot.n_resamples} resamples of {units}{one_doc}, seed {boot.seed}")
        for name, metric in result.metrics.items():
            if metric.undefined_resamples:
                lines.append(f"{name} undefined on {metric.undefined_resamples} resamples (left out of its interval)")
    else:
        lines.append("no bootstrap (--bootstrap 0): no intervals")
    lines.append("")
    lines += _table(["label", "precision", "recall", "f1", "support", "predicted"],
                    [[row.label, _num(row.precision), _num(row.recall), _num(row.f1), str(row.support),
                      str(row.predicted)] for row in result.per_class])
    lines.append("")
    conf = result.confusion
    lines.append("confusion (rows: gold, columns: predicted)")
    lines += _table(["gold \\ predicted", *conf.labels, "abstained"],
                    [[label, *map(str, conf.matrix[i]), str(conf.abstained[i])] for i, label in enumerate(conf.labels)])
    return "\n".join(lines) + "\n"


def _inference_lines(result: EvaluationResult) -> list[str]:
    """What an ``openai:`` model did: template, answers (invalid ones by reason) and accounting."""
    info = result.inference
    if info is None:
        return []
    invalid = sum(info.invalid.values())
    reasons = ", ".join(f"{reason} {n}" for reason, n in info.invalid.items())
    cost = "" if info.cost is None else f" · cost {info.cost:.4f}"
    return [f"LLM {info.model} at {info.base_url_host} · template {info.template} {info.template_version} · "
            f"k_shot {info.k_shot} · seed {info.seed} · temperature {info.temperature:g} · "
            f"response_format {info.response_format}",
            f"answers: {info.valid} valid, {invalid} invalid{f' ({reasons})' if reasons else ''} (abstentions)",
            f"{info.requests} requests · {info.cache_hits} cache hits · {info.retries} retries · "
            f"{info.prompt_tokens} prompt + {info.completion_tokens} completion tokens{cost} · "
            f"{info.wall_seconds:.1f} s"]
