"""The dataset's columns as ``datasets.Features``, derived from :data:`actorstance.columns.COLUMN_TABLE`.

A model may read only :data:`~actorstance.columns.MODEL_INPUT_COLUMNS`; the gold ``evidence`` is
analysis-only (it points at the answer, and ``none`` pairs have none).
"""

from __future__ import annotations

from actorstance.columns import COLUMN_TABLE
from actorstance.labels import CONFIG_LABELS


def features_for(config: str):
    """``datasets.Features`` of a config; the label is a ``ClassLabel`` named from :mod:`actorstance.labels`."""
    from datasets import ClassLabel, Features, List, Value

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
