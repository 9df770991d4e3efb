"""What both local API doubles share: a real HTTP server in a thread, tokens, failures on demand.

A test asks for a failure with ``server.fail(path, kind, ...)``; the base class plays the ones
that need no knowledge of the API (a status, a slow answer, malformed JSON, a too-large body)
and hands the others (a page that repeats or never ends, an expired token) to the subclass.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Answer = tuple[int, dict[str, str], bytes]
PLAYED_HERE = ("status", "slow", "malformed", "huge")


@dataclass
class Fault:
    """One failure the server plays when a request's path starts with ``path``."""

    path: str
    kind: str  # status | slow | malformed | huge | repeat | endless | expire
    status: int = 500
    times: int = 1_000_000  # how many matching requests it answers
    retry_after: str | None = None
    after: int = 0  # let this many matching requests through first
    seen: int = 0


@dataclass(frozen=True)
class Request:
    """One request as the double saw it."""

    method: str
    path: str
    query: dict[str, str]
    headers: Any
    body: bytes = field(repr=False)


def as_json(status: int, value: Any) -> Answer:
    """A JSON answer."""
    body = json.dumps(value, ensure_ascii=False).encode()
    return status, {"Content-Type": "application/json; charset=utf-8"}, body


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 and a free port; a subclass answers ``respond``."""

    def __init__(self) -> None:
        self.tokens: set[str] = set()
        self.issued: list[str] = []  # every token ever given, for the secrets test
        self.faults: list[Fault] = []
        self.requests: list[str] = []  # method and path with query, for the tests to read
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL the settings take."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail(self, path: str, kind: str = "status", **how: Any) -> Fault:
        """Play a failure on requests whose path starts with ``path``."""
        fault = Fault(path, kind, **how)
        self.faults.append(fault)
        return fault

    def expire_tokens(self) -> None:
        """Forget every token, as a token's lifetime ends."""
        self.tokens.clear()

    def new_token(self) -> str:
        """A fresh bearer token, remembered."""
        token = uuid.uuid4().hex + uuid.uuid4().hex
        self.tokens.add(token)
        self.issued.append(token)
        return token

    def authorised(self, request: Request) -> bool:
        """True when the request carries a token this server gave."""
        auth = request.headers.get("Authorization") or ""
        return auth.startswith("Bearer ") and auth.removeprefix("Bearer ") in self.tokens

    def answer(self, request: Request) -> Answer:
        """The fault on demand, or what the API answers."""
        with self.lock:
            asked = "&".join(f"{k}={v}" for k, v in request.query.items())
            self.requests.append(f"{request.method} {request.path}?{asked}")
            fault = self._fault(request.path)
        if fault is not None and fault.kind in PLAYED_HERE:
            return _play(fault)
        if fault is not None and fault.kind == "expire":
            self.expire_tokens()
        return self.respond(request, fault)

    def respond(self, request: Request, fault: Fault | None) -> Answer:
        """What the API answers; ``fault`` is a paging fault for the subclass to play."""
        raise NotImplementedError

    def _fault(self, path: str) -> Fault | None:
        for fault in self.faults:
            if path.startswith(fault.path):
                fault.seen += 1
                if fault.after < fault.seen <= fault.after + fault.times:
                    return fault
        return None


def _play(fault: Fault) -> Answer:
    if fault.kind == "slow":
        time.sleep(3)
        return as_json(200, [])
    if fault.kind == "malformed":
        return 200, {"Content-Type": "application/json"}, b'[{"uuid": "a", '
    if fault.kind == "huge":
        return 200, {"Content-Type": "application/json"}, b"[" + b'"x",' * 600_000 + b'"x"]'
    headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
    status, hdrs, body = as_json(fault.status, {"msg": "", "response": {}})
    return status, {**hdrs, **headers}, body


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request = Request(method, parts.path, query, self.headers, body)
            status, headers, payload = server.answer(request)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            # The client may have given up (a timeout or a size cap): that is the test.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(payload)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read ``server.requests``."""

    return Handler
