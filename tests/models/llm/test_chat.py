"""The cached, retried, constrained call against the HTTP test double: success, schema forms, invalid
answers, faults (429 + Retry-After, 500, timeouts, dropped connections), unreachable, unknown model, refused key."""

import socket

import pytest

from actorstance.errors import LLMError
from actorstance.models.llm.parsing import label_parser, label_schema
from tests.models.llm.conftest import LABELS, jobs
from tests.models.llm.fake_server import FakeServer, completion

SCHEMA, PARSE = label_schema(LABELS), label_parser(LABELS)


def run(runner, n=3):
    return runner.run(jobs(n), schema=SCHEMA, parse=PARSE, progress=False)


def test_success_sends_the_settings_and_counts_tokens(server, make_runner):
    runner, _ = make_runner(server, temperature=0.0, seed=7, max_tokens=20, cache=False)
    outcomes = run(runner)
    assert [o.value for o in outcomes] == ["positive"] * 3 and [o.id for o in outcomes] == ["p0", "p1", "p2"]
    sent = server.requests[0]
    assert (sent["model"], sent["temperature"], sent["seed"], sent["max_tokens"]) == ("fake-model", 0.0, 7, 20)
    acc = runner.accounting
    assert (acc.requests, acc.cache_hits, acc.prompt_tokens, acc.completion_tokens) == (3, 0, 33, 15)
    assert acc.server_models == {"fake-model"} and acc.system_fingerprints == {"fp_fake"}
    assert dict(acc.outcomes) == {"valid": 3}


def test_json_schema_is_asked_for_first(server, make_runner):
    runner, _ = make_runner(server, cache=False)
    run(runner, 2)
    fmt = server.requests[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"] == SCHEMA and fmt["json_schema"]["strict"]
    assert runner.response_format == "json_schema"


def test_schema_form_falls_back_to_json_object_then_to_strict_parsing(make_runner):
    with FakeServer(reject_formats=("json_schema",)) as fake:
        runner, _ = make_runner(fake, cache=False)
        assert [o.value for o in run(runner, 2)] == ["positive"] * 2
        assert runner.response_format == "json_object"
        assert fake.requests[-1]["response_format"] == {"type": "json_object", "schema": SCHEMA}
    with FakeServer(reject_formats=("json_schema", "json_object")) as fake:
        runner, _ = make_runner(fake, cache=False)
        run(runner, 2)
        assert runner.response_format == "none" and "response_format" not in fake.requests[-1]


def test_a_500_naming_response_format_is_a_rejection_not_a_fault(make_runner):
    """llama-cpp-python answers an unsupported response_format type with HTTP 500 (seen against the real server)."""
    with FakeServer(reject_formats=("json_schema",)) as fake:
        fake.reject_status = 500
        runner, sleeps = make_runner(fake, cache=False)
        assert [o.value for o in run(runner, 2)] == ["positive"] * 2
        assert runner.response_format == "json_object" and not sleeps  # fell back at once, no retries


def test_response_format_none_sends_no_schema(server, make_runner):
    runner, _ = make_runner(server, cache=False, response_format="none")
    run(runner, 1)
    assert "response_format" not in server.requests[0]


def test_invalid_answers_are_their_own_outcome_with_a_reason(server, make_runner):
    server.script = [("answer", "Negative, clearly."), ("answer", '{"label": "hostile"}'), ("answer", ""),
                     ("raw", completion(None, refusal="I cannot")), ("answer", '{"label": "negative"}')]
    runner, _ = make_runner(server, cache=False, concurrency=1, response_format="json_schema")
    outcomes = run(runner, 5)
    assert [(o.value, o.invalid) for o in outcomes] == [
        (None, "not-json"), (None, "unknown-label"), (None, "empty"), (None, "refused"), ("negative", None)]
    assert outcomes[0].raw == "Negative, clearly." and "hostile" in outcomes[1].detail
    assert dict(runner.accounting.outcomes) == {"not-json": 1, "unknown-label": 1, "empty": 1, "refused": 1,
                                                "valid": 1}


def test_429_is_retried_after_the_time_the_server_asks(server, make_runner):
    server.script = [("status", 429, {"Retry-After": "7"}, {"error": {"message": "slow down"}})]
    runner, sleeps = make_runner(server, cache=False, concurrency=1, response_format="none")
    assert [o.value for o in run(runner, 1)] == ["positive"]
    assert len(sleeps) == 1 and sleeps[0] >= 7.0
    assert runner.accounting.retries == 1


def test_500_then_success_backs_off_exponentially_with_jitter(server, make_runner):
    server.script = [("status", 500, {}, {"error": {"message": "boom"}})] * 3
    runner, sleeps = make_runner(server, cache=False, concurrency=1, response_format="none", retries=5)
    assert [o.value for o in run(runner, 1)] == ["positive"]
    assert len(sleeps) == 3
    for attempt, delay in enumerate(sleeps):
        assert 0.5 * 0.5 * 2 ** attempt <= delay <= 0.5 * 2 ** attempt


def test_timeout_is_retried(server, make_runner):
    server.script = [("sleep", 1.0)]
    runner, sleeps = make_runner(server, cache=False, concurrency=1, response_format="none", timeout=0.2)
    assert [o.value for o in run(runner, 1)] == ["positive"]
    assert len(sleeps) == 1


def test_dropped_connection_is_retried(server, make_runner):
    server.script = [("drop",)]
    runner, sleeps = make_runner(server, cache=False, concurrency=1, response_format="none")
    assert [o.value for o in run(runner, 1)] == ["positive"]
    assert len(sleeps) == 1


def test_giving_up_says_what_failed_and_that_a_rerun_resumes(server, make_runner):
    server.script = [("status", 503, {}, {"error": {"message": "overloaded"}})] * 3
    runner, sleeps = make_runner(server, cache=False, concurrency=1, response_format="none", retries=2)
    with pytest.raises(LLMError) as err:
        run(runner, 1)
    assert "still failed after 3 attempts (last: HTTP 503: overloaded)" in str(err.value)
    assert "rerun resumes" in str(err.value) and len(sleeps) == 2


def test_unreachable_server_is_a_clear_error(make_runner):
    with socket.socket() as sock:  # a port on 127.0.0.1 that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    class Closed:
        base_url = f"http://127.0.0.1:{port}/v1"

    runner, sleeps = make_runner(Closed(), cache=False)
    with pytest.raises(LLMError) as err:
        run(runner, 1)
    assert f"cannot reach the server at http://127.0.0.1:{port}/v1" in str(err.value)
    assert "Fix: start the server" in str(err.value) and not sleeps


def test_unknown_model_is_a_clear_error(server, make_runner):
    runner, _ = make_runner(server, model="gpt-99", cache=False)
    with pytest.raises(LLMError) as err:
        run(runner, 1)
    assert "does not serve model 'gpt-99'; it lists: fake-model" in str(err.value)
    assert not server.requests  # found out before any completion was asked for


def test_unknown_model_without_a_models_listing(make_runner):
    with FakeServer(models=["fake-model"]) as fake:
        runner, _ = make_runner(fake, model="other", cache=False, response_format="none")
        runner._checked_model = True  # as if /models were missing: the 404 of the completion says it
        with pytest.raises(LLMError, match="does not know model 'other' \\(HTTP 404"):
            run(runner, 1)


def test_refused_key_is_a_clear_error_that_never_shows_the_key(make_runner):
    secret = "sk-test-SECRET0123456789abcdef"
    with FakeServer(require_key="sk-the-right-key-000000") as fake:
        runner, _ = make_runner(fake, cache=False, environ={"OPENAI_API_KEY": secret})
        with pytest.raises(LLMError) as err:
            run(runner, 1)
    message = str(err.value)
    assert "HTTP 401: the API key was refused" in message and "OPENAI_API_KEY" in message
    assert secret not in message and secret[:12] not in message and secret[-8:] not in message


def test_missing_key_is_reported_as_missing(make_runner):
    with FakeServer(require_key="sk-the-right-key-000000") as fake:
        runner, _ = make_runner(fake, cache=False)
        with pytest.raises(LLMError, match="the API key is missing"):
            run(runner, 1)


def test_key_is_sent_as_a_bearer_header_only(make_runner):
    secret = "sk-the-right-key-000000"
    with FakeServer(require_key=secret) as fake:
        runner, _ = make_runner(fake, cache=False, environ={"OPENAI_API_KEY": secret})
        run(runner, 1)
        assert fake.headers[0]["Authorization"] == f"Bearer {secret}"
        assert secret not in str(fake.requests)


def test_bounded_concurrency_runs_requests_in_parallel(make_runner):
    import time

    with FakeServer(delay=0.3) as fake:
        runner, _ = make_runner(fake, cache=False, concurrency=4, response_format="none")
        started = time.perf_counter()
        run(runner, 8)
        parallel = time.perf_counter() - started
    assert parallel < 8 * 0.3 * 0.75  # 8 requests of 0.3 s, four at a time: about 0.6 s, never 2.4 s


def test_cost_from_prices_per_1k_tokens(server, make_runner):
    runner, _ = make_runner(server, cache=False, price_per_1k_prompt=1.0, price_per_1k_completion=2.0)
    run(runner, 2)
    assert runner.accounting.cost(runner.config) == pytest.approx((22 * 1.0 + 10 * 2.0) / 1000)


def test_progress_bar_shows_rate_and_time_left(server, make_runner, capsys):
    runner, _ = make_runner(server, cache=False, concurrency=1)
    runner.run(jobs(3), schema=SCHEMA, parse=PARSE, progress=True, desc="openai:fake-model")
    err = capsys.readouterr().err
    import re

    assert "openai:fake-model" in err and "prompt/s]" in err
    assert re.search(r"2/3 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+prompt/s\]", err)  # done/total [elapsed<left, rate]


def test_no_progress_bar_when_stderr_is_not_a_terminal(server, make_runner, capsys):
    runner, _ = make_runner(server, cache=False)
    runner.run(jobs(2), schema=SCHEMA, parse=PARSE)  # progress=None: only on a terminal
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("body", [{"error": "plain text error"}, {"detail": [{"msg": "bad"}]}, ["odd"]])
def test_any_error_body_shape_gives_a_message(server, make_runner, body):
    server.script = [("status", 400, {}, body)]
    runner, _ = make_runner(server, cache=False, response_format="none")
    with pytest.raises(LLMError, match="rejected the request \\(HTTP 400: "):
        run(runner, 1)
