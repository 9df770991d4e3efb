"""Reading a live source over HTTP: patient with a busy server, strict about what it believes.

Every request has a timeout; 429 waits as long as ``Retry-After`` says (up to a limit), 500, 502,
503 and 504 are retried with a doubling pause, then the sync fails. A response is read as a
stream and refused once it grows past the configured size; it must be JSON. Every message this
module writes names the source and the path, never a header, a token or a password: the
secrets it is given are blanked out of any text that leaves it, as a second line of defence.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from core.errors import SyncFailed
from core.settings import LiveSourceSettings

log = logging.getLogger("govgraph.sync")
RETRIED = frozenset({500, 502, 503, 504})
MB = 1024 * 1024


class Refused(Exception):
    """The server answered 4xx (other than 429); the caller knows what it means for its source."""

    def __init__(self, status: int, path: str) -> None:
        super().__init__(f"{status} on {path}")
        self.status = status
        self.path = path


@dataclass(slots=True)
class LiveHttp:
    """One source's HTTP connection, its limits, and the secrets no message may contain."""

    source: str  # "KITOS", "OS2mo": how messages name it
    base_url: str
    limits: LiveSourceSettings
    secrets: list[str] = field(default_factory=list)
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    _client: httpx.Client | None = None
    # Several requests may be under way at once (each from its own thread); httpx's client
    # is thread-safe, the count is kept under this lock.
    _count: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __enter__(self) -> LiveHttp:
        self._client = httpx.Client(
            base_url=self.base_url.rstrip("/") + "/",
            timeout=self.limits.timeout,
            transport=self.transport,
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "govgraph-sync"},
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """Send one request (retried as the module says) and return its JSON body."""
        assert self._client is not None, "use LiveHttp as a context manager"
        pause = self.limits.backoff
        attempt = 0
        while True:
            attempt += 1
            status, body, retry_after = self._send(method, path, params, json_body, form, headers)
            if status < 300:
                return self._json(body, path)
            if status == 429 or status in RETRIED:
                if attempt > self.limits.retries:
                    raise self.failed(
                        f"{self.source} answered {status} to {path} {attempt} times in a row.",
                        hint=f"{self.source} is busy or down; the sync tries again at its next "
                        "turn, or run it again later.",
                    )
                wait = pause if retry_after is None else retry_after
                if wait > self.limits.max_retry_after:
                    raise self.failed(
                        f"{self.source} asked to wait {wait:.0f} s before asking again "
                        f"(more than max_retry_after, {self.limits.max_retry_after:.0f} s).",
                        hint="Run the sync again later.",
                    )
                log.info("%s answered %s to %s; again in %.1f s", self.source, status, path, wait)
                self.sleep(wait)
                pause *= 2
                continue
            if status in (301, 302, 303, 307, 308):
                raise self.failed(
                    f"{self.source} redirected {path} elsewhere.",
                    hint="Check base_url: give the address the API answers at (https://...).",
                )
            raise Refused(status, path)

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        json_body: Any,
        form: dict[str, str] | None,
        headers: dict[str, str] | None,
    ) -> tuple[int, bytes, float | None]:
        assert self._client is not None
        cap = int(self.limits.max_response_mb * MB)
        with self._count:
            self.requests += 1
        try:
            with self._client.stream(
                method, path, params=params, json=json_body, data=form, headers=headers
            ) as response:
                length = response.headers.get("content-length")
                if length and length.isdigit() and int(length) > cap:
                    raise self._too_large(path)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise self._too_large(path)
                    chunks.append(chunk)
                return response.status_code, b"".join(chunks), _retry_after(response)
        except httpx.TimeoutException as e:
            raise self.failed(
                f"{self.source} did not answer {path} within {self.limits.timeout:.0f} s.",
                hint=f"{self.source} may be slow or down; run the sync again later, or raise "
                "the timeout in the settings.",
            ) from e
        except httpx.HTTPError as e:
            raise self.failed(
                f"{self.source} could not be reached at {self.base_url} ({type(e).__name__}).",
                hint="Check base_url and that this machine may reach it (proxy, firewall).",
            ) from e

    def _too_large(self, path: str) -> SyncFailed:
        return self.failed(
            f"{self.source}'s answer to {path} is larger than {self.limits.max_response_mb:g} MB.",
            hint="Raise max_response_mb if the organisation really is this large.",
        )

    def _json(self, body: bytes, path: str) -> Any:
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise self.failed(
                f"{self.source}'s answer to {path} is not valid JSON.",
                hint=f"{self.source} may be in maintenance or behind a login page; "
                "run the sync again later.",
            ) from e

    def failed(self, message: str, *, hint: str = "") -> SyncFailed:
        """A SyncFailed whose texts hold none of the secrets."""
        return SyncFailed(
            blank(message, self.secrets), hint=blank(hint, self.secrets) + " Nothing was written."
        )


def blank(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (of four characters or more) replaced by ***."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def read_secret(path: Any, *, setting: str) -> str:
    """The secret in the file ``path`` (one line); a clear error when it cannot be read."""
    if path is None:
        raise SyncFailed(
            f"{setting} is not set.",
            hint=f"Give {setting} a file that holds only the secret (see README, 'Live sync').",
        )
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise SyncFailed(
            f"The file {path} named by {setting} cannot be read ({e.strerror or 'error'}).",
            hint="Check the path and that govgraph's user may read it.",
        ) from e
    if not secret:
        raise SyncFailed(
            f"The file {path} named by {setting} is empty.", hint="Put the secret in it."
        )
    return secret


def require(settings: Any, section: str, names: tuple[str, ...]) -> dict[str, Any]:
    """The named settings of ``[section]``; SyncFailed naming those that are not set."""
    values = {name: getattr(settings, name) for name in names}
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise SyncFailed(
            f"[{section}] {', '.join(missing)} not set.",
            hint="Set them in the configuration file (see README, 'Live sync').",
        )
    return values
