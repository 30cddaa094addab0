"""What every annotation-tool import shares: reading its files, mapping its documents, writing one folder per annotator.

A tool importer (``label_studio``, ``brat``, ``inception``, ``doccano``) only reads its format into
:class:`~actorstance.importers.tool_document.ToolDocument` records; :func:`import_documents` maps
them (:func:`~actorstance.importers.tool_document.to_annotation`), refuses the whole import when any
of them has a problem (all problems listed, nothing written) and otherwise writes
``OUTPUT/<annotator id>/`` for every annotator (:func:`~actorstance.importers.output.write_by_annotator`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from actorstance.layout import SPLIT_NAMES
from actorstance.errors import ImportFormatError, Problem
from actorstance.importers.mapping import ToolMapping
from actorstance.importers.output import ImportedDocument, write_by_annotator
from actorstance.importers.report import ImportReport
from actorstance.importers.tool_document import ToolDocument, to_annotation
from actorstance.inputs import read_json, read_text
from actorstance.problems import ProblemList

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


def import_documents(docs: Iterable[ToolDocument], *, fmt: str, source: str | Path, output: str | Path,
                     mapping: ToolMapping, problems: list[Problem] | None = None,
                     report: ImportReport | None = None) -> ImportReport:
    """Map every document and write one folder per annotator; raise :class:`ImportFormatError` on any problem.

    ``problems`` may already hold what the reader found; ``report`` what it counted.
    """
    problems = [] if problems is None else problems
    report = report or ImportReport(format=fmt, source=str(source), output=str(output))
    versions: dict[str, list[ImportedDocument]] = {}
    seen: dict[tuple[str, str], str] = {}
    for doc in docs:
        annotator = mapping.annotator(doc.annotator).id
        checks = _identity_problems(doc, annotator)
        if (annotator, doc.doc_id) in seen:
            checks.append(Problem(doc.where, "", f"annotator {annotator!r} has a second version of document "
                                  f"{doc.doc_id!r} (the first: {seen[annotator, doc.doc_id]})",
                                  "export one annotation per annotator and document, or give the documents "
                                  "different doc_ids"))
        if checks:
            problems.extend(checks)
            continue
        seen[annotator, doc.doc_id] = doc.where
        imported = to_annotation(doc, mapping, report, problems)
        if imported is not None:
            versions.setdefault(annotator, []).append(imported)
    capped = ProblemList()
    capped.extend(problems)
    capped.raise_if_any(ImportFormatError)
    if not versions:
        raise ImportFormatError([Problem(str(source), "", "the export holds no annotated document",
                                         "export a project with at least one submitted annotation")])
    for docs_of in versions.values():
        docs_of.sort(key=lambda d: d.annotation.doc_id)
    write_by_annotator(versions, output, source=source)
    for docs_of in versions.values():
        for doc in docs_of:
            if doc.split is not None:
                report.split_documents[doc.split] = report.split_documents.get(doc.split, 0) + 1
                report.split_stances[doc.split] = report.split_stances.get(doc.split, 0) + len(doc.annotation.stances)
    return report


def _identity_problems(doc: ToolDocument, annotator: str) -> list[Problem]:
    problems = []
    if not _IDENTIFIER.match(doc.doc_id) or len(doc.doc_id) > 200:
        problems.append(Problem(doc.where, "doc_id", f"{doc.doc_id!r} is not a document id (letters, digits and "
                                "_ . : - , starting with a letter or digit)", "give the task/document a doc_id field "
                                "of that shape"))
    if not _IDENTIFIER.match(annotator):
        problems.append(Problem(doc.where, "annotator", f"annotator {annotator!r} is not an identifier (it names a "
                                "folder)", f'map it in a --mapping file: "annotators": {{"{doc.annotator}": '
                                '{"id": "alice"}}'))
    if doc.split is not None and doc.split not in SPLIT_NAMES:
        problems.append(Problem(doc.where, "split", f"unknown split {doc.split!r}",
                                f"use one of: {', '.join(SPLIT_NAMES)}, or leave the split out"))
    return problems


def read_json_file(path: Path, *, what: str) -> object:
    """The parsed JSON of a tool's export (every check of :mod:`actorstance.inputs`; problems are import problems)."""
    return read_json(path, what=what, fix="pass the path of the tool's export file", error=ImportFormatError)


def read_text_file(path: Path, *, what: str) -> str:
    """A document or annotation text file, decoded as UTF-8 (newlines kept as they are: offsets index them)."""
    return read_text(path, what=what, fix="export the text with the annotations", error=ImportFormatError)[1]


def utf16_to_code_points(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` read as UTF-16 code-unit offsets (JavaScript string indices), as code points; None if outside.

    >>> utf16_to_code_points("😀 Anna", 3, 7)
    (2, 6)
    """
    units, points = 0, {0: 0}
    for i, char in enumerate(text, start=1):
        units += 2 if ord(char) > 0xFFFF else 1
        points[units] = i
    if start in points and end in points:
        return points[start], points[end]
    return None
