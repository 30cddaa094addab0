"""``actorstance export``: annotation folders (plus a predictions file) → one tool's pre-annotation files."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from actorstance.annotations import annotation_files, load_annotations
from actorstance.errors import ActorstanceError, InputError
from actorstance.exporters.brat import write_brat
from actorstance.exporters.label_studio import write_label_studio
from actorstance.exporters.preannotation import PreAnnotation, preannotate
from actorstance.inputs import read_json
from actorstance.layout import SPLIT_NAMES, SPLITS_FILE

#: format name → writer of pre-annotations ``(docs, output) -> count``.
EXPORTERS = {"label-studio": write_label_studio, "brat": write_brat}


def export_annotations(format_name: str, paths: Iterable[str | Path], output: str | Path, *,
                       predictions: str | Path | None = None, model_version: str | None = None,
                       candidates: bool = False) -> list[PreAnnotation]:
    """Validate the annotations under ``paths`` and write them (or ``predictions`` on them) for the tool.

    Returns the written pre-annotations (their ``misplaced_evidence`` says which evidence spans an
    import will not give back as they were).
    """
    if format_name not in EXPORTERS:
        raise ActorstanceError(f"{format_name!r} is not an export format; use one of: {', '.join(sorted(EXPORTERS))}")
    paths = [Path(p) for p in paths]
    docs = load_annotations(paths)
    pre = preannotate(docs, splits=_known_splits(paths), predictions=predictions, model_version=model_version,
                      candidates=candidates)
    EXPORTERS[format_name](pre, output, inputs=[*paths, *([predictions] if predictions else [])])
    return pre


def _known_splits(paths: list[Path]) -> dict[str, str]:
    """``{doc_id: split}`` of the documents listed in their folders' ``splits.json`` (a task carries it along)."""
    splits: dict[str, str] = {}
    folders = {p if p.is_dir() else p.parent for p in paths} | {f.parent for f in annotation_files(paths)}
    for folder in sorted(folders):
        path = folder / SPLITS_FILE
        if path.is_file():
            try:
                listed = read_json(path, what="splits file")
            except InputError:
                continue  # `validate`/`build` report a broken splits file; the export only carries splits along
            if isinstance(listed, dict):
                splits.update({d: s for d, s in listed.items() if s in SPLIT_NAMES})
    return splits
