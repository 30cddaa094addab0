from actorstance.evaluation.render import render_table
from actorstance.evaluation.results import DatasetInfo, EvaluationResult, ModelInfo
from actorstance.evaluation.scorer import score
from actorstance.models.training import TrainingProtocol

GOLD = ["positive", "positive", "negative", "neutral", "neutral", "positive"]
PRED = ["positive", "neutral", "negative", "neutral", None, "positive"]
GROUPS = ["d1", "d1", "d2", "d2", "d3", "d3"]


def make(n_resamples=200, **model):
    return EvaluationResult(
        created="2024-01-01T00:00:00Z",
        dataset=DatasetInfo(path="ds", config="pairs", split="test", version="1.0.0", sha256="0" * 64, files={}),
        model=ModelInfo(**{"kind": "model", "spec": "baseline:majority", "predictions_path": None,
                           "predictions_sha256": None, **model}),
        training=TrainingProtocol(kind="train-split", description="Trained on the train split (4 pairs).", n_folds=None,
                                  n_train=4, train_source=None) if model.get("kind", "model") == "model" else None,
        n=len(GOLD), abstentions=1, labels=["positive", "negative", "neutral"],
        **score(GOLD, PRED, GROUPS, labels=["positive", "negative", "neutral"], n_resamples=n_resamples, seed=0),
        versions={})


def test_table_header_and_metrics():
    lines = render_table(make()).splitlines()
    assert lines[:4] == [
        "model baseline:majority",
        "training: Trained on the train split (4 pairs).",
        "dataset ds · config pairs · split test · version 1.0.0",
        "6 pairs · 1 abstentions (scored as wrong)",
    ]
    assert lines[5] == "metric    value          95% CI  averaged over"
    assert lines[6].startswith("f1_pn     0.900  [") and lines[6].endswith("]  positive, negative")
    assert lines[8].startswith("accuracy  0.667  [") and lines[8].endswith("]  pairs")
    assert lines[9] == "percentile bootstrap: 200 resamples of 3 documents, seed 0"


def test_table_of_a_predictions_file_without_bootstrap():
    text = render_table(make(0, kind="predictions", spec=None, predictions_path="p.jsonl", predictions_sha256="0"))
    assert text.startswith("predictions p.jsonl\ndataset ds")
    assert "f1_pn     0.900       —  positive, negative\n" in text
    assert "no bootstrap (--bootstrap 0): no intervals\n" in text


def test_undefined_resamples_are_reported():
    result = make(300)
    f1_pn = result.metrics["f1_pn"].model_copy(update={"undefined_resamples": 7})
    result = result.model_copy(update={"metrics": {**result.metrics, "f1_pn": f1_pn}})
    assert "f1_pn undefined on 7 resamples (left out of its interval)\n" in render_table(result)
    assert "undefined" not in render_table(make(300))
