"""From a chat completion to a value, or to the reason there is none.

An answer is parsed strictly: the message content must be one JSON object (whitespace around
it allowed, nothing else). What cannot be used is an *invalid* outcome with one of
:data:`INVALID_REASONS` — counted, reported, scored as an abstention, never mapped to a label.

>>> schema = label_schema(["positive", "negative"])
>>> parse_label('{"label": "negative"}', ["positive", "negative"])
('negative', None)
>>> parse_label('Negative.', ["positive", "negative"])
(None, 'not-json')
>>> parse_label('{"label": "hostile"}', ["positive", "negative"])
(None, 'unknown-label')
"""

from __future__ import annotations

import json
from typing import Any, Callable, Sequence

#: Why an answer is unusable (the per-sample log adds a detail).
INVALID_REASONS: tuple[str, ...] = ("empty", "refused", "truncated", "not-json", "no-label", "unknown-label",
                                    "wrong-shape")


class InvalidAnswer(ValueError):
    """Raised by a parser: ``reason`` is one of :data:`INVALID_REASONS`, ``detail`` says more."""

    def __init__(self, reason: str, detail: str = ""):
        assert reason in INVALID_REASONS, reason
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def label_schema(labels: Sequence[str]) -> dict[str, Any]:
    """JSON Schema of a stance answer: ``{"label": one of labels}`` and nothing else."""
    return {"type": "object", "properties": {"label": {"type": "string", "enum": list(labels)}},
            "required": ["label"], "additionalProperties": False}


def answer_content(response: dict) -> tuple[str | None, str | None]:
    """``(content, finish_reason)`` of the first choice; raises :class:`InvalidAnswer` for a refusal."""
    choices = response.get("choices") if isinstance(response, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise InvalidAnswer("empty", "the response has no choices")
    choice = choices[0]
    message = choice.get("message") if isinstance(choice.get("message"), dict) else {}
    finish = choice.get("finish_reason")
    if message.get("refusal"):
        raise InvalidAnswer("refused", str(message["refusal"])[:200])
    if finish == "content_filter":
        raise InvalidAnswer("refused", "finish_reason content_filter")
    content = message.get("content")
    return (content if isinstance(content, str) else None), finish


def parse_json_answer(response: dict, parse: Callable[[Any], Any]) -> Any:
    """The value ``parse`` makes of the response's JSON content; :class:`InvalidAnswer` otherwise.

    ``parse`` gets the decoded JSON and returns the value or raises :class:`InvalidAnswer`.
    """
    content, finish = answer_content(response)
    if content is None or not content.strip():
        raise InvalidAnswer("truncated" if finish == "length" else "empty",
                            "no content" if content is None else "blank content")
    try:
        decoded = json.loads(content)
    except ValueError as err:
        if finish == "length":
            raise InvalidAnswer("truncated", "the answer hit max_tokens before the JSON ended") from None
        raise InvalidAnswer("not-json", f"{err.msg} at character {err.pos}") from None
    return parse(decoded)


def label_parser(labels: Sequence[str]) -> Callable[[Any], str]:
    """A ``parse`` for :func:`parse_json_answer`: the ``label`` of ``{"label": ...}``, exactly one of ``labels``."""
    allowed = tuple(labels)

    def parse(decoded: Any) -> str:
        if not isinstance(decoded, dict):
            raise InvalidAnswer("wrong-shape", f"expected a JSON object, got {type(decoded).__name__}")
        if "label" not in decoded:
            raise InvalidAnswer("no-label", f"keys: {', '.join(sorted(decoded)) or '(none)'}")
        label = decoded["label"]
        if not isinstance(label, str) or label not in allowed:
            raise InvalidAnswer("unknown-label", f"{label!r} is not one of {', '.join(allowed)}")
        return label

    return parse


def parse_label(content: str, labels: Sequence[str]) -> tuple[str | None, str | None]:
    """``(label, None)`` or ``(None, reason)`` for a message content (see the module docstring)."""
    response = {"choices": [{"message": {"content": content}, "finish_reason": "stop"}]}
    try:
        return parse_json_answer(response, label_parser(labels)), None
    except InvalidAnswer as err:
        return None, err.reason
