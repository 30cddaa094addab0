"""How an annotation tool's labels become actor types, stance labels and annotator ids.

Every tool importer (Label Studio, brat, INCEpTION, doccano) reads labels through one
:class:`ToolMapping`. The packaged default, ``actorstance/resources/tool-mapping.json``, maps the
label names of the shipped Label Studio config and brat ``annotation.conf`` (and common NER names
such as ``PER``, ``ORG``, ``GPE``); ``--mapping FILE`` merges a project's own file over it, entry by
entry (docs/annotation-tools.md):

.. code-block:: json

    {"span_labels": {"Politician": "person", "Party": "organisation", "Quote": "evidence",
                     "Place": "ignore"},
     "relation_labels": {"supports": "positive", "attacks": "negative"},
     "annotators": {"3": {"id": "alice", "name": "Alice N."}},
     "inception": {"span_layer": "webanno.custom.PoliticalActor"}}

Label lookup ignores case and surrounding whitespace. A span label maps to an actor type
(a mention), ``evidence`` (a stance's evidence) or ``ignore`` (counted, not imported); a relation
label to a stance label, ``implied`` (the stance is implied, not explicit), ``same_actor`` (the
two mentions refer to one actor), ``candidate`` (a pre-annotated pair still to decide: an
error on import) or ``ignore`` — or to several joined by ``+``
(``"negative_implied": "negative+implied"``, for tools with one label per relation).

>>> mapping = read_mapping(None)
>>> mapping.span_role("PER"), mapping.relation_roles("Positive"), mapping.relation_roles("negative_implied")
('person', ('positive',), ('negative', 'implied'))
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from actorstance.errors import ImportFormatError, Problem
from actorstance.inputs import parse_json, read_bytes
from actorstance.labels import ACTOR_TYPES, ANNOTATOR_KINDS, STANCE_LABELS
from actorstance.package_data import read_resource_text
from actorstance.problems import json_path, short
from actorstance.schema import GUIDELINE_VERSION

DEFAULT_MAPPING = "tool-mapping.json"
EVIDENCE, IGNORE, IMPLIED, SAME_ACTOR = "evidence", "ignore", "implied", "same_actor"
#: A pre-annotated candidate pair (``actorstance export --candidates``) the annotator has to decide.
CANDIDATE = "candidate"
#: What a span label may map to: an actor type (the span is a mention), evidence, or ignore.
SPAN_ROLES: tuple[str, ...] = (*(t for t in ACTOR_TYPES if t != "other"), EVIDENCE, IGNORE)
#: What a relation label may map to.
RELATION_ROLES: tuple[str, ...] = (*STANCE_LABELS, IMPLIED, SAME_ACTOR, CANDIDATE, IGNORE)

_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)
SpanRole = Literal[SPAN_ROLES]  # type: ignore[valid-type]
#: Roles joined by the separator: one relation label may stand for a stance label and ``implied``.
ROLE_SEPARATOR = "+"


def _relation_roles(value: str) -> str:
    unknown = [r for r in value.split(ROLE_SEPARATOR) if r not in RELATION_ROLES]
    if unknown:
        raise ValueError(f"{', '.join(map(repr, unknown))} is not a relation role; use one of "
                         f"{', '.join(RELATION_ROLES)}, or several joined by '{ROLE_SEPARATOR}'")
    return value


RelationRoles = Annotated[str, AfterValidator(_relation_roles)]


class AnnotatorMapping(BaseModel):
    """The project's id (and name, kind) for a tool's user id or name."""

    model_config = _STRICT
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
    name: str | None = None
    kind: Literal[ANNOTATOR_KINDS] = "human"  # type: ignore[valid-type]


class LabelStudioNames(BaseModel):
    """Names of the Label Studio control and object tags (``name=`` in the labeling config)."""

    model_config = _STRICT
    labels: str = "label"
    actor: str = "actor"
    text: str = "text"


class InceptionNames(BaseModel):
    """UIMA type and feature names of the INCEpTION span and relation layers."""

    model_config = _STRICT
    span_layer: str = "webanno.custom.Actor"
    span_label: str = "label"
    span_actor: str = "actor"
    relation_layer: str = "webanno.custom.Stance"
    relation_label: str = "label"
    relation_source: str = "Governor"
    relation_target: str = "Dependent"
    relation_implied: str = "implied"


class ToolMapping(BaseModel):
    """The label, annotator and layer mapping of a tool import (the packaged default merged with ``--mapping``)."""

    model_config = _STRICT
    span_labels: dict[str, SpanRole] = Field(default_factory=dict)
    relation_labels: dict[str, RelationRoles] = Field(default_factory=dict)
    annotators: dict[str, AnnotatorMapping] = Field(default_factory=dict)
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    guideline_version: str = Field(default=GUIDELINE_VERSION, pattern=r"^\d+\.\d+\.\d+$")
    label_studio: LabelStudioNames = LabelStudioNames()
    inception: InceptionNames = InceptionNames()

    def span_role(self, label: str) -> str | None:
        """What the span label maps to, or None when the mapping does not know it."""
        return _lookup(self.span_labels, label)

    def relation_roles(self, label: str) -> tuple[str, ...] | None:
        """What the relation label maps to (one or more roles), or None when the mapping does not know it."""
        roles = _lookup(self.relation_labels, label)
        return None if roles is None else tuple(roles.split(ROLE_SEPARATOR))

    def annotator(self, tool_id: str) -> AnnotatorMapping:
        """The project annotator for a tool's user id or name (the tool's own id, made an identifier, if unmapped)."""
        if tool_id in self.annotators:
            return self.annotators[tool_id]
        # not validated here: an id that names no folder is reported by the import, with its location
        return AnnotatorMapping.model_construct(id=tool_id, name=None, kind="human")


def _lookup(table: dict[str, str], label: str) -> str | None:
    folded = {key.strip().casefold(): value for key, value in table.items()}
    return folded.get(label.strip().casefold())


def read_mapping(path: str | Path | None) -> ToolMapping:
    """The packaged default mapping, with the file at ``path`` (if any) merged over it entry by entry."""
    where, text = read_resource_text(None, DEFAULT_MAPPING, what="mapping file")
    default = _parse(where, text.encode("utf-8"))
    if path is None:
        return default
    data = read_bytes(path, what="mapping file", fix="pass --mapping an existing JSON file", error=ImportFormatError)
    user = _parse(str(path), data)
    merged = default.model_dump()
    overlay = user.model_dump(exclude_unset=True)
    for key, value in overlay.items():
        merged[key] = {**merged[key], **value} if isinstance(value, dict) else value
    return ToolMapping.model_validate(merged, strict=False)


def _parse(where: str, data: bytes) -> ToolMapping:
    raw = parse_json(data, where, error=ImportFormatError)
    fix = "correct the mapping file (its keys are documented in docs/annotation-tools.md)"
    try:
        return ToolMapping.model_validate(raw)
    except ValidationError as err:
        # not problems.validation_problems: its paths drop capitalised keys (taken for pydantic's model
        # names), and a project's labels ("Party") are capitalised keys of this file
        raise ImportFormatError([Problem(where, json_path(e["loc"]), _message(e), fix)
                                 for e in err.errors(include_url=False)]) from None


def _message(error: dict) -> str:
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if error["type"] == "extra_forbidden":
        return "unknown key (the keys are span_labels, relation_labels, annotators, language, guideline_version, " \
               "label_studio, inception)" if len(error["loc"]) == 1 else "unknown key"
    return f"{error['msg']}, got {short(error.get('input'))}"
