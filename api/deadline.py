"""A deadline on reads: a request that Neo4j leaves unanswered gets 503 instead of hanging.

The driver cannot bound that wait itself: after the handshake it reads without a timeout of its
own (only the server's ``connection.recv_timeout_seconds`` hint sets one: 120 s on Neo4j 5), and a
Neo4j starting again after a crash takes Bolt connections while its first answers still need many
seconds each, a frozen or overloaded one none at all. So a read's work runs in
a task of its own; when its response has not begun by the deadline, the client gets 503
``database-unavailable`` with Retry-After, and the work is abandoned, not cancelled (cancelling
would hand its worker-thread slot back while the thread still waits in the driver). Abandoned
work ends when the driver gives up; while ``max_abandoned`` of it is still running, further reads
are refused at once, so waiting work cannot pile up.

Only reads are guarded — GET and HEAD of the API, /health and the pages (which answer with an
error page), and the read-only POST /api/cypher — not the static files, the docs or the login,
and never a write: a write cut off here would still commit after its client was told it failed.
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import RETRY_AFTER_SECONDS, error_response
from api.outbox import Outbox
from core.errors import DatabaseUnavailable
from core.privacy import redact
from graph.driver import UNAVAILABLE_HINT
from visualise.render import error_page

log = logging.getLogger("govgraph.api")
GUARDED_METHODS = frozenset({"GET", "HEAD"})
# Reads that never wait on Neo4j.
UNGUARDED_PREFIXES = ("/static/", "/docs", "/openapi.json", "/login", "/logout")
# A POST that only reads: the ad-hoc Cypher runs in a read transaction (and has its own, shorter,
# server-side timeout for slow queries; this deadline is for a Neo4j that does not answer).
READ_ONLY_POSTS = frozenset({"/api/cypher"})
# anyio runs sync endpoints on at most 40 threads: leave half for requests that can answer.
MAX_ABANDONED = 20


class ReadDeadline:
    """ASGI middleware: answer a read 503 when its response has not begun within ``seconds``."""

    def __init__(self, app: ASGIApp, *, seconds: float, max_abandoned: int = MAX_ABANDONED) -> None:
        self.app = app
        self.seconds = seconds
        self.max_abandoned = max_abandoned
        self.abandoned: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _guarded(scope):
            await self.app(scope, receive, send)
            return
        if len(self.abandoned) >= self.max_abandoned:
            message = f"Neo4j has left {len(self.abandoned)} requests unanswered."
            await _unavailable(scope, message)(scope, receive, send)
            return
        outbox = Outbox(send)

        async def respond() -> None:
            await self.app(scope, receive, outbox)

        work = asyncio.create_task(respond())
        try:
            await asyncio.wait({work}, timeout=self.seconds)
        except asyncio.CancelledError:
            work.cancel()
            raise
        if work.done() or outbox.began:  # a response that has begun ends, however long it takes
            await work
            return
        outbox.closed = True
        self.abandoned.add(work)
        work.add_done_callback(self._forget)
        message = f"Neo4j did not answer within {self.seconds:g} s."
        await _unavailable(scope, message)(scope, receive, send)

    def _forget(self, work: asyncio.Task[None]) -> None:
        """An abandoned request has ended: free its place; its outcome reached no one."""
        self.abandoned.discard(work)
        if not work.cancelled() and (error := work.exception()) is not None:
            log.warning(
                "an abandoned request ended with %s: %s", type(error).__name__, redact(str(error))
            )


def _guarded(scope: Scope) -> bool:
    """True for reads that may wait on Neo4j and are safe to drop: API, /health and pages."""
    if scope["type"] != "http":
        return False
    path: str = scope["path"]
    if scope["method"] == "POST":
        return path in READ_ONLY_POSTS
    return scope["method"] in GUARDED_METHODS and not path.startswith(UNGUARDED_PREFIXES)


def _unavailable(scope: Scope, message: str) -> Response:
    """The 503 of a read cut off: /health's own shape there, the error shape elsewhere."""
    log.warning(
        "%s %s -> %s: %s", scope["method"], scope["path"], DatabaseUnavailable.code, message
    )
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if scope["path"] == "/health":
        return JSONResponse({"neo4j": "down"}, status_code=503, headers=headers)
    hint = UNAVAILABLE_HINT
    if not scope["path"].startswith("/api/"):  # a page: the error page, in the reader's language
        return error_page(Request(scope), DatabaseUnavailable(message, hint=hint))
    return error_response(
        DatabaseUnavailable.status, DatabaseUnavailable.code, f"{message} {hint}", headers=headers
    )
