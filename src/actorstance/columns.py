"""The columns of a stance pair, defined once: name, type, role and description.

Every other view of a pair row is derived from :data:`COLUMN_TABLE`:

* :class:`actorstance.convert.StancePair` — the record :func:`~actorstance.convert.stance_pairs`
  makes (field order is the column order);
* :data:`COLUMNS`, :data:`MODEL_INPUT_COLUMNS`, :data:`LABEL_COLUMN`, :data:`ANALYSIS_COLUMNS` —
  the column layout by role;
* :func:`actorstance.dataset.features.features_for` — the ``datasets.Features`` of a config;
* :data:`COLUMN_DESCRIPTIONS` — the dataset card's and croissant.json's column descriptions;
* :class:`actorstance.reports.results.PairInfo` — the pair columns a benchmark report keeps.

Roles: ``pair`` columns say which directed actor pair a row is (a model may read them, and
reports keep them); ``context`` columns are the text a model reads; ``label`` is the gold answer;
``analysis`` columns are provenance and gold-only material that a model never reads. Adding a
column is adding one :class:`Column` line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from actorstance.labels import ACTOR_TYPES

#: A column's type: its Python type in a :class:`~actorstance.convert.StancePair` and its
#: ``datasets`` feature (``spans`` are ``{start, end}`` code-point pairs relative to ``context``).
ColumnType = Literal["string", "optional string", "int32", "optional bool", "strings", "spans", "label"]
Role = Literal["pair", "context", "label", "analysis"]

#: Python type of each column type in a StancePair.
PYTHON_TYPES: dict[str, object] = {
    "string": str, "optional string": str | None, "int32": int, "optional bool": bool | None,
    "strings": tuple[str, ...], "spans": tuple[tuple[int, int], ...], "label": str,
}


@dataclass(frozen=True)
class Column:
    """One column of a pair row."""

    name: str
    type: ColumnType
    role: Role
    description: str


_SPAN_NOTE = "({start, end}: code points relative to `context`, end exclusive)."

#: Every column of a pair row, in column order.
COLUMN_TABLE: tuple[Column, ...] = (
    Column("id", "string", "pair",
           "Stable, opaque pair id: `DOC/` and 16 digits hashed from `source_id`, `target_id` and `scope`, one "
           "shape for every row whatever its label; read the actors from `source_id`/`target_id`, not the id."),
    Column("doc_id", "string", "pair", "Document the pair comes from; splits are made by document."),
    Column("source_id", "string", "pair", "Id of the actor who holds the stance (unique within the document)."),
    Column("source", "string", "pair", "Canonical name of the source actor."),
    Column("source_type", "string", "pair", f"Actor type of the source ({', '.join(ACTOR_TYPES)})."),
    Column("target_id", "string", "pair", "Id of the actor the stance is about."),
    Column("target", "string", "pair", "Canonical name of the target actor."),
    Column("target_type", "string", "pair", "Actor type of the target."),
    Column("context", "string", "context",
           "The text a model reads, chosen by a rule that never looks at the label (see 'Context rule')."),
    Column("context_start", "int32", "context", "Offset of `context` in the document text (Unicode code points)."),
    Column("source_spans", "spans", "context", f"Mentions of the source inside `context` {_SPAN_NOTE}"),
    Column("target_spans", "spans", "context", f"Mentions of the target inside `context` {_SPAN_NOTE}"),
    Column("label", "label", "label", "Gold stance of the source towards the target."),
    Column("explicit", "optional bool", "analysis",
           "True when the text states the stance, False when it is clearly implied; null for `none` pairs."),
    Column("evidence", "strings", "analysis",
           "Gold evidence text. Analysis only: it points at the answer and `none` pairs have none, "
           "so a model that reads it sees the label."),
    Column("scope", "optional string", "analysis",
           "`START-END` (document code points) of the unit a row of a scoped document belongs to; null for "
           "document-level rows. Analysis only."),
    Column("stance_id", "optional string", "analysis", "Id of the stance in the annotation file; null for `none` pairs."),
    Column("annotators", "strings", "analysis", "Ids of the annotators of the pair (see 'Annotation process')."),
    Column("guideline_version", "string", "analysis",
           "Version of the annotation guidelines (codebook) the document was annotated under."),
)


def columns(*roles: Role) -> tuple[str, ...]:
    """Names of the columns with one of ``roles``, in column order.

    >>> columns("label")
    ('label',)
    """
    return tuple(c.name for c in COLUMN_TABLE if c.role in roles)


COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMN_TABLE)
#: Columns a model may read: label-independent by construction.
MODEL_INPUT_COLUMNS: tuple[str, ...] = columns("pair", "context")
#: The gold answer.
(LABEL_COLUMN,) = columns("label")
#: Provenance and analysis-only columns; never model inputs.
ANALYSIS_COLUMNS: tuple[str, ...] = columns("analysis")
#: One line per column, shown in the dataset card and in croissant.json.
COLUMN_DESCRIPTIONS: dict[str, str] = {c.name: c.description for c in COLUMN_TABLE}
