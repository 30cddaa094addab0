import json
import math

import jsonschema
import pytest

from actorstance.convert import pair_id
from actorstance.errors import ActorstanceError
from actorstance.evaluation import EvaluationResult, evaluate
from actorstance.evaluation.results import REGENERATE, created_timestamp, ratio, render_json_schema
from tests.conftest import REPO

SCHEMA = REPO / "docs" / "results.schema.json"


def test_published_schema_matches_the_model():
    assert SCHEMA.read_text(encoding="utf-8") == render_json_schema(), (
        f"docs/results.schema.json is stale: run {REGENERATE}")


@pytest.fixture(scope="module")
def result(tiny_dataset, tmp_path_factory) -> EvaluationResult:
    preds = tmp_path_factory.mktemp("preds") / "p.jsonl"
    preds.write_text(f'{{"id": "{pair_id("tiny_b", "holm", "saleh")}", "label": "negative"}}\n'
                     f'{{"id": "{pair_id("tiny_b", "saleh", "northern_front")}", "label": null}}\n', encoding="utf-8")
    return evaluate(tiny_dataset, predictions=preds, bootstrap=20)


def test_a_result_is_valid_under_the_published_schema(result):
    data = json.loads(result.to_json())
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["schema_version"] == "1.1"
    assert set(data["metrics"]) == {"f1_pn", "macro_f1", "accuracy"}


def test_a_result_of_schema_1_0_is_still_read(result, tmp_path):
    """1.1 only added optional fields: a 1.0 file (none of them) reads back as what it says."""
    data = json.loads(result.to_json())
    data["schema_version"] = "1.0"
    for key in ("transductive", "module_sha256", "params"):
        data["model"].pop(key)
    data["versions"].pop("actorstance-source-sha256")
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    old = EvaluationResult.read(tmp_path / "old.json")
    assert old.schema_version == "1.0" and old.model.transductive is None and old.metrics == result.metrics
    data["schema_version"] = "2.0"
    (tmp_path / "new.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ActorstanceError, match=r"schema_version"):
        EvaluationResult.read(tmp_path / "new.json")


def test_undefined_values_are_null_never_nan(result):
    text = result.to_json()
    assert "NaN" not in text
    positive = json.loads(text)["per_class"][0]
    assert positive["label"] == "positive" and positive["recall"] is None  # no positive gold pair


def test_json_has_sorted_keys_and_round_trips(result, tmp_path):
    path = tmp_path / "out" / "r.json"
    result.write(path)
    text = path.read_text(encoding="utf-8")
    assert text == result.to_json() and text.endswith("}\n")
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert EvaluationResult.read(path) == result


def test_reading_something_else_fails_clearly(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"schema_version": "1.0"}', encoding="utf-8")
    with pytest.raises(ActorstanceError, match=r"^12 problems in the input:\n  .*r\.json: created: required field is "
                                               r"missing\. Fix: add the field; pass a file written by `actorstance "
                                               r"evaluate --output`\."):
        EvaluationResult.read(path)
    with pytest.raises(ActorstanceError, match="no such evaluation result. Fix: pass a file written by `actorstance "
                                               "evaluate --output`"):
        EvaluationResult.read(tmp_path / "missing.json")


def test_created_honours_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert created_timestamp().endswith("Z") and len(created_timestamp()) == 20
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert created_timestamp() == "1970-01-01T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ActorstanceError, match="SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds"):
        created_timestamp()


def test_ratio():
    assert ratio(math.nan) is None and ratio(0.25) == 0.25
