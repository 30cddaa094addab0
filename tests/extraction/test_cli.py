"""``actorstance evaluate/predict --task extraction``: exact messages for every bad-predictions class,
perfect and direction-swapped files, settings, models."""

from __future__ import annotations

import json

import pytest

from tests.conftest import error, invoke, json_error

SPLIT = "config 'documents', split 'test'"
LABEL_FIX = "Fix: use one of: positive, negative, neutral (leave a pair without a stance out)."
PERFECT_RAW = {"doc_id": "tiny_b", "stances": [
    {"source": "Lars Holm", "target": "Omar Saleh", "label": "neutral"},
    {"source": "Omar Saleh", "target": "Northern Front", "label": "negative"}]}


def run(dataset, path, *extra):
    return invoke("evaluate", "--task", "extraction", "--dataset", dataset, "--predictions", path, "--bootstrap", 200,
                  *extra)


def problems(result) -> list[str]:
    lines = error(result).splitlines()
    assert lines[0].startswith("Error: ") and lines[0].endswith(" in predictions:")
    return [line.strip() for line in lines[1:]]


def stances(*triplets) -> dict:
    return {"doc_id": "tiny_b", "stances": [{"source": s, "target": t, "label": label} for s, t, label in triplets]}


@pytest.mark.parametrize("line, message", [
    ("not json", "{p}:1: invalid JSON: " + json_error("not json") + ". Fix: write one JSON value per line (JSON lines)."),
    ('{{"doc_id": "tiny_b", "doc_id": "tiny_b", "stances": []}}'.format(),
     "{p}:1: doc_id: key 'doc_id' appears 2 times in this object, so one value would be silently dropped. "
     "Fix: keep exactly one 'doc_id'."),
    ([1], "{p}:1: expected a JSON object, got list. Fix: write one JSON object per line, e.g. {{\"doc_id\": \"...\", "
          "\"stances\": [{{\"source\": \"...\", \"target\": \"...\", \"label\": \"positive\"}}]}}."),
    ({"doc_id": "tiny_b"}, "{p}:1: stances: missing. Fix: give the list of stances; \"stances\": [] for none."),
    ({"doc_id": "tiny_b", "stances": {}}, "{p}:1: stances: expected a list, got {{}}. Fix: give a list of "
                                          "{{\"source\", \"target\", \"label\"}} objects."),
    ({"doc_id": 3, "stances": []}, "{p}:1: doc_id: expected a string, got 3. Fix: give the document id as a string."),
    ({"doc_id": "tiny_b", "stances": [], "model": "x"}, "{p}:1: model: unexpected key. Fix: use only doc_id, stances."),
    (stances(("Lars Holm", "Omar Saleh", "pos")), "{p}:1: stances[0].label: unknown label 'pos'. " + LABEL_FIX),
    (stances(("Lars Holm", "Omar Saleh", "none")), "{p}:1: stances[0].label: unknown label 'none'. " + LABEL_FIX),
    ({"doc_id": "tiny_b", "stances": [{"source": "Lars Holm", "label": "neutral"}]},
     "{p}:1: stances[0].target: missing. Fix: give the target actor's name."),
    (stances(("", "Omar Saleh", "neutral")),
     "{p}:1: stances[0].source: expected a non-empty string, got ''. Fix: give the source actor's name."),
    ({"doc_id": "tiny_b", "stances": [{"source": "a", "target": "b", "label": "neutral", "score": 1}]},
     "{p}:1: stances[0].score: unexpected key. Fix: use only source, target, label."),
    (stances(("Holm", "holm's", "neutral")), "{p}:1: stances[0]: source and target are the same name ('Holm', "
                                             "\"holm's\"). Fix: a stance is between two different actors; leave it out."),
    (stances(("Lars Holm", "Omar Saleh", "neutral"), ("lars holm", "Omar Saleh's", "neutral")),
     "{p}:1: stances[1]: duplicate triplet (same as stances[0] after name normalisation). "
     "Fix: list each (source, target, label) once."),
])
def test_each_bad_line_gets_its_exact_message(tiny_dataset, write_lines, line, message):
    path = write_lines(line)
    assert problems(run(tiny_dataset, path))[0] == message.format(p=path)


def test_missing_and_foreign_documents(tiny_dataset, write_lines):
    path = write_lines({"doc_id": "tiny_a", "stances": []})
    assert problems(run(tiny_dataset, path)) == [
        f"{path}:1: doc_id 'tiny_a': not a document of {SPLIT}. Fix: predict only documents of {SPLIT} (check --split "
        "and --dataset).",
        f"{path}: 1 of the 1 documents of {SPLIT} have no line: 'tiny_b'. Fix: write one line per document of the "
        "split; \"stances\": [] when it has none."]


def test_duplicate_document_and_every_problem_at_once(tiny_dataset, write_lines):
    path = write_lines(PERFECT_RAW, {"doc_id": "tiny_b", "stances": []}, {"doc_id": "tiny_b"})
    assert problems(run(tiny_dataset, path)) == [
        f"{path}:2: doc_id 'tiny_b': duplicate document (first on line 1). Fix: write one line per document, with all "
        "its stances.",
        f"{path}:3: stances: missing. Fix: give the list of stances; \"stances\": [] for none.",
        f"{path}:3: doc_id 'tiny_b': duplicate document (first on line 1). Fix: write one line per document, with all "
        "its stances."]


def test_no_such_file(tiny_dataset, tmp_path):
    path = tmp_path / "nope.jsonl"
    assert problems(run(tiny_dataset, path)) == [
        f"{path}: no such predictions file. Fix: pass a JSON lines file written by `actorstance predict --task extraction` or "
        "your system."]


def metrics(result) -> dict:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {name: m["value"] for name, m in data["metrics"].items()} | {"_setting": data["setting"]}


def test_perfect_predictions_score_one_in_both_settings(tiny_dataset, write_lines):
    raw = metrics(run(tiny_dataset, write_lines(PERFECT_RAW), "--json"))
    oracle_ids = stances(("holm", "saleh", "neutral"), ("saleh", "northern_front", "negative"))
    oracle = metrics(run(tiny_dataset, write_lines(oracle_ids), "--setting", "oracle-actors", "--json"))
    for m in (raw, oracle):
        assert {k: m[k] for k in ("f1_pn", "triplet_f1", "triplet_precision", "triplet_recall", "pair_f1")} == {
            "f1_pn": 1.0, "triplet_f1": 1.0, "triplet_precision": 1.0, "triplet_recall": 1.0, "pair_f1": 1.0}
        assert m["direction_swap_rate"] == 0.0
    assert (raw["_setting"], oracle["_setting"]) == ("raw", "oracle-actors")


def test_ids_are_names_only_in_the_oracle_setting(tiny_dataset, write_lines):
    path = write_lines(stances(("holm", "saleh", "neutral")))
    result = json.loads(run(tiny_dataset, path, "--json").stdout)
    assert [(a["name"], a["rule"]) for a in result["alignment"]] == [("holm", "surname"), ("saleh", "mention")]
    oracle = json.loads(run(tiny_dataset, path, "--json", "--setting", "oracle-actors").stdout)
    assert [(a["name"], a["actor_id"], a["rule"]) for a in oracle["alignment"]] == [
        ("holm", "holm", "id"), ("saleh", "saleh", "id")]


def test_direction_swapped_triplets_give_a_swap_rate_of_one(tiny_dataset, write_lines):
    swapped = stances(("Omar Saleh", "Lars Holm", "neutral"), ("Northern Front", "Omar Saleh", "negative"))
    result = json.loads(run(tiny_dataset, write_lines(swapped), "--json").stdout)
    assert result["metrics"]["direction_swap_rate"]["value"] == 1.0
    assert result["metrics"]["pair_f1"]["value"] == 0.0
    assert result["errors"]["reversed direction"] == 2


def test_the_table_names_setting_and_alignment(tiny_dataset, write_lines):
    result = run(tiny_dataset, write_lines(stances(("President Lars Holm", "Xi", "neutral"))))
    assert result.exit_code == 0, result.output
    assert "task extraction · setting raw" in result.stdout
    assert ("alignment of predicted names: id 0, name 1, alias 0, mention 0, surname 0, ambiguous 0, unmatched 1"
            in result.stdout)


def test_usage_errors(tiny_dataset, write_lines):
    path = write_lines(PERFECT_RAW)
    r = invoke("evaluate", "--task", "extraction", "--dataset", tiny_dataset, "--predictions", path, "--config", "pairs")
    assert r.exit_code == 2 and "--config applies to --task pairs only" in r.stderr
    r = invoke("evaluate", "--dataset", tiny_dataset, "--predictions", path, "--setting", "raw")
    assert r.exit_code == 2 and "--setting applies to --task extraction only" in r.stderr


def test_an_oracle_model_in_the_raw_setting_is_refused(tiny_dataset):
    r = invoke("evaluate", "--task", "extraction", "--dataset", tiny_dataset, "--model", "baseline:cooccurrence")
    assert error(r) == ("Error: --model baseline:cooccurrence: works in the oracle-actors setting only, not raw. "
                        "Fix: pass --setting oracle-actors\n")


def test_unknown_extraction_baseline(tiny_dataset):
    r = invoke("evaluate", "--task", "extraction", "--dataset", tiny_dataset, "--model", "baseline:tfidf-lr")
    assert error(r) == ("Error: --model baseline:tfidf-lr: unknown extraction baseline 'tfidf-lr'. Fix: use one of: "
                        "candidates-classifier, cooccurrence, name-cooccurrence (as baseline:NAME)\n")


def test_predict_writes_a_file_evaluate_reads(tiny_dataset, tmp_path):
    out = tmp_path / "co.jsonl"
    r = invoke("predict", "--task", "extraction", "--setting", "oracle-actors", "--model", "baseline:cooccurrence",
               "--dataset", tiny_dataset, "--output", out)
    assert r.exit_code == 0, r.output
    assert r.stdout == (f"wrote 4 triplets for 1 document of config 'documents', split 'test' (setting oracle-actors) "
                        f"to {out}; training: Trained on the dataset's train split (1 document); scored on the "
                        "evaluated split.\n")
    by_file = json.loads(run(tiny_dataset, out, "--setting", "oracle-actors", "--json").stdout)
    by_model = json.loads(invoke("evaluate", "--task", "extraction", "--setting", "oracle-actors", "--model",
                                 "baseline:cooccurrence", "--dataset", tiny_dataset, "--bootstrap", 200,
                                 "--json").stdout)
    assert by_file["metrics"] == by_model["metrics"] and by_model["training"]["kind"] == "train-split"


def test_an_imported_extraction_model(tiny_dataset):
    r = invoke("evaluate", "--task", "extraction", "--dataset", tiny_dataset, "--model",
               "tests.extraction.user_models:Perfect", "--bootstrap", 0, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["metrics"]["triplet_f1"]["value"] == 1.0 and data["training"]["kind"] == "none"


def test_a_crashing_model_is_a_clean_error(tiny_dataset):
    r = invoke("evaluate", "--task", "extraction", "--dataset", tiny_dataset, "--model",
               "tests.extraction.user_models:Crashing")
    assert error(r) == ("Error: model tests.extraction.user_models.Crashing: predict() raised RuntimeError: out of "
                        "memory. Fix: correct the model's predict(); run with --debug (or ACTORSTANCE_DEBUG=1) to see "
                        "the model's traceback\n")


def test_a_model_answering_an_unknown_label_is_refused(tiny_dataset):
    r = invoke("evaluate", "--task", "extraction", "--dataset", tiny_dataset, "--model",
               "tests.extraction.user_models:BadLabel")
    assert error(r) == ("Error: --model tests.extraction.user_models:BadLabel: predict() returned a bad stance: "
                        "document 'tiny_b': stances[0].label: unknown label 'friendly'. Fix: use one of: positive, "
                        "negative, neutral (leave a pair without a stance out)\n")


def test_train_option_for_extraction(tiny_dataset):
    r = invoke("evaluate", "--task", "extraction", "--setting", "oracle-actors", "--dataset", tiny_dataset,
               "--model", "baseline:cooccurrence", "--train", f"{tiny_dataset}:documents:train", "--bootstrap", 0,
               "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["training"]["kind"] == "external"
    r = invoke("evaluate", "--task", "extraction", "--setting", "oracle-actors", "--dataset", tiny_dataset,
               "--model", "baseline:cooccurrence", "--train", f"{tiny_dataset}:pairs:train")
    assert r.exit_code == 2 and "--task extraction trains on documents" in r.stderr
