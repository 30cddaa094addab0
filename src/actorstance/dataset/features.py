"""The dataset's columns as ``datasets.Features``: the single definition of the row layout.

Columns are split by role. A model may read only :data:`MODEL_INPUT_COLUMNS`; the gold
``evidence`` is analysis-only (it points at the answer, and ``none`` pairs have none).
"""

from __future__ import annotations

from actorstance.labels import CONFIG_LABELS

#: Columns a model may read: label-independent by construction.
MODEL_INPUT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id",
    "source_id", "source", "source_type",
    "target_id", "target", "target_type",
    "context", "context_start", "source_spans", "target_spans",
)
#: The gold answer.
LABEL_COLUMN = "label"
#: Provenance and analysis-only columns; never model inputs.
ANALYSIS_COLUMNS: tuple[str, ...] = ("explicit", "evidence", "stance_id", "annotators", "guideline_version")

COLUMNS: tuple[str, ...] = (*MODEL_INPUT_COLUMNS, LABEL_COLUMN, *ANALYSIS_COLUMNS)


def features_for(config: str):
    """``datasets.Features`` of a config; the label is a ``ClassLabel`` named from :mod:`actorstance.labels`."""
    from datasets import ClassLabel, Features, List, Value

    span = {"start": Value("int32"), "end": Value("int32")}
    return Features({
        "id": Value("string"),
        "doc_id": Value("string"),
        "source_id": Value("string"),
        "source": Value("string"),
        "source_type": Value("string"),
        "target_id": Value("string"),
        "target": Value("string"),
        "target_type": Value("string"),
        "context": Value("string"),
        "context_start": Value("int32"),
        "source_spans": List(span),
        "target_spans": List(span),
        "label": ClassLabel(names=list(CONFIG_LABELS[config])),
        "explicit": Value("bool"),
        "evidence": List(Value("string")),
        "stance_id": Value("string"),
        "annotators": List(Value("string")),
        "guideline_version": Value("string"),
    })
