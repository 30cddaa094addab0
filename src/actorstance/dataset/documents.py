"""The ``documents`` config: one row per document, for the end-to-end extraction task.

A row holds what an extraction system may read — ``doc_id`` and ``text`` (setting ``raw``), plus
the gold actors with their aliases and mentions (setting ``oracle-actors``) — and the gold
triplets it is scored against (``stances``: analysis only, never a model input). Nested values
are lists of flat records keyed by ``actor_id`` (not lists inside lists), so that every tool that
reads the pair configs reads this one too (parquet, Croissant, ``load_dataset``).

Gold triplets are the distinct ``(source_id, target_id, label)`` of the document's stances,
sorted: a sentence-scoped corpus may annotate one pair several times, and document-level
extraction asks only whether the document expresses it.

>>> [c for c in DOCUMENT_COLUMNS]
['doc_id', 'text', 'actors', 'aliases', 'mentions', 'stances', 'annotators', 'guideline_version']
"""

from __future__ import annotations

from typing import Iterable

from actorstance.annotations import AnnotatedDocument
from actorstance.dataset.layout import DOCUMENTS_CONFIG
from actorstance.labels import ACTOR_TYPES, STANCE_LABELS

__all__ = ["DOCUMENTS_CONFIG", "DOCUMENT_COLUMNS", "document_features", "document_row", "document_rows"]

#: What a system sees in the ``raw`` setting.
RAW_INPUT_COLUMNS: tuple[str, ...] = ("doc_id", "text")
#: What a system sees in the ``oracle-actors`` setting: the raw inputs and the gold actors.
ORACLE_INPUT_COLUMNS: tuple[str, ...] = (*RAW_INPUT_COLUMNS, "actors", "aliases", "mentions")
#: The gold answer (analysis only: it is what extraction is scored against).
GOLD_COLUMN = "stances"
#: Provenance.
PROVENANCE_COLUMNS: tuple[str, ...] = ("annotators", "guideline_version")

DOCUMENT_COLUMNS: tuple[str, ...] = (*ORACLE_INPUT_COLUMNS, GOLD_COLUMN, *PROVENANCE_COLUMNS)

DOCUMENT_COLUMN_DESCRIPTIONS: dict[str, str] = {
    "doc_id": "Document id; splits are made by document.",
    "text": "The whole article text (what a system reads in the `raw` setting).",
    "actors": f"Gold actors (`oracle-actors` setting): id, canonical name, type ({', '.join(ACTOR_TYPES)}).",
    "aliases": "Other names of the actors (`oracle-actors` setting): {actor_id, text}.",
    "mentions": "Gold mentions (`oracle-actors` setting): {actor_id, start, end, text}, code points into `text`, "
                "end exclusive, sorted by position.",
    "stances": "Gold directed triplets {source_id, target_id, label} (labels: "
               f"{', '.join(STANCE_LABELS)}), distinct and sorted. Analysis only: the answer.",
    "annotators": "Ids of the document's annotators (see 'Annotation process').",
    "guideline_version": "Version of the annotation guidelines the document was annotated under.",
}


def document_features():
    """``datasets.Features`` of the ``documents`` config."""
    from datasets import Features, List, Value

    return Features({
        "doc_id": Value("string"),
        "text": Value("string"),
        "actors": List({"id": Value("string"), "name": Value("string"), "type": Value("string")}),
        "aliases": List({"actor_id": Value("string"), "text": Value("string")}),
        "mentions": List({"actor_id": Value("string"), "start": Value("int32"), "end": Value("int32"),
                          "text": Value("string")}),
        "stances": List({"source_id": Value("string"), "target_id": Value("string"), "label": Value("string")}),
        "annotators": List(Value("string")),
        "guideline_version": Value("string"),
    })


def document_row(doc: AnnotatedDocument) -> dict:
    """The ``documents`` row of one annotated document (a plain dict in column order)."""
    ann = doc.annotation
    triplets = sorted({(s.source, s.target, s.label) for s in ann.stances})
    return {
        "doc_id": ann.doc_id,
        "text": doc.text,
        "actors": [{"id": a.id, "name": a.name, "type": a.type} for a in sorted(ann.actors, key=lambda a: a.id)],
        "aliases": [{"actor_id": a.id, "text": alias} for a in sorted(ann.actors, key=lambda a: a.id)
                    for alias in a.aliases],
        "mentions": [{"actor_id": m.actor, "start": m.start, "end": m.end, "text": doc.text[m.start:m.end]}
                     for m in sorted(ann.mentions, key=lambda m: (m.start, m.end, m.actor, m.id))],
        "stances": [{"source_id": s, "target_id": t, "label": label} for s, t, label in triplets],
        "annotators": [a.id for a in ann.annotators],
        "guideline_version": ann.guideline_version,
    }


def document_rows(docs: Iterable[AnnotatedDocument]) -> list[dict]:
    """The ``documents`` rows of ``docs``, sorted by ``doc_id``."""
    return sorted((document_row(d) for d in docs), key=lambda row: row["doc_id"])
