"""Fixtures of the integration tests: the real llama.cpp server, started once per module that asks for it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def llama_base_url():
    """``http://127.0.0.1:PORT/v1`` of a llama-cpp-python server with SmolLM2-135M-Instruct (see llama_server.py)."""
    from tests.integration.llama_server import llama_server

    with llama_server() as url:
        yield url
