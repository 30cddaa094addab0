"""What a built dataset is *of*: its name, version, changelog, licence, citation and the statements
its card makes about the corpus — one file, ``corpus.json``, next to the annotations.

These facts are data, not code: the actorstance dataset's own version and changelog live in
``data/annotations/corpus.json`` (bump ``version`` and add a ``changelog`` entry there), and an
importer writes the file of the corpus it converts (``actorstance import seesaw`` describes
SEESAW). The builder reads it (:func:`read_corpus`) and renders the card and croissant.json from
it; a folder without one is refused, because a card must not describe a corpus it does not know.
Everything else the card says (sizes, outlets, annotators, splits, limitations) is derived from
the documents.

Validation is strict: a missing file, unknown or missing keys, a wrong type, a licence id the Hub
does not know, a citation that is not one BibTeX entry, or a changelog whose newest entry is not
``version`` are :class:`~actorstance.errors.CorpusInfoError` problems naming the file and the field.

>>> read_corpus("data/annotations").license  # doctest: +SKIP
'cc-by-4.0'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from actorstance.errors import CorpusInfoError, Problem
from actorstance.inputs import json_kind, parse_json, read_bytes
from actorstance.jsonl import dumps_pretty
from actorstance.layout import CORPUS_FILE
from actorstance.problems import validation_problems

#: Licence ids of the Hugging Face Hub that a dataset card's ``license`` may take (a subset of the
#: Hub's list: the data licences). For any other licence use ``other`` with ``license_name`` and
#: ``license_url``.
HUB_LICENSES: frozenset[str] = frozenset({
    "cc0-1.0", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0",
    "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0",
    "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0", "odc-by", "odbl", "pddl", "cdla-sharing-1.0",
    "cdla-permissive-1.0", "cdla-permissive-2.0", "apache-2.0", "mit", "gpl-3.0", "other", "unknown",
})

_URL = r"^https?://\S+$"
_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


class Creator(BaseModel):
    """Who made the corpus: Croissant's ``creator`` and the authors of a generated citation."""

    model_config = _STRICT
    kind: Literal["person", "organization"]
    name: str = Field(min_length=1)


class Change(BaseModel):
    """One changelog entry; the date is written by hand so that a build never reads the clock."""

    model_config = _STRICT
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    change: str = Field(min_length=1)


class CorpusInfo(BaseModel):
    """The contents of ``corpus.json``: the facts about a corpus that its documents cannot tell."""

    model_config = _STRICT
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$",
                      description="Dataset name: Croissant's name, the folder in the card's loading example.")
    pretty_name: str = Field(min_length=1, description="Title of the card (its `pretty_name`).")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="Semantic version of the built dataset.")
    changelog: tuple[Change, ...] = Field(min_length=1, description="Newest first; the first is `version`.")
    description: str = Field(min_length=1, description="What the corpus is and why: the card's Motivation.")
    license: str = Field(description="Hub licence id of the annotations (HUB_LICENSES).")
    license_name: str = Field(min_length=1, description="The licence as people name it, e.g. 'CC BY 4.0'.")
    license_url: str = Field(pattern=_URL, description="The licence text: Croissant's `license`.")
    homepage: str | None = Field(default=None, pattern=_URL, description="Where the corpus comes from.")
    creators: tuple[Creator, ...] = Field(min_length=1)
    citation: str | None = Field(default=None, description="One BibTeX entry; none: a citation of this build.")
    copyright: str = Field(min_length=1, description="Who owns the annotations and the text: the card's Copyright.")
    annotation: str | None = Field(default=None, description="How the labels came about; none: this project's "
                                                             "codebook (docs/annotation-guidelines.md).")

    @model_validator(mode="after")
    def _consistent(self) -> CorpusInfo:
        if self.license not in HUB_LICENSES:
            raise ValueError(f"license: {self.license!r} is not a Hub licence id; use one of: "
                             f"{', '.join(sorted(HUB_LICENSES))} (or 'other', named by license_name and "
                             "license_url)")
        if self.changelog[0].version != self.version:
            raise ValueError(f"changelog: the newest entry is version {self.changelog[0].version!r}, not "
                             f"{self.version!r}; put the entry of `version` first")
        if self.citation is not None and not is_bibtex_entry(self.citation):
            raise ValueError("citation: not one BibTeX entry; write one entry '@type{key, field = {...}, ...}' "
                             "with balanced braces, or leave citation out")
        return self

    @property
    def non_commercial(self) -> bool:
        return "-nc" in self.license


def is_bibtex_entry(text: str) -> bool:
    """Whether ``text`` is one BibTeX entry: ``@type{key,`` ... ``}`` with balanced braces."""
    text = text.strip()
    if not re.match(r"^@[A-Za-z]+\{[^,{}\s]+,", text) or not text.endswith("}"):
        return False
    depth = 0
    for i, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0 or (depth == 0 and char == "}" and i != len(text) - 1):
            return False
    return depth == 0


def read_corpus(annotations: str | Path) -> CorpusInfo:
    """The corpus facts of an annotations folder, read from its ``corpus.json``."""
    path = Path(annotations) / CORPUS_FILE
    if not path.exists() and not path.is_symlink():
        raise CorpusInfoError([Problem(str(path), "", "no such file: the card's name, version, changelog, licence "
                                       "and citation come from it",
                                       f"write {CORPUS_FILE} in the annotations folder (fields: docs/dataset.md; "
                                       "data/annotations/corpus.json is an example), or re-run the import that "
                                       "writes it")])
    fix = f"correct {CORPUS_FILE} (its fields are documented in docs/dataset.md) or re-run the import that wrote it"
    data = read_bytes(path, what=f"corpus file ({CORPUS_FILE})", fix=fix, error=CorpusInfoError)
    raw = parse_json(data, str(path), error=CorpusInfoError)  # limits, encoding, duplicate keys
    if not isinstance(raw, dict):
        raise CorpusInfoError([Problem(str(path), "", f"expected a JSON object, got {json_kind(raw)}", fix)])
    try:
        return CorpusInfo.model_validate_json(data)  # JSON mode: arrays are the model's tuples
    except ValidationError as err:
        raise CorpusInfoError(validation_problems(str(path), err, fix=fix,
                                                         describe=lambda p, e: _describe(p, e, fix))) from None


def write_corpus(corpus: CorpusInfo, folder: str | Path) -> Path:
    """Write ``corpus`` as ``folder/corpus.json`` (sorted keys, unset fields left out, so identical input gives
    identical bytes)."""
    path = Path(folder) / CORPUS_FILE
    path.write_bytes(dumps_pretty(corpus.model_dump(mode="json", exclude_none=True)).encode("utf-8"))
    return path


def _describe(path: str, error: dict, fix: str) -> tuple[str, ...] | None:
    if error["type"] == "missing":
        return "required field is missing", f"add it; {fix}"
    if error["type"] == "extra_forbidden":
        return "unknown field", f"remove it; {fix}"
    if error["type"] == "value_error":  # our own cross-field checks carry their field and fix in the message
        field, message = error["msg"].removeprefix("Value error, ").split(": ", 1)
        message, own_fix = message.split("; ", 1)
        return field, message, own_fix
    return None
