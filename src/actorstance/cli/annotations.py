"""``validate``, ``convert`` and ``schema``: the annotation commands."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command
from actorstance.layout import DEFAULT_ANNOTATIONS
from actorstance.plural import plural


@command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check annotation files against the schema and their texts.

    PATHS are annotation .json files or folders of them (default: data/annotations/). Prints one
    summary line per valid file; otherwise lists every problem of every file and exits 1.
    """
    from actorstance.annotations import load_annotations

    docs = load_annotations(paths or [Path(DEFAULT_ANNOTATIONS)])
    if not docs:
        raise click.ClickException(f"no annotation files found in {', '.join(map(str, paths or [DEFAULT_ANNOTATIONS]))}")
    for doc in docs:
        ann = doc.annotation
        click.echo(f"{doc.path}: ok — {ann.doc_id}: {len(ann.actors)} actors, {len(ann.mentions)} mentions, "
                   f"{len(ann.stances)} stances (guidelines {ann.guideline_version})")


@command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSON lines file to write (replaced atomically).")
@click.option("--candidates", is_flag=True, help="Also emit 'none' pairs for co-occurring actors without a stance.")
def convert(paths: tuple[Path, ...], output: Path, candidates: bool) -> None:
    """Turn annotation files into labelled, directed actor→actor stance pairs (JSON lines).

    PATHS are annotation .json files or folders of them (default: data/annotations/). Output is
    sorted by pair id and byte-identical across runs.
    """
    from actorstance.annotations import load_annotations
    from actorstance.convert import stance_pairs
    from actorstance.jsonl import write_jsonl

    docs = load_annotations(paths or [Path(DEFAULT_ANNOTATIONS)])
    pairs = stance_pairs(docs, candidates=candidates)
    n = write_jsonl(output, (p.to_record() for p in pairs))
    n_none = sum(p.label == "none" for p in pairs)
    extra = f" ({n_none} none candidates)" if candidates else ""
    click.echo(f"wrote {n} pairs{extra} from {plural(len(docs), 'document')} to {output}")


@command()
def schema() -> None:
    """Print the JSON Schema of annotation files (published as docs/annotation.schema.json)."""
    from actorstance.schema import render_json_schema

    click.echo(render_json_schema(), nl=False)
