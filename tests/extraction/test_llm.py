"""``--task extraction --model openai:MODEL`` against the HTTP test double (127.0.0.1 only)."""

from __future__ import annotations

import json

import pytest

from actorstance.extraction.llm import clean_stances, parse_stances
from actorstance.models.llm.parsing import InvalidAnswer
from tests.conftest import error, invoke
from tests.models.llm.fake_server import FakeServer

GOLD_ANSWER = json.dumps({"stances": [{"source": "Lars Holm", "target": "Omar Saleh", "label": "neutral"},
                                      {"source": "General Omar Saleh", "target": "the Northern Front",
                                       "label": "negative"}]})


@pytest.fixture
def server():
    with FakeServer(answer=lambda request: GOLD_ANSWER) as fake:
        yield fake


def spec(fake, **settings) -> str:
    return ",".join([f"openai:fake-model,base_url={fake.base_url}", *(f"{k}={v}" for k, v in settings.items())])


def run(server, tiny_dataset, tmp_path, *extra):
    return invoke("evaluate", "--task", "extraction", "--model", spec(server), "--dataset", tiny_dataset,
                  "--llm-cache", tmp_path / "c.sqlite", "--bootstrap", 50, *extra)


def test_the_llm_reads_the_article_and_its_triplets_are_scored(server, tiny_dataset, tmp_path):
    out = tmp_path / "r.json"
    result = run(server, tiny_dataset, tmp_path, "--output", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["setting"] == "raw" and data["training"]["kind"] == "none"
    assert data["metrics"]["triplet_f1"]["value"] == 1.0 and data["metrics"]["f1_pn"]["value"] == 1.0
    info = data["inference"]
    assert (info["template"], info["template_version"], info["valid"], info["max_tokens"]) == ("extraction", "1.0", 1,
                                                                                                2048)
    [request] = server.requests
    schema = request["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["stances"]["items"]["properties"]["label"]["enum"] == ["positive", "negative",
                                                                                       "neutral"]
    from actorstance.extraction import load_documents

    [document] = load_documents(tiny_dataset, "test").rows
    assert request["messages"][-1]["content"] == "Article:\n" + document["text"]
    assert "northern_front" not in json.dumps(request)  # a raw system never sees actor ids
    log = [json.loads(x) for x in (tmp_path / "r.samples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], len(r["stances"]), r["invalid"]) for r in log] == [("tiny_b", 2, None)]


def test_an_invalid_answer_gives_no_triplets_and_is_counted(tiny_dataset, tmp_path):
    with FakeServer(answer=lambda request: '{"stances": [{"source": "A", "target": "B", "label": "hostile"}]}') as fake:
        result = run(fake, tiny_dataset, tmp_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["inference"]["invalid"] == {"unknown-label": 1} and data["predicted_triplets"] == 0
    assert data["metrics"]["triplet_recall"]["value"] == 0.0


def test_the_llm_extractor_is_raw_only(server, tiny_dataset, tmp_path):
    result = run(server, tiny_dataset, tmp_path, "--setting", "oracle-actors")
    assert error(result) == (f"Error: --model {spec(server)}: works in the raw setting only, not oracle-actors. "
                             "Fix: pass --setting raw\n")
    assert server.requests == []


def test_benchmark_runs_it_when_named(server, tiny_dataset, tmp_path):
    out = tmp_path / "bench"
    result = invoke("benchmark", "--task", "extraction", "--setting", "raw", "--dataset", tiny_dataset,
                    "--model", spec(server), "--llm-cache", tmp_path / "c.sqlite", "--bootstrap", 20,
                    "--output", out, "--quiet")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    [b] = data["extraction"]
    assert [m["name"] for m in b["models"]] == [spec(server), "baseline:name-cooccurrence"]
    assert b["models"][0]["result"]["inference"]["valid"] == 1


def test_parse_is_strict_and_cleaning_drops_self_pairs_and_repeats():
    with pytest.raises(InvalidAnswer) as err:
        parse_stances({"stances": [{"source": "A", "target": "B"}]})
    assert err.value.reason == "wrong-shape"
    with pytest.raises(InvalidAnswer):
        parse_stances({"stances": [], "note": "x"})
    kept, selves, repeats = clean_stances([
        {"source": "Putin", "target": "putin's", "label": "positive"},
        {"source": "Putin", "target": "Biden", "label": "negative"},
        {"source": "President Putin", "target": "Biden", "label": "negative"},
        {"source": "PUTIN", "target": "Biden", "label": "negative"}])
    assert (kept, selves, repeats) == ([{"source": "Putin", "target": "Biden", "label": "negative"}], 1, 2)
