import json

import pytest

from actorstance.convert import pair_id
from actorstance.errors import DatasetError, ModelError, PredictionsError
from actorstance.evaluation import SplitData, evaluate, load_split_data, load_training_data, predict
from actorstance.evaluation.loading import require_pairs

TOY = "tests.evaluation.toy_models"


def test_perfect_predictions_score_one_everywhere(tiny_dataset, two_document_dataset, write_preds, gold_of):
    for dataset in (tiny_dataset, two_document_dataset):
        for config in ("pairs", "candidates"):
            gold = gold_of(dataset, config)
            result = evaluate(dataset, predictions=write_preds(gold), config=config, bootstrap=200)
            assert result.n == len(gold) and result.abstentions == 0
            for name, metric in result.metrics.items():
                assert (metric.value, metric.ci_low, metric.ci_high) == (1.0, 1.0, 1.0), (dataset, config, name)
            assert all(row.f1 in (1.0, None) for row in result.per_class)
            assert sum(map(sum, result.confusion.matrix)) == len(gold)


def test_hand_made_case(tiny_dataset, write_preds, gold_of):
    gold = gold_of(tiny_dataset, "candidates")
    holm_saleh, front_saleh, saleh_holm, saleh_front = (
        pair_id("tiny_b", s, t) for s, t in [("holm", "saleh"), ("northern_front", "saleh"), ("saleh", "holm"),
                                              ("saleh", "northern_front")])
    assert gold == {holm_saleh: "neutral", front_saleh: "none", saleh_holm: "none", saleh_front: "negative"}
    preds = write_preds({saleh_front: "negative", holm_saleh: "neutral", front_saleh: "negative", saleh_holm: None})
    result = evaluate(tiny_dataset, predictions=preds, config="candidates", bootstrap=0)
    # negative: tp 1 of 2 predicted, 1 gold -> P 1/2, R 1, F1 2/3; neutral: perfect; none: 2 gold, never
    # predicted (one abstention) -> R 0, F1 0; positive: absent from gold and predictions -> undefined.
    assert result.metrics["f1_pn"].value == pytest.approx(2 / 3)
    assert result.metrics["f1_pn"].labels == ["negative"]
    assert result.metrics["macro_f1"].value == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert result.metrics["macro_f1"].labels == ["negative", "neutral", "none"]
    assert result.metrics["accuracy"].value == 0.5
    assert result.metrics["accuracy"].labels is None
    assert all(m.ci_low is None and m.ci_high is None for m in result.metrics.values())
    assert result.abstentions == 1
    assert [(r.label, r.precision, r.recall, r.f1, r.support, r.predicted) for r in result.per_class] == [
        ("positive", None, None, None, 0, 0),
        ("negative", 0.5, 1.0, pytest.approx(2 / 3), 1, 2),
        ("neutral", 1.0, 1.0, 1.0, 1, 1),
        ("none", None, 0.0, 0.0, 2, 0),
    ]
    assert result.confusion.labels == ["positive", "negative", "neutral", "none"]
    assert result.confusion.matrix == [[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]]
    assert result.confusion.abstained == [0, 0, 0, 1]
    assert result.model.kind == "predictions" and result.model.predictions_path == str(preds)
    assert result.training is None
    assert (result.bootstrap.unit, result.bootstrap.n_units) == ("pairs", 4)  # one test document


def test_result_records_dataset_and_versions(tiny_dataset, write_preds, gold_of):
    result = evaluate(tiny_dataset, predictions=write_preds(gold_of(tiny_dataset)), bootstrap=10, seed=4)
    manifest = json.loads((tiny_dataset / "MANIFEST.json").read_text(encoding="utf-8"))
    ds = result.dataset
    assert (ds.path, ds.config, ds.split, ds.version, ds.sha256) == (
        str(tiny_dataset), "pairs", "test", manifest["version"], manifest["sha256"])
    assert ds.files == {rel: entry["sha256"] for rel, entry in manifest["files"].items()}
    assert set(result.versions) == {"actorstance", "actorstance-source-sha256", "datasets", "scikit-learn", "numpy",
                                    "python"}
    assert (result.bootstrap.n_resamples, result.bootstrap.seed, result.bootstrap.confidence) == (10, 4, 0.95)
    assert len(result.model.predictions_sha256) == 64


def test_same_seed_same_result(two_document_dataset, write_preds, gold_of, monkeypatch):
    gold = gold_of(two_document_dataset)
    preds = write_preds({pid: "positive" for pid in gold})
    first = evaluate(two_document_dataset, predictions=preds, bootstrap=300, seed=1)
    again = evaluate(two_document_dataset, predictions=preds, bootstrap=300, seed=1)
    assert first.model_copy(update={"created": ""}) == again.model_copy(update={"created": ""})
    assert (first.bootstrap.unit, first.bootstrap.n_units) == ("documents", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pinned = [evaluate(two_document_dataset, predictions=preds, bootstrap=300, seed=1).to_json() for _ in range(2)]
    assert pinned[0] == pinned[1]
    assert json.loads(pinned[0])["created"] == "2023-11-14T22:13:20Z"


def test_the_seed_draws_the_resamples(tiny_dataset, write_preds, gold_of):
    gold = gold_of(tiny_dataset, "candidates", "train")  # 20 pairs of one document: pairs are resampled
    preds = write_preds({pid: "none" for pid in gold})
    one, two = (evaluate(tiny_dataset, predictions=preds, config="candidates", split="train", bootstrap=100, seed=s)
                for s in (1, 2))
    assert one.metrics["accuracy"].value == two.metrics["accuracy"].value
    assert (one.metrics["accuracy"].ci_low, one.metrics["accuracy"].ci_high) != (
        two.metrics["accuracy"].ci_low, two.metrics["accuracy"].ci_high)


def test_predictions_problems_are_raised(tiny_dataset, write_preds):
    with pytest.raises(PredictionsError, match="2 of the 2 pairs of config 'pairs', split 'test' have no prediction"):
        evaluate(tiny_dataset, predictions=write_preds([]))


def test_model_trained_on_the_train_split_sees_only_model_inputs(tiny_dataset):
    result = evaluate(tiny_dataset, model=f"{TOY}:InputsOnly", bootstrap=0)
    assert result.model.kind == "model" and result.model.spec == f"{TOY}:InputsOnly"
    assert result.model.predictions_path is None
    assert (result.training.kind, result.training.n_train, result.training.train_source) == ("train-split", 4, None)
    assert result.per_class[0].predicted == 2  # always positive


def test_model_without_a_train_split_is_cross_validated(two_document_dataset):
    result = evaluate(two_document_dataset, model="baseline:majority", bootstrap=0)
    assert result.training.kind == "pair-cv" and result.training.n_folds == 5


def test_external_training_data(tiny_dataset, two_document_dataset):
    train = load_training_data(tiny_dataset, "pairs", "train")
    result = evaluate(two_document_dataset, model=f"{TOY}:InputsOnly", bootstrap=0, train=train)
    assert (result.training.kind, result.training.n_train) == ("external", 4)
    assert result.training.train_source == f"{tiny_dataset}:pairs:train"


def test_abstentions_from_a_model_are_counted_and_wrong(two_document_dataset):
    result = evaluate(two_document_dataset, model=f"{TOY}:Abstainer", bootstrap=0)
    run = predict(two_document_dataset, model=f"{TOY}:Abstainer")
    assert result.abstentions == run.abstentions > 0
    assert sum(result.confusion.abstained) == result.abstentions
    assert result.metrics["accuracy"].value <= 1 - result.abstentions / result.n


def test_models_breaking_the_protocol(tiny_dataset):
    with pytest.raises(ModelError, match=r"^--model tests.evaluation.toy_models:UnknownLabel: prediction 0 is "
                                         r"'favour', not a label of the config\. Fix: predict one of: positive, "
                                         r"negative, neutral; or None to abstain$"):
        evaluate(tiny_dataset, model=f"{TOY}:UnknownLabel")
    with pytest.raises(ModelError, match="returned 1 labels for 2 pairs"):
        evaluate(tiny_dataset, model=f"{TOY}:TooFew")


def test_split_and_config_errors(tiny_dataset, tmp_path, write_preds):
    with pytest.raises(DatasetError, match="config 'pairs' has no split 'dev'"):
        evaluate(tiny_dataset, predictions=write_preds([]), split="dev")
    with pytest.raises(DatasetError, match="it is not a built dataset folder|does not exist"):
        evaluate(tmp_path / "missing", predictions=write_preds([]))


def test_an_empty_split_is_never_scored():
    empty = SplitData("ds", "pairs", "test", ("positive",), (), (), (), ())
    with pytest.raises(DatasetError, match="^ds: config 'pairs', split 'test' has no pairs, so there is nothing to "
                                           "score"):
        require_pairs(empty)


def test_library_argument_errors(tiny_dataset, write_preds):
    with pytest.raises(ValueError, match="exactly one"):
        evaluate(tiny_dataset)
    with pytest.raises(ValueError, match="exactly one"):
        evaluate(tiny_dataset, predictions=write_preds([]), model="baseline:majority")
    with pytest.raises(ValueError, match="bootstrap must be >= 0"):
        evaluate(tiny_dataset, model="baseline:majority", bootstrap=-1)
    train = load_training_data(tiny_dataset)
    with pytest.raises(ValueError, match="train= applies to model= only"):
        evaluate(tiny_dataset, predictions=write_preds([]), train=train)


def test_split_data_holds_model_inputs_only(tiny_dataset):
    data = load_split_data(tiny_dataset, "candidates", "train")
    assert len(data.ids) == 20 and data.groups == ("tiny_a",) * 20
    assert all("label" not in row and "evidence" not in row for row in data.rows)
    assert data.labels == ("positive", "negative", "neutral", "none")


def test_build_result_is_what_evaluate_returns(tiny_dataset, write_preds, gold_of, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    from actorstance.evaluation import build_result, dataset_info
    from actorstance.evaluation.results import ModelInfo

    preds = write_preds({pid: "negative" for pid in gold_of(tiny_dataset)})
    result = evaluate(tiny_dataset, predictions=preds, bootstrap=30, seed=2)
    data = load_split_data(tiny_dataset)
    built = build_result(data, ["negative"] * len(data.ids), model=result.model, training=None, n_resamples=30,
                         seed=2, dataset=dataset_info(data))
    assert built == result
    with pytest.raises(ValueError, match="1 predictions for 2 pairs"):
        build_result(data, ["negative"], model=ModelInfo(kind="model", spec="x", predictions_path=None,
                                                          predictions_sha256=None), training=None, n_resamples=0, seed=0)
