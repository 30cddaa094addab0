"""``validate``, ``convert`` and ``schema``: the annotation commands."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command
from actorstance.layout import DEFAULT_ANNOTATIONS
from actorstance.plural import plural


def _annotation_paths(paths: tuple[Path, ...]) -> list[Path]:
    """The PATHS argument (default: data/annotations/), refused when it holds no annotation file:
    checking or converting nothing is never a success."""
    from actorstance.annotations import annotation_files

    chosen = list(paths) or [Path(DEFAULT_ANNOTATIONS)]
    if not annotation_files(chosen):
        raise click.ClickException(f"no annotation files found in {', '.join(map(str, chosen))}")
    return chosen


@command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check annotation files against the schema and their texts.

    PATHS are annotation .json files or folders of them (default: data/annotations/). Prints one
    summary line per valid file; otherwise lists every problem of every file and exits 1.
    """
    from actorstance.annotations import document_order, index_annotations, iter_annotations
    from actorstance.streaming import streaming_gc

    # one document at a time, in file order (no order is needed to check): only the summary lines are kept
    with streaming_gc():
        index = index_annotations(_annotation_paths(paths), peek=False)
        summaries = sorted((document_order(doc.doc_id),
                            f"{doc.path}: ok — {doc.doc_id}: {len(doc.annotation.actors)} actors, "
                            f"{len(doc.annotation.mentions)} mentions, {len(doc.annotation.stances)} stances "
                            f"(guidelines {doc.annotation.guideline_version})") for doc in iter_annotations(index))
    click.echo("\n".join(line for _, line in summaries))


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
    from actorstance.convert import convert_files

    result = convert_files(_annotation_paths(paths), output, candidates=candidates)
    extra = f" ({result.none_pairs} none candidates)" if candidates else ""
    click.echo(f"wrote {result.pairs} pairs{extra} from {plural(result.documents, 'document')} to {output}")


@command()
def schema() -> None:
    """Print the JSON Schema of annotation files (published as docs/annotation.schema.json)."""
    from actorstance.schema import render_json_schema

    click.echo(render_json_schema(), nl=False)


@command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1).")
def lint(paths: tuple[Path, ...], strict: bool) -> None:
    """Check valid annotation files against the codebook's checkable rules.

    PATHS are annotation .json files or folders of them (default: data/annotations/); they are
    validated first. Each finding names its codebook rule id (the codebook's "Checks" table), the
    place, the problem and the fix. Errors break a rule (exit 1); warnings need a look, e.g. a
    name with no mention may be a place (exit 0 unless --strict).
    """
    from actorstance.lint import lint_paths
    from actorstance.plural import plural

    result = lint_paths(_annotation_paths(paths))
    summary = (f"{plural(result.documents, 'document')}: {plural(len(result.errors), 'error')}, "
               f"{plural(len(result.warnings), 'warning')}")
    if result.errors or (strict and result.warnings):
        raise click.ClickException("\n".join([f"lint failed — {summary}:", *(f"  {f}" for f in result.findings)]))
    for finding in result.findings:
        click.echo(str(finding))
    click.echo(f"ok — {summary}")


@command(name="new")
@click.argument("text_file", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Annotation file to write (default: data/annotations/DOC_ID.json); never overwritten.")
@click.option("--annotator", required=True, help="Your annotator id (letters, digits, _ . : -), kept as provenance.")
@click.option("--annotator-kind", default="human", show_default=True, type=click.Choice(["human", "model"]),
              help="human, or model for a system's output.")
@click.option("--annotator-name", help="Your name, as provenance (optional).")
@click.option("--doc-id", help="Doc id (default: the text file's name without extension, the doc-id rule).")
@click.option("--language", default="en", show_default=True, help="ISO 639 code of the text.")
@click.option("--outlet", help="The outlet that published the article (source.outlet).")
@click.option("--url", help="The article's URL (source.url).")
@click.option("--published", help="Publication date as printed, ISO (source.published).")
def new(text_file: Path, output: Path | None, annotator: str, annotator_kind: str, annotator_name: str | None,
        doc_id: str | None, language: str, outlet: str | None, url: str | None, published: str | None) -> None:
    """Write a skeleton annotation file for TEXT_FILE: text path and sha256, doc id, codebook version,
    annotator, and the paragraphs with their offsets; actors, mentions and stances are left to fill in.

    The doc id is the text file's name without its extension (codebook "File format"). Then add
    actors, mentions (`actorstance locate` prints offsets) and stances, and check with
    `actorstance validate` and `actorstance lint`.
    """
    from actorstance.skeleton import doc_id_for, write_new_annotation

    if output is None:
        output = Path(DEFAULT_ANNOTATIONS) / f"{doc_id or doc_id_for(text_file)}.json"
    record = write_new_annotation(text_file, output, annotator=annotator, annotator_kind=annotator_kind,
                                  annotator_name=annotator_name, doc_id=doc_id, language=language, outlet=outlet,
                                  url=url, published=published)
    click.echo(f"wrote {output}: doc id {record['doc_id']}, guidelines {record['guideline_version']}, "
               f"{len(record['paragraphs'])} paragraphs:")
    for number, paragraph in enumerate(record["paragraphs"]):
        preview = paragraph["text"].split("\n")[0]
        preview = preview if len(preview) <= 60 else preview[:59] + "…"
        click.echo(f"  {number}: [{paragraph['start']}, {paragraph['end']}) {preview}")


@command()
@click.argument("text_file", type=click.Path(path_type=Path))
@click.argument("surface")
@click.option("--nth", type=click.IntRange(min=1), help="Print only the Nth occurrence (1-based), as a JSON span.")
def locate(text_file: Path, surface: str, nth: int | None) -> None:
    """Print the code-point offsets of every occurrence of SURFACE in TEXT_FILE.

    One line per occurrence: number, start, end (exclusive), paragraph and the text around it.
    With --nth N only that occurrence, as the JSON span an annotation file records,
    {"start": ..., "end": ..., "text": ...}. The match is exact (case, quotes, apostrophes).
    """
    import json

    from actorstance.locate import locate as find
    from actorstance.skeleton import read_text

    text, _ = read_text(text_file)
    found = find(text, surface, where=str(text_file), nth=nth)
    if nth is not None:
        click.echo(json.dumps(found[0].span(text), ensure_ascii=False))
        return
    for o in found:
        click.echo(f"{o.number}\t{o.start}\t{o.end}\tparagraph {o.paragraph}\t…{o.before}[{surface}]{o.after}…")
