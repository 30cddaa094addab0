"""Annotated documents → labelled, directed actor→actor stance pairs.

Typed records in (:class:`~actorstance.annotations.AnnotatedDocument`), typed records out
(:class:`StancePair`). The CLI's ``convert`` command only wraps :func:`stance_pairs`.

Policies (codebook sections "Candidate pairs" and "Context"):

* **ids** — every row's ``id`` is :func:`pair_id`: ``DOC/`` and 16 digits hashed from the source
  id, target id and scope, one shape for every row of every corpus, stable across runs and when
  other stances are added; the actors are in ``source_id``/``target_id``, the unit in ``scope``.
* **annotated pairs** — one per stance.
* **scoped documents** — a document with sentence-scoped stances (imported corpora such as
  SEESAW) is read as *units*, the distinct scopes of its stances in text order. Every row of a unit,
  annotated or not, gets the unit as its context and as its analysis column ``scope``. Nothing in a
  row's model inputs depends on whether it carries a stance.
* **candidates** (``candidates=True``) — in a document without scopes, every ordered pair of
  distinct actors with mentions in a common paragraph that carries no annotated stance in the
  document gets the label ``none`` (context by the same rule as an annotated pair's). In a scoped
  document, every ordered pair with mentions in a common paragraph is a row in every unit,
  labelled with its stance scoped to that unit, else ``none``: the same rows, granularity and
  context rule whatever the labels. A scoped stance of a pair that shares no paragraph is in the
  ``pairs`` config only (selecting its pair would mean looking at the label).
* **context** — chosen without looking at the label: for a scoped stance, its scope; otherwise
  the paragraphs from the first to the last paragraph that mention both actors (a document-level
  stance may rest on any of them). When no paragraph mentions both: the closest source
  mention/target mention pair (fewest paragraphs apart, then fewest characters apart, then
  earliest) and the paragraphs from the first of the two to the second. With no mention of one
  of the actors, the whole text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, make_dataclass
from hashlib import sha256
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from actorstance.annotations import AnnotatedDocument, document_order
from actorstance.columns import COLUMN_TABLE, PYTHON_TYPES
from actorstance.context import (
    NO_MENTIONS, ActorMentions, co_mentioned_from_paragraphs, co_mentioned_pairs, context_window_of,
)
from actorstance.errors import AnnotationError, DocumentOrderError, PairIdError
from actorstance.labels import NONE_LABEL
from actorstance.schema import Mention
from actorstance.segment import ParagraphIndex

#: Length of the opaque part of a pair id (:func:`pair_id`).
PAIR_DIGITS = 16

def _to_record(self) -> dict:
    """A JSON/dataset-ready dict; spans become ``{"start", "end"}`` objects, tuples lists."""
    # the fields as __init__ set them, in column order (dataclasses.asdict deep-copies and was
    # most of the time of a large convert)
    return _record(self.__dict__)


def _record(fields: dict) -> dict:
    """The JSON form of a row's fields (a new dict; ``fields`` is left as it is)."""
    record = fields.copy()
    for name in _SPANS:
        record[name] = [{"start": s, "end": e} for s, e in record[name]]
    for name in _STRINGS:
        record[name] = list(record[name])
    return record


_SPANS = tuple(c.name for c in COLUMN_TABLE if c.type == "spans")
_STRINGS = tuple(c.name for c in COLUMN_TABLE if c.type == "strings")


#: One directed pair with its label, model inputs and (analysis-only) gold evidence: a frozen
#: dataclass with one field per column of :data:`actorstance.columns.COLUMN_TABLE`, in column order.
StancePair = make_dataclass(
    "StancePair", [(c.name, PYTHON_TYPES[c.type]) for c in COLUMN_TABLE], frozen=True,
    namespace={"to_record": _to_record, "__doc__": "One directed pair: a field per column of "
                                                   ":data:`actorstance.columns.COLUMN_TABLE`, in column order."})
StancePair.__module__ = __name__


def pair_id(doc_id: str, source_id: str, target_id: str, scope: tuple[int, int] | None = None) -> str:
    """Stable, opaque id of a directed pair: ``DOC/`` then :data:`PAIR_DIGITS` decimal digits.

    The digits are the first 8 bytes of ``sha256(SOURCE \\0 TARGET \\0 SCOPE)`` (UTF-8; ``SCOPE`` is
    the ``scope`` column, ``START-END``, empty for a document-level pair) read as a big-endian
    integer, modulo 10**16. Actor ids cannot hold a NUL (schema), so distinct pairs never hash the
    same input. The id has one shape whatever the pair, label or scope (it is a model input, so it
    must not tell them apart), and depends only on the pair, so it stays when stances are added.

    >>> pair_id("d", "a", "b"), pair_id("d", "a", "b", (10, 42))
    ('d/4354944025116997', 'd/1426737840137247')
    """
    key = f"{source_id}\0{target_id}\0{scope_text(scope) or ''}".encode()
    number = int.from_bytes(sha256(key).digest()[:8], "big") % 10 ** PAIR_DIGITS
    return f"{doc_id}/{number:0{PAIR_DIGITS}d}"


def scope_text(scope: tuple[int, int] | None) -> str | None:
    """The ``scope`` column: ``START-END`` in document code points, None for a document-level row."""
    return None if scope is None else f"{scope[0]}-{scope[1]}"


def stance_pairs(docs: Iterable[AnnotatedDocument], *, candidates: bool = False) -> list[StancePair]:
    """All annotated pairs of ``docs`` (plus ``none`` candidates when asked), sorted by id."""
    pairs: list[StancePair] = []
    for doc in docs:
        pairs.extend(document_pairs(doc, candidates=candidates))
    return sorted(pairs, key=lambda p: p.id)


def iter_stance_pairs(docs: Iterable[AnnotatedDocument], *, candidates: bool = False) -> Iterator[StancePair]:
    """The pairs of :func:`stance_pairs`, one document at a time, for ``docs`` in
    :func:`~actorstance.annotations.document_order` (as :func:`~actorstance.annotations.iter_annotations`
    yields them): the same sequence, without holding the corpus."""
    previous = None
    for doc in docs:
        key = document_order(doc.doc_id)
        if previous is not None and key <= previous:
            raise ValueError(f"documents out of order: '{doc.doc_id}' after '{previous[:-1]}'; "
                             "pass them in document_order (iter_annotations does)")
        previous = key
        yield from document_pairs(doc, candidates=candidates)


def document_pairs(doc: AnnotatedDocument, *, candidates: bool = False) -> list[StancePair]:
    """The rows of one document, sorted by id: its annotated pairs (the ``pairs`` config), or with
    ``candidates`` the rows of the ``candidates`` config (see the module docstring)."""
    return document_configs(doc)[1 if candidates else 0]


def document_configs(doc: AnnotatedDocument) -> tuple[list[StancePair], list[StancePair]]:
    """One conversion of a document into the rows of both pair configs, ``(pairs, candidates)``, each
    sorted by id. A candidates row is annotated when its ``stance_id`` is set; in a scoped document,
    a stance whose pair has no mentions in a common paragraph is in ``pairs`` only (the candidate
    rule never looks at a label, so it cannot pick that pair)."""
    annotated, candidates = _document_rows(doc)
    return [_pair(row) for row in annotated], [_pair(row) for row in candidates]


def _pair(row: dict) -> StancePair:
    """The :class:`StancePair` of a row's fields (every field, in column order: ``_document_rows``
    makes them), its ``__dict__`` filled at once: the frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__`` and took ten times as long, for the build's 20-odd rows a document."""
    pair = _new_object(StancePair)
    pair.__dict__.update(row)
    return pair


_new_object = object.__new__


def document_records(doc: AnnotatedDocument, *, candidates: bool = False) -> list[dict]:
    """The rows of :func:`document_pairs` in their JSON form (``StancePair.to_record``), made
    straight from the fields: what ``convert`` writes, without a ``StancePair`` per row."""
    return [_record(row) for row in _document_rows(doc)[1 if candidates else 0]]


def candidate_pairs(doc: AnnotatedDocument, *, index: ParagraphIndex | None = None) -> list[tuple[str, str]]:
    """Ordered (source, target) actor pairs with mentions in a common paragraph, sorted."""
    return co_mentioned_pairs(doc.text, ((m.actor, m.start) for m in doc.annotation.mentions), index=index)


def _document_rows(doc: AnnotatedDocument) -> tuple[list[dict], list[dict]]:
    """The fields of every row of both configs (a dict per row, in column order), each list sorted by id."""
    ann, text = doc.annotation, doc.text
    actors = {a.id: a for a in ann.actors}
    by_actor: dict[str, list[Mention]] = {}
    for m in sorted(ann.mentions, key=lambda m: (m.start, m.end, m.id)):
        by_actor.setdefault(m.actor, []).append(m)
    index = ParagraphIndex(text)
    mentions_of = {actor: ActorMentions(mentions, index) for actor, mentions in by_actor.items()}
    doc_annotators = tuple(a.id for a in ann.annotators)

    made: list[str] = []  # the id of every row made: one per distinct (source, target, scope)

    def make(source_id: str, target_id: str, label: str, scope: tuple[int, int] | None, gold: tuple) -> dict:
        src, tgt = actors[source_id], actors[target_id]
        src_m, tgt_m = mentions_of.get(source_id, NO_MENTIONS), mentions_of.get(target_id, NO_MENTIONS)
        start, end = scope if scope else context_window_of(index, src_m, tgt_m, len(text))
        explicit, evidence, stance_id, annotators = gold
        made.append(pid := pair_id(ann.doc_id, source_id, target_id, scope))
        return {  # the fields of StancePair, in column order
            "id": pid, "doc_id": ann.doc_id,
            "source_id": source_id, "source": src.name, "source_type": src.type,
            "target_id": target_id, "target": tgt.name, "target_type": tgt.type,
            "context": text[start:end], "context_start": start,
            "source_spans": _relative(src_m.mentions, start, end), "target_spans": _relative(tgt_m.mentions, start, end),
            "label": label, "explicit": explicit, "evidence": evidence, "scope": scope_text(scope),
            "stance_id": stance_id, "annotators": annotators, "guideline_version": ann.guideline_version}

    units = sorted({(st.scope.start, st.scope.end) for st in ann.stances if st.scope})
    annotated: dict[tuple[str, str, tuple[int, int] | None], dict] = {}
    for st in ann.stances:
        scope = (st.scope.start, st.scope.end) if st.scope else None
        annotated[(st.source, st.target, scope)] = make(
            st.source, st.target, st.label, scope,
            (st.explicit, tuple(e.text for e in st.evidence), st.id, tuple(st.annotators) or doc_annotators))
    co_mentioned = co_mentioned_from_paragraphs({actor: m.paragraph_set for actor, m in mentions_of.items()})
    none = (None, (), None, doc_annotators)  # explicit, evidence, stance_id, annotators
    candidates = []
    if units:  # every co-mentioned pair in every unit, whatever the labels
        for scope in units:
            for source_id, target_id in co_mentioned:
                key = (source_id, target_id, scope)
                candidates.append(annotated[key] if key in annotated else
                                  make(source_id, target_id, NONE_LABEL, scope, none))
        candidates += [pair for (_, _, scope), pair in annotated.items() if scope is None]
    else:
        candidates = list(annotated.values())
        with_stance = {(source, target) for source, target, _ in annotated}
        candidates += [make(source_id, target_id, NONE_LABEL, None, none)
                       for source_id, target_id in co_mentioned if (source_id, target_id) not in with_stance]
    if len(set(made)) < len(made):  # a collision: name the two pairs
        check_unique_ids(ann.doc_id, ((r["id"], r["source_id"], r["target_id"], r["scope"])
                                      for r in chain(annotated.values(), candidates)))
    return sorted(annotated.values(), key=_row_id), sorted(candidates, key=_row_id)


def _row_id(row: dict) -> str:
    return row["id"]


def check_unique_ids(doc_id: str, pairs: Iterable[tuple[str, str, str, str | None]]) -> None:
    """Refuse two different pairs of one document with one id; ``pairs`` are ``(id, source_id,
    target_id, scope)``, a pair may come more than once. A collision of the 16-digit hash has never
    been seen, but it must not silently merge two pairs."""
    seen: dict[str, tuple[str, str, str | None]] = {}
    for pid, *key in pairs:
        first = seen.setdefault(pid, tuple(key))
        if first != tuple(key):
            raise PairIdError(f"document '{doc_id}': pairs {_described(*first)} and {_described(*key)} have the "
                              f"same id '{pid}' (a collision of the pair-id hash). Fix: rename one of these "
                              "actors' ids in the annotation file; the id hashes the actor ids.")


def _described(source_id: str, target_id: str, scope: str | None) -> str:
    return f"{source_id} → {target_id}" + (f" (scope {scope})" if scope else "")


def _relative(mentions: Sequence[Mention], start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple([(m.start - start, m.end - start) for m in mentions if m.start >= start and m.end <= end])


@dataclass(frozen=True)
class ConvertSummary:
    """What :func:`convert_files` wrote."""

    output: Path
    pairs: int
    none_pairs: int
    documents: int


def convert_files(paths: Iterable[str | Path], output: str | Path, *, candidates: bool = False) -> ConvertSummary:
    """Validate the annotation files under ``paths`` and write their pairs to ``output`` (JSON lines).

    One document at a time, written as it is converted: memory does not grow with the corpus.
    Rows are sorted by pair id and byte-identical across runs. An ``output`` that overlaps an
    input is refused (:class:`~actorstance.errors.OutputError`): before any work when it overlaps
    ``paths``, before it is written when it is one of the texts; on a problem in the annotations,
    :class:`~actorstance.errors.AnnotationError` lists every problem of every file and ``output``
    is left as it was.

    The documents are read in the order their file names give (:func:`~actorstance.annotations.guess_index`),
    which saves reading every file once more to find its ``doc_id`` first; when a document is out of
    that order, or a file has a problem, the conversion starts again in the order the ``doc_id`` s give
    (:func:`~actorstance.annotations.index_annotations`), the one that names every problem.
    """
    from actorstance.annotations import guess_index, index_annotations
    from actorstance.atomic import check_output_file

    sources = list(paths)
    check_output_file(output, inputs=sources)
    try:
        return _convert(guess_index(sources), sources, output, candidates=candidates, texts_known=False)
    except (DocumentOrderError, AnnotationError):
        index = index_annotations(sources)
        return _convert(index, sources, output, candidates=candidates, texts_known=True)


#: Text files checked against the output at once when their documents are read in file-name order.
_TEXT_BATCH = 4096


def _convert(index, sources: list, output: str | Path, *, candidates: bool, texts_known: bool) -> ConvertSummary:
    from actorstance.annotations import iter_annotations
    from actorstance.atomic import check_not_input
    from actorstance.jsonl import write_jsonl
    from actorstance.streaming import streaming_gc

    counts = {"documents": 0, "none": 0}
    texts: list[str] = []  # read but not yet checked against the output (texts_known: all checked up front)

    def records() -> Iterator[dict]:
        for doc in iter_annotations(index, check_order=not texts_known):
            counts["documents"] += 1
            if not texts_known:
                texts.append(os.path.join(os.path.dirname(doc.path), doc.annotation.text.path))
                if len(texts) >= _TEXT_BATCH:
                    check_not_input(output, texts)
                    texts.clear()
            for record in document_records(doc, candidates=candidates):
                counts["none"] += record["label"] == NONE_LABEL
                yield record
        check_not_input(output, texts)  # before the output replaces anything

    with streaming_gc():
        n = write_jsonl(output, records(), inputs=[*sources, *index.texts])
    return ConvertSummary(Path(output), n, counts["none"], counts["documents"])
