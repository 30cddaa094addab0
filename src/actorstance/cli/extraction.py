"""The extraction task's side of ``evaluate``, ``predict`` and ``benchmark`` (``--task extraction``)."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import show_result, write_run_sample_log
from actorstance.plural import plural


def evaluate_extraction_command(dataset: Path, *, predictions: Path | None, model: str | None, split: str,
                                setting: str, bootstrap: int, seed: int, train: tuple | None, output: Path | None,
                                as_json: bool, llm_defaults: dict) -> None:
    from actorstance.extraction import evaluate_extraction
    from actorstance.extraction.render import render_extraction_table
    from actorstance.models.llm.samples import sample_log_path

    log = None if output is None else sample_log_path(output)
    result = evaluate_extraction(dataset, predictions=predictions, model=model, split=split, setting=setting,
                                 bootstrap=bootstrap, seed=seed, train=training_documents(train),
                                 llm_defaults=llm_defaults, sample_log=log)
    show_result(result, output=output, log=log, as_json=as_json, render=render_extraction_table)


def predict_extraction_command(dataset: Path, *, model: str, split: str, setting: str, seed: int, train: tuple | None,
                               output: Path, llm_defaults: dict) -> None:
    from actorstance.extraction import predict_extraction, write_extraction_predictions

    docs = training_documents(train)
    run = predict_extraction(dataset, model=model, split=split, setting=setting, seed=seed, train=docs,
                             train_external=docs is not None, llm_defaults=llm_defaults)
    n = write_extraction_predictions(output, run.data.doc_ids, run.stances)
    triplets = sum(len(s) for s in run.stances)
    click.echo(f"wrote {triplets} triplets for {plural(n, 'document')} of config 'documents', split '{split}' "
               f"(setting {setting}) to {output}; training: {run.protocol.description}")
    write_run_sample_log(output, run)


def training_documents(train: tuple | None):
    """Parsed ``--train DATASET[:documents:SPLIT]`` → the documents split to fit on."""
    if train is None:
        return None
    from actorstance.extraction import load_documents

    folder, config, split = train
    if config not in (None, "documents"):
        raise click.UsageError(f"--train ...:{config}:{split}: --task extraction trains on documents. "
                               "Fix: write DATASET or DATASET:documents:SPLIT")
    return load_documents(folder, split)
