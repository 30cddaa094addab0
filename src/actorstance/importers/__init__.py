"""Importers: other corpora and annotation tools → canonical annotation folders, one module per format.

:data:`IMPORTERS` maps a format name to its import function ``(path, output, **options) ->
ImportReport`` (the ``actorstance import FORMAT PATH --output DIR`` command looks formats up
here). Every importer writes the layout of :mod:`actorstance.importers.output` and returns an
:class:`~actorstance.importers.report.ImportReport` counting what it kept, mapped and skipped.

The annotation-tool formats (:data:`TOOL_FORMATS`) write one folder per annotator,
``DIR/<annotator>/``, and take ``mapping=FILE`` (:mod:`actorstance.importers.mapping`).

>>> report = IMPORTERS["seesaw"]("../shared/seesaw", "out/seesaw")  # doctest: +SKIP
>>> report = IMPORTERS["label-studio"]("export.json", "out/ls", mapping=None)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Callable

from actorstance.importers.brat import import_brat
from actorstance.importers.doccano import import_doccano
from actorstance.importers.inception import import_inception
from actorstance.importers.label_studio import import_label_studio
from actorstance.importers.report import ImportReport
from actorstance.importers.seesaw import import_seesaw, import_seesaw_annotators

#: format name → import function.
IMPORTERS: dict[str, Callable[..., ImportReport]] = {
    "seesaw": import_seesaw,
    "seesaw-annotators": import_seesaw_annotators,
    "label-studio": import_label_studio,
    "brat": import_brat,
    "inception": import_inception,
    "doccano": import_doccano,
}

#: Formats of annotation tools: one output folder per annotator, labels through a mapping file.
TOOL_FORMATS: frozenset[str] = frozenset({"label-studio", "brat", "inception", "doccano"})

__all__ = ["IMPORTERS", "TOOL_FORMATS", "ImportReport", "import_brat", "import_doccano", "import_inception",
           "import_label_studio", "import_seesaw", "import_seesaw_annotators"]
