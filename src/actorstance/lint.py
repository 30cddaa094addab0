"""The codebook linter: every rule of ``docs/annotation-guidelines.md`` a program can check.

``validate`` checks that a file is well-formed and matches its text; ``lint`` checks valid files
against the codebook. Each finding carries the id of the rule it enforces (the codebook's
"Checks" table lists them all), where it is, what is wrong and the fix. Errors break a rule for
certain; warnings need a human look (a name with no mention may be a place, codebook M7), so
only errors fail unless ``strict``.

>>> result = lint_paths(["data/annotations"])  # doctest: +SKIP
>>> [str(f) for f in result.findings]  # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from actorstance.annotations import AnnotatedDocument, load_annotations
from actorstance.layout import SPLITS_FILE
from actorstance.problems import json_path_order
from actorstance.segment import ParagraphIndex

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """A codebook rule the linter checks: its id, severity and the codebook section that states it."""

    id: str
    severity: Severity
    section: str
    summary: str


@dataclass(frozen=True, order=True)
class Finding:
    """One place where a document breaks (error) or may break (warning) a codebook rule."""

    where: str
    path: str
    rule: str
    message: str
    fix: str

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    def __str__(self) -> str:
        location = f"{self.where}: {self.path}" if self.path else self.where
        return f"{location}: {self.severity} {self.rule}: {self.message}. Fix: {self.fix}."


@dataclass(frozen=True)
class LintResult:
    documents: int
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")


_RULES = (
    Rule("A1", "error", "Actors", "only actors in a stance are listed"),
    Rule("A2", "error", "Actors", "every listed actor has a mention"),
    Rule("A3", "error", "Actors", "type `other` is for imported corpora only"),
    Rule("N1", "error", "Canonical names", "a canonical name has no leading article"),
    Rule("N2", "error", "Canonical names", "aliases are names, never pronouns"),
    Rule("M1", "error", "Mentions", "a name mention excludes the possessive ’s"),
    Rule("M4", "error", "Mentions", "relative pronouns are not mentions"),
    Rule("M6", "warning", "Mentions", "every occurrence of an actor's name or alias is (inside) a mention"),
    Rule("M8", "error", "Mentions", "spans start and end on a word, not on a space or punctuation"),
    Rule("C1", "error", "Context", "every evidence span lies in its pair's context"),
    Rule("C2", "error", "Context", "evidence from a paragraph that lacks the source or the target is explained "
                                   "in the note"),
    Rule("E1", "error", "Evidence", "a stance's mentions lie inside its evidence and are its source or target"),
    Rule("E2", "warning", "Evidence", "a stance lists every source and target mention inside its evidence"),
    Rule("E3", "error", "Evidence", "an implied stance has a note"),
    Rule("F1", "error", "File format", "every document has a split in splits.json"),
    Rule("F2", "warning", "File format", "the doc id is the text file's name (the doc-id rule)"),
)
#: Every rule the linter checks, by id (the codebook's "Checks" table lists the same ids).
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}

_ARTICLES = re.compile(r"^(the|a|an)\s", re.IGNORECASE)
PRONOUNS = frozenset("he him his she her hers it its they them their theirs we us our ours i me my you your".split())
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
# a trailing full stop may end an abbreviation ("the U.S."), so it is not an edge here
_EDGE = re.compile(r"^[\s.,;:!?)\]}”’\"'-]|[\s,;:!?(\[{“‘\"'-]$")


def lint_paths(paths: Iterable[str | Path], *, strict: bool = False) -> LintResult:
    """Lint every annotation file under ``paths`` (validated first: invalid files raise
    :class:`~actorstance.errors.AnnotationError`, as ``validate`` reports them)."""
    docs = load_annotations(paths)
    return lint_documents(docs, {folder: _read_split_ids(folder) for folder in {d.path.parent for d in docs}})


def lint_documents(docs: list[AnnotatedDocument], split_ids: dict[Path, set[str] | None]) -> LintResult:
    """Findings of every check over ``docs``; ``split_ids`` maps each folder to the doc ids its
    ``splits.json`` lists (``None``: the folder has none)."""
    findings: list[Finding] = []
    for doc in docs:
        for check in CHECKS:
            findings.extend(check(doc))
        listed = split_ids.get(doc.path.parent)
        if listed is None or doc.doc_id not in listed:
            where = "has no splits.json" if listed is None else f"{SPLITS_FILE} does not list it"
            findings.append(Finding(str(doc.path), "doc_id", "F1", f"document '{doc.doc_id}' has no split (its "
                                    f"folder {where})", "run `actorstance split --seed N` or add it to splits.json"))
    # stable sort: within one path and rule, findings stay in text order
    return LintResult(len(docs), tuple(sorted(findings, key=lambda f: (f.where, json_path_order(f.path), f.rule))))


def _read_split_ids(folder: Path) -> set[str] | None:
    from actorstance.errors import ActorstanceError
    from actorstance.inputs import read_json_object

    path = folder / SPLITS_FILE
    if not path.exists():
        return None
    try:
        return set(read_json_object(path, what="splits file"))
    except ActorstanceError:
        return set()  # `build` reports a malformed splits file; no document counts as split here


# ---------------------------------------------------------------- the checks, one per rule (or two)

def _actors(doc: AnnotatedDocument) -> Iterator[Finding]:
    ann, where = doc.annotation, str(doc.path)
    in_stance = {a for s in ann.stances for a in (s.source, s.target)}
    mentioned = {m.actor for m in ann.mentions}
    imported = any(a.kind == "import" for a in ann.annotators)
    for i, actor in enumerate(ann.actors):
        path = f"actors[{i}]"
        if actor.id not in in_stance:
            yield Finding(where, path, "A1", f"actor '{actor.id}' is in no stance",
                          "remove the actor and its mentions, or annotate the stance the article gives it")
        if actor.id not in mentioned:
            yield Finding(where, path, "A2", f"actor '{actor.id}' has no mention",
                          "annotate every mention of the actor (without one, its pairs' context is the whole text)")
        if actor.type == "other" and not imported:
            yield Finding(where, f"{path}.type", "A3", f"actor '{actor.id}' has type 'other', which native "
                          "annotations never use", "choose the actor type from the codebook's table")
        if _ARTICLES.match(actor.name):
            yield Finding(where, f"{path}.name", "N1", f"canonical name {actor.name!r} starts with an article",
                          f"name the actor {_ARTICLES.sub('', actor.name)!r}; an article that belongs to the name "
                          "goes into an alias")
        for j, alias in enumerate(actor.aliases):
            if alias.lower() in PRONOUNS:
                yield Finding(where, f"{path}.aliases[{j}]", "N2", f"alias {alias!r} is a pronoun",
                              "remove it: pronouns are mentions, never aliases")


def _mentions(doc: AnnotatedDocument) -> Iterator[Finding]:
    ann, where = doc.annotation, str(doc.path)
    for i, m in enumerate(ann.mentions):
        path = f"mentions[{i}]"
        if m.text.endswith(("’s", "'s")) and len(m.text) > 2:
            yield Finding(where, path, "M1", f"mention '{m.id}' {m.text!r} includes the possessive",
                          f"end the mention before the possessive, at {m.end - 2}")
        if m.text.lower() in RELATIVE_PRONOUNS:
            yield Finding(where, path, "M4", f"mention '{m.id}' {m.text!r} is a relative pronoun",
                          "remove the mention: relative pronouns are not annotated")
        if _EDGE.search(m.text):
            yield Finding(where, path, "M8", f"mention '{m.id}' {m.text!r} starts or ends with a space or "
                          "punctuation", "trim the span to the words of the mention")
    for i, s in enumerate(ann.stances):
        for j, e in enumerate(s.evidence):
            if e.text != e.text.strip():
                yield Finding(where, f"stances[{i}].evidence[{j}]", "M8", f"evidence of stance '{s.id}' starts or "
                              "ends with whitespace", "trim the span to its words")


def _name_occurrences(doc: AnnotatedDocument) -> Iterator[Finding]:
    ann, where, text = doc.annotation, str(doc.path), doc.text
    covered = sorted((m.start, m.end) for m in ann.mentions)
    index = ParagraphIndex(text)
    for i, actor in enumerate(ann.actors):
        found: dict[int, int] = {}  # start → end; the longest surface wins ("PMC Wagner" over "Wagner")
        for surface in sorted({actor.name, *actor.aliases}, key=len, reverse=True):
            for start in _occurrences(text, surface):
                end = start + len(surface)
                if not any(s <= start < e for s, e in found.items()) and \
                        not any(s <= start and end <= e for s, e in covered):
                    found[start] = end
        for start, end in sorted(found.items()):
            yield Finding(where, f"actors[{i}]", "M6", f"{text[start:end]!r} at [{start}, {end}) (paragraph "
                          f"{index.index_of(start)}) names actor '{actor.id}' but is not inside a mention",
                          "annotate it as a mention, or leave it if it only names a place (M7)")


def _occurrences(text: str, surface: str) -> Iterator[int]:
    head = surface
    if _ARTICLES.match(surface):  # "the Kremlin" is also "The Kremlin" at a sentence start
        head = f"[{surface[0].upper()}{surface[0].lower()}]{re.escape(surface[1:])}"
    else:
        head = re.escape(surface)
    for match in re.finditer(rf"(?<!\w){head}(?!\w)", text):
        yield match.start()


def _stances(doc: AnnotatedDocument) -> Iterator[Finding]:
    from actorstance.convert import stance_pairs

    ann, where = doc.annotation, str(doc.path)
    contexts = {p.stance_id: (p.context_start, p.context_start + len(p.context)) for p in stance_pairs([doc])}
    index = ParagraphIndex(doc.text)
    actors_in: dict[int, set[str]] = {}
    for m in ann.mentions:
        actors_in.setdefault(index.index_of(m.start), set()).add(m.actor)
    mentions = {m.id: m for m in ann.mentions}
    for i, s in enumerate(ann.stances):
        path = f"stances[{i}]"
        start, end = contexts[s.id]
        for j, e in enumerate(s.evidence):
            if not (start <= e.start and e.end <= end):
                yield Finding(where, f"{path}.evidence[{j}]", "C1", f"evidence {e.text[:40]!r} of stance '{s.id}' "
                              f"lies outside the pair's context [{start}, {end})", "cite evidence from the paragraphs "
                              "that mention both actors, or annotate the mentions the context rule needs")
            para = index.index_of(e.start)
            # a scoped stance's context is its sentence (C1 covers it); C2 is about document-level contexts
            if s.scope is None and not {s.source, s.target} <= actors_in.get(para, set()) and not s.note:
                yield Finding(where, f"{path}.evidence[{j}]", "C2", f"evidence of stance '{s.id}' lies in paragraph "
                              f"{para}, which does not mention both {s.source} and {s.target}",
                              "cite a paragraph that mentions both, or say in `note` why this one supports it")
        for j, mid in enumerate(s.mentions):
            m = mentions[mid]
            if not any(e.start <= m.start and m.end <= e.end for e in s.evidence):
                yield Finding(where, f"{path}.mentions[{j}]", "E1", f"mention '{mid}' of stance '{s.id}' lies "
                              "outside its evidence", "list only the source and target mentions inside the evidence")
        listed = set(s.mentions)
        for m in ann.mentions:
            inside = any(e.start <= m.start and m.end <= e.end for e in s.evidence)
            if inside and m.actor in (s.source, s.target) and m.id not in listed:
                yield Finding(where, f"{path}.mentions", "E2", f"stance '{s.id}' does not list mention '{m.id}' "
                              f"({m.text!r}), which lies inside its evidence", f"add '{m.id}' to its mentions")
        if not s.explicit and not s.note:
            yield Finding(where, path, "E3", f"stance '{s.id}' is implied (explicit: false) but has no note",
                          "say in `note` what the label is inferred from")


def _doc_id(doc: AnnotatedDocument) -> Iterator[Finding]:
    stem = Path(doc.annotation.text.path).stem
    if stem != doc.doc_id:
        yield Finding(str(doc.path), "doc_id", "F2", f"doc id '{doc.doc_id}' is not the text file's name '{stem}'",
                      "name the text file <doc_id>.txt (before annotating) or use its name as the doc id")


#: The checks run on every document; F1 (splits) is checked per folder in :func:`lint_documents`.
CHECKS: tuple[Callable[[AnnotatedDocument], Iterable[Finding]], ...] = (
    _actors, _mentions, _name_occurrences, _stances, _doc_id)
