"""End-to-end extraction: read an article, produce the directed (source, target, label) triplets.

The task beside the pair task (docs/extraction.md): a system reads each document of the
``documents`` config — its text (setting ``raw``), or also its gold actors (``oracle-actors``) —
and answers with triplets; names are aligned to the gold actors
(:mod:`~actorstance.extraction.alignment`), then pair, triplet and per-label scores with
document-level bootstrap intervals are computed (:mod:`~actorstance.extraction.scoring`).

Public API:

>>> from actorstance.extraction import evaluate_extraction, normalise_name
>>> normalise_name("the Kremlin's")
'kremlin'
"""

from __future__ import annotations

from actorstance.extraction.alignment import Aligner, Alignment, GoldActor, normalise_name
from actorstance.extraction.evaluate import build_extraction_result, evaluate_extraction, predict_extraction
from actorstance.extraction.predictions import read_extraction_predictions, write_extraction_predictions
from actorstance.extraction.results import ExtractionResult
from actorstance.extraction.split import SETTINGS, DocumentsSplit, load_documents

__all__ = [
    "Aligner", "Alignment", "DocumentsSplit", "ExtractionResult", "GoldActor", "SETTINGS", "build_extraction_result",
    "evaluate_extraction", "load_documents", "normalise_name", "predict_extraction", "read_extraction_predictions",
    "write_extraction_predictions",
]
