"""Candidate pairs of a document in the ``oracle-actors`` setting, as pair-task rows.

The candidates are the ordered pairs of distinct gold actors with mentions in a common paragraph
(the codebook's candidate policy, :func:`actorstance.context.co_mentioned_pairs`); each becomes a
row with the pair task's model-input columns and its context chosen by the pair task's rule
(:func:`actorstance.context.context_window`), so every pair model of the registry can read it.
Nothing here reads a gold triplet: the rows depend on the text, actors and mentions only.
Gold pairs whose actors share no paragraph are not candidates (a recall ceiling, reported in
``docs/extraction.md``).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Mapping, Sequence

from actorstance.context import co_mentioned_pairs, context_window
from actorstance.convert import check_unique_ids, pair_id
from actorstance.labels import NONE_LABEL, STANCE_LABELS
from actorstance.segment import ParagraphIndex


def candidate_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Pair-task rows (``MODEL_INPUT_COLUMNS``) of the co-mentioned pairs of one ``oracle-actors`` input."""
    text = document["text"]
    actors = {a["id"]: a for a in document["actors"]}
    mentions: dict[str, list] = {}
    for m in sorted(document["mentions"], key=lambda m: (m["start"], m["end"])):
        mentions.setdefault(m["actor_id"], []).append(SimpleNamespace(start=m["start"], end=m["end"]))
    index = ParagraphIndex(text)
    rows = []
    for source, target in co_mentioned_pairs(text, ((m["actor_id"], m["start"]) for m in document["mentions"])):
        src, tgt = mentions.get(source, []), mentions.get(target, [])
        start, end = context_window(text, index, src, tgt)
        rows.append({
            "id": pair_id(document["doc_id"], source, target), "doc_id": document["doc_id"],
            "source_id": source, "source": actors[source]["name"], "source_type": actors[source]["type"],
            "target_id": target, "target": actors[target]["name"], "target_type": actors[target]["type"],
            "context": text[start:end], "context_start": start,
            "source_spans": _spans(src, start, end), "target_spans": _spans(tgt, start, end),
        })
    check_unique_ids(document["doc_id"], ((r["id"], r["source_id"], r["target_id"], None) for r in rows))
    return rows


def _spans(mentions: Sequence, start: int, end: int) -> list[dict[str, int]]:
    return [{"start": m.start - start, "end": m.end - start} for m in mentions if m.start >= start and m.end <= end]


def pair_label(targets: Sequence[Mapping[str, str]], source: str, target: str) -> str:
    """The training label of a candidate pair: its gold label (the first in label order when the
    gold gives it several), else ``none``."""
    labels = {t["label"] for t in targets if t["source"] == source and t["target"] == target}
    return next((label for label in STANCE_LABELS if label in labels), NONE_LABEL)


def rows_and_labels(X: Sequence[Mapping], y: Sequence[Sequence[Mapping]] | None) -> tuple[list[dict], list[str] | None]:
    """Candidate rows of every document of ``X``, and (with ``y``) their training labels."""
    rows, labels = [], []
    for i, doc in enumerate(X):
        doc_rows = candidate_rows(doc)
        rows.extend(doc_rows)
        if y is not None:
            labels.extend(pair_label(y[i], r["source_id"], r["target_id"]) for r in doc_rows)
    return rows, (labels if y is not None else None)


def triplets_from_rows(X: Sequence[Mapping], rows: Sequence[Mapping], labels: Sequence[str | None]) -> list[list[dict]]:
    """Per document of ``X``: the rows predicted with a stance label, as ``{"source", "target", "label"}`` (ids)."""
    out: dict[str, list[dict]] = {doc["doc_id"]: [] for doc in X}
    for row, label in zip(rows, labels):
        if label is not None and label != NONE_LABEL:
            out[row["doc_id"]].append({"source": row["source_id"], "target": row["target_id"], "label": label})
    return [out[doc["doc_id"]] for doc in X]
