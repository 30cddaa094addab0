"""An OpenAI-compatible HTTP test double that listens on 127.0.0.1 only (no test touches the network).

``FakeServer`` answers ``GET /v1/models`` and ``POST /v1/chat/completions``. Each chat request
takes the next action of ``script`` (a list), then falls back to ``answer(request) -> dict``
(default: ``{"label": "positive"}``). Actions::

    ("answer", content)              200 with that message content
    ("status", code, headers, body)  that status, headers and JSON body
    ("sleep", seconds)               wait (a client timeout), then answer normally
    ("drop",)                        close the connection without a response

Every request body and its headers are kept in ``requests`` (chat) for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


def completion(content: str | None, *, model: str = "fake-model", finish: str = "stop", refusal: str | None = None,
               prompt_tokens: int = 11, completion_tokens: int = 5) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    return {"id": "cmpl-1", "object": "chat.completion", "model": model, "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


class FakeServer:
    def __init__(self, *, models: list[str] | None = None, answer: Callable[[dict], str] | None = None,
                 require_key: str | None = None, reject_formats: tuple[str, ...] = (), delay: float = 0.0):
        self.models = ["fake-model"] if models is None else models
        self.answer = answer or (lambda request: '{"label": "positive"}')
        self.require_key = require_key
        self.reject_formats = reject_formats  # response_format types answered with reject_status
        self.reject_status = 422
        self.delay = delay
        self.script: list[tuple] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.model_listings = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                if not server._authorised(self):
                    return
                if self.path.rstrip("/") == "/v1/models" and server.models is not None:
                    with server._lock:
                        server.model_listings += 1
                    self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in server.models]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                if not server._authorised(self):
                    return
                if self.path != "/v1/chat/completions":
                    self._json(404, {"error": {"message": "no such route"}})
                    return
                with server._lock:
                    server.requests.append(body)
                    server.headers.append(dict(self.headers))
                    action = server.script.pop(0) if server.script else None
                if server.delay:
                    time.sleep(server.delay)
                fmt = (body.get("response_format") or {}).get("type")
                if fmt in server.reject_formats:
                    self._json(server.reject_status, {"detail": [{"loc": ["body", "response_format", "type"],
                                                 "msg": f"response_format type {fmt!r} is not supported"}]})
                    return
                if body.get("model") not in server.models:
                    self._json(404, {"error": {"message": f"The model `{body.get('model')}` does not exist.",
                                               "code": "model_not_found"}})
                    return
                if action is None:
                    self._json(200, completion(server.answer(body)))
                elif action[0] == "answer":
                    self._json(200, completion(action[1]))
                elif action[0] == "raw":
                    self._json(200, action[1])
                elif action[0] == "status":
                    self._json(action[1], action[3], headers=action[2])
                elif action[0] == "sleep":
                    time.sleep(action[1])
                    try:
                        self._json(200, completion(server.answer(body)))
                    except OSError:
                        pass
                elif action[0] == "drop":
                    self.close_connection = True
                    self.connection.close()

            def _json(self, status: int, payload: Any, headers: dict | None = None):
                data = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def _authorised(self, handler) -> bool:
        if self.require_key is None:
            return True
        if handler.headers.get("Authorization") == f"Bearer {self.require_key}":
            return True
        given = (handler.headers.get("Authorization") or "").removeprefix("Bearer ")
        # like a real API, echo part of the wrong key: the client must scrub it
        handler._json(401, {"error": {"message": f"Incorrect API key provided: {given}. You can find your API key "
                                                 "at https://example.invalid/keys.", "code": "invalid_api_key"}})
        return False

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> "FakeServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
