"""A small client of the OpenAI chat-completions API, on ``httpx`` (why: docs/llm.md, "Client").

It owns what an evaluation needs and the official client hides: every retry (429, 5xx,
timeouts and dropped connections, exponential backoff with jitter, ``Retry-After`` honoured),
the exact request body (the cache key), the raw response (what the cache stores), and errors
that say what to fix — without the API key, which is sent in a header and scrubbed from any
text a server echoes back.
"""

from __future__ import annotations

import email.utils
import random
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from actorstance.errors import LLMError

RETRY_STATUSES = frozenset({408, 409, 425, 429})  # plus every 5xx
MAX_RETRY_AFTER = 300.0  # seconds: a longer Retry-After is waited for this long, then retried
_KEY_LIKE = re.compile(r"\b(sk|key|token)-[A-Za-z0-9_*.\-]{4,}", re.IGNORECASE)


@dataclass(frozen=True)
class Completion:
    """A successful response: its JSON body, seconds it took, and HTTP attempts made."""

    body: dict
    latency: float
    attempts: int


class ChatClient:
    """``POST {base_url}/chat/completions`` with retries; ``GET {base_url}/models``.

    Thread-safe (one ``httpx.Client`` shared by the workers). ``sleep`` and ``transport`` are
    for tests.
    """

    def __init__(self, base_url: str, *, api_key: str | None, timeout: float, retries: int,
                 backoff: float = 0.5, max_backoff: float = 30.0, sleep: Callable[[float], None] = time.sleep,
                 transport: Any = None):
        import httpx

        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self._key = api_key or None
        self._backoff, self._max_backoff, self._sleep = backoff, max_backoff, sleep
        self._jitter = random.Random()
        self._jitter_lock = threading.Lock()
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(timeout=timeout, headers=headers, transport=transport,
                                  limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))
        self.retried = 0  # attempts beyond the first, over the client's life

    def close(self) -> None:
        self._http.close()

    def models(self) -> list[str] | None:
        """Model ids the server lists, or ``None`` when it has no ``/models`` endpoint.

        Raises :class:`LLMError` when the server cannot be reached or refuses the key.
        """
        import httpx

        url = f"{self.base_url}/models"
        try:
            response = self._http.get(url)
        except httpx.TimeoutException:
            raise LLMError(f"the server at {self.base_url} did not answer GET /models in time. Fix: check that it "
                           "is running and not overloaded, or raise timeout=SECONDS") from None
        except httpx.HTTPError as err:
            raise LLMError(f"cannot reach the server at {self.base_url} ({self.redact(_reason(err))}). Fix: start "
                           "the server, or point base_url=URL (or OPENAI_BASE_URL) at it") from None
        if response.status_code in (401, 403):
            raise self._refused(response)
        if response.status_code != 200:
            return None
        try:
            data = response.json()["data"]
            return sorted(str(item["id"]) for item in data)
        except (ValueError, KeyError, TypeError):
            return None

    def complete(self, request: dict) -> Completion:
        """One chat completion, retried; raises :class:`LLMError` when it cannot succeed."""
        import httpx

        url = f"{self.base_url}/chat/completions"
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.retried += 1
            started = time.perf_counter()
            wait = None
            try:
                response = self._http.post(url, json=request)
            except httpx.TimeoutException:
                last = "the request timed out"
            except httpx.ConnectError as err:  # the server may be restarting: retried like a 503
                last = f"cannot connect ({self.redact(_reason(err))})"
            except httpx.HTTPError as err:  # dropped connection, protocol error
                last = f"the connection failed ({self.redact(_reason(err))})"
            else:
                status = response.status_code
                if status == 200:
                    try:
                        body = response.json()
                    except ValueError:
                        last = "HTTP 200 with a body that is not JSON"
                    else:
                        if isinstance(body, dict):
                            return Completion(body, time.perf_counter() - started, attempt + 1)
                        last = "HTTP 200 with a JSON body that is not an object"
                elif status >= 500 and "response_format" in self._message(response):
                    # a server that validates the body late (llama-cpp-python) answers an unsupported
                    # response_format with a 500; retrying cannot help, falling back to another form can
                    raise self._rejected(response, request)
                elif status in RETRY_STATUSES or status >= 500:
                    last = f"HTTP {status}: {self._message(response)}"
                    wait = retry_after(response.headers.get("retry-after"))
                else:
                    raise self._rejected(response, request)
            if attempt < self.retries:
                self._sleep(self._delay(attempt, wait))
        raise LLMError(f"the server at {self.base_url} still failed after {self.retries + 1} attempt"
                       f"{'s' if self.retries else ''} (last: {last}). Fix: rerun later (answers received so far "
                       "are cached, so the rerun resumes), lower concurrency=N, or raise retries=N / timeout=SECONDS")

    def _delay(self, attempt: int, retry_after_s: float | None) -> float:
        with self._jitter_lock:
            jitter = self._jitter.uniform(0.5, 1.0)
        backoff = min(self._max_backoff, self._backoff * 2 ** attempt) * jitter
        return max(backoff, min(retry_after_s, MAX_RETRY_AFTER)) if retry_after_s is not None else backoff

    def _refused(self, response) -> LLMError:
        state = "was refused" if self._key else "is missing"
        return LLMError(f"the server at {self.base_url} answered HTTP {response.status_code}: the API key {state} "
                        f"({self._message(response)}). Fix: export a valid key in the variable named by api_key_env "
                        "(default OPENAI_API_KEY)")

    def _rejected(self, response, request: dict) -> LLMError:
        status, message = response.status_code, self._message(response)
        if status in (401, 403):
            return self._refused(response)
        if status == 404 and "model" in message.lower():
            return UnknownModelError(f"the server at {self.base_url} does not know model {request.get('model')!r} "
                                     f"(HTTP 404: {message}). Fix: use a model id the server lists at "
                                     f"{self.base_url}/models")
        if status == 404:
            return LLMError(f"{self.base_url}/chat/completions does not exist (HTTP 404). Fix: base_url must be the "
                            "API root, usually ending in /v1")
        return RequestRejected(status, message, f"the server at {self.base_url} rejected the request (HTTP {status}: "
                               f"{message}). Fix: check the model's settings (max_tokens, response_format=none for "
                               "servers without structured output)")

    def _message(self, response) -> str:
        """The server's error message, shortened and with the key scrubbed."""
        try:
            data = response.json()
            error = data.get("error", data) if isinstance(data, dict) else data
            if isinstance(error, dict):
                text = error.get("message") or error.get("detail") or str(error)
            else:  # {"error": "text"}, a list of validation errors, ...
                text = str(error)
        except ValueError:
            text = response.text
        text = " ".join(str(text).split())
        return self.redact(text[:300] + ("…" if len(text) > 300 else "")) or "no message"

    def redact(self, text: str) -> str:
        """``text`` without the API key (whole or in part) or anything that looks like one."""
        if self._key:
            text = text.replace(self._key, "***")
            for n in (12, 8):
                if len(self._key) > n:
                    text = text.replace(self._key[:n], "***").replace(self._key[-n:], "***")
        return _KEY_LIKE.sub(lambda m: m.group(1) + "-***", text)


class UnknownModelError(LLMError):
    """The server does not serve the model named in the spec."""


class RequestRejected(LLMError):
    """A 4xx the request itself caused (e.g. an unsupported ``response_format``)."""

    def __init__(self, status: int, server_message: str, message: str):
        super().__init__(message)
        self.status = status
        self.server_message = server_message


def retry_after(value: str | None) -> float | None:
    """Seconds asked by a ``Retry-After`` header (delta-seconds or an HTTP date), or ``None``.

    >>> retry_after("2")
    2.0
    >>> retry_after(None) is None
    True
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def _reason(err: Exception) -> str:
    return str(err) or type(err).__name__
