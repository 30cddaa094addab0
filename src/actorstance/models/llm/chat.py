"""Prompts in, parsed answers out: cached, retried, schema-constrained chat completions.

:class:`ChatRunner` is the one reusable call of this package — the stance model uses it per
pair, the extraction task per document::

    runner = ChatRunner(LLMConfig.from_spec("openai:my-model"))
    outcomes = runner.run([ChatJob("doc1", messages)], schema=my_schema, parse=my_parser)
    outcomes[0].value or outcomes[0].invalid     # the parsed value, or why there is none

For each job it builds the request (model, messages, temperature, seed, max_tokens and a
``response_format`` carrying ``schema``), answers it from the cache or the server, stores a
new response before using it, and parses it with ``parse`` (see
:func:`~actorstance.models.llm.parsing.parse_json_answer`). ``response_format=auto`` tries the
OpenAI ``json_schema`` form, then the ``json_object`` + ``schema`` form of llama-cpp-python,
then none (strict parsing only), once per runner; the form used is recorded.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from actorstance.errors import LLMError
from actorstance.jsonl import dumps
from actorstance.models.llm.client import ChatClient, RequestRejected, UnknownModelError
from actorstance.models.llm.config import LLMConfig
from actorstance.models.llm.parsing import InvalidAnswer, parse_json_answer

_FORMS = ("json_schema", "json_object", "none")


@dataclass(frozen=True)
class ChatJob:
    """One prompt: an id for the log and the chat ``messages``."""

    id: str
    messages: list[dict[str, str]]

    @property
    def prompt_sha256(self) -> str:
        return hashlib.sha256(dumps(self.messages).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChatOutcome:
    """What came of one job: the parsed ``value``, or ``invalid`` (a reason) and ``detail``."""

    id: str
    prompt_sha256: str
    raw: str | None  #: the message content as the server sent it
    value: Any
    invalid: str | None
    detail: str | None
    latency: float  #: seconds the server took (when it was fetched, for a cached answer)
    cached: bool
    prompt_tokens: int
    completion_tokens: int

    def log_record(self, **extra: Any) -> dict[str, Any]:
        """A line of the per-sample log (``extra`` adds e.g. the parsed label under its own name)."""
        return {"id": self.id, "prompt_sha256": self.prompt_sha256, "raw": self.raw, "invalid": self.invalid,
                "invalid_detail": self.detail, "latency_s": round(self.latency, 4), "cached": self.cached,
                "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens, **extra}


@dataclass
class Accounting:
    """Totals over every job a runner answered (thread-safe through :meth:`add`)."""

    requests: int = 0  #: completions fetched from the server in this run
    cache_hits: int = 0
    retries: int = 0
    prompt_tokens: int = 0  #: over every answer used, cached or not: what an uncached run sends
    completion_tokens: int = 0
    wall_seconds: float = 0.0
    server_models: set[str] = field(default_factory=set)
    system_fingerprints: set[str] = field(default_factory=set)
    outcomes: Counter = field(default_factory=Counter)  #: "valid" or the invalid reason → count
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, outcome: ChatOutcome, body: Mapping[str, Any]) -> None:
        with self._lock:
            self.cache_hits += outcome.cached
            self.requests += not outcome.cached
            self.prompt_tokens += outcome.prompt_tokens
            self.completion_tokens += outcome.completion_tokens
            self.outcomes[outcome.invalid or "valid"] += 1
            if isinstance(body.get("model"), str):
                self.server_models.add(body["model"])
            if isinstance(body.get("system_fingerprint"), str):
                self.system_fingerprints.add(body["system_fingerprint"])

    def cost(self, config: LLMConfig) -> float | None:
        """Price of the tokens at the config's prices per 1k tokens; ``None`` without prices."""
        if config.price_per_1k_prompt is None and config.price_per_1k_completion is None:
            return None
        return round((self.prompt_tokens * (config.price_per_1k_prompt or 0.0)
                      + self.completion_tokens * (config.price_per_1k_completion or 0.0)) / 1000, 6)


class ChatRunner:
    """Runs :class:`ChatJob` lists against one server and model (see the module docstring).

    ``environ`` supplies the API key (default ``os.environ``); ``transport`` and ``sleep`` are
    for tests. One runner may serve many :meth:`run` calls; :attr:`accounting` sums them.
    """

    def __init__(self, config: LLMConfig, *, environ: Mapping[str, str] | None = None, transport: Any = None,
                 sleep: Callable[[float], None] | None = None):
        self.config = config
        self.accounting = Accounting()
        self.response_format: str | None = None if config.response_format == "auto" else config.response_format
        self._environ = os.environ if environ is None else environ
        self._transport, self._sleep = transport, sleep
        self._client: ChatClient | None = None
        self._cache = None
        self._checked_model = False
        self._setup_lock = threading.Lock()

    @property
    def client(self) -> ChatClient:
        with self._setup_lock:
            if self._client is None:
                extra = {} if self._sleep is None else {"sleep": self._sleep}
                self._client = ChatClient(self.config.base_url, api_key=self._environ.get(self.config.api_key_env),
                                          timeout=self.config.timeout, retries=self.config.retries,
                                          transport=self._transport, **extra)
            return self._client

    @property
    def cache(self):
        from actorstance.models.llm.cache import ResponseCache

        with self._setup_lock:
            if self._cache is None and self.config.cache:
                self._cache = ResponseCache(self.config.resolved_cache_path)
            return self._cache

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cache is not None:
            self._cache.close()
        self._client = self._cache = None

    def run(self, jobs: Sequence[ChatJob], *, schema: dict, parse: Callable[[Any], Any], schema_name: str = "answer",
            progress: bool | None = None, desc: str = "llm") -> list[ChatOutcome]:
        """Answer every job (in job order). Raises :class:`LLMError` when the server cannot be used."""
        from tqdm import tqdm

        jobs = list(jobs)
        started = time.perf_counter()
        outcomes: list[ChatOutcome | None] = [None] * len(jobs)
        if not jobs:
            return []
        show = sys.stderr.isatty() if progress is None else progress
        with tqdm(total=len(jobs), desc=desc, unit="prompt", file=sys.stderr, disable=not show, leave=False,
                  mininterval=0) as bar:  # every answer redraws: requests, not the bar, set the pace
            first = 0
            if self.response_format is None:  # settle the form on the first job, then run the rest in parallel
                outcomes[0] = self._probe(jobs[0], schema, schema_name, parse)
                bar.update()
                first = 1
            rest = range(first, len(jobs))
            with ThreadPoolExecutor(max_workers=self.config.concurrency) as pool:
                futures = {pool.submit(self._answer, jobs[i], schema, schema_name, parse, self.response_format): i
                           for i in rest}
                pending = set(futures)
                while pending:
                    done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                    for future in done:
                        if future.exception() is not None:
                            for other in pending:
                                other.cancel()
                            raise future.exception()
                        outcomes[futures[future]] = future.result()
                        bar.update()
        self.accounting.wall_seconds += time.perf_counter() - started
        self.accounting.retries = self.client.retried
        return [outcome for outcome in outcomes if outcome is not None]

    def _probe(self, job: ChatJob, schema: dict, schema_name: str, parse) -> ChatOutcome:
        cache = self.cache
        if cache is not None:  # a form that answered before is settled without asking (a cached rerun works offline)
            for form in _FORMS:
                request = self.request(job.messages, schema, schema_name, form)
                if cache.get(cache.key(self.config.host, self.config.model, request)) is not None:
                    self.response_format = form
                    return self._answer(job, schema, schema_name, parse, form)
        for i, form in enumerate(_FORMS):
            try:
                outcome = self._answer(job, schema, schema_name, parse, form)
            except RequestRejected as err:
                mentions_format = any(word in err.server_message.lower()
                                      for word in ("response_format", "json_schema", "schema", "format"))
                if i + 1 < len(_FORMS) and mentions_format:
                    continue
                raise
            self.response_format = form
            return outcome
        raise AssertionError("unreachable: the last form raises or returns")

    def request(self, messages: list[dict[str, str]], schema: dict, schema_name: str, form: str) -> dict[str, Any]:
        """The request body sent (and hashed into the cache key) for ``messages``."""
        c = self.config
        body: dict[str, Any] = {"model": c.model, "messages": messages, "temperature": c.temperature,
                                "max_tokens": c.max_tokens, "seed": c.seed}
        if form == "json_schema":
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": schema_name, "schema": schema, "strict": True}}
        elif form == "json_object":
            body["response_format"] = {"type": "json_object", "schema": schema}
        return body

    def _answer(self, job: ChatJob, schema: dict, schema_name: str, parse, form: str) -> ChatOutcome:
        request = self.request(job.messages, schema, schema_name, form)
        cache = self.cache
        key = None
        hit = None
        if cache is not None:
            key = cache.key(self.config.host, self.config.model, request)
            hit = cache.get(key)
        if hit is not None:
            body, latency = hit
        else:
            self._check_model()
            completion = self.client.complete(request)
            body, latency = completion.body, completion.latency
            if cache is not None:  # stored before it is used: a killed run resumes here
                cache.put(key, host=self.config.host, model=self.config.model, request=request, response=body,
                          latency=latency)
        outcome = _outcome(job, body, latency, cached=hit is not None, parse=parse)
        self.accounting.add(outcome, body)
        return outcome

    def _check_model(self) -> None:
        with self._setup_lock:
            if self._checked_model:
                return
        listed = self.client.models()
        if listed is not None and self.config.model not in listed:
            shown = ", ".join(listed[:10]) + (f" (and {len(listed) - 10} more)" if len(listed) > 10 else "")
            raise UnknownModelError(f"the server at {self.config.base_url} does not serve model "
                                    f"{self.config.model!r}; it lists: {shown or '(no models)'}. "
                                    f"Fix: write openai:MODEL with one of those ids")
        with self._setup_lock:
            self._checked_model = True


def _outcome(job: ChatJob, body: dict, latency: float, *, cached: bool, parse) -> ChatOutcome:
    usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
    raw = None
    try:
        choice = body["choices"][0]["message"]
        raw = choice.get("content") if isinstance(choice.get("content"), str) else None
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    try:
        value, invalid, detail = parse_json_answer(body, parse), None, None
    except InvalidAnswer as err:
        value, invalid, detail = None, err.reason, err.detail or None
    return ChatOutcome(id=job.id, prompt_sha256=job.prompt_sha256, raw=raw, value=value, invalid=invalid,
                       detail=detail, latency=latency, cached=cached,
                       prompt_tokens=_count(usage.get("prompt_tokens")),
                       completion_tokens=_count(usage.get("completion_tokens")))


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0

