"""Load annotation files and check them against their texts, reporting every problem at once.

Why one module of ~400 lines: loading and the checks against the text are one job — every check
reports into the same per-file problem list that :func:`load_annotation` raises at once — and the
checks are private helpers of it, one small function per rule.

>>> doc = load_annotation("data/annotations/000_90ff7f66b757b298.json")  # doctest: +SKIP
>>> doc.text[doc.annotation.mentions[0].start:doc.annotation.mentions[0].end]  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError

from actorstance.checksum import sha256_bytes
from actorstance.errors import AnnotationError, DocumentOrderError, InputError, Problem
from actorstance.inputs import read_bytes, read_json_object
from actorstance.labels import ACTOR_TYPES, ANNOTATOR_KINDS, STANCE_LABELS
from actorstance.layout import NON_DOCUMENT_FILES
from actorstance.problems import json_path_order, validation_problems
from actorstance.schema import GUIDELINE_VERSIONS, Actor, Annotation, Mention, Span, Stance

ANNOTATION_SUFFIX = ".json"
#: Files in an annotations folder that are not annotation documents.


@dataclass(frozen=True)
class AnnotatedDocument:
    """A validated annotation together with its text and where both came from."""

    path: Path
    annotation: Annotation
    text: str
    text_sha256: str

    @property
    def doc_id(self) -> str:
        return self.annotation.doc_id


def annotation_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of annotation files (folders: ``*.json``)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(path / name for name in _document_names(path))
        elif path.is_file():
            found.append(path)
        elif path.exists() or path.is_symlink():  # a FIFO, a device, a symlink loop: say which
            read_bytes(path, what="annotation file", fix="pass an annotation .json file or a folder of them",
                       error=AnnotationError)
            found.append(path)
        else:
            raise AnnotationError([Problem(str(path), "", "no such file or folder",
                                           "pass an annotation .json file or a folder of them")])
    return found


def _document_names(folder: Path) -> list[str]:
    """Sorted names of the annotation files in ``folder`` (what ``sorted(folder.glob("*.json"))``
    finds, dot files included, less :data:`NON_DOCUMENT_FILES`), by names: building and comparing a
    ``Path`` per file was a visible part of listing a large corpus."""
    try:
        names = os.listdir(folder)
    except PermissionError:
        return []  # as Path.glob: an unreadable folder lists nothing
    return sorted(name for name in names
                  if os.path.normcase(name).endswith(ANNOTATION_SUFFIX) and name not in NON_DOCUMENT_FILES)


def load_annotations(paths: Iterable[str | Path]) -> list[AnnotatedDocument]:
    """Load every annotation file under ``paths``; raise one error listing all problems of all files.

    Holds every document in memory; :func:`iter_annotations` reads one at a time.
    """
    return sorted(iter_annotations(paths), key=lambda d: d.doc_id)


@dataclass(frozen=True)
class AnnotationIndex:
    """The annotation files under some paths in :func:`document_order`, with the ``doc_id`` and
    text file each declares (``None`` when the file cannot be read that far; validation says why)."""

    files: tuple[Path, ...]
    doc_ids: tuple[str | None, ...]
    texts: tuple[Path, ...]      # the text files named, for the input-overlap check of an output
    positions: tuple[int, ...]   # each file's place in annotation_files() order, for error order


def index_annotations(paths: Iterable[str | Path], *, peek: bool = True) -> AnnotationIndex:
    """Peek at the ``doc_id`` and text path of every annotation file under ``paths`` (a parse, no
    validation), so that documents can then be read one at a time in :func:`document_order`.

    With ``peek=False`` nothing is read: the files stay in file order (for a caller that needs
    no order, such as ``validate``, this saves reading every file twice)."""
    files = annotation_files(paths)
    if not peek:
        return AnnotationIndex(files=tuple(files), doc_ids=(None,) * len(files), texts=(),
                               positions=tuple(range(len(files))))
    peeked = sorted(((*_peek(file), i, file) for i, file in enumerate(files)),
                    key=lambda e: (e[0] is None, document_order(e[0] or ""), e[2]))
    return AnnotationIndex(files=tuple(f for *_, f in peeked), doc_ids=tuple(d for d, *_ in peeked),
                           texts=tuple(t for _, t, _, _ in peeked if t is not None),
                           positions=tuple(i for _, _, i, _ in peeked))


def guess_index(paths: Iterable[str | Path]) -> AnnotationIndex:
    """The annotation files under ``paths`` in the order their names give, read by nothing: a file
    ``NAME.json`` holds the document ``NAME`` by convention (``actorstance new``, the importers), so
    ``document_order(NAME)`` is usually the order :func:`index_annotations` finds by reading every
    file. A reader of this index passes ``check_order=True`` to :func:`iter_annotations` and starts
    again from :func:`index_annotations` when a document is out of that order."""
    files = annotation_files(paths)
    order = sorted(range(len(files)), key=lambda i: (document_order(files[i].stem), i))
    return AnnotationIndex(files=tuple(files[i] for i in order), doc_ids=(None,) * len(files), texts=(),
                           positions=tuple(order))


def iter_annotations(paths: Iterable[str | Path] | AnnotationIndex, *,
                     check_order: bool = False) -> Iterator[AnnotatedDocument]:
    """The validated documents under ``paths`` (or of an :class:`AnnotationIndex`), one at a time,
    in :func:`document_order`.

    Only the document being read is in memory, so a corpus of any size streams through. After
    the first file with a problem no document is yielded, but every remaining file is still
    checked: the :class:`AnnotationError` raised at the end lists every problem of every file
    (in file order, then duplicate ``doc_id`` s), as :func:`load_annotations` does. With
    ``check_order`` (for an index from :func:`guess_index`), a document that does not come after
    the one before in :func:`document_order` raises :class:`DocumentOrderError` at once.
    """
    index = paths if isinstance(paths, AnnotationIndex) else index_annotations(paths)
    file_problems: list[tuple[int, tuple[Problem, ...]]] = []
    duplicates: list[tuple[int, Problem]] = []
    seen: dict[str, Path] = {}
    previous = ""
    for position, file in zip(index.positions, index.files):
        try:
            doc = load_annotation(file)
        except AnnotationError as err:
            file_problems.append((position, err.problems))
            continue
        if check_order:
            key = document_order(doc.doc_id)
            if key <= previous:
                raise DocumentOrderError(f"{doc.path}: document '{doc.doc_id}' comes after '{previous[:-1]}'")
            previous = key
        if doc.doc_id in seen:
            duplicates.append((position, Problem(
                str(doc.path), "doc_id", f"doc_id '{doc.doc_id}' is also used by {seen[doc.doc_id]}",
                "give every document a unique doc_id")))
            continue
        seen[doc.doc_id] = doc.path
        if not file_problems and not duplicates:
            yield doc
    if file_problems or duplicates:
        raise AnnotationError([p for _, problems in sorted(file_problems) for p in problems]
                              + [p for _, p in sorted(duplicates)])


def document_order(doc_id: str) -> str:
    """Sort key of documents that puts them in the order of their pair ids (``DOC/SOURCE->TARGET``).

    Sorting by ``doc_id`` alone would not: ``-`` and ``.`` sort before ``/``, so the pairs of
    ``a-b`` come before those of ``a``. With this key, a corpus converted one document at a time
    gives the same sequence as all pairs sorted by id.

    >>> sorted(["a", "a-b"], key=document_order)
    ['a-b', 'a']
    """
    return doc_id + "/"


def _peek(file: Path) -> tuple[str | None, Path | None]:
    try:  # the size and file-type checks of actorstance.inputs: a FIFO must not block the peek
        raw = orjson.loads(read_bytes(file))
    except (InputError, orjson.JSONDecodeError):
        return None, None
    if not isinstance(raw, dict):
        return None, None
    doc_id, text = raw.get("doc_id"), raw.get("text")
    text_path = text.get("path") if isinstance(text, dict) else None
    return (doc_id if isinstance(doc_id, str) else None,
            file.parent / text_path if isinstance(text_path, str) and text_path else None)


def load_annotation(path: str | Path) -> AnnotatedDocument:
    """Load and validate one annotation file; raise :class:`AnnotationError` listing every problem."""
    path = Path(path)
    where = str(path)
    raw = read_json_object(path, what="annotation file", fix="pass an annotation .json file or a folder of them",
                           error=AnnotationError)

    problems: list[Problem] = []
    try:
        annotation = Annotation.model_validate(raw)
    except ValidationError as err:
        problems.extend(_schema_problems(where, err))
        annotation = None

    text, text_sha = _read_text(path, raw.get("text"), problems)
    if annotation is not None:
        actors, mentions, stances = annotation.actors, annotation.mentions, annotation.stances
    else:  # still check what can be checked, so one run shows everything
        actors = _valid_items(raw, "actors", Actor)
        mentions = _valid_items(raw, "mentions", Mention)
        stances = _valid_items(raw, "stances", Stance)
    # ids of items that failed schema validation still count as declared, so one typo does not
    # cascade into "unknown actor" problems everywhere
    declared = {key: _declared_ids(raw, key) for key in ("actors", "mentions")}
    problems.extend(_semantic_problems(where, text, actors, mentions, stances, declared))
    if annotation is not None and annotation.guideline_version not in GUIDELINE_VERSIONS:
        problems.append(Problem(where, "guideline_version", f"'{annotation.guideline_version}' is not a version of "
                                f"the codebook (versions: {', '.join(GUIDELINE_VERSIONS)})",
                                "record the docs/annotation-guidelines.md version the file was annotated under"))
    if annotation is not None and annotation.paragraphs is not None and text is not None:
        problems.extend(_paragraph_problems(where, annotation.paragraphs, text))
    if problems:
        raise AnnotationError(sorted(set(problems), key=_problem_order))
    assert annotation is not None and text is not None and text_sha is not None
    return AnnotatedDocument(path=path, annotation=annotation, text=text, text_sha256=text_sha)


def _problem_order(problem: Problem) -> tuple:
    return (problem.where, json_path_order(problem.path), problem.message)


_SCHEMA_FIX = "correct the value to match docs/annotation.schema.json"


def _schema_problems(where: str, err: ValidationError) -> list[Problem]:
    return validation_problems(where, err, fix=_SCHEMA_FIX, describe=_describe_schema_error)


def _describe_schema_error(path: str, e: dict) -> tuple[str, str] | None:
    kind = e["type"]
    if kind == "literal_error" and path.endswith(".label"):
        return f"unknown label {e['input']!r}", f"use one of: {', '.join(STANCE_LABELS)}"
    if kind == "literal_error" and path.endswith(".type"):
        return f"unknown actor type {e['input']!r}", f"use one of: {', '.join(ACTOR_TYPES)}"
    if kind == "literal_error" and path.endswith(".kind"):
        return f"unknown annotator kind {e['input']!r}", f"use one of: {', '.join(ANNOTATOR_KINDS)}"
    if kind == "missing":
        return "required field is missing", "add the field"
    if kind == "extra_forbidden":
        return "unknown field", "remove the field (see docs/annotation.schema.json for the allowed fields)"
    if kind == "string_pattern_mismatch":
        return f"{e['msg']}, got {_short(e.get('input'))}", "use the format the pattern describes"
    return None


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, BaseModel) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _valid_items(raw: dict, key: str, model: type[BaseModel]) -> list:
    items = raw.get(key)
    if not isinstance(items, list):
        return []
    adapter = TypeAdapter(model)
    valid = []
    for item in items:
        try:
            valid.append(adapter.validate_python(item))
        except ValidationError:
            pass  # already reported by the whole-document validation
    return valid


def _declared_ids(raw: dict, key: str) -> set[str]:
    items = raw.get(key)
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _read_text(path: Path, ref: Any, problems: list[Problem]) -> tuple[str | None, str | None]:
    where = str(path)
    if not isinstance(ref, dict) or not isinstance(ref.get("path"), str) or not ref.get("path"):
        return None, None  # reported by schema validation
    text_path = path.parent / ref["path"]
    fix = "give the path of the text relative to this annotation file's folder"
    try:
        data = read_bytes(text_path, what="text file", fix=fix)
    except InputError as err:
        if not text_path.exists() and not text_path.is_symlink():  # looked for only now: one stat less per file
            problems.append(Problem(where, "text.path", f"text file {ref['path']!r} not found (looked at {text_path})",
                                    fix))
            return None, None
        problem = err.problems[0]
        problems.append(Problem(where, "text.path", f"text file {ref['path']!r} (at {text_path}) {problem.message}",
                                problem.fix))
        return None, None
    digest = sha256_bytes(data)
    if isinstance(ref.get("sha256"), str) and ref["sha256"] != digest:
        problems.append(Problem(where, "text.sha256", f"the text file's sha256 is {digest}, the annotation says "
                                f"{ref['sha256']}", "the text changed since it was annotated: restore the original "
                                "text, or re-check every offset and then update text.sha256"))
    try:
        return data.decode("utf-8"), digest
    except UnicodeDecodeError as err:
        problems.append(Problem(where, "text.path", f"text file is not UTF-8 ({err.reason} at byte {err.start})",
                                "convert the text file to UTF-8 and re-check the offsets"))
        return None, None


def _span_ok(span: Span | Mention, text: str | None) -> bool:
    """Whether :func:`_check_span` finds nothing (checked first: its messages are built only for a problem)."""
    return span.end > span.start and (text is None or (span.end <= len(text) and text[span.start:span.end] == span.text))


def _check_span(where: str, path: str, span: Span | Mention, text: str | None, what: str) -> list[Problem]:
    if span.end <= span.start:
        return [Problem(where, path, f"{what} is empty or reversed (start {span.start}, end {span.end})",
                        "make end greater than start (end is exclusive)")]
    if text is None:
        return []
    if span.end > len(text):
        return [Problem(where, path, f"{what} [{span.start}, {span.end}) lies outside the text ({len(text)} characters)",
                        "use Unicode code-point offsets into the referenced text")]
    covered = text[span.start:span.end]
    if covered != span.text and unicodedata.normalize("NFC", covered) == unicodedata.normalize("NFC", span.text):
        return [Problem(where, path, f"{what} text {span.text!r} is the text at [{span.start}, {span.end}) in another "
                        "Unicode normalization form (e.g. é as one code point vs e + combining accent)",
                        "copy the covered text from the text file exactly, without normalising it (codebook: Text "
                        "as it is)")]
    if covered != span.text:
        return [Problem(where, path, f"{what} text {span.text!r} does not match the text at [{span.start}, {span.end}), "
                        f"which is {covered!r}", "correct the offsets (code points, end exclusive) or the covered text")]
    return []


def _paragraph_problems(where: str, listed: list[Span], text: str) -> list[Problem]:
    """The optional ``paragraphs`` list must be exactly the text's paragraphs (``actorstance.segment``)."""
    from actorstance.segment import paragraphs

    actual = paragraphs(text)
    if [(p.start, p.end) for p in listed] == actual and all(text[p.start:p.end] == p.text for p in listed):
        return []
    return [Problem(where, "paragraphs", f"the listed paragraphs are not the text's {len(actual)} paragraphs "
                    f"(codebook 'Paragraphs'; {len(listed)} listed)",
                    "delete the field, or copy it from a fresh `actorstance new` skeleton of the same text")]


def _duplicates(where: str, kind: str, items: list, fix: str) -> list[Problem]:
    if len({item.id for item in items}) == len(items):  # the usual case, without counting
        return []
    counts = Counter(item.id for item in items)
    return [Problem(where, f"{kind}[{i}].id", f"duplicate {kind[:-1]} id '{item.id}'", fix)
            for i, item in enumerate(items) if counts[item.id] > 1]


def _overlapping_mentions(where: str, mentions: list[Mention]) -> list[Problem]:
    """Codebook M5: mentions never overlap (the outermost referring noun phrase wins)."""
    problems = []
    order = sorted((m.start, -m.end, i) for i, m in enumerate(mentions) if m.end > m.start)
    widest: int | None = None  # index of the mention reaching furthest right so far
    for start, _, i in order:
        if widest is not None and start < mentions[widest].end:
            m, other = mentions[i], mentions[widest]
            problems.append(Problem(where, f"mentions[{i}]", f"mention '{m.id}' [{m.start}, {m.end}) overlaps mention "
                                    f"'{other.id}' [{other.start}, {other.end})",
                                    "mentions never overlap (codebook M5): keep the outermost referring noun phrase "
                                    "and remove the other mention"))
        if widest is None or mentions[i].end > mentions[widest].end:
            widest = i
    return problems


def _semantic_problems(where: str, text: str | None, actors: list[Actor], mentions: list[Mention],
                       stances: list[Stance], declared: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(where, "actors", actors, "give every actor a unique id")
    problems += _duplicates(where, "mentions", mentions, "give every mention a unique id")
    problems += _duplicates(where, "stances", stances, "give every stance a unique id")
    actor_ids = {a.id for a in actors} | declared["actors"]
    mention_actor = {m.id: m.actor for m in mentions}
    unchecked_mentions = declared["mentions"] - set(mention_actor)

    for i, m in enumerate(mentions):
        if m.actor not in actor_ids:
            problems.append(Problem(where, f"mentions[{i}].actor", f"mention '{m.id}' refers to unknown actor '{m.actor}'",
                                    "use the id of an actor listed in 'actors' or add the actor"))
        if not _span_ok(m, text):
            problems += _check_span(where, f"mentions[{i}]", m, text, f"mention '{m.id}'")

    problems += _overlapping_mentions(where, mentions)

    labels_by_pair: dict[tuple, list[tuple[int, Stance]]] = {}
    for i, s in enumerate(stances):
        base = f"stances[{i}]"
        for role in ("source", "target"):
            actor = getattr(s, role)
            if actor not in actor_ids:
                problems.append(Problem(where, f"{base}.{role}", f"stance '{s.id}' {role} '{actor}' is not a known actor",
                                        "use the id of an actor listed in 'actors' or add the actor"))
        if s.source == s.target:
            problems.append(Problem(where, base, f"stance '{s.id}' has the same source and target '{s.source}'",
                                    "a stance is between two different actors; remove it or fix source/target"))
        for j, span in enumerate(s.evidence):
            if not _span_ok(span, text):
                problems += _check_span(where, f"{base}.evidence[{j}]", span, text, f"evidence of stance '{s.id}'")
        if s.scope is not None and not _span_ok(s.scope, text):
            problems += _check_span(where, f"{base}.scope", s.scope, text, f"scope of stance '{s.id}'")
        for j, mid in enumerate(s.mentions):
            if mid in unchecked_mentions:
                continue  # the mention itself is invalid and already reported
            if mid not in mention_actor:
                problems.append(Problem(where, f"{base}.mentions[{j}]", f"stance '{s.id}' cites unknown mention '{mid}'",
                                        "use the id of a mention listed in 'mentions'"))
            elif mention_actor[mid] not in (s.source, s.target):
                problems.append(Problem(where, f"{base}.mentions[{j}]", f"mention '{mid}' of stance '{s.id}' refers to "
                                        f"'{mention_actor[mid]}', neither its source nor its target",
                                        "cite only mentions of the stance's source or target"))
        scope = (s.scope.start, s.scope.end) if s.scope else None
        labels_by_pair.setdefault((s.source, s.target, scope), []).append((i, s))

    for (source, target, scope), entries in labels_by_pair.items():
        if len(entries) < 2:
            continue
        first_i, first = entries[0]
        in_scope = f" in scope [{scope[0]}, {scope[1]})" if scope else ""
        for i, s in entries[1:]:
            if s.label != first.label:
                problems.append(Problem(where, f"stances[{i}]", f"pair {source}→{target}{in_scope} is labelled "
                                        f"'{s.label}' here and '{first.label}' in stances[{first_i}] ('{first.id}')",
                                        "one label per directed pair: keep the dominant stance (codebook section "
                                        "'One label per pair') and merge the evidence"))
            else:
                problems.append(Problem(where, f"stances[{i}]", f"pair {source}→{target}{in_scope} is annotated twice "
                                        f"(also stances[{first_i}], '{first.id}')",
                                        "merge the two stances into one with all the evidence"))
    return problems
