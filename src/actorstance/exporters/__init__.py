"""Exporters: annotated documents (and a model's predictions) → pre-annotations for annotation tools.

:data:`EXPORTERS` maps a format to its writer ``(pre-annotations, output) -> count``; the
``actorstance export FORMAT ANNOTATIONS... --output PATH [--predictions FILE]`` command calls
:func:`~actorstance.exporters.export.export_annotations`, which builds the pre-annotations with
:func:`~actorstance.exporters.preannotation.preannotate` and writes them.

>>> docs = preannotate(load_annotations(["data/annotations"]))  # doctest: +SKIP
>>> EXPORTERS["label-studio"](docs, "tasks.json")  # doctest: +SKIP
1
"""

from __future__ import annotations

from typing import Callable

from actorstance.exporters.brat import annotation_conf, write_brat
from actorstance.exporters.export import EXPORTERS, export_annotations
from actorstance.exporters.label_studio import label_studio_tasks, labeling_config, write_label_studio
from actorstance.exporters.preannotation import PreAnnotation, preannotate

#: format name → the tool configuration the export is meant for (shipped in actorstance/resources/).
TOOL_CONFIGS: dict[str, Callable[[], str]] = {
    "label-studio": labeling_config,
    "brat": annotation_conf,
}

__all__ = ["EXPORTERS", "TOOL_CONFIGS", "PreAnnotation", "annotation_conf", "export_annotations", "label_studio_tasks",
           "labeling_config", "preannotate", "write_brat", "write_label_studio"]
