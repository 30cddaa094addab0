"""The split policy: whole documents go to splits, as listed in ``splits.json``.

``<annotations>/splits.json`` maps every ``doc_id`` to one of ``train``, ``validation``,
``test``. Splitting by pair would put pairs of one article (same text, same actors) on both
sides, so the split unit is the document, and the mapping is a reviewed, committed file that
the build reads, never a draw made at build time.

:func:`assign_splits` (``actorstance split``) writes that file: it keeps every document already
listed where it is, and places the others by seed, optionally keeping documents that share a
metadata value (an outlet, a story) together, so that adding documents never moves one that a
published result was scored on.

>>> read_splits("tests/fixtures/tiny/splits.json", ["tiny_a", "tiny_b"])  # doctest: +SKIP
{'tiny_a': 'train', 'tiny_b': 'test'}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from actorstance.errors import DatasetError, InputError, Problem
from actorstance.inputs import json_kind, read_json
from actorstance.layout import SPLIT_NAMES, SPLITS_FILE
from actorstance.plural import plural

#: Share of documents per split that ``actorstance split`` aims at by default.
DEFAULT_RATIOS: dict[str, float] = {"train": 0.8, "validation": 0.1, "test": 0.1}


def read_splits(path: str | Path, doc_ids: Iterable[str]) -> dict[str, str]:
    """``{doc_id: split}`` for exactly ``doc_ids``; raise :class:`DatasetError` listing every problem.

    Refused: a missing or malformed file, a split name outside train/validation/test, a document
    without a split, an entry for a document that does not exist, and a document listed twice
    (which would put it in two splits).
    """
    path = Path(path)
    where = str(path)
    splits, pairs, problems = _parse_splits(path)
    known = set(doc_ids)
    listed = {doc_id for doc_id, _ in pairs}
    problems += [Problem(where, doc_id, "document has no split", f"add \"{doc_id}\": one of {', '.join(SPLIT_NAMES)}, or run `actorstance split`")
                 for doc_id in sorted(known - listed)]
    problems += [Problem(where, doc_id, "no annotated document has this doc_id",
                         "remove the entry or add the document's annotation file") for doc_id in sorted(listed - known)]
    if problems:
        raise DatasetError(f"{plural(len(problems), 'problem')} in the splits file:\n"
                           + "\n".join(f"  {p}" for p in problems))
    return splits


def _parse_splits(path: Path) -> tuple[dict[str, str], list, list[Problem]]:
    """The file's ``{doc_id: split}``, its raw (key, value) pairs, and the problems of its entries."""
    where = str(path)
    if not path.exists() and not path.is_symlink():
        raise DatasetError(str(Problem(where, "", "no splits file", 'create it, mapping every doc_id to a split, '
                                       'e.g. {"my_doc": "test"} (splits: ' + ", ".join(SPLIT_NAMES) + "), or run "
                                       "`actorstance split`")))
    try:
        # duplicate keys are refused there (json.loads would silently keep the last one)
        value = read_json(path, what="splits file", fix="pass the annotations folder holding splits.json")
    except InputError as err:
        raise DatasetError(str(err).replace("in the input:", "in the splits file:")) from None
    if not isinstance(value, dict):
        raise DatasetError(str(Problem(where, "", f"expected a JSON object {{doc_id: split}}, got "
                                       f"{json_kind(value)}", "write an object mapping doc ids to splits")))
    pairs = list(value.items())
    problems: list[Problem] = []
    splits: dict[str, str] = {}
    for doc_id, split in pairs:
        if not isinstance(split, str) or split not in SPLIT_NAMES:
            problems.append(Problem(where, doc_id, f"unknown split {split!r}", f"use one of: {', '.join(SPLIT_NAMES)}"))
        else:
            splits[doc_id] = split
    return splits, pairs, problems


def documents_by_split(splits: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """``{split: sorted doc ids}`` for the splits that have documents, in :data:`SPLIT_NAMES` order."""
    return {name: tuple(sorted(d for d, s in splits.items() if s == name))
            for name in SPLIT_NAMES if name in splits.values()}


def check_disjoint(docs_per_split: dict[str, Iterable[str]]) -> None:
    """Refuse any document that appears in more than one split (the by-document guarantee)."""
    seen: dict[str, str] = {}
    problems = []
    for split, docs in docs_per_split.items():
        for doc_id in sorted(set(docs)):
            if doc_id in seen:
                problems.append(f"  document '{doc_id}' is in splits '{seen[doc_id]}' and '{split}'")
            seen.setdefault(doc_id, split)
    if problems:
        raise DatasetError("splits must not share documents:\n" + "\n".join(problems)
                           + "\nFix: map each doc_id to exactly one split in splits.json.")


@dataclass(frozen=True)
class SplitAssignment:
    """What :func:`assign_splits` decided: every document's split and which of them it placed now."""

    splits: dict[str, str]          # doc_id → split, every document, sorted by doc_id
    assigned: tuple[str, ...]       # doc ids placed by this call (the others kept their split)


def assign_splits(groups: Mapping[str, str], *, seed: int, ratios: Mapping[str, float] = DEFAULT_RATIOS,
                  existing: Mapping[str, str] | None = None) -> SplitAssignment:
    """Give every document of ``groups`` (``{doc_id: group key}``) a split, whole groups at a time.

    Documents in ``existing`` keep their split, and a new document joins the split of its group
    when the group already has one. The remaining groups are taken in an order drawn from
    ``seed`` (a hash of seed and group key, so it does not depend on which other documents exist)
    and each goes to the split furthest below its share ``ratios[split] * documents``; ties go to
    the split listed first in :data:`SPLIT_NAMES`. Same inputs, same splits.

    >>> assign_splits({"a": "a", "b": "b"}, seed=0, ratios={"train": 0.5, "validation": 0, "test": 0.5}).splits
    {'a': 'train', 'b': 'test'}
    """
    existing = dict(existing or {})
    problems = [f"unknown split {name!r} in the ratios (splits: {', '.join(SPLIT_NAMES)})"
                for name in ratios if name not in SPLIT_NAMES]
    if any(r < 0 for r in ratios.values()) or abs(sum(ratios.values()) - 1) > 1e-9:
        problems.append(f"split shares must be at least 0 and sum to 1, got "
                        + ", ".join(f"{k} {v:g}" for k, v in ratios.items()))
    members: dict[str, list[str]] = {}
    for doc_id, key in sorted(groups.items()):
        members.setdefault(key, []).append(doc_id)
    group_split: dict[str, str] = {}
    for key, docs in members.items():
        placed = sorted({existing[d] for d in docs if d in existing})
        if len(placed) > 1:
            listed = ", ".join(f"{d} ({existing[d]})" for d in docs if d in existing)
            problems.append(f"documents of group {key!r} are already in different splits: {listed}; move them to "
                            "one split in splits.json, or reassign all documents")
        elif placed:
            group_split[key] = placed[0]
    if problems:
        raise DatasetError("cannot assign splits:\n" + "\n".join(f"  {p}" for p in problems))

    counts = {name: 0 for name in SPLIT_NAMES}
    for key, split in group_split.items():
        counts[split] += len(members[key])
    total = len(groups)
    order = sorted((key for key in members if key not in group_split),
                   key=lambda key: (hashlib.sha256(f"{seed}\0{key}".encode("utf-8")).hexdigest(), key))
    for key in order:
        split = max(SPLIT_NAMES, key=lambda name: (ratios.get(name, 0) * total - counts[name],
                                                   -SPLIT_NAMES.index(name)))
        group_split[key] = split
        counts[split] += len(members[key])
    splits = {doc_id: existing.get(doc_id, group_split[key]) for doc_id, key in sorted(groups.items())}
    assigned = tuple(d for d in splits if d not in existing)
    return SplitAssignment(splits=splits, assigned=assigned)


#: ``--group-by`` fields read from an annotation's ``source``; any other name is a ``metadata`` key.
SOURCE_FIELDS = ("outlet", "url", "published", "author")


def split_folder(annotations: str | Path, *, seed: int, ratios: Mapping[str, float] = DEFAULT_RATIOS,
                 group_by: str | None = None, reassign: bool = False) -> SplitAssignment:
    """Assign the documents of an annotations folder to splits and write its ``splits.json`` atomically.

    Documents already in ``splits.json`` keep their split unless ``reassign``; ``group_by`` names a
    ``source`` field (:data:`SOURCE_FIELDS`) or a ``metadata`` key whose documents stay together.
    See :func:`assign_splits`.
    """
    from actorstance.annotations import load_annotations
    from actorstance.atomic import write_bytes_atomic
    from actorstance.jsonl import dumps_pretty

    folder = Path(annotations)
    docs = load_annotations([folder])
    if not docs:
        raise DatasetError(f"{folder}: no annotation files (*.json) found. Fix: pass the folder of annotation files "
                           "via --annotations.")
    path = folder / SPLITS_FILE
    existing: dict[str, str] = {}
    if path.exists() and not reassign:
        existing, pairs, problems = _parse_splits(path)
        known = {d.doc_id for d in docs}
        problems += [Problem(str(path), doc_id, "no annotated document has this doc_id",
                             "remove the entry or add the document's annotation file")
                     for doc_id in sorted({k for k, _ in pairs} - known)]
        if problems:
            raise DatasetError(f"{plural(len(problems), 'problem')} in the splits file "
                               "(fix them, or pass --reassign to ignore the file):\n"
                               + "\n".join(f"  {p}" for p in problems))
    groups: dict[str, str] = {}
    missing = []
    for doc in docs:
        key = doc.doc_id if group_by is None else _group_key(doc.annotation, group_by)
        if key is None:
            missing.append(f"  {doc.path}: no {_field_name(group_by)}")
        else:
            groups[doc.doc_id] = key
    if missing:
        raise DatasetError(f"cannot group documents by '{group_by}': {len(missing)} document"
                           f"{'s have' if len(missing) != 1 else ' has'} no value for it:\n" + "\n".join(missing)
                           + f"\nFix: record {_field_name(group_by)} in every document, or group by another field.")
    result = assign_splits(groups, seed=seed, ratios=ratios, existing=existing)
    write_bytes_atomic(path, dumps_pretty(result.splits).encode("utf-8"))
    return result


def _field_name(group_by: str | None) -> str:
    return f"source.{group_by}" if group_by in SOURCE_FIELDS else f"metadata.{group_by}"


def _group_key(annotation, group_by: str) -> str | None:
    if group_by in SOURCE_FIELDS:
        return getattr(annotation.source, group_by) if annotation.source else None
    return annotation.metadata.get(group_by)
