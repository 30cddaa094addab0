"""The dataset's columns as ``datasets.Features``, derived from :data:`actorstance.columns.COLUMN_TABLE`.

A model may read only :data:`~actorstance.columns.MODEL_INPUT_COLUMNS`; the gold ``evidence`` is
analysis-only (it points at the answer, and ``none`` pairs have none).
"""

from __future__ import annotations

from actorstance.columns import COLUMN_DESCRIPTIONS, COLUMN_TABLE
from actorstance.labels import CONFIG_LABELS


def column_descriptions(config: str) -> dict[str, str]:
    """One line per column of ``config`` (card and croissant.json)."""
    from actorstance.dataset.documents import DOCUMENT_COLUMN_DESCRIPTIONS, DOCUMENTS_CONFIG

    return DOCUMENT_COLUMN_DESCRIPTIONS if config == DOCUMENTS_CONFIG else COLUMN_DESCRIPTIONS


def features_for(config: str):
    """``datasets.Features`` of a config; a pair config's label is a ``ClassLabel`` named from
    :mod:`actorstance.labels`; ``documents`` is :func:`actorstance.dataset.documents.document_features`."""
    from datasets import ClassLabel, Features, List, Value

    from actorstance.dataset.documents import DOCUMENTS_CONFIG, document_features

    if config == DOCUMENTS_CONFIG:
        return document_features()
    feature = {
        "string": lambda: Value("string"),
        "optional string": lambda: Value("string"),
        "int32": lambda: Value("int32"),
        "optional bool": lambda: Value("bool"),
        "strings": lambda: List(Value("string")),
        "spans": lambda: List({"start": Value("int32"), "end": Value("int32")}),
        "label": lambda: ClassLabel(names=list(CONFIG_LABELS[config])),
    }
    return Features({c.name: feature[c.type]() for c in COLUMN_TABLE})
