"""doccano relation-extraction JSONL → one annotation folder per annotator.

doccano's export of a sequence-labelling project with relations is a zip holding one JSONL file per
user (``admin.jsonl``, ``alice.jsonl``...): the annotator is the file name without ``.jsonl``;
``PATH`` is one such file or the folder of them. Each line is one document::

    {"id": 8, "text": "Prime Minister Anna Berg praised President Lars Holm ...", "doc_id": "berg_holm",
     "entities": [{"id": 101, "label": "person", "start_offset": 15, "end_offset": 24},
                  {"id": 102, "label": "person", "start_offset": 43, "end_offset": 52},
                  {"id": 103, "label": "evidence", "start_offset": 15, "end_offset": 80}],
     "relations": [{"id": 7, "from_id": 101, "to_id": 102, "type": "positive"}],
     "Comments": []}

* an entity is a span (``label`` through the mapping's ``span_labels``); doccano records no span
  text, so the offsets are checked against the text and the covered text is taken from it;
* a relation goes ``from_id`` (source) → ``to_id`` (target); its ``type`` goes through
  ``relation_labels``; doccano has one type per relation, so an implied stance is typed with both
  names joined by ``+`` (``negative+implied``), split into two labels here;
* the document id is the ``doc_id`` field (upload your texts with one; ``actorstance export``
  writes it), else ``doccano-<id>``; a ``split`` field is the document's split;
* doccano cannot type an actor's name on a span: join a pronoun to its antecedent with a
  ``same-actor`` relation.
"""

from __future__ import annotations

from pathlib import Path

from actorstance.errors import ImportFormatError, Problem
from actorstance.importers.mapping import read_mapping
from actorstance.importers.report import ImportReport
from actorstance.importers.tool_document import ToolDocument, ToolRelation, ToolSpan
from actorstance.importers.tool_import import import_documents
from actorstance.inputs import iter_jsonl
from actorstance.problems import ProblemList

FORMAT = "doccano"
#: What joins several relation labels in doccano's single ``type`` ("negative+implied").
TYPE_SEPARATOR = "+"


def import_doccano(path: str | Path, output: str | Path, *, mapping: str | Path | None = None) -> ImportReport:
    """Import doccano JSONL export file(s) at ``path`` into ``output/<annotator>/`` folders."""
    path = Path(path)
    tool_mapping = read_mapping(mapping)
    report = ImportReport(format=FORMAT, source=str(path), output=str(output))
    problems: list[Problem] = []
    docs = []
    for file in doccano_files(path):
        line_problems = ProblemList()
        for number, record in iter_jsonl(file, line_problems, what="doccano JSONL export",
                                         fix="pass doccano's JSONL export"):
            doc = read_record(record, where=f"{file}:{number}", annotator=file.stem, problems=problems)
            if doc is not None:
                docs.append(doc)
        problems.extend(line_problems.kept)
    return import_documents(docs, fmt=FORMAT, source=path, output=output, mapping=tool_mapping,
                            problems=problems, report=report)


def doccano_files(path: Path) -> list[Path]:
    """The JSONL files of an export: ``path`` itself, or every ``*.jsonl`` in the folder ``path``."""
    if path.is_file():
        return [path]
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else []
    if not files:
        raise ImportFormatError([Problem(str(path), "", "no doccano JSONL export here",
                                         "pass a .jsonl file of doccano's export, or the unzipped export folder")])
    return files


def read_record(record, *, where: str, annotator: str, problems: list[Problem]) -> ToolDocument | None:
    """One parsed JSONL line as a :class:`ToolDocument` (None, with problems, when it is malformed)."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        problems.append(Problem(where, "", "expected an object with a 'text' string", "export as JSONL (relation)"))
        return None
    entities, relations = record.get("entities", []), record.get("relations", [])
    if not isinstance(entities, list) or not isinstance(relations, list):
        problems.append(Problem(where, "", "'entities' and 'relations' must be lists",
                                "export a sequence-labelling project with relations as JSONL"))
        return None
    doc_id = record.get("doc_id", f"doccano-{record.get('id')}")
    doc = ToolDocument(where=where, doc_id=str(doc_id), text=record["text"], annotator=annotator, tool=FORMAT,
                       split=record.get("split") if isinstance(record.get("split"), str) else None,
                       metadata={"doccano_id": str(record.get("id"))})
    for k, entity in enumerate(entities):
        if not (isinstance(entity, dict) and isinstance(entity.get("label"), str)
                and all(_is_int(entity.get(key)) for key in ("id", "start_offset", "end_offset"))):
            problems.append(Problem(where, f"entities[{k}]", f"expected {{id, label, start_offset, end_offset}}, got "
                                    f"{entity!r}", "export as JSONL (relation)"))
            continue
        doc.spans.append(ToolSpan(id=str(entity["id"]), label=entity["label"],
                                  fragments=((entity["start_offset"], entity["end_offset"]),)))
    for k, relation in enumerate(relations):
        if not (isinstance(relation, dict) and isinstance(relation.get("type"), str)
                and all(_is_int(relation.get(key)) for key in ("from_id", "to_id"))):
            problems.append(Problem(where, f"relations[{k}]", f"expected {{id, from_id, to_id, type}}, got "
                                    f"{relation!r}", "export as JSONL (relation)"))
            continue
        labels = tuple(part for part in relation["type"].split(TYPE_SEPARATOR) if part.strip())
        doc.relations.append(ToolRelation(id=str(relation.get("id", k)), labels=labels,
                                          source=str(relation["from_id"]), target=str(relation["to_id"])))
    return doc


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
