import json

import pytest

from actorstance.convert import pair_id
from tests.conftest import error, invoke, json_error

TOY = "tests.evaluation.toy_models"
LABEL_FIX = "Fix: use one of: positive, negative, neutral; or null to abstain."
#: Ids of the tiny test split's pairs (and of two pairs it does not have).
SALEH_FRONT, HOLM_SALEH = pair_id("tiny_b", "saleh", "northern_front"), pair_id("tiny_b", "holm", "saleh")
FRONT_SALEH, SALEH_HOLM = pair_id("tiny_b", "northern_front", "saleh"), pair_id("tiny_b", "saleh", "holm")
B_BERG_HOLM, A_BERG_HOLM = pair_id("tiny_b", "berg", "holm"), pair_id("tiny_a", "berg", "holm")
HAND_MADE = {SALEH_FRONT: "negative", HOLM_SALEH: "neutral", FRONT_SALEH: "negative", SALEH_HOLM: None}


@pytest.mark.parametrize("args", [[], ["--predictions", "p.jsonl", "--model", "baseline:majority"]])
def test_exactly_one_of_predictions_and_model_is_a_usage_error(args, tiny_dataset):
    result = invoke("evaluate", "--dataset", tiny_dataset, *args)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: give exactly one of --predictions FILE or --model SPEC\n")


def test_train_with_predictions_is_a_usage_error(tiny_dataset, write_preds):
    result = invoke("evaluate", "--dataset", tiny_dataset, "--predictions", write_preds([]), "--train", tiny_dataset)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --train applies to --model only: a predictions file is already made\n")


def test_bad_option_values_are_usage_errors(tiny_dataset):
    assert invoke("evaluate", "--model", "baseline:majority", "--bootstrap", "-1").exit_code == 2
    assert invoke("evaluate", "--model", "baseline:majority", "--config", "triples").exit_code == 2
    assert invoke("predict", "--model", "baseline:majority", "--dataset", tiny_dataset).exit_code == 2  # no --output


def test_hand_made_case_table(tiny_dataset, write_preds):
    preds = write_preds(HAND_MADE)
    result = invoke("evaluate", "--dataset", tiny_dataset, "--predictions", preds, "--config", "candidates",
                    "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"predictions {preds}\n"
        f"dataset {tiny_dataset} · config candidates · split test · version 1.0.0\n"
        "4 pairs · 1 abstentions (scored as wrong)\n"
        "\n"
        "metric    value  95% CI  averaged over\n"
        "f1_pn     0.667       —  negative\n"
        "macro_f1  0.556       —  negative, neutral, none\n"
        "accuracy  0.500       —  pairs\n"
        "no bootstrap (--bootstrap 0): no intervals\n"
        "\n"
        "label     precision  recall     f1  support  predicted\n"
        "positive          —       —      —        0          0\n"
        "negative      0.500   1.000  0.667        1          2\n"
        "neutral       1.000   1.000  1.000        1          1\n"
        "none              —   0.000  0.000        2          0\n"
        "\n"
        "confusion (rows: gold, columns: predicted)\n"
        "gold \\ predicted  positive  negative  neutral  none  abstained\n"
        "positive                 0         0        0     0          0\n"
        "negative                 0         1        0     0          0\n"
        "neutral                  0         0        1     0          0\n"
        "none                     0         1        0     0          1\n")


def test_output_and_json_are_the_same_result(tiny_dataset, write_preds, tmp_path):
    out = tmp_path / "results" / "r.json"
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    args = ["evaluate", "--dataset", tiny_dataset, "--predictions", write_preds(HAND_MADE), "--config", "candidates",
            "--bootstrap", "50", "--seed", "3"]
    result = invoke(*args, "--output", out, "--json", env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}\n"
    assert result.stdout == out.read_text(encoding="utf-8")
    data = json.loads(result.stdout)
    assert data["created"] == "2023-11-14T22:13:20Z"
    assert (data["bootstrap"]["n_resamples"], data["bootstrap"]["seed"], data["bootstrap"]["unit"]) == (50, 3, "pairs")
    assert data["metrics"]["accuracy"]["value"] == 0.5
    again = invoke(*args, "--json", env=env)
    assert again.stdout == result.stdout  # same seed, same bytes


def test_bad_predictions_list_every_problem(tiny_dataset, write_preds):
    preds = write_preds([
        f'{{"id": "{B_BERG_HOLM}", "label": "positive"}}',
        f'{{"id": "{HOLM_SALEH}", "label": "pos"}}',
        f'{{"id": "{HOLM_SALEH}", "label": "neutral"}}',
        f'{{"id": "{A_BERG_HOLM}", "label": "positive"}}',
        f'{{"id": "{SALEH_HOLM}" "label": "positive"}}',
        '{"label": "positive"}',
    ])
    stderr = error(invoke("evaluate", "--dataset", tiny_dataset, "--predictions", preds))
    assert stderr == (
        "Error: 7 problems in predictions:\n"
        f"  {preds}:2: label: unknown label 'pos'. {LABEL_FIX}\n"
        f"  {preds}:3: id '{HOLM_SALEH}': duplicate id (first on line 2). Fix: keep one prediction per pair.\n"
        f"  {preds}:5: invalid JSON: {json_error(preds.read_text().splitlines()[4])}. Fix: write one JSON value per "
        "line (JSON lines).\n"
        f"  {preds}:6: id: missing. Fix: give the pair id of the dataset row.\n"
        f"  {preds}:1: id '{B_BERG_HOLM}': not a pair of config 'pairs', split 'test'. "
        "Fix: predict only pairs of config 'pairs', split 'test' (check --split and --config).\n"
        f"  {preds}:4: id '{A_BERG_HOLM}': not a pair of config 'pairs', split 'test'. "
        "Fix: predict only pairs of config 'pairs', split 'test' (check --split and --config).\n"
        f"  {preds}: 1 of the 2 pairs of config 'pairs', split 'test' have no prediction: "
        f"'{SALEH_FRONT}' (saleh → northern_front). Fix: write one line per pair of the split; use \"label\": null "
        "to abstain.\n")


def test_missing_ids(tiny_dataset, write_preds):
    preds = write_preds({HOLM_SALEH: "neutral"})
    assert error(invoke("evaluate", "--dataset", tiny_dataset, "--predictions", preds)) == (
        "Error: 1 problem in predictions:\n"
        f"  {preds}: 1 of the 2 pairs of config 'pairs', split 'test' have no prediction: "
        f"'{SALEH_FRONT}' (saleh → northern_front). Fix: write one line per pair of the split; use \"label\": null "
        "to abstain.\n")


def test_missing_predictions_file(tiny_dataset, tmp_path):
    missing = tmp_path / "none.jsonl"
    assert error(invoke("evaluate", "--dataset", tiny_dataset, "--predictions", missing)) == (
        f"Error: 1 problem in predictions:\n  {missing}: no such predictions file. "
        "Fix: pass a JSON lines file written by `actorstance predict` or your model.\n")


def test_missing_dataset_and_split(tiny_dataset, tmp_path, write_preds):
    stderr = error(invoke("evaluate", "--dataset", tmp_path / "nothing", "--predictions", write_preds([])))
    assert stderr.startswith(f"Error: {tmp_path / 'nothing'}")
    assert "Fix: build one with `actorstance build` (it writes data/dataset), or pass a built dataset folder with --dataset" in stderr
    stderr = error(invoke("evaluate", "--dataset", tiny_dataset, "--predictions", write_preds([]), "--split", "dev"))
    assert stderr == (f"Error: {tiny_dataset / 'README.md'}: config 'pairs' has no split 'dev'; it has: train, test. "
                      "Fix: pass one of those splits with --split, or with --dataset a dataset folder that has a 'dev' "
                      "split.\n")


def test_bad_model_specs(tiny_dataset):
    stderr = error(invoke("evaluate", "--dataset", tiny_dataset, "--model", "baseline:bert"))
    assert stderr.startswith("Error: --model baseline:bert: unknown baseline 'bert'. Fix: use one of: cue-stack, cue-stack-document, lexicon, ")
    stderr = error(invoke("predict", "--dataset", tiny_dataset, "--model", "nosuch.module:M", "-o", "x.jsonl"))
    assert stderr == ("Error: --model nosuch.module:M: cannot import module 'nosuch.module' (no module named "
                      "'nosuch'). Fix: install the package that provides it, or run from its folder with PYTHONPATH=.\n")


def test_model_breaking_the_protocol(tiny_dataset):
    assert error(invoke("evaluate", "--dataset", tiny_dataset, "--model", f"{TOY}:UnknownLabel")) == (
        f"Error: --model {TOY}:UnknownLabel: prediction 0 is 'favour', not a label of the config. "
        "Fix: predict one of: positive, negative, neutral; or None to abstain\n")


def test_predict_then_evaluate_equals_evaluate_model(tiny_dataset, tmp_path):
    out = tmp_path / "preds.jsonl"
    result = invoke("predict", "--model", "baseline:tfidf-lr", "--dataset", tiny_dataset, "--config", "candidates",
                    "--output", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote 4 predictions (0 abstentions) for config 'candidates', split 'test' to "
                                    f"{out}; training: Trained on the dataset's train split (20 pairs)")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == sorted(json.loads(line)["id"] for line in lines)
    common = ["--dataset", tiny_dataset, "--config", "candidates", "--bootstrap", "100", "--json"]
    from_file = json.loads(invoke("evaluate", "--predictions", out, *common).stdout)
    from_model = json.loads(invoke("evaluate", "--model", "baseline:tfidf-lr", *common).stdout)
    for key in ("metrics", "per_class", "confusion", "bootstrap", "n", "abstentions", "dataset"):
        assert from_file[key] == from_model[key], key
    assert from_model["training"]["kind"] == "train-split" and from_file["training"] is None


def test_train_option_trains_on_another_dataset(tiny_dataset, two_document_dataset):
    result = invoke("evaluate", "--dataset", two_document_dataset, "--model", f"{TOY}:InputsOnly",
                    "--train", f"{tiny_dataset}:pairs:train", "--bootstrap", "0", "--json")
    assert result.exit_code == 0, result.output
    training = json.loads(result.stdout)["training"]
    assert (training["kind"], training["n_train"], training["train_source"]) == (
        "external", 4, f"{tiny_dataset}:pairs:train")


def test_unwritable_output_is_a_clean_error(tiny_dataset, write_preds, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "r.json"  # its folder is a file
    stderr = error(invoke("evaluate", "--dataset", tiny_dataset, "--predictions", write_preds(HAND_MADE),
                          "--config", "candidates", "--bootstrap", "0", "--output", out))
    assert stderr == (f"Error: {blocker}: cannot write the output (a part of the path is a file, not a folder). "
                      "Fix: pass an --output path in a folder you can write to, with enough free space.\n")
    stderr = error(invoke("predict", "--dataset", tiny_dataset, "--model", "baseline:majority", "--output", out))
    assert stderr.startswith(f"Error: {blocker}: cannot write the output (a part of the path is a file")
