"""The stance estimator: protocol, k-shot examples from training rows only, shared session over clones."""

import pytest
from sklearn.base import clone

from actorstance.errors import ModelError
from actorstance.models.llm.config import LLMConfig
from actorstance.models.llm.model import OpenAIStanceModel, pick_examples
from actorstance.models.training import run_protocol
from tests.models.conftest import pair
from tests.models.llm.conftest import LABELS


def _rows(prefix: str, n: int):
    return [pair(f"<s>{prefix}{i}</s> met <t>Holm</t>.", id=f"{prefix}/{i}", doc_id=f"{prefix}{i % 3}",
                 source=f"{prefix}{i}") for i in range(n)]


def _model(server, tmp_path, **settings):
    config = LLMConfig(model="fake-model", base_url=server.base_url, cache_path=str(tmp_path / "c.sqlite"), **settings)
    return OpenAIStanceModel(config)


def test_zero_shot_needs_no_training_and_gets_the_config_labels(server, tmp_path):
    rows = _rows("Eval", 4)
    predictions, protocol = run_protocol(_model(server, tmp_path), rows, eval_labels=["negative"] * 4,
                                         labels=LABELS)
    assert protocol.kind == "none" and predictions == ["positive"] * 4
    assert server.requests[0]["response_format"]["json_schema"]["schema"]["properties"]["label"]["enum"] == LABELS


def test_k_shot_examples_come_from_the_training_rows_never_the_scored_ones(server, tmp_path):
    train, scored = _rows("Train", 6), _rows("Scored", 3)
    model = _model(server, tmp_path, k_shot=2)
    _, protocol = run_protocol(model, scored, train_rows=train, train_labels=["positive", "negative"] * 3,
                               labels=LABELS)
    assert protocol.kind == "train-split"
    for request in server.requests:
        *examples, query = [m["content"] for m in request["messages"][1:] if m["role"] == "user"]
        assert len(examples) == 2 and all("Train" in text and "Scored" not in text for text in examples)
        assert "Scored" in query


def test_k_shot_under_cross_validation_draws_examples_from_other_folds(server, tmp_path):
    rows = _rows("Doc", 9)  # 3 documents: grouped 3-fold cross-validation
    labels = ["positive", "negative", "neutral"] * 3
    model = _model(server, tmp_path, k_shot=3)
    _, protocol = run_protocol(model, rows, eval_labels=labels, n_splits=3, labels=LABELS)
    assert protocol.kind == "grouped-cv"
    assert len(server.requests) == 9
    for request in server.requests:
        *examples, query = [m["content"] for m in request["messages"][1:] if m["role"] == "user"]
        assert query not in examples
    info, samples = model.inference_report()  # the clones of every fold share one session
    assert info["requests"] == 9 and len(samples) == 9 and len(info["prompt_set_sha256"]) == 3


def test_examples_are_picked_by_seed_and_cover_the_labels():
    rows = [{"id": str(i)} for i in range(30)]
    y = ["positive"] * 20 + ["negative"] * 8 + ["neutral"] * 2
    picked = pick_examples(rows, y, k=3, seed=1, labels=LABELS)
    assert sorted(label for _, label in picked) == ["negative", "neutral", "positive"]
    assert pick_examples(rows, y, k=6, seed=1, labels=LABELS) == pick_examples(rows, y, k=6, seed=1, labels=LABELS)
    assert pick_examples(rows, y, k=6, seed=1, labels=LABELS) != pick_examples(rows, y, k=6, seed=2, labels=LABELS)


def test_k_shot_without_labels_is_an_error(server, tmp_path):
    with pytest.raises(ModelError, match="k_shot=2 needs labelled training rows"):
        _model(server, tmp_path, k_shot=2).set_params(labels=LABELS).fit(_rows("A", 3), None)


def test_clone_keeps_the_settings_and_shares_the_session(server, tmp_path):
    model = _model(server, tmp_path, k_shot=1)
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params() and copy._session is model._session
    assert model.requires_fit and not _model(server, tmp_path).requires_fit


def test_invalid_answers_are_abstentions_reported_by_reason(server, tmp_path):
    server.script = [("answer", "I think positive")]
    model = _model(server, tmp_path, concurrency=1, response_format="json_schema")
    predictions, _ = run_protocol(model, _rows("E", 2), eval_labels=["positive"] * 2, labels=LABELS)
    assert predictions == [None, "positive"]
    info, samples = model.inference_report()
    assert (info["valid"], info["invalid"]) == (1, {"not-json": 1})
    assert samples[0]["invalid"] == "not-json" and samples[0]["raw"] == "I think positive" and samples[0]["label"] is None
