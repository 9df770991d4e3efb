"""A bounded HTTP load on loopback: a few clients, each with a timeout, recording every answer."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

PAUSE = 0.05  # between one client's requests: a steady load, not a flood


@dataclass(frozen=True, slots=True)
class Answer:
    """One request: when it started (seconds into the load), what came back, how long it took."""

    at: float
    path: str
    seconds: float
    status: int | None  # None: no HTTP answer (timeout or connection error)
    kind: str  # "ok", the error shape's code, "timeout", "connection-error", "bad-shape"
    body: str = ""  # the body of an error answer
    retry_after: str | None = None

    @property
    def ended(self) -> float:
        """When the answer came (or the request gave up), in seconds into the load."""
        return self.at + self.seconds

    @property
    def ok(self) -> bool:
        """True for a 2xx answer."""
        return self.status is not None and 200 <= self.status < 300


@dataclass(slots=True)
class Load:
    """Clients that request ``paths`` round-robin until stopped."""

    base: str
    paths: Sequence[str]
    headers: dict[str, str] = field(default_factory=dict)
    clients: int = 4
    timeout: float = 20.0
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _began: float = 0.0

    def start(self) -> Load:
        """Start the clients."""
        self._began = time.monotonic()
        for n in range(self.clients):
            thread = threading.Thread(target=self._client, args=(n,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> list[Answer]:
        """Stop the clients (each finishes its request) and return every answer."""
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout + 5)
        return self.answers

    def since(self, moment: float) -> list[Answer]:
        """The answers to requests started at or after ``moment`` (seconds into the load)."""
        with self._lock:
            return [a for a in self.answers if a.at >= moment]

    @property
    def elapsed(self) -> float:
        """Seconds since the load started."""
        return time.monotonic() - self._began

    def _client(self, n: int) -> None:
        with httpx.Client(base_url=self.base, headers=self.headers, timeout=self.timeout) as http:
            i = n
            while not self._stop.is_set():
                answer = self._request(http, self.paths[i % len(self.paths)])
                with self._lock:
                    self.answers.append(answer)
                i += 1
                self._stop.wait(PAUSE)

    def _request(self, http: httpx.Client, path: str) -> Answer:
        at = self.elapsed
        began = time.monotonic()
        try:
            response = http.get(path)
        except httpx.TimeoutException:
            return Answer(at, path, time.monotonic() - began, None, "timeout")
        except httpx.TransportError as e:
            return Answer(at, path, time.monotonic() - began, None, f"connection-error: {e}")
        seconds = time.monotonic() - began
        if response.is_success:
            return Answer(at, path, seconds, response.status_code, "ok")
        return Answer(
            at,
            path,
            seconds,
            response.status_code,
            error_kind(response),
            response.text[:2000],
            response.headers.get("retry-after"),
        )


def error_kind(response: httpx.Response) -> str:
    """ "<status> <code>" of the API's error shape (or of /health's answer), else "bad-shape"."""
    try:
        body = response.json()
        if body == {"neo4j": "down"}:
            return f"{response.status_code} neo4j-down"
        error = body["error"]
        if isinstance(error, dict) and {"code", "message", "details"} <= set(error):
            return f"{response.status_code} {error['code']}"
    except (ValueError, KeyError, TypeError):
        pass
    return "bad-shape"


def kinds(answers: Sequence[Answer]) -> Counter[str]:
    """How many answers of each kind."""
    return Counter(a.kind for a in answers)
