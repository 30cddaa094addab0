"""One annotator's spans and relations on one document, as any annotation tool exports them, → an annotation.

Why one module of ~380 lines: it is the one set of rules every tool importer shares (one small
function per rule of docs/annotation-tools.md); splitting it would scatter that contract.

Every tool importer (``label_studio``, ``brat``, ``inception``, ``doccano``) reads its format into a
:class:`ToolDocument` and calls :func:`to_annotation`; the rules below are therefore the same for
every tool (docs/annotation-tools.md):

* **spans** — a span's label goes through the :class:`~actorstance.importers.mapping.ToolMapping`:
  an actor type makes it a *mention*, ``evidence`` an *evidence region*, ``ignore`` drops it
  (counted). Its offsets must lie in the text and the text the tool recorded must equal the text
  at those offsets (fragments of a discontinuous span joined by one space, as brat does).
  Whitespace the annotator selected around a span is trimmed (counted).
* **actors** — mentions with the same actor name are one actor: the name typed for the span
  (Label Studio's per-region ``actor`` text, a brat ``AnnotatorNotes`` line, INCEpTION's ``actor``
  feature), else the span's own text. ``same_actor`` relations join two mentions' actors. The
  actor's name is the typed name, else the text of its first mention; its type is the mentions'
  (which must agree); its id is a slug of the name.
* **stances** — a relation whose labels map to one stance label, from a source mention to a target
  mention (direction as the tool records it), is a stance of the source's actor towards the
  target's; all relations of one directed pair must carry one label and become one stance, which
  is ``explicit`` unless every one of them is also labelled ``implied``.
* **evidence** — for each relation, one evidence region: the smallest containing both its mentions;
  else the smallest containing either (counted); else (counted) the stretch from the first mention
  to the second when both lie in one paragraph. Otherwise it is a problem: draw an evidence region.
  A stance with several pieces of evidence is several relations of one pair, one per region.

Nothing is guessed silently: every problem names the file, the tool's id of the span or relation,
and the fix; every rule that changed or dropped something is counted in the import report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actorstance.errors import Problem
from actorstance.importers.ids import unique_slug
from actorstance.importers.mapping import CANDIDATE, EVIDENCE, IGNORE, IMPLIED, SAME_ACTOR, ToolMapping
from actorstance.importers.output import ImportedDocument, text_ref
from actorstance.importers.report import ImportReport
from actorstance.labels import STANCE_LABELS
from actorstance.schema import SCHEMA_VERSION, Actor, Annotation, Annotator, Mention, Span, Stance
from actorstance.segment import ParagraphIndex

#: What joins the fragments of a discontinuous span in the text a tool records for it (brat's rule).
FRAGMENT_JOINER = " "


@dataclass(frozen=True)
class ToolSpan:
    """A labelled stretch of text: ``fragments`` are ``(start, end)`` code-point offsets, end exclusive."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str | None = None  # as the tool recorded it (None: the tool records none)
    actor: str | None = None  # the actor name typed for the span, if any


@dataclass(frozen=True)
class ToolRelation:
    """A directed relation from span ``source`` to span ``target``, with the tool's label(s)."""

    id: str
    labels: tuple[str, ...]
    source: str
    target: str


@dataclass
class ToolDocument:
    """One annotator's version of one document in a tool's export; ``where`` locates it in error messages."""

    where: str
    doc_id: str
    text: str
    annotator: str
    tool: str
    spans: list[ToolSpan] = field(default_factory=list)
    relations: list[ToolRelation] = field(default_factory=list)
    split: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def to_annotation(doc: ToolDocument, mapping: ToolMapping, report: ImportReport,
                  problems: list[Problem]) -> ImportedDocument | None:
    """Map ``doc`` to an annotation by the module's rules; append every problem to ``problems``.

    Returns None when ``doc`` had problems (nothing of it is written); counts go to ``report``.
    """
    before = len(problems)
    mentions, evidence = _spans(doc, mapping, report, problems)
    # the canonical mention ids, m1... in text order (a tool's own ids need not be identifiers)
    order = sorted(mentions.values(), key=lambda m: (m.start, m.end, m.id))
    number = {m.id: f"m{i}" for i, m in enumerate(order, start=1)}
    actors, actor_of = _actors(doc, mapping, mentions, problems)
    stances = _stances(doc, mapping, mentions, evidence, actor_of, number, report, problems)
    if len(problems) > before:
        return None
    annotator = mapping.annotator(doc.annotator)
    annotation = Annotation(
        schema_version=SCHEMA_VERSION, doc_id=doc.doc_id, text=text_ref(doc.doc_id, doc.text),
        language=mapping.language, guideline_version=mapping.guideline_version,
        annotators=[Annotator(id=annotator.id, kind=annotator.kind, name=annotator.name,
                              note=f"annotated in {doc.tool} as user {doc.annotator!r}")],
        metadata={"tool": doc.tool, **doc.metadata}, actors=actors,
        mentions=[Mention(id=number[m.id], actor=actor_of[m.span], start=m.start, end=m.end, text=m.text)
                  for m in order],
        stances=stances)
    report.documents += 1
    report.actors += len(actors)
    report.mentions += len(order)
    report.stances += len(stances)
    report.annotator_documents[annotator.id] = report.annotator_documents.get(annotator.id, 0) + 1
    return ImportedDocument(annotation=annotation, text=doc.text, split=doc.split)


@dataclass(frozen=True)
class _Piece:
    """One contiguous fragment of a mention or evidence span; ``span`` is the tool's span id."""

    id: str
    span: str
    start: int
    end: int
    text: str
    type: str


def _spans(doc: ToolDocument, mapping: ToolMapping, report: ImportReport,
           problems: list[Problem]) -> tuple[dict[str, _Piece], dict[str, list[_Piece]]]:
    mentions: dict[str, _Piece] = {}  # piece id → mention piece
    evidence: dict[str, list[_Piece]] = {}  # span id → its evidence pieces
    seen: set[str] = set()
    known = ", ".join(sorted(mapping.span_labels))
    for span in doc.spans:
        where = f"span {span.id!r}"
        if span.id in seen:
            problems.append(Problem(doc.where, where, "two spans have this id", "give every span a unique id"))
            continue
        seen.add(span.id)
        role = mapping.span_role(span.label)
        if role is None:
            problems.append(Problem(doc.where, where, f"unknown span label {span.label!r}",
                                    f"relabel the span or map the label in a --mapping file (span_labels; known: {known})"))
            continue
        if role == IGNORE:
            _count(report.ignored, f"span label {span.label}")
            continue
        pieces = _pieces(doc, span, role, report, problems)
        if pieces is None:
            continue
        if role == EVIDENCE:
            evidence[span.id] = pieces
        else:
            if len(pieces) > 1:
                _count(report.mapped, "discontinuous_mention_split")
            mentions.update((p.id, p) for p in pieces)
    _overlaps(doc, list(mentions.values()), problems)
    return mentions, evidence


def _pieces(doc: ToolDocument, span: ToolSpan, role: str, report: ImportReport,
            problems: list[Problem]) -> list[_Piece] | None:
    where, text = f"span {span.id!r}", doc.text
    if not span.fragments:
        problems.append(Problem(doc.where, where, "span has no offsets", "give the span a start and an end"))
        return None
    for start, end in span.fragments:
        if not (0 <= start < end <= len(text)):
            problems.append(Problem(doc.where, where, f"offsets [{start}, {end}) are not a stretch of the "
                                    f"{len(text)}-character text", "re-export the document from the tool, or fix "
                                    "start < end within the text (code points, end exclusive)"))
            return None
    covered = FRAGMENT_JOINER.join(text[s:e] for s, e in span.fragments)
    if span.text is not None and span.text != covered:
        problems.append(Problem(doc.where, where, f"the span's text {span.text!r} is not the document's text at its "
                                f"offsets, which is {covered!r}", "annotate the document's own text (the export holds "
                                "another version of it) or correct the offsets"))
        return None
    pieces = []
    for i, (start, end) in enumerate(span.fragments):
        raw = text[start:end]
        lead, core = len(raw) - len(raw.lstrip()), raw.strip()
        if not core:
            problems.append(Problem(doc.where, where, f"fragment [{start}, {end}) covers only whitespace",
                                    "delete the span or select words"))
            return None
        if core != raw:
            _count(report.mapped, "whitespace_trimmed")
        s = start + lead
        pid = span.id if len(span.fragments) == 1 else f"{span.id}#{i + 1}"
        pieces.append(_Piece(id=pid, span=span.id, start=s, end=s + len(core), text=core, type=role))
    return pieces


def _overlaps(doc: ToolDocument, mentions: list[_Piece], problems: list[Problem]) -> None:
    ordered = sorted(mentions, key=lambda p: (p.start, p.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            problems.append(Problem(doc.where, f"span {b.span!r}", f"mention {b.text!r} [{b.start}, {b.end}) overlaps "
                                    f"mention {a.text!r} [{a.start}, {a.end}) (span {a.span!r})",
                                    "mentions never overlap (codebook M5): keep the outermost and delete the other"))


def _actors(doc: ToolDocument, mapping: ToolMapping, mentions: dict[str, _Piece],
            problems: list[Problem]) -> tuple[list[Actor], dict[str, str]]:
    """Group mentions into actors; return the actors and ``{span id: actor id}``."""
    typed = {s.id: s.actor.strip() for s in doc.spans if s.actor and s.actor.strip()}
    first: dict[str, _Piece] = {}  # each mention span's first piece, in text order
    for piece in sorted(mentions.values(), key=lambda p: (p.start, p.end)):
        first.setdefault(piece.span, piece)
    spans = list(first.values())
    parent = {p.span: p.span for p in spans}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=order.get)] = min(ra, rb, key=order.get)

    order = {p.span: i for i, p in enumerate(spans)}
    by_key: dict[str, str] = {}
    for p in spans:
        key = typed.get(p.span) or " ".join(_span_text(doc, p.span, mentions).split())
        if key in by_key:
            union(by_key[key], p.span)
        else:
            by_key[key] = p.span
    for rel in doc.relations:
        roles = {r for label in rel.labels for r in (mapping.relation_roles(label) or ())}
        if SAME_ACTOR in roles and rel.source in parent and rel.target in parent:
            union(rel.source, rel.target)
    groups: dict[str, list[_Piece]] = {}
    for p in spans:
        groups.setdefault(find(p.span), []).append(p)
    actors, actor_of, used = [], {}, set()
    for root, members in groups.items():
        names = sorted({typed[m.span] for m in members if m.span in typed})
        types = sorted({m.type for m in members})
        ids = ", ".join(repr(m.span) for m in members)
        if len(names) > 1:
            problems.append(Problem(doc.where, f"spans {ids}", f"mentions joined into one actor name different actors "
                                    f"({', '.join(map(repr, names))})", "type one actor name on all of them, or remove "
                                    "the same-actor relation that joins them"))
        if len(types) > 1:
            problems.append(Problem(doc.where, f"spans {ids}", f"mentions of one actor have different types "
                                    f"({', '.join(types)})", "give every mention of an actor the same label"))
        name = names[0] if names else members[0].text
        aid = unique_slug(name, used)
        actors.append(Actor(id=aid, name=name, type=types[0]))
        actor_of.update((m.span, aid) for m in members)
    return actors, actor_of


def _span_text(doc: ToolDocument, span_id: str, mentions: dict[str, _Piece]) -> str:
    return FRAGMENT_JOINER.join(p.text for p in mentions.values() if p.span == span_id)


def _stances(doc: ToolDocument, mapping: ToolMapping, mentions: dict[str, _Piece], evidence: dict[str, list[_Piece]],
             actor_of: dict[str, str], number: dict[str, str], report: ImportReport,
             problems: list[Problem]) -> list[Stance]:
    known_spans = {s.id for s in doc.spans}
    paragraphs = ParagraphIndex(doc.text)
    pairs: dict[tuple[str, str], list[tuple[ToolRelation, str, bool, list[_Piece]]]] = {}
    known = ", ".join(sorted(mapping.relation_labels))
    for rel in doc.relations:
        where = f"relation {rel.id!r}"
        roles, unknown = [], False
        for label in rel.labels:
            mapped = mapping.relation_roles(label)
            if mapped is None:
                unknown = True
                problems.append(Problem(doc.where, where, f"unknown relation label {label!r}", "relabel the relation "
                                        f"or map the label in a --mapping file (relation_labels; known: {known})"))
            roles.extend(mapped or ())
        if unknown:
            continue
        if SAME_ACTOR in roles or (roles and set(roles) == {IGNORE}):
            if SAME_ACTOR in roles and len(set(roles)) > 1:
                problems.append(Problem(doc.where, where, f"a same-actor relation also has labels {list(rel.labels)}",
                                        "keep same-actor relations apart from stances"))
            if SAME_ACTOR in roles:
                _count(report.mapped, "same_actor_relations")
            else:
                _count(report.ignored, f"relation label {'/'.join(rel.labels)}")
            continue
        report.records += 1
        labels = sorted({r for r in roles if r in STANCE_LABELS})
        if CANDIDATE in roles and not labels:
            problems.append(Problem(doc.where, where, "a pre-annotated candidate pair is still undecided",
                                    "relabel it positive, negative or neutral (and implied when it is), or delete "
                                    "it when the article expresses no stance of the source towards the target"))
            continue
        if len(labels) != 1:
            got = f"labels {list(rel.labels)}" if rel.labels else "no label"
            problems.append(Problem(doc.where, where, f"a stance relation needs exactly one of "
                                    f"{', '.join(STANCE_LABELS)}; it has {got}", "label the relation with one stance "
                                    "label (and 'implied' when the stance is implied), or delete it"))
            continue
        ends = []
        for role, span_id in (("source", rel.source), ("target", rel.target)):
            if span_id not in actor_of:
                what = ("no span" if span_id not in known_spans else
                        "an evidence region or an ignored span" if span_id in evidence or span_id in known_spans
                        else "a span with problems")
                problems.append(Problem(doc.where, where, f"its {role} {span_id!r} is {what}, not a mention",
                                        "draw the relation between two actor mentions"))
            ends.append(span_id)
        if len(ends) != 2 or any(e not in actor_of for e in ends):
            continue
        source, target = actor_of[rel.source], actor_of[rel.target]
        if source == target:
            problems.append(Problem(doc.where, where, f"relation from {source!r} to itself",
                                    "a stance is between two different actors: redraw or delete the relation"))
            continue
        spans = _evidence_of(doc, rel, mentions, evidence, paragraphs, report, problems)
        if spans is None:
            continue
        pairs.setdefault((source, target), []).append((rel, labels[0], IMPLIED in roles, spans))
    stances = []
    for (source, target), rels in pairs.items():
        kinds = sorted({label for _, label, _, _ in rels})
        if len(kinds) > 1:
            listing = "; ".join(f"{rel.id!r} {label}" for rel, label, _, _ in rels)
            problems.append(Problem(doc.where, f"relations {listing}", f"pair {source}→{target} has more than one "
                                    "label", "one label per directed pair (codebook 'One label per pair'): keep the "
                                    "dominant stance's relations and delete the others"))
            continue
        _count(report.skipped, "merged_same_pair", len(rels) - 1)
        pieces = sorted({(p.start, p.end): p for _, _, _, ps in rels for p in ps}.values(), key=lambda p: (p.start, p.end))
        cited = sorted({p.id for p in mentions.values() if actor_of[p.span] in (source, target)
                        and any(e.start <= p.start and p.end <= e.end for e in pieces)},
                       key=lambda pid: (mentions[pid].start, pid))
        stances.append(Stance(
            id=f"s{len(stances) + 1}", source=source, target=target, label=kinds[0],
            explicit=not all(implied for _, _, implied, _ in rels),
            evidence=[Span(start=p.start, end=p.end, text=p.text) for p in pieces],
            mentions=[number[pid] for pid in cited]))
    return stances


Stretches = list[tuple[int, int]]


def evidence_region(source: Stretches, target: Stretches, regions: dict[str, Stretches]) -> tuple[str | None, str]:
    """Which evidence region a relation between mentions at ``source`` and ``target`` takes, and by which rule.

    The smallest region holding both mentions (``"both"``); else the smallest holding either
    (``"one"``); else ``(None, "none")``. Ties go to the earlier region. The exporters call this too,
    so that a pre-annotation's arrows land on the evidence they were drawn for.
    """
    def holds(region: Stretches, pieces: Stretches) -> bool:
        return any(rs <= ps and pe <= re for rs, re in region for ps, pe in pieces)

    def smallest(keys: list[str]) -> str | None:
        return min(keys, key=lambda k: (sum(e - s for s, e in regions[k]), regions[k][0]), default=None)

    both = smallest([k for k, r in regions.items() if holds(r, source) and holds(r, target)])
    if both is not None:
        return both, "both"
    either = smallest([k for k, r in regions.items() if holds(r, source) or holds(r, target)])
    return (either, "one") if either is not None else (None, "none")


def _evidence_of(doc: ToolDocument, rel: ToolRelation, mentions: dict[str, _Piece], evidence: dict[str, list[_Piece]],
                 paragraphs: ParagraphIndex, report: ImportReport, problems: list[Problem]) -> list[_Piece] | None:
    ends = [[p for p in mentions.values() if p.span == span_id] for span_id in (rel.source, rel.target)]
    stretches = {key: [(p.start, p.end) for p in region] for key, region in evidence.items()}
    key, rule = evidence_region([(p.start, p.end) for p in ends[0]], [(p.start, p.end) for p in ends[1]], stretches)
    if key is not None:
        if rule == "one":
            _count(report.mapped, "evidence_from_region_holding_one_mention")
        return evidence[key]
    first, last = min(ends[0] + ends[1], key=lambda p: p.start), max(ends[0] + ends[1], key=lambda p: p.end)
    if paragraphs.index_of(first.start) != paragraphs.index_of(last.end - 1):
        problems.append(Problem(doc.where, f"relation {rel.id!r}", "no evidence region holds its mentions, and they "
                                "lie in different paragraphs", "draw an evidence region over the words that carry the "
                                "stance (codebook 'Evidence')"))
        return None
    _count(report.mapped, "evidence_from_mention_pair")
    text = doc.text[first.start:last.end]
    return [_Piece(id=f"{rel.id}#evidence", span=rel.id, start=first.start, end=last.end, text=text, type=EVIDENCE)]


def _count(table: dict[str, int], key: str, n: int = 1) -> None:
    if n:
        table[key] = table.get(key, 0) + n
