"""The SQLite response cache: hits, keys, and a killed run resumed."""

import sqlite3
import subprocess
import sys
import time

from actorstance.models.llm.cache import ResponseCache
from actorstance.models.llm.parsing import label_parser, label_schema
from tests.conftest import REPO
from tests.models.llm.conftest import LABELS, jobs
from tests.models.llm.fake_server import FakeServer

SCHEMA, PARSE = label_schema(LABELS), label_parser(LABELS)


def test_a_rerun_is_answered_from_the_cache(server, make_runner):
    first, _ = make_runner(server)
    first.run(jobs(3), schema=SCHEMA, parse=PARSE, progress=False)
    first.close()
    sent = len(server.requests)
    again, _ = make_runner(server)
    outcomes = again.run(jobs(3), schema=SCHEMA, parse=PARSE, progress=False)
    assert len(server.requests) == sent  # nothing sent
    assert all(o.cached for o in outcomes) and [o.value for o in outcomes] == ["positive"] * 3
    acc = again.accounting
    assert (acc.requests, acc.cache_hits, acc.prompt_tokens) == (0, 3, 33)  # tokens: what the answers cost


def test_no_cache_asks_every_time_and_stores_nothing(server, make_runner, tmp_path):
    for _ in range(2):
        runner, _ = make_runner(server, cache=False)
        runner.run(jobs(2), schema=SCHEMA, parse=PARSE, progress=False)
    assert len(server.requests) == 4  # 2 runs x 2 jobs
    assert not (tmp_path / "cache.sqlite").exists()


def test_the_key_covers_host_model_and_the_whole_request():
    request = {"model": "m", "messages": [{"role": "user", "content": "a"}], "temperature": 0}
    key = ResponseCache.key("127.0.0.1:8000", "m", request)
    assert key != ResponseCache.key("127.0.0.1:8001", "m", request)
    assert key != ResponseCache.key("127.0.0.1:8000", "m2", request)
    assert key != ResponseCache.key("127.0.0.1:8000", "m", {**request, "temperature": 0.5})
    assert key == ResponseCache.key("127.0.0.1:8000", "m", dict(reversed(list(request.items()))))


def test_another_server_does_not_answer_from_the_first_ones_cache(make_runner):
    with FakeServer() as one, FakeServer() as two:
        make_runner(one)[0].run(jobs(2), schema=SCHEMA, parse=PARSE, progress=False)
        make_runner(two)[0].run(jobs(2), schema=SCHEMA, parse=PARSE, progress=False)
        assert len(one.requests) == len(two.requests) == 2


def test_a_damaged_cache_file_is_a_clear_error(tmp_path, server, make_runner):
    import pytest

    from actorstance.errors import LLMError

    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LLMError, match="cannot open the LLM response cache .* Fix: .*--no-cache"):
        make_runner(server, cache_path=str(path))[0].run(jobs(1), schema=SCHEMA, parse=PARSE, progress=False)


def test_a_killed_run_resumes_where_it_stopped(tmp_path, tiny_dataset):
    cache = tmp_path / "cache.sqlite"
    with FakeServer(delay=0.15) as fake:
        spec = f"openai:fake-model,base_url={fake.base_url},concurrency=1,response_format=none"
        args = ["predict", "--model", spec, "--dataset", tiny_dataset, "--config", "candidates", "--split", "train",
                "--llm-cache", cache, "--output", tmp_path / "preds.jsonl"]
        child = subprocess.Popen([sys.executable, "-c", "from actorstance.cli import cli; cli()", *map(str, args)],
                                 cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(fake.requests) < 6 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        child.kill()
        child.wait()
        assert len(fake.requests) >= 6, child.stderr.read().decode()
        with sqlite3.connect(cache) as db:
            stored = db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        assert 5 <= stored < 20  # each answer was stored as it came; the run did not finish
        assert not (tmp_path / "preds.jsonl").exists()  # no half-written output
        sent_before = len(fake.requests)

        from tests.conftest import invoke

        result = invoke(*args)
        assert result.exit_code == 0, result.output
        assert len(fake.requests) - sent_before == 20 - stored  # only what was missing
        assert f"{20 - stored} requests, {stored} from the cache" in result.output


def test_a_cached_rerun_after_a_fallback_asks_nothing_even_with_the_server_gone(make_runner):
    with FakeServer(reject_formats=("json_schema",)) as fake:
        make_runner(fake)[0].run(jobs(2), schema=SCHEMA, parse=PARSE, progress=False)
        rerun, _ = make_runner(fake)
    outcomes = rerun.run(jobs(2), schema=SCHEMA, parse=PARSE, progress=False)  # the server is shut down
    assert all(o.cached for o in outcomes) and rerun.response_format == "json_object"
