"""``benchmark`` and ``graph``: comparison reports and stance networks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actorstance.atomic import check_output_file
from actorstance.cli._common import command
from actorstance.cli.llm import llm_cache_options, llm_defaults
from actorstance.cli.options import config_option, dataset_option, split_option
from actorstance.cli.params import DATASET_REF, NAMED_FILE, RESAMPLES, SEED
from actorstance.layout import DEFAULT_DATASET
from actorstance.plural import plural


@command()
@click.option("--dataset", "datasets", multiple=True, type=DATASET_REF,
              help=f"Built dataset folder, repeatable (default: {DEFAULT_DATASET}; config pairs, split test).")
@click.option("--model", "models", multiple=True, metavar="SPEC",
              help="Also run this model (baseline:NAME, openai:MODEL[,KEY=VALUE...] or package.module:attr), "
                   "repeatable.")
@click.option("--predictions", multiple=True, type=NAMED_FILE,
              help="Also score this predictions file under NAME, repeatable.")
@click.option("--bootstrap", default=1000, show_default=True, type=RESAMPLES,
              help="Bootstrap resamples for intervals and paired comparisons (0: none; at most 100000).")
@click.option("--seed", default=0, show_default=True, type=SEED,
              help="Seeds the bootstrap and every model's training.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--task", default="pairs", show_default=True, type=click.Choice(["pairs", "extraction"]),
              help="pairs: the pair task, plus an extraction section with the extraction baselines; extraction: "
                   "only extraction (--model and --predictions are extraction models and files).")
@click.option("--setting", "settings", multiple=True, type=click.Choice(["raw", "oracle-actors"]),
              help="With --task extraction: the setting(s) to score (default: both; exactly one with --predictions).")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write (replaced whole, atomically): results.json, report.md, plots, networks.")
@llm_cache_options
def benchmark(datasets: tuple, models: tuple[str, ...], predictions: tuple[tuple[str, Path], ...], bootstrap: int,
              seed: int, quiet: bool, task: str, settings: tuple[str, ...], output: Path, no_cache: bool,
              llm_cache: Path | None) -> None:
    """Compare every registered baseline, plus given models and predictions files, on each dataset.

    Every model is scored as `actorstance evaluate` scores it (f1_pn, macro_f1, accuracy with 95%
    bootstrap intervals) and compared by a paired bootstrap over the same resamples with the
    reference: the best row-level model (a transductive model, marked †, is compared with it too);
    each gets a verdict — worse, not distinguishable or better (Holm-adjusted p < 0.05). Writes OUTPUT/results.json, then renders from it OUTPUT/report.md (leaderboard,
    paired comparisons, per-class F1, notes on what the sample size allows), PNG plots and the
    stance network as GraphML and GEXF; an openai:MODEL's per-sample log goes to
    SLUG/samples-NAME.jsonl. Set SOURCE_DATE_EPOCH for byte-identical reruns (an LLM's
    accounting of requests, cache hits and time differs between a first run and a rerun).
    Progress goes to stderr when it is a terminal.
    """
    from actorstance.reports.benchmark import run_benchmark
    from actorstance.reports.render import check_output_folder, write_benchmark

    inputs = [ref.folder for ref in datasets] or [Path(DEFAULT_DATASET)]
    inputs += [path for _, path in predictions]
    check_output_folder(output, inputs)
    if settings and task != "extraction":
        raise click.UsageError("--setting applies to --task extraction only")
    result = run_benchmark(datasets or [Path(DEFAULT_DATASET)], models=models, predictions=predictions,
                           n_resamples=bootstrap, seed=seed, progress=not quiet and sys.stderr.isatty(),
                           llm_defaults=llm_defaults(no_cache, llm_cache), task=task, settings=settings or None)
    report = write_benchmark(result, output, inputs=inputs)
    for d in result.datasets:
        top = "" if d.best == d.reference.name else f"; best {d.best} † (f1_pn {_value(d.best_model.result)})"
        click.echo(f"{d.path}:{d.config}:{d.split}: {len(d.models)} models on {d.n} pairs{top}; reference "
                   f"{d.reference.name} ({REFERENCE_RULES[d.reference.rule]}, f1_pn {_value(d.reference_model.result)})"
                   f": {_verdicts(d.models)} (worse/better: Holm-adjusted p of Δ f1_pn below 0.05)")
    for b in result.extraction:
        best = "no model ran" if b.best is None else f"best {b.best} (f1_pn {_value(b.models[0].result)})"
        click.echo(f"{b.path}:documents:{b.split} (extraction, {b.setting}): {plural(len(b.models), 'model')} on "
                   f"{plural(b.n_documents, 'document')}; {best}"
                   + (f"; not run: {', '.join(n.name for n in b.not_run)}" if b.not_run else ""))
    click.echo(f"wrote {report}")


#: How the summary line names the rule that picked the reference.
REFERENCE_RULES = {"best-row-level": "best row-level", "best-transductive": "best; no row-level model ran",
                   "best": "best"}


def _verdicts(models) -> str:
    """``1 worse, 0 better, 6 not distinguishable`` over the models compared with the reference."""
    counts = {v: sum(m.verdict == v for m in models) for v in ("worse", "better", "not distinguishable")}
    return ", ".join(f"{n} {v}" for v, n in counts.items())


def _value(result) -> str:
    value = result.metrics["f1_pn"].value
    return "undefined" if value is None else f"{value:.3f}"


@command()
@dataset_option()
@config_option("pairs: annotated stances; candidates: plus 'none' pairs (drawn without an edge).")
@split_option("Split to draw.")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: .graphml or .gexf (Gephi, yEd...) or .png (a drawing).")
def graph(dataset: Path, config: str, split: str, output: Path) -> None:
    """Export the gold stance network of a split: actors as nodes, one directed edge per stance.

    The format follows the extension of --output: .graphml, .gexf (with edge colours) or .png.
    Edges carry the label, its colour and the document id; their key is the pair id.
    """
    from actorstance.reports.network import check_network_path, split_network, write_network

    check_network_path(output)
    check_output_file(output, inputs=[dataset])
    network = split_network(dataset, config, split)
    write_network(network, output)
    click.echo(f"wrote {output}: {network.number_of_nodes()} actors, {network.number_of_edges()} stance edges "
               f"(config '{config}', split '{split}')")
