"""Annotation folders, one per invented annotator, written from a compact spec of their stances."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from actorstance.schema import GUIDELINE_VERSION

ACTORS = ("ann", "bob", "cy", "dee", "eve")
TEXT = "Ann Bob Cy Dee Eve.\n"


def write_folder(root: Path, annotator: str, docs: dict[str, list[tuple]]) -> Path:
    """``docs``: doc id → stances ``(source, target, label[, explicit])``; every document has the same text."""
    folder = root / annotator
    folder.mkdir(parents=True)
    (folder / "text.txt").write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    mentions, start = [], 0
    for actor in ACTORS:
        mentions.append({"id": f"m_{actor}", "actor": actor, "start": start, "end": start + len(actor),
                         "text": actor.capitalize()})
        start += len(actor) + 1
    for doc_id, stances in docs.items():
        record = {
            "schema_version": "1.0", "doc_id": doc_id, "text": {"path": "text.txt", "sha256": digest},
            "language": "en", "guideline_version": GUIDELINE_VERSION,
            "annotators": [{"id": annotator, "kind": "human"}],
            "actors": [{"id": a, "name": a.capitalize(), "type": "person"} for a in ACTORS],
            "mentions": mentions,
            "stances": [{"id": f"s{i}", "source": s[0], "target": s[1], "label": s[2],
                         "explicit": s[3] if len(s) > 3 else True,
                         "evidence": [{"start": 0, "end": 18, "text": TEXT[:18]}]}
                        for i, s in enumerate(stances)],
        }
        (folder / f"{doc_id}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


@pytest.fixture
def folders(tmp_path):
    def make(**annotators: dict[str, list[tuple]]) -> list[Path]:
        return [write_folder(tmp_path, name, docs) for name, docs in annotators.items()]
    return make
