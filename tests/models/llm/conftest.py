"""Fixtures of the LLM adapter tests: the HTTP test double (127.0.0.1 only) and configs pointing at it."""

from __future__ import annotations

import pytest

from actorstance.models.llm.chat import ChatRunner
from actorstance.models.llm.config import LLMConfig
from tests.models.llm.fake_server import FakeServer

LABELS = ["positive", "negative", "neutral"]


@pytest.fixture
def server():
    with FakeServer() as fake:
        yield fake


@pytest.fixture
def make_runner(tmp_path):
    """``make_runner(server, **settings)`` → (runner, sleeps): a ChatRunner whose backoff sleeps are recorded."""

    def make(fake: FakeServer, environ: dict | None = None, **settings) -> tuple[ChatRunner, list[float]]:
        sleeps: list[float] = []
        settings.setdefault("cache_path", str(tmp_path / "cache.sqlite"))
        config = LLMConfig(model=settings.pop("model", "fake-model"), base_url=fake.base_url, **settings)
        return ChatRunner(config, environ=environ or {}, sleep=sleeps.append), sleeps

    return make


def jobs(n: int = 3):
    from actorstance.models.llm.chat import ChatJob

    return [ChatJob(f"p{i}", [{"role": "user", "content": f"pair {i}"}]) for i in range(n)]
