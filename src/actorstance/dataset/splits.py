"""The split policy: whole documents go to splits, as listed in ``splits.json``.

``<annotations>/splits.json`` maps every ``doc_id`` to one of ``train``, ``validation``,
``test``. Splitting by pair would put pairs of one article (same text, same actors) on both
sides, so the split unit is the document, and the mapping is a reviewed file, not a random draw.

>>> read_splits("tests/fixtures/tiny/splits.json", ["tiny_a", "tiny_b"])  # doctest: +SKIP
{'tiny_a': 'train', 'tiny_b': 'test'}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from actorstance.dataset.layout import SPLIT_NAMES
from actorstance.errors import DatasetError, Problem

SPLITS_FILE = "splits.json"


class _KeyValues(list):
    """A JSON object as its list of (key, value) pairs, duplicates included."""


def read_splits(path: str | Path, doc_ids: Iterable[str]) -> dict[str, str]:
    """``{doc_id: split}`` for exactly ``doc_ids``; raise :class:`DatasetError` listing every problem.

    Refused: a missing or malformed file, a split name outside train/validation/test, a document
    without a split, an entry for a document that does not exist, and a document listed twice
    (which would put it in two splits).
    """
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise DatasetError(str(Problem(where, "", "no splits file", 'create it, mapping every doc_id to a split, '
                                       'e.g. {"my_doc": "test"} (splits: ' + ", ".join(SPLIT_NAMES) + ")")))
    try:
        # keep duplicate keys (json.loads would silently keep the last one)
        pairs = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_KeyValues)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DatasetError(str(Problem(where, "", f"not valid UTF-8 JSON ({err})", "fix the file"))) from None
    if not isinstance(pairs, _KeyValues):
        raise DatasetError(str(Problem(where, "", f"expected a JSON object {{doc_id: split}}, got "
                                       f"{type(pairs).__name__}", "write an object mapping doc ids to splits")))
    problems: list[Problem] = []
    splits: dict[str, str] = {}
    for doc_id, split in pairs:
        if isinstance(split, _KeyValues):
            split = dict(split)
        if not isinstance(split, str) or split not in SPLIT_NAMES:
            problems.append(Problem(where, doc_id, f"unknown split {split!r}", f"use one of: {', '.join(SPLIT_NAMES)}"))
        elif doc_id in splits:
            problems.append(Problem(where, doc_id, f"document listed twice (as '{splits[doc_id]}' and '{split}'), "
                                    "so it would land in two splits", "keep exactly one entry per document"))
        else:
            splits[doc_id] = split
    known = set(doc_ids)
    listed = {doc_id for doc_id, _ in pairs}
    problems += [Problem(where, doc_id, "document has no split", f"add \"{doc_id}\": one of {', '.join(SPLIT_NAMES)}")
                 for doc_id in sorted(known - listed)]
    problems += [Problem(where, doc_id, "no annotated document has this doc_id",
                         "remove the entry or add the document's annotation file") for doc_id in sorted(listed - known)]
    if problems:
        raise DatasetError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the splits file:\n"
                           + "\n".join(f"  {p}" for p in problems))
    return splits


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
