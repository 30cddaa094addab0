"""``import``: other corpora → a canonical annotation folder."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command


@command(name="import")
@click.argument("format_name", metavar="FORMAT")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write (replaced whole, atomically; refused if it holds files an import never writes).")
def import_(format_name: str, path: Path, output: Path) -> None:
    """Import the corpus at PATH, in FORMAT (seesaw), into a canonical annotation folder.

    Writes OUTPUT/<doc_id>.json, OUTPUT/texts/<doc_id>.txt, OUTPUT/splits.json and OUTPUT/corpus.json
    (the name, licence and citation the dataset card will carry), ready for
    `actorstance validate`, `convert` and the dataset builder. Prints what was kept, mapped and
    skipped by rule (docs/importing-seesaw.md); a malformed record is an error naming its file and JSON path.

    Example: actorstance import seesaw ../shared/seesaw --output out/seesaw/annotations
    (out/ is git-ignored: SEESAW is CC BY-NC-SA and is never committed).
    """
    from actorstance.importers import IMPORTERS

    if format_name not in IMPORTERS:
        raise click.BadParameter(f"{format_name!r} is not a known format; use one of: {', '.join(sorted(IMPORTERS))}",
                                 param_hint="FORMAT")
    report = IMPORTERS[format_name](path, output)
    click.echo(report.render())
