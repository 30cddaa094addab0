"""``agree``: inter-annotator agreement between annotation folders, one per annotator."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command


@command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write agreement.json, agreement.md and disagreements.jsonl into (each replaced "
                   "atomically); data/annotations puts the figures on the dataset card.")
def agree(folders: tuple[Path, ...], output: Path | None) -> None:
    """Agreement between annotators: FOLDERS are annotation folders, one per annotator (DIR_A DIR_B ...).

    Reports two figures apart: pair identification (F1 between annotators over the directed pairs
    each marked, pooled over annotator pairs and shared documents) and label agreement on the pairs
    marked by two or more (observed; Cohen's kappa for two folders, Krippendorff's alpha for more),
    plus explicit/implied agreement. With --output also a per-document table and every
    disagreement for adjudication (Markdown and JSON lines). Documents are matched by doc id,
    actors by id; documents only one folder has are listed, not compared.
    """
    from actorstance.agreement import measure_agreement
    from actorstance.agreement.render import summary_lines, write_agreement

    if len(folders) < 2:
        raise click.UsageError("give at least two annotation folders, one per annotator: DIR_A DIR_B [DIR_C ...]")
    result = measure_agreement(folders)
    for line in summary_lines(result.summary):
        click.echo(line)
    click.echo(f"{len(result.disagreements)} disagreements")
    if output is not None:
        for path in write_agreement(result, output, inputs=folders):
            click.echo(f"wrote {path}")
