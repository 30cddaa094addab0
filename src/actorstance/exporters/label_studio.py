"""Pre-annotations → Label Studio tasks with predictions, for the labeling config shipped in the package.

One task per document: ``data`` holds the text, ``doc_id`` and (when known) ``split``, which
``actorstance import label-studio`` reads back; ``predictions`` holds one prediction whose result
draws every region and arrow of the :class:`~actorstance.exporters.preannotation.PreAnnotation`
in the result format of ``actorstance/resources/label-studio.xml``::

    [{"data": {"text": "...", "doc_id": "berg_holm", "split": "test"},
      "predictions": [{"model_version": "tfidf-lr", "result": [
        {"id": "m1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 15, "end": 24, "text": "Anna Berg", "labels": ["person"]}},
        {"id": "m1", "from_name": "actor", "to_name": "text", "type": "textarea",
         "value": {"start": 15, "end": 24, "text": ["Anna Berg"]}},
        {"from_id": "m1", "to_id": "m2", "type": "relation", "direction": "right", "labels": ["positive"]}]}]}]

Import the file in the project (Import → upload, or ``POST /api/projects/ID/import``); annotators
start from the prediction and correct it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from actorstance.atomic import write_bytes_atomic
from actorstance.exporters.preannotation import PreAnnotation
from actorstance.importers.mapping import IMPLIED, LabelStudioNames
from actorstance.jsonl import dumps_pretty

CONFIG_RESOURCE = "label-studio.xml"


def labeling_config() -> str:
    """The Label Studio labeling config (XML) that the importer and this exporter use."""
    return resources.files("actorstance").joinpath("resources", CONFIG_RESOURCE).read_text("utf-8")


def label_studio_tasks(docs: Sequence[PreAnnotation], *, names: LabelStudioNames = LabelStudioNames()) -> list[dict]:
    """One Label Studio task (data + one prediction) per pre-annotated document."""
    tasks = []
    for doc in docs:
        result: list[dict] = []
        for region in doc.regions:
            value = {"start": region.start, "end": region.end, "text": region.text}
            result.append({"id": region.id, "from_name": names.labels, "to_name": names.text, "type": "labels",
                           "value": {**value, "labels": [region.label]}})
            if region.actor is not None:
                result.append({"id": region.id, "from_name": names.actor, "to_name": names.text, "type": "textarea",
                               "value": {**value, "text": [region.actor]}})
        scores = []
        for arrow in doc.arrows:
            relation = {"from_id": arrow.source, "to_id": arrow.target, "type": "relation", "direction": "right",
                        "labels": [arrow.label, *([IMPLIED] if arrow.implied else [])] if arrow.label else []}
            if arrow.score is not None:
                relation["score"] = arrow.score
                scores.append(arrow.score)
            result.append(relation)
        prediction = {"model_version": doc.origin, "result": result}
        if scores:
            prediction["score"] = sum(scores) / len(scores)
        data = {names.text: doc.text, "doc_id": doc.doc_id, **({"split": doc.split} if doc.split else {})}
        tasks.append({"data": data, "predictions": [prediction]})
    return tasks


def write_label_studio(docs: Sequence[PreAnnotation], output: str | Path, *, inputs: Iterable[str | Path] = ()) -> int:
    """Write the tasks of ``docs`` to ``output`` (one JSON file, written atomically); return the task count."""
    tasks = label_studio_tasks(docs)
    write_bytes_atomic(output, dumps_pretty(tasks).encode("utf-8"), inputs=inputs)
    return len(tasks)
