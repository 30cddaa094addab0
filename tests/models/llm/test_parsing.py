import pytest

from actorstance.models.llm.parsing import InvalidAnswer, label_parser, label_schema, parse_json_answer, parse_label
from tests.models.llm.fake_server import completion

LABELS = ["positive", "negative", "neutral"]


@pytest.mark.parametrize("content, expected", [
    ('{"label": "negative"}', ("negative", None)),
    ('  {"label": "neutral"}\n', ("neutral", None)),
    ('{"label": "negative", "why": "criticises"}', ("negative", None)),
    ("negative", (None, "not-json")),
    ('```json\n{"label": "negative"}\n```', (None, "not-json")),
    ('{"label": "Negative"}', (None, "unknown-label")),
    ('{"label": "none"}', (None, "unknown-label")),
    ('{"stance": "negative"}', (None, "no-label")),
    ('["negative"]', (None, "wrong-shape")),
    ('{"label": 1}', (None, "unknown-label")),
    ("", (None, "empty")),
    ("   ", (None, "empty")),
])
def test_answers_are_parsed_strictly(content, expected):
    assert parse_label(content, LABELS) == expected


def test_none_is_a_label_of_the_candidates_config():
    assert parse_label('{"label": "none"}', [*LABELS, "none"]) == ("none", None)


@pytest.mark.parametrize("body, reason", [
    (completion(None, refusal="I can't help with that."), "refused"),
    (completion("", finish="content_filter"), "refused"),
    (completion('{"label": "nega', finish="length"), "truncated"),
    (completion(None), "empty"),
    ({"choices": []}, "empty"),
])
def test_refused_truncated_and_empty_responses_are_invalid(body, reason):
    with pytest.raises(InvalidAnswer) as err:
        parse_json_answer(body, label_parser(LABELS))
    assert err.value.reason == reason


def test_label_schema_allows_exactly_the_labels():
    schema = label_schema(LABELS)
    assert schema["properties"]["label"]["enum"] == LABELS
    assert schema["required"] == ["label"] and schema["additionalProperties"] is False
