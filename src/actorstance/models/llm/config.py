"""Settings of an ``openai:MODEL`` model: parsed from the ``--model`` spec, a TOML file and the environment.

Spec form: ``openai:MODEL[,KEY=VALUE...]``, e.g. ``openai:gpt-4o-mini,k_shot=4,concurrency=8``.
``config=FILE`` reads the same keys from a TOML file; keys in the spec win over the file, the
file over the environment (``OPENAI_BASE_URL``), the environment over the defaults. Each
``--model`` spec carries its own settings, so one benchmark can compare a zero-shot and a
4-shot run of the same model.

The API key is never a setting: it is read from the environment variable named by
``api_key_env`` (default ``OPENAI_API_KEY``) when the client is made, and never written to a
result, a log, the cache or an error message.

>>> config = LLMConfig.from_spec("openai:llama3:8b,k_shot=2,temperature=0.2", seed=0, environ={})
>>> (config.model, config.k_shot, config.temperature, config.base_url)
('llama3:8b', 2, 0.2, 'https://api.openai.com/v1')
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from actorstance.errors import ModelSpecError

OPENAI_PREFIX = "openai:"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
RESPONSE_FORMATS = ("auto", "json_schema", "json_object", "none")


def default_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$ACTORSTANCE_CACHE_DIR`` (or ``$XDG_CACHE_HOME/actorstance``, else ``~/.cache/actorstance``)
    ``/llm-responses.sqlite``."""
    environ = os.environ if environ is None else environ
    folder = environ.get("ACTORSTANCE_CACHE_DIR") or Path(
        environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "actorstance"
    return Path(folder) / "llm-responses.sqlite"


@dataclass(frozen=True)
class LLMConfig:
    """Everything that decides what is sent to the server, and how (see the module docstring)."""

    model: str  #: the model name the server knows
    base_url: str = DEFAULT_BASE_URL  #: ends with /v1 for every OpenAI-compatible server
    api_key_env: str = "OPENAI_API_KEY"  #: environment variable holding the key (may be unset for local servers)
    template: str | None = None  #: packaged template name or a .toml path; None: zero-shot, or k-shot when k_shot > 0
    k_shot: int = 0  #: labelled examples per prompt, from the training data of the training protocol
    temperature: float = 0.0
    seed: int = 0  #: picks the k-shot examples and is sent to the server
    max_tokens: int = 64
    concurrency: int = 4  #: requests in flight at once
    timeout: float = 60.0  #: seconds per request
    retries: int = 5  #: retries of a request after 429, 5xx, a timeout or a dropped connection
    response_format: str = "auto"  #: auto (json_schema, else json_object with a schema, else none), or one of those
    price_per_1k_prompt: float | None = None  #: currency units per 1,000 prompt tokens, for the cost
    price_per_1k_completion: float | None = None
    cache: bool = True  #: store every response in (and answer from) the SQLite cache
    cache_path: str | None = None  #: None: :func:`default_cache_path`

    @classmethod
    def from_spec(cls, spec: str, *, seed: int = 0, defaults: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> "LLMConfig":
        """Parse ``openai:MODEL[,KEY=VALUE...]``; ``defaults`` (e.g. ``--no-cache``) sit below the spec."""
        environ = os.environ if environ is None else environ
        spec_text, spec = spec, _redacted(spec)  # error messages show the spec without a key someone put in it
        if not spec.startswith(OPENAI_PREFIX):
            raise ModelSpecError(f"--model {spec}: not an openai: spec. Fix: write openai:MODEL[,KEY=VALUE...]")
        model, *items = spec_text[len(OPENAI_PREFIX):].split(",")
        if not model.strip():
            raise ModelSpecError(f"--model {spec}: no model name after 'openai:'. Fix: write openai:MODEL, "
                                 "e.g. openai:gpt-4o-mini")
        given: dict[str, str] = {}
        for item in items:
            key, sep, value = item.partition("=")
            key = key.strip()
            if not sep or not key:
                raise ModelSpecError(f"--model {spec}: {_redacted(item)!r} is not KEY=VALUE. Fix: separate settings by ',' "
                                     f"as in openai:{model},k_shot=4,temperature=0")
            if key in given:
                raise ModelSpecError(f"--model {spec}: {key} is given twice. Fix: give each setting once")
            given[key] = value.strip()
        settings: dict[str, Any] = {"seed": seed}
        if environ.get("OPENAI_BASE_URL"):
            settings["base_url"] = environ["OPENAI_BASE_URL"]
        settings.update(defaults or {})
        if "config" in given:
            settings.update(_read_file(spec, given.pop("config")))
        settings.update(given)
        return cls._checked(spec, model.strip(), settings)

    @classmethod
    def _checked(cls, spec: str, model: str, settings: Mapping[str, Any]) -> "LLMConfig":
        known = {f.name: f for f in fields(cls) if f.name != "model"}
        values: dict[str, Any] = {}
        for key, value in settings.items():
            if key in _SECRET_KEYS:
                raise ModelSpecError(f"--model {spec}: the API key is read only from the environment, never from "
                                     "a spec or file (it would end up in results and shell history). Fix: export "
                                     "OPENAI_API_KEY=... (or name another variable with api_key_env=NAME)")
            if key not in known:
                raise ModelSpecError(f"--model {spec}: unknown setting {key!r}. Fix: use one of "
                                     f"{', '.join(sorted([*known, 'config']))} (see docs/llm.md)")
            values[key] = _convert(spec, key, value, known[key].type)
        config = cls(model=model, **values)
        config._validate(spec)
        return config

    def _validate(self, spec: str) -> None:
        def bad(key: str, expected: str) -> ModelSpecError:
            return ModelSpecError(f"--model {spec}: {key} must be {expected}; got {getattr(self, key)!r}. "
                                  f"Fix: pass {key}=VALUE with {expected}")

        for key, low in (("k_shot", 0), ("max_tokens", 1), ("concurrency", 1), ("retries", 0)):
            if getattr(self, key) < low:
                raise bad(key, f"an integer >= {low}")
        if not 0.0 <= self.temperature <= 2.0:
            raise bad("temperature", "a number between 0 and 2")
        if self.timeout <= 0:
            raise bad("timeout", "a number of seconds > 0")
        for key in ("price_per_1k_prompt", "price_per_1k_completion"):
            if getattr(self, key) is not None and getattr(self, key) < 0:
                raise bad(key, "a number >= 0")
        if self.response_format not in RESPONSE_FORMATS:
            raise bad("response_format", f"one of {', '.join(RESPONSE_FORMATS)}")
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad("base_url", "an http(s) URL such as http://127.0.0.1:8000/v1")
        if parts.username or parts.password:
            raise ModelSpecError(f"--model {spec}: base_url holds credentials; they would be written to results. "
                                 "Fix: drop them from the URL and export the key in OPENAI_API_KEY")

    @property
    def host(self) -> str:
        """``host[:port]`` of ``base_url``: part of every cache key."""
        return urlsplit(self.base_url).netloc.lower()

    @property
    def resolved_cache_path(self) -> Path:
        return Path(self.cache_path) if self.cache_path else default_cache_path()

    def with_changes(self, **changes: Any) -> "LLMConfig":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_SECRET_KEYS = ("api_key", "key", "openai_api_key")


def _redacted(text: str) -> str:
    """``text`` with the value of any ``api_key=`` / ``key=`` setting replaced by ``***``."""
    import re

    return re.sub(r"(^|,)\s*(" + "|".join(_SECRET_KEYS) + r")\s*=[^,]*", r"\1\2=***", text)


def _read_file(spec: str, path: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ModelSpecError(f"--model {spec}: config file {path} cannot be read ({err.strerror}). "
                             "Fix: pass config=PATH of an existing TOML file") from None
    except tomllib.TOMLDecodeError as err:
        raise ModelSpecError(f"--model {spec}: config file {path} is not valid TOML ({err}). "
                             "Fix: write KEY = VALUE lines, e.g. k_shot = 4") from None
    if "config" in data or "model" in data:
        raise ModelSpecError(f"--model {spec}: config file {path} sets {'config' if 'config' in data else 'model'}, "
                             "which only the spec may set. Fix: remove that key from the file")
    return data


def _convert(spec: str, key: str, value: Any, kind: Any) -> Any:
    """A spec string (or a TOML value) as the field's type, with an error naming the key."""
    kind = str(kind)
    try:
        if kind.startswith("bool"):
            if isinstance(value, bool):
                return value
            lowered = str(value).lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if value is None or (isinstance(value, str) and value.lower() == "none" and "None" in kind):
            if "None" in kind:
                return None
            raise ValueError
        if kind.startswith("int"):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        if kind.startswith("float"):
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if not isinstance(value, str):
            raise ValueError
        return value
    except ValueError:
        expected = kind.replace(" | None", " or none")
        raise ModelSpecError(f"--model {spec}: {key} must be {expected}; got {value!r}. "
                             f"Fix: pass {key}=VALUE with a {expected}") from None
