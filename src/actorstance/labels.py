"""The label set and actor types, defined once; every other representation derives from here.

The dataset's ``ClassLabel`` names, the JSON Schema, the dataset card, the metrics'
``labels=`` arguments and the codebook's tables all read these tuples.
"""

from __future__ import annotations

#: Labels an annotator assigns to a directed source→target pair (order is the ClassLabel order).
STANCE_LABELS: tuple[str, ...] = ("positive", "negative", "neutral")

#: Label of a candidate pair the converter generates and no annotator marked: no stance expressed.
NONE_LABEL = "none"

#: Every label, in ClassLabel order.
ALL_LABELS: tuple[str, ...] = (*STANCE_LABELS, NONE_LABEL)

#: The polar labels averaged by the headline ``f1_pn`` score (SemEval-2016 Task 6 convention).
POLAR_LABELS: tuple[str, ...] = ("positive", "negative")

#: Dataset configurations and the label names of each, in ClassLabel order.
CONFIG_LABELS: dict[str, tuple[str, ...]] = {
    "pairs": STANCE_LABELS,
    "candidates": ALL_LABELS,
}

#: Actor types of the codebook (docs/annotation-guidelines.md, section "Actors").
#: ``other`` is reserved for imported corpora whose targets are not political actors
#: (topics, events, religions); native annotations never use it.
ACTOR_TYPES: tuple[str, ...] = (
    "person",
    "government",
    "organisation",
    "media",
    "armed_group",
    "collective",
    "other",
)

#: Kinds of annotator recorded as provenance.
ANNOTATOR_KINDS: tuple[str, ...] = ("human", "model", "import")
