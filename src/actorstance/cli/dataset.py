"""``build`` and ``publish``: the dataset commands."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli._common import command


@command()
@click.option("--annotations", default="data/annotations", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of annotation files, with splits.json ({doc_id: split}).")
@click.option("--output", "-o", default="data/dataset", show_default=True,
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
    click.echo(f"wrote dataset {result.version} ({result.documents} document{'s' if result.documents != 1 else ''}, "
               f"{len(result.files) + 1} files, sha256 {result.sha256[:12]}) to {output}")


@command()
@click.option("--repo-id", required=True, help="Hub dataset repository, OWNER/NAME.")
@click.option("--dataset", "folder", default="data/dataset", show_default=True,
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
