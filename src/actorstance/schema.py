"""The canonical annotation model: one JSON file per document (strict pydantic v2).

This module is the single source of truth for the format; ``docs/annotation.schema.json`` is
generated from it (``python -m actorstance.schema > docs/annotation.schema.json``) and a test
fails when the two drift. Semantic rules that need the text (offsets, hashes, references) live
in :mod:`actorstance.annotations`.

Offsets are Unicode code points into the text file decoded as UTF-8 (Python ``str`` indices),
``end`` exclusive. The text is referenced, never copied: ``text.path`` is relative to the
annotation file's folder, ``text.sha256`` is the hash of the file's bytes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from actorstance.json_schema import published_json_schema, render_published_schema
from actorstance.labels import ACTOR_TYPES, ANNOTATOR_KINDS, STANCE_LABELS

SCHEMA_VERSION = "1.0"

#: Version of docs/annotation-guidelines.md that this release documents (``actorstance new`` writes it).
GUIDELINE_VERSION = "1.1.0"
#: Every codebook version an annotation file may record, oldest first (the codebook's changelog): a
#: file keeps the version it was annotated under, and ``validate`` refuses any other.
GUIDELINE_VERSIONS: tuple[str, ...] = ("1.0.0", "1.1.0")

Identifier = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", max_length=200,
          description="Letters, digits and _ . : - ; unique within its kind in the document."),
]
Offset = Annotated[int, Field(ge=0, description="Unicode code-point offset into the text.")]

ActorType = Literal[ACTOR_TYPES]  # type: ignore[valid-type]
StanceLabel = Literal[STANCE_LABELS]  # type: ignore[valid-type]
AnnotatorKind = Literal[ANNOTATOR_KINDS]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class TextRef(_Strict):
    """Where the document's text lives and the sha256 of its bytes."""

    path: str = Field(min_length=1, description="Path of the UTF-8 text file, relative to the annotation file's folder.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Lower-case hex sha256 of the text file's bytes.")


class Annotator(_Strict):
    """Who or what produced the annotations (provenance)."""

    id: Identifier
    kind: AnnotatorKind = Field(description="human, model, or import (converted from another corpus).")
    name: str | None = None
    note: str | None = None


class Source(_Strict):
    """Bibliographic facts about the article (all optional)."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date, as printed by the outlet.")
    author: str | None = None


class Span(_Strict):
    """A stretch of the text; ``text`` must equal ``document[start:end]``."""

    start: Offset
    end: Offset
    text: str


class Actor(_Strict):
    """A political actor: person, government/state, organisation, media outlet, armed group, collective."""

    id: Identifier
    name: str = Field(min_length=1, description="Canonical name (codebook section 'Canonical names').")
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")


class Mention(_Strict):
    """One place where the text refers to an actor (name, title, description or pronoun)."""

    id: Identifier
    actor: Identifier = Field(description="Id of the actor referred to.")
    start: Offset
    end: Offset
    text: str = Field(description="The covered text, for readability; must match the text file.")


class Stance(_Strict):
    """The stance of ``source`` towards ``target`` (direction is always source→target)."""

    id: Identifier
    source: Identifier
    target: Identifier
    label: StanceLabel
    explicit: bool = Field(description="True when the text states the stance, False when it is clearly implied.")
    evidence: list[Span] = Field(min_length=1, description="The span(s) of text that support the stance.")
    mentions: list[Identifier] = Field(
        default_factory=list, description="Ids of the source/target mentions the evidence involves.")
    scope: Span | None = Field(
        default=None,
        description="For sentence-level corpora: the sentence the stance holds in. Absent for document-level stances.")
    annotators: list[Identifier] = Field(
        default_factory=list, description="Annotator ids, when not every annotator of the document made this stance.")
    note: str | None = None


class Annotation(_Strict):
    """One annotated document."""

    schema_version: Literal[SCHEMA_VERSION]
    doc_id: Identifier
    text: TextRef
    language: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code of the text.")
    guideline_version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    annotators: list[Annotator] = Field(min_length=1)
    source: Source | None = None
    metadata: dict[str, str] = Field(default_factory=dict, description="Free-form provenance (story ids, corpus split).")
    paragraphs: list[Span] | None = Field(
        default=None,
        description="Optional, for the annotator's reference (written by `actorstance new`): the text's paragraphs "
                    "as the codebook and actorstance.segment define them; checked against the text, never used "
                    "by the converter.")
    actors: list[Actor]
    mentions: list[Mention]
    stances: list[Stance]


def annotation_json_schema() -> dict:
    """The JSON Schema of an annotation file, as published in ``docs/annotation.schema.json``."""
    return published_json_schema(Annotation, f"actorstance annotation file, schema version {SCHEMA_VERSION}")


def render_json_schema() -> str:
    return render_published_schema(annotation_json_schema())


if __name__ == "__main__":  # pragma: no cover - regeneration entry point
    print(render_json_schema(), end="")
