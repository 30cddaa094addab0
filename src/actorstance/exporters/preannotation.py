"""What a pre-annotation shows an annotator: the regions and arrows of each document, tool-neutral.

Annotators correct a model faster than they start from nothing. :func:`preannotate` turns annotated
documents (their actors and mentions, from a first pass, another corpus or an extraction model) into
:class:`PreAnnotation` records that the Label Studio and brat exporters render:

* **regions** — every mention (labelled with its actor's type, carrying the actor's name, so the
  import groups it back into the same actor) and, for stances drawn from the annotation, their
  evidence spans;
* **candidates** (``candidates=True``) — an unlabelled arrow for every candidate pair with no
  stance, which the annotator labels or deletes (the import refuses one left undecided);
* **arrows** — one per evidence span of each stance (the import merges the arrows of one pair
  back into one stance, each arrow taking the smallest evidence region around its mentions): from
  a source mention to a target mention. With a predictions file
  (``{"id", "label", "scores"?}`` per candidate pair of the documents, as ``actorstance predict``
  writes them for the ``candidates`` config), the arrows are the model's polar and neutral
  predictions instead (``none`` and abstentions draw nothing), with the score of the predicted label.

An arrow joins mentions inside its evidence span where there are some, the stance's cited mentions
first, else the closest source-mention / target-mention pair (fewest characters apart, then earliest).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from actorstance.annotations import AnnotatedDocument
from actorstance.labels import ALL_LABELS, NONE_LABEL
from actorstance.schema import Mention


@dataclass(frozen=True)
class Region:
    """A labelled stretch of the text: a mention (``label`` = actor type, ``actor`` = its name) or evidence."""

    id: str
    start: int
    end: int
    text: str
    label: str
    actor: str | None = None


@dataclass(frozen=True)
class Arrow:
    """A stance drawn from region ``source`` to region ``target``."""

    source: str
    target: str
    label: str | None  # None: a candidate pair for the annotator to decide
    implied: bool = False
    score: float | None = None


@dataclass(frozen=True)
class PreAnnotation:
    """One document as a tool shows it before the annotator starts: text, regions and arrows."""

    doc_id: str
    text: str
    split: str | None
    regions: tuple[Region, ...]
    arrows: tuple[Arrow, ...]
    origin: str
    #: evidence spans (``START-END``) no arrow can point at: the import gives their arrow another region
    misplaced_evidence: tuple[str, ...] = ()


EVIDENCE_LABEL = "evidence"


def preannotate(docs: Sequence[AnnotatedDocument], *, splits: dict[str, str] | None = None,
                predictions: str | Path | None = None, model_version: str | None = None,
                candidates: bool = False) -> list[PreAnnotation]:
    """The pre-annotation of every document: its own stances, or the predictions at ``predictions``.

    ``candidates`` adds an unlabelled arrow for every candidate pair with no stance (codebook
    "Candidate pairs"), drawn inside the pair's context, for the annotator to label or delete.
    """
    predicted = _read_predictions(docs, predictions) if predictions is not None else None
    undecided = _undecided_pairs(docs) if candidates else {}
    out = []
    for doc in docs:
        ann = doc.annotation
        names = {a.id: a for a in ann.actors}
        regions = [Region(id=m.id, start=m.start, end=m.end, text=m.text, label=names[m.actor].type,
                          actor=names[m.actor].name) for m in ann.mentions]
        arrows, misplaced = [], []
        if predicted is None:
            origin = model_version or "annotation by " + ", ".join(a.id for a in ann.annotators)
            evidence = _evidence_regions(ann.stances)
            regions += evidence.values()
            stretches = {key: [(r.start, r.end)] for key, r in evidence.items()}
            for stance in ann.stances:
                for span in stance.evidence:
                    key = _span_key(span.start, span.end)
                    ends = _arrow_ends(ann.mentions, stance.source, stance.target, stance.mentions,
                                       lands_on=(key, stretches))
                    if ends[0] is not None and not ends[2]:
                        misplaced.append(f"{stance.id} {span.start}-{span.end}")
                    if ends[0] is not None:
                        arrows.append(Arrow(source=ends[0], target=ends[1], label=stance.label,
                                            implied=not stance.explicit))
        else:
            origin = model_version or f"predictions {Path(predictions).name}"
            for pair, label, score in predicted.get(doc.doc_id, []):
                window = (pair.context_start, pair.context_start + len(pair.context))
                source, target, _ = _arrow_ends(ann.mentions, pair.source_id, pair.target_id, (), within=window)
                if source is not None:
                    arrows.append(Arrow(source=source, target=target, label=label, score=score))
        for pair in undecided.get(doc.doc_id, []):
            window = (pair.context_start, pair.context_start + len(pair.context))
            source, target, _ = _arrow_ends(ann.mentions, pair.source_id, pair.target_id, (), within=window)
            if source is not None:
                arrows.append(Arrow(source=source, target=target, label=None))
        out.append(PreAnnotation(doc_id=doc.doc_id, text=doc.text, split=(splits or {}).get(doc.doc_id),
                                 regions=tuple(regions), arrows=tuple(arrows), origin=origin,
                                 misplaced_evidence=tuple(misplaced)))
    return out


def _span_key(start: int, end: int) -> str:
    return f"e{start}-{end}"


def _evidence_regions(stances) -> dict[str, Region]:
    """One evidence region per distinct evidence span of the document (spans of different stances may coincide)."""
    found: dict[str, Region] = {}
    for stance in stances:
        for span in stance.evidence:
            key = _span_key(span.start, span.end)
            found.setdefault(key, Region(id=key, start=span.start, end=span.end, text=span.text, label=EVIDENCE_LABEL))
    return dict(sorted(found.items(), key=lambda kv: (kv[1].start, kv[1].end)))


def _arrow_ends(mentions: Sequence[Mention], source: str, target: str, cited: Sequence[str],
                lands_on: tuple[str, dict] | None = None, within: tuple[int, int] | None = None
                ) -> tuple[str | None, str | None, bool]:
    """The mention pair an arrow joins: the closest source-mention / target-mention pair (fewest characters apart,
    cited mentions first, then earliest) — among the pairs whose arrow the importer gives the evidence region
    ``lands_on`` (its key and every region), when there are such pairs; the flag says whether it lands there.
    ``within`` (a predicted pair's context) keeps the mentions inside it, when it holds some of each actor."""
    from actorstance.importers.tool_document import evidence_region

    cited_set = set(cited)

    def of(actor: str) -> list[Mention]:
        own = [m for m in mentions if m.actor == actor]
        inside = [m for m in own if within and within[0] <= m.start and m.end <= within[1]]
        return inside or own

    src, tgt = of(source), of(target)
    if not src or not tgt:
        return None, None, False
    ranked = sorted(((s, t) for s in src for t in tgt), key=lambda st: (
        (st[0].id not in cited_set) + (st[1].id not in cited_set),
        max(st[0].start, st[1].start) - min(st[0].end, st[1].end), st[0].start, st[1].start))
    if lands_on is not None:
        key, regions = lands_on
        landing = [(s, t) for s, t in ranked
                   if evidence_region([(s.start, s.end)], [(t.start, t.end)], regions)[0] == key]
        if not landing:
            return ranked[0][0].id, ranked[0][1].id, False
        ranked = landing
    return ranked[0][0].id, ranked[0][1].id, True


def _undecided_pairs(docs: Sequence[AnnotatedDocument]) -> dict[str, list]:
    """``{doc_id: [pair]}`` of the candidate pairs no stance covers (label ``none``)."""
    from actorstance.convert import stance_pairs

    found: dict[str, list] = {}
    for pair in stance_pairs(docs, candidates=True):
        if pair.label == NONE_LABEL:
            found.setdefault(pair.doc_id, []).append(pair)
    return found


def _read_predictions(docs: Sequence[AnnotatedDocument], path: str | Path) -> dict[str, list[tuple]]:
    """``{doc_id: [(pair, label, score)]}`` of the non-``none`` predictions, checked like any predictions file.

    A pair of a sentence-scoped corpus (SEESAW) is one arrow per scope, drawn inside its context."""
    from actorstance.convert import stance_pairs
    from actorstance.evaluation.predictions import read_predictions

    pairs = stance_pairs(docs, candidates=True)
    checked = read_predictions(path, ids=[p.id for p in pairs], labels=ALL_LABELS,
                               split="the candidate pairs of the exported documents")
    found: dict[str, list[tuple]] = {}
    for pair, label, scores in zip(pairs, checked.labels, checked.scores):
        if label is None or label == NONE_LABEL:
            continue
        found.setdefault(pair.doc_id, []).append((pair, label, scores.get(label) if scores else None))
    return found
