"""``build``, ``audit``, ``split`` and ``publish``: the dataset commands."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command
from actorstance.cli.params import SEED
from actorstance.dataset.splits import DEFAULT_RATIOS
from actorstance.layout import DEFAULT_ANNOTATIONS, DEFAULT_DATASET, SPLIT_NAMES, SPLITS_FILE
from actorstance.plural import plural


@command()
@click.option("--annotations", default=DEFAULT_ANNOTATIONS, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help=f"Folder of annotation files, with {SPLITS_FILE} ({{doc_id: split}}).")
@click.option("--output", "-o", default=DEFAULT_DATASET, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Dataset folder to write (replaced whole, atomically).")
def build(annotations: Path, output: Path) -> None:
    """Build the Hugging Face dataset folder from the annotations.

    Writes README.md (dataset card), one parquet file per config (pairs, candidates) and split,
    croissant.json and MANIFEST.json. Splits come from ANNOTATIONS/splits.json, by document.
    Rebuilding gives byte-identical files; a failed build leaves the old folder untouched.
    """
    from actorstance.dataset.build import build_dataset

    result = build_dataset(annotations, output)
    for config, splits in result.rows.items():
        click.echo(f"{config}: " + ", ".join(f"{split} {n} rows" for split, n in splits.items()))
    click.echo(f"leakage audit: {result.audit.summary()}")
    click.echo(f"wrote dataset {result.version} ({plural(result.documents, 'document')}, "
               f"{len(result.files) + 1} files, sha256 {result.sha256[:12]}) to {output}")


@command()
@click.argument("dataset", default=DEFAULT_DATASET, type=click.Path(file_okay=False, path_type=Path))
def audit(dataset: Path) -> None:
    """Check that no model-input column of DATASET gives the label away (the leakage audit).

    For each model-input column, simple features of its form (length, token count, id shape, span
    count, position, actor type) each feed a probe cross-validated over documents; the audit fails
    (exit 1) when a probe beats the majority label by more than the documented margin
    (docs/dataset.md, 'Leakage audit'). `actorstance build` runs the same audit.
    """
    from actorstance.dataset.audit import audit_dataset, render_audit

    report = audit_dataset(dataset)
    click.echo(render_audit(report))
    report.check(where=str(dataset))


@command(name="split")
@click.option("--annotations", default=DEFAULT_ANNOTATIONS, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help=f"Folder of annotation files; its {SPLITS_FILE} is written (replaced atomically).")
@click.option("--seed", required=True, type=SEED, help="Seeds the order in which unlisted documents are placed.")
@click.option("--train", "train", default=DEFAULT_RATIOS["train"], show_default=True, type=click.FloatRange(0, 1),
              help="Share of documents for train.")
@click.option("--validation", default=DEFAULT_RATIOS["validation"], show_default=True, type=click.FloatRange(0, 1),
              help="Share of documents for validation.")
@click.option("--test", default=DEFAULT_RATIOS["test"], show_default=True, type=click.FloatRange(0, 1),
              help="Share of documents for test.")
@click.option("--group-by", metavar="FIELD",
              help="Keep documents with the same value together: outlet, url, published, author (from `source`) "
                   "or a metadata key such as story.")
@click.option("--reassign", is_flag=True,
              help="Ignore the existing splits.json and place every document anew (moves published documents).")
def split_(annotations: Path, seed: int, train: float, validation: float, test: float, group_by: str | None,
           reassign: bool) -> None:
    """Assign documents to train/validation/test by seed and write ANNOTATIONS/splits.json.

    Documents already listed keep their split (unless --reassign), so adding documents never moves
    one that results were reported on; the others are placed, whole groups at a time, into the split
    furthest below its share. Same annotations and seed, same file.
    """
    from actorstance.dataset.splits import split_folder

    ratios = {"train": train, "validation": validation, "test": test}
    if abs(sum(ratios.values()) - 1) > 1e-9:
        raise click.UsageError(f"--train, --validation and --test must sum to 1, got {train:g} + {validation:g} + "
                               f"{test:g} = {sum(ratios.values()):g}")
    result = split_folder(annotations, seed=seed, ratios=ratios, group_by=group_by, reassign=reassign)
    counts = {name: sum(s == name for s in result.splits.values()) for name in SPLIT_NAMES}
    for doc_id in result.assigned:
        click.echo(f"{doc_id}: {result.splits[doc_id]}")
    kept = len(result.splits) - len(result.assigned)
    click.echo(f"wrote {annotations / SPLITS_FILE}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
               + f" ({len(result.assigned)} placed with seed {seed}, {kept} kept)")


@command()
@click.option("--repo-id", required=True, help="Hub dataset repository, OWNER/NAME.")
@click.option("--dataset", "folder", default=DEFAULT_DATASET, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Built dataset folder to upload.")
@click.option("--dry-run", is_flag=True, help="Check the folder and list what would be uploaded; no network.")
@click.option("--private", is_flag=True, help="Create the repository as private (if it does not exist yet).")
def publish(repo_id: str, folder: Path, dry_run: bool, private: bool) -> None:
    """Upload a built dataset folder to the Hugging Face Hub.

    Checks the card and every file against MANIFEST.json first. The token comes from HF_TOKEN or
    `hf auth login`. With --dry-run nothing is sent.
    """
    from actorstance.dataset.publish import plan_publish, publish as upload

    plan = plan_publish(folder, repo_id, private=private)
    verb = "would upload" if dry_run else "uploading"
    click.echo(f"{verb} dataset {plan.version} ({', '.join(plan.configs)}) from {folder} to {plan.url}"
               f"{' (private)' if private else ''}:")
    for rel, size in plan.files:
        click.echo(f"  {rel} ({size} bytes)")
    if dry_run:
        click.echo("dry run: checks passed, nothing uploaded")
        return
    click.echo(f"uploaded: {upload(plan)}")
