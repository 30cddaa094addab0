"""``evaluate`` and ``predict``: score a model or a predictions file on a split of a built dataset."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.atomic import check_output_file
from actorstance.cli._common import command, show_result, write_run_sample_log
from actorstance.cli.llm import MODEL_HELP, llm_cache_options, llm_defaults
from actorstance.cli.options import config_option, dataset_option, split_option, train_option
from actorstance.cli.params import RESAMPLES, SEED

_config = config_option("pairs: annotated stances; candidates: plus 'none' pairs.")
_split = split_option("Split to score.")
_seed = click.option("--seed", default=0, show_default=True, type=SEED,
                     help="Seeds the bootstrap and the model's training (random_state).")
_task = click.option("--task", default="pairs", show_default=True, type=click.Choice(["pairs", "extraction"]),
                     help="pairs: label given pairs; extraction: produce the triplets of whole documents "
                          "(docs/extraction.md).")
_setting = click.option("--setting", default="raw", show_default=True, type=click.Choice(["raw", "oracle-actors"]),
                        help="Extraction only. raw: the system sees doc_id and text; oracle-actors: also the gold "
                             "actors.")


@command()
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON lines file of {\"id\", \"label\"[, \"scores\"]}, one line per pair of the split.")
@click.option("--model", help=MODEL_HELP)
@dataset_option()
@_config
@_split
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result JSON here (replaced atomically).")
@click.option("--bootstrap", default=1000, show_default=True, type=RESAMPLES,
              help="Bootstrap resamples for the 95% intervals (0: no intervals; at most 100000).")
@_seed
@train_option
@_task
@_setting
@click.option("--json", "as_json", is_flag=True, help="Print the result JSON instead of the table.")
@llm_cache_options
def evaluate(predictions: Path | None, model: str | None, dataset: Path, config: str, split: str,
             output: Path | None, bootstrap: int, seed: int, train: tuple | None, task: str, setting: str,
             as_json: bool, no_cache: bool, llm_cache: Path | None) -> None:
    """Score predictions on a split: f1_pn, macro_f1, accuracy with 95% CIs.

    Give exactly one of --predictions FILE (JSON lines, one per pair of the split; "label": null
    abstains) or --model SPEC (run the model first). Every pair of the split is scored; a file
    with missing, unknown or duplicate ids, unknown labels or malformed lines is rejected with
    every problem listed. Intervals are a seeded percentile bootstrap over documents.

    A --model is fitted on the dataset's train split (or --train data), or cross-validated over
    the scored split; the result records how. An openai:MODEL also records its prompts, outcomes
    and token accounting, and with --output writes its per-sample log beside the result
    (NAME.samples.jsonl). Prints a table (or the JSON with --json). Exit codes: 0 scored; 1 bad
    input or an unusable server (message on stderr); 2 usage error.

    With --task extraction, the predictions are one line per document of the split,
    {"doc_id", "stances": [{"source", "target", "label"}]}, scored in the --setting (raw or
    oracle-actors) against the documents config: pair, triplet and per-label scores, the
    direction-swap rate and the alignment of every predicted name (docs/extraction.md).
    """
    from actorstance.evaluation import evaluate as run_evaluation, render_table

    if (predictions is None) == (model is None):
        raise click.UsageError("give exactly one of --predictions FILE or --model SPEC")
    if train is not None and predictions is not None:
        raise click.UsageError("--train applies to --model only: a predictions file is already made")
    if output is not None:  # refused before any work, not after the model ran
        check_output_file(output, inputs=[dataset, predictions, train[0] if train else None])
    _check_task_options(task, config, setting)
    if task == "extraction":
        from actorstance.cli.extraction import evaluate_extraction_command

        evaluate_extraction_command(dataset, predictions=predictions, model=model, split=split, setting=setting,
                                    bootstrap=bootstrap, seed=seed, train=train, output=output, as_json=as_json,
                                    llm_defaults=llm_defaults(no_cache, llm_cache))
        return

    from actorstance.models.llm.samples import sample_log_path

    log = None if output is None else sample_log_path(output)
    result = run_evaluation(dataset, predictions=predictions, model=model, config=config, split=split,
                            bootstrap=bootstrap, seed=seed, train=_training_data(train, config),
                            llm_defaults=llm_defaults(no_cache, llm_cache), sample_log=log)
    show_result(result, output=output, log=log, as_json=as_json, render=render_table)


@command()
@click.option("--model", required=True, help=MODEL_HELP)
@dataset_option()
@_config
@_split
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Predictions JSON lines file to write (replaced atomically).")
@_seed
@train_option
@_task
@_setting
@llm_cache_options
def predict(model: str, dataset: Path, config: str, split: str, output: Path, seed: int, train: tuple | None,
            task: str, setting: str, no_cache: bool, llm_cache: Path | None) -> None:
    """Run a model on a split and write its predictions (JSON lines), without scoring.

    The file is what `actorstance evaluate --predictions` reads, so scoring can be repeated
    without rerunning the model. Lines are sorted by id; abstentions are written as
    "label": null. With --task extraction: one line per document with its triplets. An
    openai:MODEL also writes its per-sample log (raw answer, parsed label or invalid reason,
    latency, cached) beside it as NAME.samples.jsonl.
    """
    from actorstance.evaluation import predict as run_model, write_predictions

    check_output_file(output, inputs=[dataset, train[0] if train else None])
    _check_task_options(task, config, setting)
    if task == "extraction":
        from actorstance.cli.extraction import predict_extraction_command

        predict_extraction_command(dataset, model=model, split=split, setting=setting, seed=seed, train=train,
                                   output=output, llm_defaults=llm_defaults(no_cache, llm_cache))
        return

    run = run_model(dataset, model=model, config=config, split=split, seed=seed, train=_training_data(train, config),
                    llm_defaults=llm_defaults(no_cache, llm_cache))
    n = write_predictions(output, run.data.ids, run.labels)
    click.echo(f"wrote {n} predictions ({run.abstentions} abstentions) for config '{config}', split '{split}' "
               f"to {output}; training: {run.protocol.description}")
    write_run_sample_log(output, run)


def _check_task_options(task: str, config: str, setting: str) -> None:
    ctx = click.get_current_context()
    given = lambda name: ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT  # noqa: E731
    if task == "extraction" and given("config"):
        raise click.UsageError("--config applies to --task pairs only: extraction is scored on the documents config")
    if task == "pairs" and given("setting"):
        raise click.UsageError("--setting applies to --task extraction only")


def _training_data(train: tuple | None, config: str):
    """Parsed ``--train DATASET[:CONFIG:SPLIT]`` → training data (CONFIG defaults to the evaluated one)."""
    if train is None:
        return None
    from actorstance.evaluation import load_training_data

    folder, train_config, train_split = train
    if train_config == "documents":
        raise click.UsageError("--train DATASET:documents:SPLIT is training data for --task extraction; the pair "
                               "task trains on pairs or candidates")
    return load_training_data(folder, train_config or config, train_split)
