"""Prompt templates: versioned TOML package data (``templates/*.toml``) or a user's file.

A template has ``name``, ``version``, ``system``, ``user``, ``answer`` and a ``[labels]`` table
of label definitions. ``system`` and ``user`` are :class:`string.Template` texts whose
placeholders may name only model-input columns (the column table of
:mod:`actorstance.columns`) plus three derived from them and the config:

``$marked_context``
    ``context`` with the source's mentions wrapped in ``<source>…</source>`` and the
    target's in ``<target>…</target>`` (from ``source_spans`` / ``target_spans``);
``$labels``
    the config's label names, comma-separated;
``$label_definitions``
    one ``- label: definition`` line per label of the config.

``answer`` may use only ``$label``: it renders a k-shot example's gold answer. A placeholder
such as ``$label`` or ``$evidence`` in ``system`` or ``user`` is refused when the template is
loaded — a prompt never shows the model the answer.

A prompt is a chat: the system message, then for each k-shot example its user message and the
answer as an assistant message, then the user message of the pair to label.

>>> template = load_template("zero-shot")
>>> (template.name, template.version)
('zero-shot', '1.0')
>>> row = {"context": "Anna Berg praised Lars Holm.", "source_spans": [{"start": 0, "end": 9}],
...        "target_spans": [{"start": 18, "end": 27}]}
>>> marked_context(row)
'<source>Anna Berg</source> praised <target>Lars Holm</target>.'
"""

from __future__ import annotations

import hashlib
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Sequence

from actorstance.columns import MODEL_INPUT_COLUMNS
from actorstance.errors import PromptTemplateError

#: Packaged templates: name → file in ``actorstance/models/llm/templates/``.
TEMPLATES: dict[str, str] = {"zero-shot": "zero-shot.toml", "k-shot": "k-shot.toml"}
DERIVED_PLACEHOLDERS: tuple[str, ...] = ("marked_context", "labels", "label_definitions")
_REQUIRED_KEYS = ("name", "version", "system", "user", "answer", "labels")


@dataclass(frozen=True)
class PromptTemplate:
    """A loaded, checked template; :meth:`messages` renders one prompt."""

    name: str
    version: str
    source: str  #: packaged name (``zero-shot``) or the file path given
    sha256: str  #: of the template file's bytes
    system: string.Template
    user: string.Template
    answer: string.Template
    label_definitions: Mapping[str, str]

    def messages(self, row: Mapping[str, Any], *, labels: Sequence[str],
                 examples: Sequence[tuple[Mapping[str, Any], str]] = ()) -> list[dict[str, str]]:
        """The chat messages for ``row``; ``examples`` are ``(row, gold label)`` k-shot pairs."""
        missing = [label for label in labels if label not in self.label_definitions]
        if missing:
            raise PromptTemplateError(f"prompt template {self.source}: no definition of label(s) "
                                      f"{', '.join(missing)} in its [labels] table. Fix: add a line "
                                      f"{missing[0]} = \"...\" under [labels]")
        shared = {"labels": ", ".join(labels),
                  "label_definitions": "\n".join(f"- {label}: {self.label_definitions[label]}" for label in labels)}
        chat = [{"role": "system", "content": self.system.substitute(shared)}]
        for example, label in examples:
            chat.append({"role": "user", "content": self.user.substitute(_row_values(example, shared))})
            chat.append({"role": "assistant", "content": self.answer.substitute(label=label)})
        chat.append({"role": "user", "content": self.user.substitute(_row_values(row, shared))})
        return chat


def load_template(name_or_path: str) -> PromptTemplate:
    """A packaged template by name (:data:`TEMPLATES`) or a TOML file by path, checked."""
    if name_or_path in TEMPLATES:
        where = f"actorstance/models/llm/templates/{TEMPLATES[name_or_path]}"
        raw = resources.files("actorstance.models.llm").joinpath("templates", TEMPLATES[name_or_path]).read_bytes()
        source = name_or_path
    else:
        where = source = name_or_path
        try:
            raw = Path(name_or_path).read_bytes()
        except OSError as err:
            raise PromptTemplateError(
                f"prompt template {name_or_path}: not a packaged template and not a readable file "
                f"({err.strerror}). Fix: use one of {', '.join(TEMPLATES)} or the path of a .toml template "
                "(copy a packaged one: docs/llm.md, 'Prompt templates')") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise PromptTemplateError(f"{where}: not a valid UTF-8 TOML template ({err}). "
                                  "Fix: write it like the packaged templates (docs/llm.md)") from None
    missing = [key for key in _REQUIRED_KEYS if key not in data]
    if missing:
        raise PromptTemplateError(f"{where}: missing key(s) {', '.join(missing)}. "
                                  f"Fix: a template has {', '.join(_REQUIRED_KEYS)}")
    if not isinstance(data["labels"], dict) or not all(isinstance(v, str) for v in data["labels"].values()):
        raise PromptTemplateError(f"{where}: [labels] must map each label to its definition text. "
                                  "Fix: write lines such as positive = \"...\" under [labels]")
    for key in ("name", "version", "system", "user", "answer"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise PromptTemplateError(f"{where}: {key} must be a non-empty string. Fix: set {key} = \"...\"")
    row_allowed = {*MODEL_INPUT_COLUMNS, *DERIVED_PLACEHOLDERS}
    texts = {key: string.Template(data[key]) for key in ("system", "user", "answer")}
    allowed = {"system": {"labels", "label_definitions"}, "user": row_allowed, "answer": {"label"}}
    for key, template in texts.items():
        if not template.is_valid():
            raise PromptTemplateError(f"{where}: {key} has a '$' that is not a placeholder. "
                                      "Fix: write $$ for a literal dollar sign")
        unknown = sorted(set(template.get_identifiers()) - allowed[key])
        if unknown:
            why = ("is not a model input: a prompt must not show the answer or gold evidence"
                   if set(unknown) & {"label", "evidence", "explicit", "stance_id", "annotators"} and key != "answer"
                   else "is not allowed there")
            raise PromptTemplateError(f"{where}: {key} uses ${unknown[0]}, which {why}. "
                                      f"Fix: use only {', '.join('$' + name for name in sorted(allowed[key]))}")
    return PromptTemplate(name=data["name"], version=data["version"], source=source,
                          sha256=hashlib.sha256(raw).hexdigest(), label_definitions=dict(data["labels"]), **texts)


def marked_context(row: Mapping[str, Any]) -> str:
    """``context`` with the source and target mentions wrapped in tags (see the module docstring)."""
    context = row["context"]
    spans = sorted([(_start_end(s), "source") for s in row.get("source_spans") or ()]
                   + [(_start_end(s), "target") for s in row.get("target_spans") or ()])
    out, at = [], 0
    for (start, end), role in spans:
        if start < at:  # overlapping mentions are a validation error upstream; never garble the text
            continue
        out += [context[at:start], f"<{role}>", context[start:end], f"</{role}>"]
        at = end
    out.append(context[at:])
    return "".join(out)


def _start_end(span) -> tuple[int, int]:
    return (span["start"], span["end"]) if isinstance(span, Mapping) else (span[0], span[1])


def _row_values(row: Mapping[str, Any], shared: Mapping[str, str]) -> dict[str, Any]:
    values = {column: row[column] for column in MODEL_INPUT_COLUMNS if column in row}
    values["marked_context"] = marked_context(row)
    return {**values, **shared}
