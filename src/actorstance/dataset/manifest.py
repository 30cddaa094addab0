"""``MANIFEST.json``: the dataset version and the sha256 and size of every other file in the folder.

Written last by the build; read by :func:`actorstance.dataset.load.dataset_fingerprint`, by
``actorstance publish --dry-run`` and by anyone who wants to check a download.
"""

from __future__ import annotations

from pathlib import Path

from actorstance.checksum import sha256_bytes, sha256_file
from actorstance.dataset.layout import MANIFEST_FILE
from actorstance.errors import DatasetError, InputError
from actorstance.inputs import read_json
from actorstance.jsonl import dumps_pretty
from actorstance.plural import plural


def folder_files(folder: Path) -> list[str]:
    """Every regular file under ``folder`` except the manifest, as sorted POSIX relative paths.

    Hidden files and folders (``.cache``, ``.gitattributes``...) are not part of the dataset.
    """
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.name != MANIFEST_FILE
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def file_hashes(folder: Path) -> dict[str, dict]:
    """``{relative path: {"bytes": size, "sha256": hex}}`` of every dataset file in ``folder``."""
    return {rel: {"bytes": (folder / rel).stat().st_size, "sha256": sha256_file(folder / rel)}
            for rel in folder_files(folder)}


def manifest_digest(files: dict[str, dict]) -> str:
    """One sha256 over the sorted ``sha256  path`` lines: changes when any file changes."""
    lines = "".join(f"{files[rel]['sha256']}  {rel}\n" for rel in sorted(files))
    return sha256_bytes(lines.encode("utf-8"))


def write_manifest(folder: Path, *, version: str, built_with: dict[str, str]) -> dict:
    """Hash every file of ``folder`` and write ``MANIFEST.json``; return the manifest."""
    files = file_hashes(folder)
    manifest = {"built_with": built_with, "files": files, "sha256": manifest_digest(files), "version": version}
    (folder / MANIFEST_FILE).write_text(dumps_pretty(manifest), encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict | None:
    """The parsed manifest of ``folder``, or ``None`` when it has none."""
    path = folder / MANIFEST_FILE
    if not path.exists() and not path.is_symlink():
        return None
    try:
        manifest = read_json(path, what="manifest", fix="rebuild the dataset with `actorstance build`")
    except InputError as err:
        raise DatasetError(f"{err.problems[0]}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise DatasetError(f"{path}: expected an object with a 'files' mapping. "
                           "Fix: rebuild the dataset with `actorstance build`.")
    return manifest


def manifest_problems(folder: Path, manifest: dict, only: list[str] | None = None) -> list[str]:
    """Differences between the manifest and the files on disk (all of them, or ``only`` these)."""
    recorded: dict = manifest["files"]
    problems = []
    present = set(folder_files(folder))
    names = sorted(only) if only is not None else sorted(set(recorded) | present)
    for rel in names:
        if rel not in recorded:
            problems.append(f"{rel}: not listed in {MANIFEST_FILE}")
        elif rel not in present:
            problems.append(f"{rel}: listed in {MANIFEST_FILE} but missing")
        elif sha256_file(folder / rel) != recorded[rel].get("sha256"):
            problems.append(f"{rel}: sha256 differs from {MANIFEST_FILE} (the file changed after the build)")
    return problems


def verify_manifest(folder: Path, only: list[str] | None = None) -> dict | None:
    """Check files against the manifest; raise :class:`DatasetError` listing every mismatch."""
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    problems = manifest_problems(folder, manifest, only)
    if problems:
        raise DatasetError(f"{folder}: {plural(len(problems), 'file')} do not match "
                           f"{MANIFEST_FILE}:\n" + "\n".join(f"  {p}" for p in problems)
                           + "\nFix: rebuild the dataset with `actorstance build` (never edit a built folder by hand).")
    return manifest
