"""brat standoff (``.ann`` next to ``.txt``) → one annotation folder per annotator.

brat keeps one collection folder of ``DOC.txt`` + ``DOC.ann`` pairs and records no annotator, so
the annotator is the folder: ``PATH/<annotator>/*.ann`` (one sub-folder per annotator, as teams
copy a collection per person), or ``PATH/*.ann`` for a single annotator named after ``PATH``. The
document id is the file name without ``.ann``. An ``.ann`` file, tab-separated::

    T1	person 15 24	Anna Berg
    T2	person 43 52	Lars Holm
    T3	person 57 60	his
    T4	evidence 15 80	Anna Berg praised President Lars Holm for his “steady leadership”
    T5	organisation 111 121	Green Bloc
    T6	evidence 111 131;160 170	Green Bloc condemned budget cuts
    R1	positive Arg1:T1 Arg2:T2
    R2	negative Arg1:T5 Arg2:T1
    A1	Implied R2
    #1	AnnotatorNotes T3	Lars Holm
    *	same-actor T2 T3

* ``T`` — a text-bound span ``ID<TAB>LABEL START END[;START END...]<TAB>TEXT``; fragments of a
  discontinuous span are separated by ``;`` and its text is the fragments joined by one space;
* ``R`` — a relation ``ID<TAB>LABEL Arg1:SOURCE Arg2:TARGET`` (Arg1 is the source);
* ``A`` — an attribute ``ID<TAB>NAME TARGET [VALUE]``; a binary attribute on a relation adds its
  name to the relation's labels (``Implied`` → implied); on a span it is counted and not used;
* ``#`` — ``AnnotatorNotes`` on a span types that mention's actor name (the note's text);
* ``*`` — an equivalence ``*<TAB>LABEL ID ID...`` joins the spans through its label (``Equiv`` or
  ``same-actor`` → one actor);
* ``E`` (events), ``N`` (normalisations) and ``M`` (modifiers) are problems: the mapping has no place
  for them.
"""

from __future__ import annotations

from pathlib import Path

from actorstance.errors import ImportFormatError, Problem
from actorstance.importers.mapping import read_mapping
from actorstance.importers.report import ImportReport
from actorstance.importers.tool_document import ToolDocument, ToolRelation, ToolSpan
from actorstance.importers.tool_import import import_documents, read_text_file

FORMAT = "brat"


def import_brat(path: str | Path, output: str | Path, *, mapping: str | Path | None = None) -> ImportReport:
    """Import the brat collection at ``path`` (folders of ``.ann``/``.txt``) into ``output/<annotator>/`` folders."""
    path = Path(path)
    tool_mapping = read_mapping(mapping)
    report = ImportReport(format=FORMAT, source=str(path), output=str(output))
    problems: list[Problem] = []
    docs = []
    for annotator, ann_file in brat_files(path):
        try:
            text = read_text_file(ann_file.with_suffix(".txt"), what="brat document text")
            lines = read_text_file(ann_file, what="brat .ann file")
        except ImportFormatError as err:
            problems.extend(err.problems)
            continue
        docs.append(read_ann(lines, text, where=str(ann_file), doc_id=ann_file.stem, annotator=annotator,
                             report=report, problems=problems))
    return import_documents(docs, fmt=FORMAT, source=path, output=output, mapping=tool_mapping,
                            problems=problems, report=report)


def brat_files(path: Path) -> list[tuple[str, Path]]:
    """``(annotator, .ann file)`` of a collection: ``PATH/<annotator>/*.ann``, or ``PATH/*.ann`` for one annotator."""
    if not path.is_dir():
        raise ImportFormatError([Problem(str(path), "", "not a folder", "pass the brat collection folder "
                                         "(PATH/<annotator>/DOC.ann + DOC.txt, or PATH/DOC.ann + DOC.txt)")])
    flat = sorted(path.glob("*.ann"))
    nested = sorted(p for p in path.glob("*/*.ann"))
    if flat and nested:
        raise ImportFormatError([Problem(str(path), "", ".ann files both in the folder and in sub-folders",
                                         "put each annotator's files in a sub-folder of their own, or all in one "
                                         "folder for a single annotator")])
    found = [(path.resolve().name, p) for p in flat] or [(p.parent.name, p) for p in nested]
    if not found:
        raise ImportFormatError([Problem(str(path), "", "no .ann files here or in its sub-folders",
                                         "pass the folder of the brat collection (DOC.ann next to DOC.txt)")])
    return found


def read_ann(content: str, text: str, *, where: str, doc_id: str, annotator: str, report: ImportReport,
             problems: list[Problem]) -> ToolDocument:
    """Parse one ``.ann`` file's ``content`` (for the document ``text``) into a :class:`ToolDocument`."""
    doc = ToolDocument(where=where, doc_id=doc_id, text=text, annotator=annotator, tool=FORMAT,
                       metadata={"brat_file": Path(where).name})
    spans: dict[str, dict] = {}
    relations: dict[str, dict] = {}
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        kind = fields[0][:1]
        try:
            if kind == "T":
                _span(fields, spans)
            elif kind == "R":
                _relation(fields, relations)
            elif kind == "A":
                _attribute(fields, spans, relations, report)
            elif kind == "#":
                _note(fields, spans, report)
            elif kind == "*":
                _equiv(fields, relations)
            elif kind in _KINDS:
                raise _LineProblem(f"{_KINDS[kind]} ({fields[0]}) are not imported",
                                 "annotate stances as relations between two entity spans; remove the line")
            else:
                raise _LineProblem(f"unknown annotation line {fields[0]!r}", "brat lines start with T, R, A, #, *, E, "
                                 "N or M followed by a number and a tab")
        except _LineProblem as err:
            problems.append(Problem(f"{where}:{number}", "", *err.args))
    for sid, s in spans.items():
        doc.spans.append(ToolSpan(id=sid, label=s["label"], fragments=s["fragments"], text=s["text"],
                                  actor=s.get("actor")))
    for rid, r in relations.items():
        doc.relations.append(ToolRelation(id=rid, labels=tuple(r["labels"]), source=r["source"], target=r["target"]))
    return doc


_KINDS = {"E": "events", "N": "normalisations", "M": "modifiers"}


class _LineProblem(Exception):
    """A malformed line: ``(message, fix)``."""


def _span(fields: list[str], spans: dict[str, dict]) -> None:
    if len(fields) != 3:
        raise _LineProblem(f"a T line has 3 tab-separated fields (ID, 'LABEL START END', TEXT), this one {len(fields)}",
                         "write ID<TAB>LABEL START END<TAB>TEXT")
    label, _, offsets = fields[1].partition(" ")
    fragments = []
    for fragment in offsets.split(";"):
        parts = fragment.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise _LineProblem(f"offsets {offsets!r} are not 'START END' pairs separated by ';'",
                             "write code-point offsets, e.g. 'person 15 24' or 'evidence 0 5;9 14'")
        fragments.append((int(parts[0]), int(parts[1])))
    if fields[0] in spans:
        raise _LineProblem(f"span id {fields[0]} is used twice", "give every T line a unique id")
    spans[fields[0]] = {"label": label, "fragments": tuple(fragments), "text": fields[2]}


def _relation(fields: list[str], relations: dict[str, dict]) -> None:
    parts = fields[1].split() if len(fields) >= 2 else []
    args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
    if len(parts) != 3 or set(args) != {"Arg1", "Arg2"}:
        raise _LineProblem(f"a relation is 'LABEL Arg1:SOURCE Arg2:TARGET', got {fields[1:]!r}",
                         "write ID<TAB>LABEL Arg1:T1 Arg2:T2 (Arg1 is the stance's source)")
    if fields[0] in relations:
        raise _LineProblem(f"relation id {fields[0]} is used twice", "give every R line a unique id")
    relations[fields[0]] = {"labels": [parts[0]], "source": args["Arg1"], "target": args["Arg2"]}


def _attribute(fields: list[str], spans: dict, relations: dict, report: ImportReport) -> None:
    parts = fields[1].split() if len(fields) >= 2 else []
    if len(parts) not in (2, 3):
        raise _LineProblem(f"an attribute is 'NAME TARGET [VALUE]', got {fields[1:]!r}", "write ID<TAB>NAME R1")
    name, target = parts[0], parts[1]
    if target in relations:
        if len(parts) == 3:
            raise _LineProblem(f"attribute {name} of {target} has a value ({parts[2]!r}); only binary attributes of "
                             "relations are read", "use a binary attribute such as 'Implied R1'")
        relations[target]["labels"].append(name)
    elif target in spans:
        report.ignored[f"span attribute {name}"] = report.ignored.get(f"span attribute {name}", 0) + 1
    else:
        raise _LineProblem(f"attribute {name} refers to {target!r}, which is not defined above it",
                         "define the span or relation before its attributes, or fix the id")


def _note(fields: list[str], spans: dict, report: ImportReport) -> None:
    parts = fields[1].split() if len(fields) >= 2 else []
    if len(fields) != 3 or len(parts) != 2:
        raise _LineProblem(f"a note is '#ID<TAB>AnnotatorNotes TARGET<TAB>TEXT', got {fields[1:]!r}",
                         "write #1<TAB>AnnotatorNotes T3<TAB>Lars Holm")
    if parts[1] not in spans:
        report.ignored["note on a relation"] = report.ignored.get("note on a relation", 0) + 1
        return
    if spans[parts[1]].get("actor"):
        raise _LineProblem(f"span {parts[1]} has a second note", "keep one note per span: the actor's name")
    spans[parts[1]]["actor"] = fields[2]


def _equiv(fields: list[str], relations: dict) -> None:
    parts = fields[1].split() if len(fields) >= 2 else []
    if len(parts) < 3:
        raise _LineProblem(f"an equivalence is '*<TAB>LABEL T1 T2 ...', got {fields[1:]!r}",
                         "list at least two span ids after the label")
    for i, (a, b) in enumerate(zip(parts[1:], parts[2:])):
        relations[f"*{len(relations)}.{i}"] = {"labels": [parts[0]], "source": a, "target": b}
