"""The response cache: one SQLite file, one row per distinct request.

The key is the sha256 of ``{"host": base URL host[:port], "model": ..., "request": the full
request body}`` in canonical JSON (sorted keys), so any change to the prompt, the examples,
the settings sent or the server gives a new key, and the same request on the same server is
answered from the file. A response is committed before it is used: a run that is killed
resumes where it stopped, and a rerun sends nothing. The API key is never part of a request
body, so it is never stored.

>>> cache = ResponseCache(":memory:")
>>> key = cache.key("127.0.0.1:8000", "m", {"model": "m", "messages": []})
>>> cache.get(key) is None
True
>>> cache.put(key, host="127.0.0.1:8000", model="m", request={"model": "m", "messages": []},
...           response={"choices": []}, latency=0.1)
>>> cache.get(key)
({'choices': []}, 0.1)
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from actorstance.errors import LLMError
from actorstance.jsonl import dumps, loads

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    model TEXT NOT NULL,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    latency REAL NOT NULL,
    created TEXT NOT NULL
)
"""


class ResponseCache:
    """A thread-safe SQLite response store (see the module docstring)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as err:
            raise LLMError(f"{self.path}: cannot open the LLM response cache ({err}). Fix: pass cache_path=PATH of "
                           "a writable file, delete a damaged cache file, or run with --no-cache") from None
        self._lock = threading.Lock()

    @staticmethod
    def key(host: str, model: str, request: dict) -> str:
        return hashlib.sha256(dumps({"host": host, "model": model, "request": request}).encode("utf-8")).hexdigest()

    def get(self, key: str) -> tuple[dict, float] | None:
        """``(response body, latency when it was fetched)`` or ``None``."""
        with self._lock:
            try:
                row = self._db.execute("SELECT response, latency FROM responses WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as err:
                raise self._broken(err) from None
        return None if row is None else (loads(row[0]), row[1])

    def put(self, key: str, *, host: str, model: str, request: dict, response: dict, latency: float) -> None:
        """Store and commit one response (replacing an older row of the same key)."""
        created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (key, host, model, dumps(request), dumps(response), latency, created))
                self._db.commit()
            except sqlite3.Error as err:
                raise self._broken(err) from None

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _broken(self, err: Exception) -> LLMError:
        return LLMError(f"{self.path}: the LLM response cache failed ({err}). Fix: delete the file (answers will be "
                        "fetched again) or run with --no-cache")
