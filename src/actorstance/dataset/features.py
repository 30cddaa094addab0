"""The dataset's columns as ``datasets.Features``: the single definition of the row layout.

Columns are split by role. A model may read only :data:`MODEL_INPUT_COLUMNS`; the gold
``evidence`` is analysis-only (it points at the answer, and ``none`` pairs have none).
"""

from __future__ import annotations

from actorstance.labels import ACTOR_TYPES, CONFIG_LABELS

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

#: One line per column, shown in the dataset card and in croissant.json.
COLUMN_DESCRIPTIONS: dict[str, str] = {
    "id": "Stable pair id `DOC/SOURCE->TARGET` (plus `@START-END` for a sentence-scoped stance).",
    "doc_id": "Document the pair comes from; splits are made by document.",
    "source_id": "Id of the actor who holds the stance (unique within the document).",
    "source": "Canonical name of the source actor.",
    "source_type": f"Actor type of the source ({', '.join(ACTOR_TYPES)}).",
    "target_id": "Id of the actor the stance is about.",
    "target": "Canonical name of the target actor.",
    "target_type": "Actor type of the target.",
    "context": "The text a model reads, chosen by a rule that never looks at the label (see 'Context rule').",
    "context_start": "Offset of `context` in the document text (Unicode code points).",
    "source_spans": "Mentions of the source inside `context` ({start, end}: code points relative to `context`, "
                    "end exclusive).",
    "target_spans": "Mentions of the target inside `context` ({start, end}: code points relative to `context`, "
                    "end exclusive).",
    "label": "Gold stance of the source towards the target.",
    "explicit": "True when the text states the stance, False when it is clearly implied; null for `none` pairs.",
    "evidence": "Gold evidence text. Analysis only: it points at the answer and `none` pairs have none, "
                "so a model that reads it sees the label.",
    "stance_id": "Id of the stance in the annotation file; null for `none` pairs.",
    "annotators": "Ids of the annotators of the pair (see 'Annotation process').",
    "guideline_version": "Version of the annotation guidelines (codebook) the document was annotated under.",
}


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
