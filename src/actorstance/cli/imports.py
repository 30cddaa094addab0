"""``import``: other corpora and annotation-tool exports → canonical annotation folders."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command

@command(name="import")
@click.argument("format_name", metavar="FORMAT")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write (replaced whole, atomically; refused if it holds files an import never writes).")
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path),
              help="Annotation tools only: JSON file mapping the project's span and relation labels, annotator ids "
                   "and layer names, merged over the default (docs/annotation-tools.md).")
def import_(format_name: str, path: Path, output: Path, mapping: Path | None) -> None:
    """Import the corpus or annotation-tool export at PATH, in FORMAT (seesaw, seesaw-annotators,
    label-studio, brat, inception, doccano), into canonical annotation folders.

    seesaw writes OUTPUT/<doc_id>.json, OUTPUT/texts/<doc_id>.txt, OUTPUT/splits.json and
    OUTPUT/corpus.json (docs/importing-seesaw.md); seesaw-annotators writes one such folder per SEESAW
    annotator, OUTPUT/seesaw-X/, for agreement. The annotation tools (label-studio: JSON export;
    brat: collection folder; inception: unzipped XMI project export; doccano: JSONL export) write one
    such folder per annotator, OUTPUT/<annotator>/, to validate, compare with `actorstance agree`
    and adjudicate (docs/annotation-tools.md). Prints what was kept, mapped and skipped by rule; a
    malformed export is an error naming its file, line or id and the fix, and nothing is written.

    Examples: actorstance import seesaw ../shared/seesaw --output out/seesaw/annotations;
    actorstance import label-studio project-4.json --output out/round1
    """
    from actorstance.importers import IMPORTERS, TOOL_FORMATS

    if format_name not in IMPORTERS:
        raise click.BadParameter(f"{format_name!r} is not a known format; use one of: {', '.join(sorted(IMPORTERS))}",
                                 param_hint="FORMAT")
    options = {}
    if mapping is not None:
        if format_name not in TOOL_FORMATS:
            raise click.BadParameter(f"--mapping applies to the annotation-tool formats "
                                     f"({', '.join(sorted(TOOL_FORMATS))}), not {format_name}", param_hint="--mapping")
        options["mapping"] = mapping
    report = IMPORTERS[format_name](path, output, **options)
    click.echo(report.render())
