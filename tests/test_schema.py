import json

from actorstance.labels import ACTOR_TYPES, STANCE_LABELS
from actorstance.schema import annotation_json_schema, render_json_schema
from tests.conftest import REPO


def test_published_json_schema_matches_the_models():
    published = (REPO / "docs" / "annotation.schema.json").read_text(encoding="utf-8")
    assert published == render_json_schema(), (
        "docs/annotation.schema.json is stale: run `actorstance schema > docs/annotation.schema.json`")


def test_schema_enums_come_from_the_label_module():
    defs = annotation_json_schema()["$defs"]
    assert tuple(defs["Stance"]["properties"]["label"]["enum"]) == STANCE_LABELS
    assert tuple(defs["Actor"]["properties"]["type"]["enum"]) == ACTOR_TYPES
    assert "none" not in defs["Stance"]["properties"]["label"]["enum"]  # never annotated by hand


def test_tiny_fixture_is_valid_under_the_published_schema():
    import jsonschema  # noqa: PLC0415  (available with the test extra's dependencies)

    schema = json.loads((REPO / "docs" / "annotation.schema.json").read_text(encoding="utf-8"))
    data = json.loads((REPO / "tests" / "fixtures" / "tiny" / "doc_a.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
