"""``export`` and ``tool-config``: annotations (and predictions) → pre-annotation files for an annotation tool."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command
from actorstance.layout import DEFAULT_ANNOTATIONS
from actorstance.plural import plural

TOOLS = ("brat", "label-studio")


@command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(TOOLS))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path),
              help="label-studio: the tasks JSON file; brat: the collection folder (replaced whole).")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="A model's predictions on the documents' candidate pairs (the `candidates` config): drawn "
                   "instead of the annotated stances.")
@click.option("--candidates", is_flag=True,
              help="Also draw every candidate pair with no stance as an unlabelled relation, to label or delete.")
@click.option("--model-version", help="Name of the pre-annotation's origin (Label Studio's model_version).")
def export(format_name: str, paths: tuple[Path, ...], output: Path, predictions: Path | None, candidates: bool,
           model_version: str | None) -> None:
    """Write the annotated documents at PATHS (default: data/annotations/) as FORMAT pre-annotations.

    Every mention becomes a region labelled with its actor's type and carrying the actor's name; the
    stances (or, with --predictions, the model's predicted stances) become relations from a source
    mention to a target mention, so annotators correct them instead of starting from nothing;
    --candidates adds every candidate pair without a stance as an unlabelled relation to label or
    delete. label-studio writes tasks with predictions for the labeling config of `actorstance tool-config
    label-studio`; brat writes DOC.txt + DOC.ann and annotation.conf. Re-import the annotators' work
    with `actorstance import FORMAT` (docs/annotation-tools.md).

    Example: actorstance export label-studio data/annotations --predictions preds.jsonl -o tasks.json
    """
    from actorstance.exporters import export_annotations

    docs = export_annotations(format_name, paths or (Path(DEFAULT_ANNOTATIONS),), output, predictions=predictions,
                              model_version=model_version, candidates=candidates)
    arrows = sum(len(d.arrows) for d in docs)
    click.echo(f"wrote {plural(len(docs), format_name + ' document')} ({plural(arrows, 'stance relation')}) "
               f"to {output}")
    for doc in docs:
        if doc.misplaced_evidence:
            click.echo(f"  {doc.doc_id}: no arrow can point at the evidence {', '.join(doc.misplaced_evidence)} "
                       "(another evidence region is smaller around every mention pair); re-imported, those "
                       "stances cite that region instead")


@command(name="tool-config")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(TOOLS))
def tool_config(format_name: str) -> None:
    """Print the annotation-tool configuration shipped with actorstance for FORMAT.

    label-studio: the labeling config (XML) to paste in a project's Settings → Labeling Interface;
    brat: the annotation.conf of a collection folder. Their label names are the defaults of
    `actorstance import` (docs/annotation-tools.md).
    """
    from actorstance.exporters import TOOL_CONFIGS

    click.echo(TOOL_CONFIGS[format_name](), nl=False)
