"""``--model openai:MODEL`` through evaluate, predict and benchmark, against the HTTP test double."""

import json

import pytest

from tests.conftest import REPO, error, invoke
from tests.models.llm.fake_server import FakeServer

SECRET = "sk-test-NEVER-WRITTEN-0123456789"
REPO_TEMPLATES = REPO / "src" / "actorstance" / "models" / "llm" / "templates"


def _spec(fake, **settings):
    return ",".join([f"openai:fake-model,base_url={fake.base_url}", *(f"{k}={v}" for k, v in settings.items())])


def test_evaluate_records_prompts_outcomes_and_accounting(server, tiny_dataset, tmp_path):
    server.script = [("answer", '{"label": "negative"}'), ("answer", "no idea")]
    out = tmp_path / "result.json"
    result = invoke("evaluate", "--model", _spec(server, concurrency=1, k_shot=2, seed=3), "--dataset", tiny_dataset,
                    "--llm-cache", tmp_path / "c.sqlite", "--output", out, "--bootstrap", 0)
    assert result.exit_code == 0, result.output
    assert "answers: 1 valid, 1 invalid (not-json 1) (abstentions)" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    info = data["inference"]
    assert (info["template"], info["template_version"], info["k_shot"], info["seed"]) == ("k-shot", "1.0", 2, 3)
    assert (info["valid"], info["invalid"], data["abstentions"]) == (1, {"not-json": 1}, 1)
    assert (info["requests"], info["cache_hits"], info["response_format"]) == (2, 0, "json_schema")
    assert info["server_models"] == ["fake-model"] and info["system_fingerprints"] == ["fp_fake"]
    assert len(info["prompt_set_sha256"]) == 1 and data["training"]["kind"] == "train-split"
    log = [json.loads(line) for line in (tmp_path / "result.samples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in log] == sorted(r["id"] for r in log) and len(log) == data["n"]
    assert {r["invalid"] for r in log} == {None, "not-json"} and all(not r["cached"] for r in log)


def test_baseline_results_have_no_inference_block(tiny_dataset, tmp_path):
    out = tmp_path / "r.json"
    assert invoke("evaluate", "--model", "baseline:majority", "--dataset", tiny_dataset, "-o", out,
                  "--bootstrap", 0).exit_code == 0
    assert "inference" not in json.loads(out.read_text(encoding="utf-8"))


def test_predict_writes_predictions_and_the_sample_log_and_a_rerun_is_cached(server, tiny_dataset, tmp_path):
    out = tmp_path / "preds.jsonl"
    args = ["predict", "--model", _spec(server), "--dataset", tiny_dataset, "--config", "candidates",
            "--llm-cache", tmp_path / "c.sqlite", "--output", out]
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    assert "wrote 4 predictions (0 abstentions) for config 'candidates'" in first.output
    assert f"wrote {tmp_path / 'preds.samples.jsonl'}: 4 valid answers, 0 invalid; 4 requests, 0 from the cache" \
        in first.output
    assert server.requests[0]["response_format"]["json_schema"]["schema"]["properties"]["label"]["enum"] == [
        "positive", "negative", "neutral", "none"]
    sent = len(server.requests)
    again = invoke(*args)
    assert "0 requests, 4 from the cache" in again.output and len(server.requests) == sent
    nocache = invoke(*args, "--no-cache")
    assert "4 requests, 0 from the cache" in nocache.output and len(server.requests) == sent + 4


def test_benchmark_runs_several_llms_beside_the_baselines(server, tiny_dataset, tmp_path):
    out = tmp_path / "bench"
    zero, two = _spec(server), _spec(server, k_shot=2)
    result = invoke("benchmark", "--dataset", tiny_dataset, "--model", zero, "--model", two, "--bootstrap", 20,
                    "--llm-cache", tmp_path / "c.sqlite", "--output", out)
    assert result.exit_code == 0, result.output
    bench = json.loads((out / "results.json").read_text(encoding="utf-8"))
    models = {m["name"]: m for m in bench["datasets"][0]["models"]}
    assert {zero, two} <= set(models) and "baseline:majority" in models
    assert models[zero]["result"]["inference"]["k_shot"] == 0 and models[two]["result"]["inference"]["k_shot"] == 2
    assert "samples" not in models["baseline:majority"] and len(models[two]["samples"]) == 2
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "### LLM runs" in report
    slug = bench["datasets"][0]["slug"]
    logs = sorted(p.name for p in (out / slug).glob("samples-*.jsonl"))
    assert len(logs) == 2 and all(f"({slug}/{name})" in report for name in logs)


@pytest.mark.parametrize("command", ["evaluate", "predict", "benchmark"])
def test_unreachable_server_exits_1_with_the_fix(command, tiny_dataset, tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    spec = f"openai:m,base_url=http://127.0.0.1:{port}/v1"
    extra = {"evaluate": [], "predict": ["-o", tmp_path / "p.jsonl"], "benchmark": ["-o", tmp_path / "b"]}[command]
    result = invoke(command, "--model", spec, "--dataset", tiny_dataset, "--llm-cache", tmp_path / "c.sqlite", *extra)
    message = error(result)
    assert message.startswith(f"Error: cannot reach the server at http://127.0.0.1:{port}/v1 (")  # (OS's reason)
    assert message.endswith("). Fix: start the server, or point base_url=URL (or OPENAI_BASE_URL) at it\n")
    assert "Traceback" not in message


def test_unknown_model_exits_1(server, tiny_dataset, tmp_path):
    spec = f"openai:gpt-99,base_url={server.base_url}"
    result = invoke("evaluate", "--model", spec, "--dataset", tiny_dataset, "--llm-cache", tmp_path / "c.sqlite")
    assert error(result) == (f"Error: the server at {server.base_url} does not serve model 'gpt-99'; it lists: "
                             "fake-model. Fix: write openai:MODEL with one of those ids\n")


def test_bad_setting_exits_1(tiny_dataset):
    result = invoke("evaluate", "--model", "openai:m,k_shot=many", "--dataset", tiny_dataset)
    assert error(result) == ("Error: --model openai:m,k_shot=many: k_shot must be int; got 'many'. "
                             "Fix: pass k_shot=VALUE with a int\n")


def test_the_api_key_is_never_written_to_results_logs_cache_or_errors(tiny_dataset, tmp_path):
    env = {"OPENAI_API_KEY": SECRET}
    cache = tmp_path / "c.sqlite"
    with FakeServer(require_key=SECRET) as fake:
        ok = invoke("evaluate", "--model", _spec(fake), "--dataset", tiny_dataset, "--llm-cache", cache,
                    "-o", tmp_path / "r.json", env=env)
        assert ok.exit_code == 0, ok.output
        bench = invoke("benchmark", "--dataset", tiny_dataset, "--model", _spec(fake), "--llm-cache", cache,
                       "--bootstrap", 0, "-o", tmp_path / "bench", env=env)
        assert bench.exit_code == 0, bench.output
    with FakeServer(require_key="sk-another-key-99999999") as fake:  # a refused key, echoed back by the server
        refused = invoke("evaluate", "--model", _spec(fake), "--dataset", tiny_dataset, "--llm-cache", cache,
                         env=env)
    assert refused.exit_code == 1 and "the API key was refused" in refused.stderr
    texts = [ok.output, bench.output, refused.output, refused.stderr]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in tmp_path.rglob("*") if p.is_file()]
    assert texts and not [t for t in texts if SECRET in t or SECRET[:12] in t or SECRET[-8:] in t]


def test_own_template_file_is_used_and_recorded(server, tiny_dataset, tmp_path):
    from actorstance.models.llm.prompts import TEMPLATES

    text = (REPO_TEMPLATES / TEMPLATES["zero-shot"]).read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(text.replace('name = "zero-shot"', 'name = "mine"').replace('version = "1.0"', 'version = "7"')
                    .replace("SOURCE: $source", "WHO: $source"), encoding="utf-8")
    out = tmp_path / "r.json"
    result = invoke("evaluate", "--model", _spec(server, template=mine), "--dataset", tiny_dataset,
                    "--llm-cache", tmp_path / "c.sqlite", "--bootstrap", 0, "-o", out)
    assert result.exit_code == 0, result.output
    info = json.loads(out.read_text(encoding="utf-8"))["inference"]
    assert (info["template"], info["template_version"]) == ("mine", "7")
    assert server.requests[0]["messages"][-1]["content"].startswith("WHO: ")


def test_price_gives_a_cost_in_the_result(server, tiny_dataset, tmp_path):
    out = tmp_path / "r.json"
    spec = _spec(server, price_per_1k_prompt=2, price_per_1k_completion=4)
    assert invoke("evaluate", "--model", spec, "--dataset", tiny_dataset, "--llm-cache", tmp_path / "c.sqlite",
                  "--bootstrap", 0, "-o", out).exit_code == 0
    info = json.loads(out.read_text(encoding="utf-8"))["inference"]
    assert info["cost"] == (info["prompt_tokens"] * 2 + info["completion_tokens"] * 4) / 1000 == 0.084
