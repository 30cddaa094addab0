import pytest

from actorstance.errors import ModelSpecError
from actorstance.models.llm.config import DEFAULT_BASE_URL, LLMConfig, default_cache_path


def test_defaults_and_settings_from_the_spec():
    config = LLMConfig.from_spec("openai:gpt-4o-mini", seed=3, environ={})
    assert (config.model, config.base_url, config.temperature, config.k_shot, config.seed, config.cache) == (
        "gpt-4o-mini", DEFAULT_BASE_URL, 0.0, 0, 3, True)
    config = LLMConfig.from_spec("openai:llama3:8b,k_shot=4,temperature=0.5,concurrency=8,cache=off,"
                                 "price_per_1k_prompt=0.15,response_format=none", environ={})
    assert (config.model, config.k_shot, config.temperature, config.concurrency, config.cache,
            config.price_per_1k_prompt, config.response_format) == ("llama3:8b", 4, 0.5, 8, False, 0.15, "none")


def test_base_url_from_the_environment_below_the_spec():
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    assert LLMConfig.from_spec("openai:m", environ=env).base_url == "http://127.0.0.1:9/v1"
    assert LLMConfig.from_spec("openai:m,base_url=http://10.0.0.1:8000/v1", environ=env).host == "10.0.0.1:8000"


def test_config_file_sits_between_defaults_and_spec(tmp_path):
    path = tmp_path / "llm.toml"
    path.write_text('k_shot = 2\ntemperature = 0.3\nbase_url = "http://127.0.0.1:8000/v1"\n', encoding="utf-8")
    config = LLMConfig.from_spec(f"openai:m,config={path},k_shot=5", defaults={"cache": False}, environ={})
    assert (config.k_shot, config.temperature, config.base_url, config.cache) == (5, 0.3, "http://127.0.0.1:8000/v1",
                                                                                  False)


@pytest.mark.parametrize("spec, message", [
    ("openai:", "no model name after 'openai:'"),
    ("openai:m,k_shot", "'k_shot' is not KEY=VALUE"),
    ("openai:m,k_shot=two", "k_shot must be int; got 'two'"),
    ("openai:m,k_shot=-1", "k_shot must be an integer >= 0; got -1"),
    ("openai:m,temperature=3", "temperature must be a number between 0 and 2"),
    ("openai:m,colour=red", "unknown setting 'colour'"),
    ("openai:m,k_shot=1,k_shot=2", "k_shot is given twice"),
    ("openai:m,response_format=xml", "response_format must be one of auto, json_schema, json_object, none"),
    ("openai:m,base_url=ftp://x", "base_url must be an http(s) URL"),
    ("openai:m,base_url=https://u:secret@host/v1", "base_url holds credentials"),
    ("openai:m,config=/nonexistent/llm.toml", "config file /nonexistent/llm.toml cannot be read"),
])
def test_bad_specs_are_explained(spec, message):
    with pytest.raises(ModelSpecError) as err:
        LLMConfig.from_spec(spec, environ={})
    assert message in str(err.value) and "Fix:" in str(err.value)


@pytest.mark.parametrize("spec", ["openai:m,api_key=sk-abc123", "openai:m,key=sk-abc123"])
def test_an_api_key_in_the_spec_is_refused_without_echoing_it(spec):
    with pytest.raises(ModelSpecError) as err:
        LLMConfig.from_spec(spec, environ={})
    assert "read only from the environment" in str(err.value)
    assert "sk-abc123" not in str(err.value)


def test_an_api_key_in_a_config_file_is_refused(tmp_path):
    path = tmp_path / "llm.toml"
    path.write_text('api_key = "sk-filekey"\n', encoding="utf-8")
    with pytest.raises(ModelSpecError, match="read only from the environment") as err:
        LLMConfig.from_spec(f"openai:m,config={path}", environ={})
    assert "sk-filekey" not in str(err.value)


def test_default_cache_path_follows_the_environment(tmp_path):
    assert default_cache_path({"ACTORSTANCE_CACHE_DIR": str(tmp_path)}) == tmp_path / "llm-responses.sqlite"
    assert default_cache_path({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "actorstance" / "llm-responses.sqlite"


def test_every_setting_is_documented():
    from dataclasses import fields

    from tests.conftest import REPO

    docs = (REPO / "docs" / "llm.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(LLMConfig) if f.name != "model" and f"`{f.name}`" not in docs]
    assert not missing, f"docs/llm.md does not document: {missing}"
