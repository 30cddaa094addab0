"""Published JSON Schemas: a pydantic model's schema as this project commits it in ``docs/``.

The annotation format (:mod:`actorstance.schema`) and the evaluation result
(:mod:`actorstance.evaluation.results`) are each published this way, and a test per schema fails
when the committed file and the model drift apart.
"""

from __future__ import annotations

import json

from pydantic import BaseModel


def published_json_schema(model: type[BaseModel], title: str) -> dict:
    """The JSON Schema (draft 2020-12) of a pydantic model, titled ``title``."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def render_published_schema(schema: dict) -> str:
    """Stable text of a published schema: sorted keys, two-space indent, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
