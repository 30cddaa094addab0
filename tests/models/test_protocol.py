import pytest

from actorstance.columns import MODEL_INPUT_COLUMNS
from actorstance.errors import ModelError
from actorstance.models.protocol import StanceModel, check_model, check_predictions, model_inputs
from tests.evaluation.toy_models import AlwaysPositive, NoPredict

LABELS = ("positive", "negative", "neutral")


def test_protocol_is_structural():
    assert isinstance(AlwaysPositive(), StanceModel)
    assert not isinstance(NoPredict(), StanceModel)
    check_model(AlwaysPositive(), spec="x")
    with pytest.raises(ModelError, match=r"^--model x: the object is a NoPredict without predict\(\)\. Fix: "):
        check_model(NoPredict(), spec="x")


def test_model_inputs_drop_the_label_and_analysis_columns():
    row = {column: column for column in MODEL_INPUT_COLUMNS} | {"label": 0, "evidence": ["praised"], "explicit": True}
    assert model_inputs([row]) == [{column: column for column in MODEL_INPUT_COLUMNS}]


def test_check_predictions_accepts_labels_and_abstentions():
    assert check_predictions(("positive", None), n_rows=2, labels=LABELS, who="m") == ["positive", None]


@pytest.mark.parametrize("predictions, message", [
    (["positive"], "m: predict() returned 1 predictions for 2 rows. Fix: return exactly one label (or None to "
                   "abstain) per row, in row order"),
    (["positive", "none"], "m: prediction 1 is 'none', not a label of the config. Fix: predict one of: positive, "
                           "negative, neutral; or None to abstain"),
    (["positive", 1], "m: prediction 1 is 1, not a label of the config."),
    (5, "m: predict() returned a int, not a sequence of labels. Fix: return one label string (or None) per row"),
])
def test_check_predictions_rejects_protocol_breaks(predictions, message):
    with pytest.raises(ModelError) as info:
        check_predictions(predictions, n_rows=2, labels=LABELS, who="m")
    assert str(info.value).startswith(message)
