"""Label Studio JSON export → one annotation folder per annotator.

The export (Export → JSON, or ``GET /api/projects/ID/export?exportType=JSON``) is a list of tasks;
each task holds its ``data`` and the ``annotations`` of every annotator who submitted one. With the
labeling config shipped in ``actorstance/resources/label-studio.xml`` a task looks like::

    [{"id": 7, "data": {"text": "Putin praised Lukashenko. He ...", "doc_id": "minsk_1", "split": "test"},
      "annotations": [{"id": 31, "completed_by": 2, "was_cancelled": false, "result": [
        {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "Putin", "labels": ["person"]}},
        {"id": "r3", "from_name": "actor", "to_name": "text", "type": "textarea",
         "value": {"start": 26, "end": 28, "text": ["Vladimir Putin"]}},
        {"id": "r9", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 24, "text": "Putin praised Lukashenko", "labels": ["evidence"]}},
        {"type": "relation", "from_id": "r1", "to_id": "r2", "direction": "right", "labels": ["positive"]}]}]}]

* a ``labels`` region is a span (its one label mapped by the mapping's ``span_labels``); a
  ``textarea`` result of the ``actor`` control on a region types that mention's actor name;
* a ``relation`` goes ``from_id`` → ``to_id`` (``direction`` ``right``), reversed for ``left``;
  ``bi`` is a problem (a stance has a direction);
* the annotator is ``completed_by`` (a user id, or an object with ``id``/``email``), mapped
  through the mapping's ``annotators`` (default ``ls-user-<id>``); cancelled (skipped)
  annotations, drafts and tasks nobody annotated are counted, not imported; predictions are not
  annotations and are not imported;
* the document id is ``data.doc_id`` (written by ``actorstance export label-studio``), else
  ``ls-task-<task id>``; ``data.split``, when present, is the document's split;
* offsets are code points. Label Studio has recorded UTF-16 offsets for text after an emoji
  (its issue #1347): a region whose text matches only under UTF-16 offsets is converted (counted).
"""

from __future__ import annotations

from pathlib import Path

from actorstance.errors import Problem
from actorstance.importers.mapping import ToolMapping, read_mapping
from actorstance.importers.report import ImportReport
from actorstance.importers.tool_document import ToolDocument, ToolRelation, ToolSpan
from actorstance.importers.tool_import import import_documents, read_json_file, utf16_to_code_points

FORMAT = "label-studio"


def import_label_studio(path: str | Path, output: str | Path, *, mapping: str | Path | None = None) -> ImportReport:
    """Import the Label Studio JSON export at ``path`` into ``output/<annotator>/`` folders."""
    path = Path(path)
    tool_mapping = read_mapping(mapping)
    report = ImportReport(format=FORMAT, source=str(path), output=str(output))
    problems: list[Problem] = []
    docs = read_label_studio(path, tool_mapping, report, problems)
    return import_documents(docs, fmt=FORMAT, source=path, output=output, mapping=tool_mapping,
                            problems=problems, report=report)


def read_label_studio(path: Path, mapping: ToolMapping, report: ImportReport,
                      problems: list[Problem]) -> list[ToolDocument]:
    """One :class:`ToolDocument` per (task, submitted annotation); problems of the export's shape go to ``problems``."""
    tasks = read_json_file(path, what="Label Studio JSON export")
    where = str(path)
    if not isinstance(tasks, list):
        problems.append(Problem(where, "", f"expected the JSON export's list of tasks, got {_kind(tasks)}",
                                "export the project as JSON (not JSON-MIN, CSV or a single task)"))
        return []
    docs = []
    for i, task in enumerate(tasks):
        loc = f"[{i}]"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            problems.append(Problem(where, loc, f"expected a task object with 'data', got {_kind(task)}",
                                    "export the project as JSON"))
            continue
        task_id = task.get("id", i)
        text = task["data"].get(mapping.label_studio.text)
        if not isinstance(text, str):
            problems.append(Problem(where, f"task {task_id}", f"data.{mapping.label_studio.text} is {_kind(text)}, "
                                    "not the document text", "import tasks with the text in data."
                                    f"{mapping.label_studio.text}, or set label_studio.text in a --mapping file"))
            continue
        annotations = task.get("annotations", [])
        if not isinstance(annotations, list):
            problems.append(Problem(where, f"task {task_id}", "'annotations' is not a list", "export as JSON"))
            continue
        if not annotations:
            _count(report.ignored, "task without annotations")
        drafts = task.get("drafts")
        for _ in drafts if isinstance(drafts, list) else ():
            _count(report.ignored, "draft (not submitted)")
        for j, ann in enumerate(annotations):
            doc = _document(where, task, task_id, text, j, ann, mapping, report, problems)
            if doc is not None:
                docs.append(doc)
    return docs


def _document(where: str, task: dict, task_id, text: str, j: int, ann, mapping: ToolMapping, report: ImportReport,
              problems: list[Problem]) -> ToolDocument | None:
    loc = f"task {task_id} annotation {ann.get('id', j) if isinstance(ann, dict) else j}"
    if not isinstance(ann, dict) or not isinstance(ann.get("result"), list):
        problems.append(Problem(where, loc, "expected an annotation object with a 'result' list", "export as JSON"))
        return None
    if ann.get("was_cancelled"):
        _count(report.ignored, "cancelled annotation")
        return None
    user = ann.get("completed_by")
    if isinstance(user, dict):
        user = user.get("id", user.get("email"))
    if not isinstance(user, (int, str)) or isinstance(user, bool):
        problems.append(Problem(where, loc, f"completed_by is {_kind(user)}, not a user",
                                "export the project as JSON (annotations keep their completed_by user)"))
        return None
    tool_user = str(user)
    annotator = tool_user if tool_user in mapping.annotators else f"ls-user-{tool_user}"
    data = task["data"]
    doc = ToolDocument(where=f"{where}: {loc}", doc_id=str(data.get("doc_id", f"ls-task-{task_id}")), text=text,
                       annotator=annotator, tool=FORMAT,
                       split=data.get("split") if isinstance(data.get("split"), str) else None,
                       metadata={"label_studio_task": str(task_id), "label_studio_annotation": str(ann.get("id", j))})
    names = mapping.label_studio
    actor_names: dict[str, str] = {}
    regions: list[dict] = []
    for k, item in enumerate(ann["result"]):
        if not isinstance(item, dict):
            problems.append(Problem(doc.where, f"result[{k}]", f"expected an object, got {_kind(item)}", "export as JSON"))
        elif item.get("type") == "relation":
            _relation(doc, k, item, problems)
        elif item.get("type") == "labels" and item.get("from_name") == names.labels:
            regions.append(item)
        elif item.get("type") == "textarea" and item.get("from_name") == names.actor:
            value = item["value"].get("text") if isinstance(item.get("value"), dict) else None
            typed = [t.strip() for t in value if isinstance(t, str) and t.strip()] if isinstance(value, list) else []
            if len(set(typed)) > 1:
                problems.append(Problem(doc.where, f"region {item.get('id')!r}", f"several actor names {typed}",
                                        "type one actor name per region"))
            elif typed:
                actor_names[str(item.get("id"))] = typed[0]
        else:
            _count(report.ignored, f"result {item.get('type')} of {item.get('from_name')!r}")
    others = sorted({str(item.get("from_name")) for item in ann["result"] if isinstance(item, dict)
                     and item.get("type") == "labels" and item.get("from_name") != names.labels})
    if others and not regions:
        problems.append(Problem(doc.where, "result", f"its regions are labelled by the control "
                                f"{', '.join(map(repr, others))}, not {names.labels!r}",
                                f'name the control in a --mapping file: {{"label_studio": {{"labels": "{others[0]}"}}}}'))
    for item in regions:
        span = _span(doc, item, actor_names, report, problems)
        if span is not None:
            doc.spans.append(span)
    for region_id in sorted(set(actor_names) - {s.id for s in doc.spans}):
        problems.append(Problem(doc.where, f"region {region_id!r}", "an actor name is typed for a region that is not "
                                "a labelled span", "label the region, or delete the actor name"))
    return doc


def _span(doc: ToolDocument, item: dict, actor_names: dict[str, str], report: ImportReport,
          problems: list[Problem]) -> ToolSpan | None:
    region = str(item.get("id"))
    value = item.get("value")
    loc = f"region {region!r}"
    if not isinstance(value, dict) or not all(isinstance(value.get(k), int) and not isinstance(value.get(k), bool)
                                              for k in ("start", "end")):
        problems.append(Problem(doc.where, loc, "a labels region needs integer value.start and value.end",
                                "label text spans of the Text tag (character offsets), not HTML or hypertext ranges"))
        return None
    labels = value.get("labels")
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        problems.append(Problem(doc.where, loc, f"a region needs exactly one label, it has {labels!r}",
                                "give the region one label (a mention's actor type, or evidence)"))
        return None
    start, end, recorded = value["start"], value["end"], value.get("text")
    if isinstance(recorded, str) and doc.text[start:end] != recorded:
        converted = utf16_to_code_points(doc.text, start, end)
        if converted and doc.text[converted[0]:converted[1]] == recorded:
            start, end = converted
            _count(report.mapped, "utf16_offsets_converted")
    return ToolSpan(id=region, label=labels[0], fragments=((start, end),),
                    text=recorded if isinstance(recorded, str) else None, actor=actor_names.get(region))


def _relation(doc: ToolDocument, k: int, item: dict, problems: list[Problem]) -> None:
    source, target, direction = item.get("from_id"), item.get("to_id"), item.get("direction", "right")
    rel_id = f"{source}->{target}"
    labels = item.get("labels", [])
    if not isinstance(source, str) or not isinstance(target, str) or not isinstance(labels, list):
        problems.append(Problem(doc.where, f"result[{k}]", "a relation needs from_id, to_id and a list of labels",
                                "export as JSON"))
        return
    if direction == "left":
        source, target = target, source
    elif direction != "right":
        problems.append(Problem(doc.where, f"relation {rel_id!r}", f"direction {direction!r}: a stance goes one way",
                                "set the relation's direction to point from the source to the target"))
        return
    doc.relations.append(ToolRelation(id=rel_id, labels=tuple(str(x) for x in labels), source=source, target=target))


def _kind(value) -> str:
    return "nothing" if value is None else f"a {type(value).__name__}" if not isinstance(value, str) else repr(value)


def _count(table: dict[str, int], key: str) -> None:
    table[key] = table.get(key, 0) + 1
