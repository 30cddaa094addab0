"""The extraction task's side of ``evaluate``, ``predict`` and ``benchmark`` (``--task extraction``)."""

from __future__ import annotations

from pathlib import Path

import click


def evaluate_extraction_command(dataset: Path, *, predictions: Path | None, model: str | None, split: str,
                                setting: str, bootstrap: int, seed: int, train: str | None, output: Path | None,
                                as_json: bool) -> None:
    from actorstance.extraction import evaluate_extraction
    from actorstance.extraction.render import render_extraction_table

    result = evaluate_extraction(dataset, predictions=predictions, model=model, split=split, setting=setting,
                                 bootstrap=bootstrap, seed=seed, train=training_documents(train))
    if output is not None:
        result.write(output)
    click.echo(result.to_json() if as_json else render_extraction_table(result), nl=False)
    if output is not None:
        click.echo(f"wrote {output}", err=True)


def predict_extraction_command(dataset: Path, *, model: str, split: str, setting: str, seed: int, train: str | None,
                               output: Path) -> None:
    from actorstance.extraction import predict_extraction, write_extraction_predictions

    docs = training_documents(train)
    run = predict_extraction(dataset, model=model, split=split, setting=setting, seed=seed, train=docs,
                             train_external=docs is not None)
    n = write_extraction_predictions(output, run.data.doc_ids, run.stances)
    triplets = sum(len(s) for s in run.stances)
    click.echo(f"wrote {triplets} triplets for {n} document{'s' if n != 1 else ''} of config 'documents', split '{split}' "
               f"(setting {setting}) to {output}; training: {run.protocol.description}")


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
