"""Importers: other corpora → canonical annotation folders, one module per format.

:data:`IMPORTERS` maps a format name to its import function ``(path, output) -> ImportReport``
(the ``actorstance import FORMAT PATH --output DIR`` command looks formats up here). Every
importer writes the layout of :mod:`actorstance.importers.output` and returns an
:class:`~actorstance.importers.report.ImportReport` counting what it kept, mapped and skipped.

>>> report = IMPORTERS["seesaw"]("../shared/seesaw", "out/seesaw")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from actorstance.importers.report import ImportReport
from actorstance.importers.seesaw import import_seesaw

#: format name → import function.
IMPORTERS: dict[str, Callable[[str | Path, str | Path], ImportReport]] = {
    "seesaw": import_seesaw,
}

__all__ = ["IMPORTERS", "ImportReport", "import_seesaw"]
