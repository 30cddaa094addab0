"""Annotated documents → labelled, directed actor→actor stance pairs.

Typed records in (:class:`~actorstance.annotations.AnnotatedDocument`), typed records out
(:class:`StancePair`). The CLI's ``convert`` command only wraps :func:`stance_pairs`.

Policies (codebook sections "Candidate pairs" and "Context"):

* **annotated pairs** — one per stance; ``id`` is ``DOC/SOURCE->TARGET`` (plus ``@START-END``
  for sentence-scoped stances), stable across runs.
* **candidates** (``candidates=True``) — every ordered pair of distinct actors with mentions in
  a common paragraph that carries no annotated stance in the document gets the label ``none``.
* **context** — chosen without looking at the label: for a scoped stance, its scope; otherwise
  the paragraphs from the first to the last paragraph that mention both actors (a document-level
  stance may rest on any of them). When no paragraph mentions both: the closest source
  mention/target mention pair (fewest paragraphs apart, then fewest characters apart, then
  earliest) and the paragraphs from the first of the two to the second. With no mention of one
  of the actors, the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from itertools import permutations
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from actorstance.annotations import AnnotatedDocument, document_order
from actorstance.columns import COLUMN_TABLE, PYTHON_TYPES
from actorstance.labels import NONE_LABEL
from actorstance.schema import Mention
from actorstance.segment import ParagraphIndex

#: The context rule in words, rendered into the dataset card (keep in step with ``context_window``).
CONTEXT_RULE = (
    "for a stance scoped to a sentence, that sentence; otherwise the paragraphs from the first to the last "
    "paragraph that mention both the source and the target (with the paragraphs in between); when no paragraph "
    "mentions both, the closest source-mention/target-mention pair (fewest paragraphs apart, then fewest "
    "characters apart, then earliest) and the paragraphs from the first of the two to the second; the whole "
    "text when an actor has no mention"
)


def _to_record(self) -> dict:
    """A JSON/dataset-ready dict; spans become ``{"start", "end"}`` objects, tuples lists."""
    # field by field: dataclasses.asdict deep-copies and was most of the time of a large convert
    record = {name: getattr(self, name) for name in _NAMES}
    for name in _SPANS:
        record[name] = [{"start": s, "end": e} for s, e in record[name]]
    for name in _STRINGS:
        record[name] = list(record[name])
    return record


_NAMES = tuple(c.name for c in COLUMN_TABLE)
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
    """Stable id of a directed pair, e.g. ``000_90ff/peskov->lukashenko``."""
    base = f"{doc_id}/{source_id}->{target_id}"
    return f"{base}@{scope[0]}-{scope[1]}" if scope else base


def stance_pairs(docs: Iterable[AnnotatedDocument], *, candidates: bool = False) -> list[StancePair]:
    """All annotated pairs of ``docs`` (plus ``none`` candidates when asked), sorted by id."""
    pairs: list[StancePair] = []
    for doc in docs:
        pairs.extend(_document_pairs(doc, candidates=candidates))
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
    """The pairs of one document, sorted by id: its annotated pairs, plus ``none`` candidates when asked.

    A pair is annotated when ``stance_id`` is set; the annotated pairs are the same with or
    without ``candidates``, so one call with ``candidates=True`` serves both configs.
    """
    return sorted(_document_pairs(doc, candidates=candidates), key=lambda p: p.id)


def candidate_pairs(doc: AnnotatedDocument) -> list[tuple[str, str]]:
    """Ordered (source, target) actor pairs with mentions in a common paragraph, sorted."""
    return co_mentioned_pairs(doc.text, ((m.actor, m.start) for m in doc.annotation.mentions))


def co_mentioned_pairs(text: str, mentions: Iterable[tuple[str, int]]) -> list[tuple[str, str]]:
    """Ordered pairs of distinct actors with mentions (``(actor_id, start)``) in a common paragraph, sorted."""
    index = ParagraphIndex(text)
    actors_in: dict[int, set[str]] = {}
    for actor, start in mentions:
        actors_in.setdefault(index.index_of(start), set()).add(actor)
    pairs = {pair for actors in actors_in.values() for pair in permutations(sorted(actors), 2)}
    return sorted(pairs)


def _document_pairs(doc: AnnotatedDocument, *, candidates: bool) -> list[StancePair]:
    ann = doc.annotation
    actors = {a.id: a for a in ann.actors}
    mentions_of: dict[str, list[Mention]] = {}
    for m in sorted(ann.mentions, key=lambda m: (m.start, m.end, m.id)):
        mentions_of.setdefault(m.actor, []).append(m)
    index = ParagraphIndex(doc.text)
    doc_annotators = tuple(a.id for a in ann.annotators)

    def make(source_id: str, target_id: str, label: str, scope: tuple[int, int] | None, **gold) -> StancePair:
        src, tgt = actors[source_id], actors[target_id]
        src_m, tgt_m = mentions_of.get(source_id, []), mentions_of.get(target_id, [])
        start, end = scope if scope else context_window(doc.text, index, src_m, tgt_m)
        return StancePair(
            id=pair_id(ann.doc_id, source_id, target_id, scope), doc_id=ann.doc_id,
            source_id=source_id, source=src.name, source_type=src.type,
            target_id=target_id, target=tgt.name, target_type=tgt.type,
            context=doc.text[start:end], context_start=start,
            source_spans=_relative(src_m, start, end), target_spans=_relative(tgt_m, start, end),
            label=label, guideline_version=ann.guideline_version, **gold)

    pairs = []
    annotated = set()
    for s in ann.stances:
        scope = (s.scope.start, s.scope.end) if s.scope else None
        annotated.add((s.source, s.target))
        pairs.append(make(s.source, s.target, s.label, scope, explicit=s.explicit,
                          evidence=tuple(e.text for e in s.evidence), stance_id=s.id,
                          annotators=tuple(s.annotators) or doc_annotators))
    if candidates:
        for source_id, target_id in candidate_pairs(doc):
            if (source_id, target_id) not in annotated:
                pairs.append(make(source_id, target_id, NONE_LABEL, None, explicit=None, evidence=(),
                                  stance_id=None, annotators=doc_annotators))
    return pairs


def context_window(text: str, index: ParagraphIndex, src: Sequence, tgt: Sequence) -> tuple[int, int]:
    """``(start, end)`` of the context of a pair whose mentions (objects with ``start``/``end``)
    are ``src`` and ``tgt``, by :data:`CONTEXT_RULE` (never looking at a label)."""
    if not src or not tgt:
        return 0, len(text)
    src_paragraphs = {index.index_of(m.start) for m in src}
    shared = sorted(src_paragraphs & {index.index_of(m.start) for m in tgt})
    if shared:
        return index.spans[shared[0]][0], index.spans[shared[-1]][1]
    best = None
    for a in src:
        for b in tgt:
            first, second = (a, b) if (a.start, a.end) <= (b.start, b.end) else (b, a)
            paragraphs_apart = index.index_of(second.start) - index.index_of(first.start)
            key = (paragraphs_apart, max(0, second.start - first.end), first.start, second.start)
            if best is None or key < best[0]:
                best = (key, first, second)
    _, first, second = best
    return index.spans[index.index_of(first.start)][0], index.spans[index.index_of(second.start)][1]


def _relative(mentions: list[Mention], start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((m.start - start, m.end - start) for m in mentions if m.start >= start and m.end <= end)


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
    input is refused before any work (:class:`~actorstance.errors.OutputError`); on a problem in
    the annotations, :class:`~actorstance.errors.AnnotationError` lists every problem of every
    file and ``output`` is left as it was.
    """
    from actorstance.annotations import index_annotations, iter_annotations
    from actorstance.atomic import check_output_file
    from actorstance.jsonl import write_jsonl
    from actorstance.streaming import streaming_gc

    sources = list(paths)
    check_output_file(output, inputs=sources)
    index = index_annotations(sources)
    counts = {"documents": 0, "none": 0}

    def records() -> Iterator[dict]:
        for doc in iter_annotations(index):
            counts["documents"] += 1
            for pair in document_pairs(doc, candidates=candidates):
                counts["none"] += pair.label == NONE_LABEL
                yield pair.to_record()

    with streaming_gc():
        n = write_jsonl(output, records(), inputs=[*sources, *index.texts])
    return ConvertSummary(Path(output), n, counts["none"], counts["documents"])
