"""One JSON error shape for everything: ``{"error": {"code", "message", "details"}}``.

No response and no log line carries a stack trace, a token or a CPR number: server errors get
an incident id, and their log line names only the exception type and its redacted message.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import (
    DatabaseUnavailable,
    GovgraphError,
    LocalDatabaseError,
    TooManyRequests,
    Unauthorized,
)
from core.privacy import redact

log = logging.getLogger("govgraph.api")
RETRY_AFTER_SECONDS = 5
# The name of a log record's attribute holding the one secret a development log may show.
DEVELOPMENT_SECRET = "development_secret"
_HTTP_CODES = {404: "not-found", 405: "method-not-allowed", 413: "too-large"}
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The error shape, with CPR-like text blanked out of the message."""
    body = {"error": {"code": code, "message": redact(message), "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)


async def govgraph_error(request: Request, exc: Exception) -> Response:
    """Any GovgraphError: its own status, code and message."""
    assert isinstance(exc, GovgraphError)
    if isinstance(exc, Unauthorized) and _wants_page(request):
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)
    headers: dict[str, str] = {}
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, DatabaseUnavailable | LocalDatabaseError):
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if isinstance(exc, TooManyRequests):
        headers["Retry-After"] = str(exc.retry_after)
    if exc.status >= 500:
        # Server-side details (log lines, driver text) stay on the server.
        log.warning("%s %s -> %s: %s", request.method, request.url.path, exc.code, redact(str(exc)))
        return error_response(exc.status, exc.code, str(exc), headers=headers)
    details = exc.details
    if isinstance(details, list):
        details = [redact(d) if isinstance(d, str) else d for d in details]
    return error_response(exc.status, exc.code, str(exc), details, headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    """Bad parameters or body: 422 naming each field; the offending input is not echoed."""
    assert isinstance(exc, RequestValidationError)
    details = [
        {
            "location": [str(p) for p in err.get("loc", ())],
            "message": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]
    fields = ", ".join(".".join(d["location"][1:] or d["location"]) for d in details)
    return error_response(
        422, "invalid-input", f"The request is not valid: check {fields or 'its body'}.", details
    )


async def http_error(request: Request, exc: Exception) -> Response:
    """Routing errors (unknown path, wrong method) in the same shape."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:  # FastAPI's "error parsing the body": a bad request body
        return error_response(
            422, "invalid-input", "The request body cannot be read: send valid UTF-8 JSON."
        )
    code = _HTTP_CODES.get(exc.status_code, "http-error")
    message = "No such endpoint." if exc.status_code == 404 else str(exc.detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return error_response(exc.status_code, code, message, headers=headers)


def _allowed_methods(request: Request) -> str:
    """Every method a route of this path answers: Starlette's 405 names only the first route's.

    A path that a route names literally (``/api/decisions/preview``) is that route's resource,
    not also a value of a sibling's parameter (``/api/decisions/{key}``).
    """
    literal = {
        method
        for route in iter_route_contexts(request.app.router.routes)
        if route.path == request.url.path and "{" not in route.path
        for method in route.methods or ()
    }
    if literal:
        return ", ".join(method for method in _METHODS if method in literal)
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    )


class CatchUnexpected:
    """ASGI middleware: answer anything unforeseen here, so no server logs a traceback for it.

    Plain ASGI, not ``@app.middleware("http")``: Starlette's ``BaseHTTPMiddleware`` runs the
    app in a task of its own and streams its answer through a queue, which cost every request
    about 0.13 ms (a quarter of what the app itself adds to a request that finds no route).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = False

        async def watched(message: Message) -> None:
            nonlocal began
            began = began or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            if began:  # too late for another answer: the server ends the connection
                raise
            await unexpected_error(Request(scope), exc)(scope, receive, send)


def unexpected_error(request: Request, exc: Exception) -> Response:
    """Anything unforeseen: 500 with an incident id; the log names the type, never a trace."""
    incident = secrets.token_hex(6)
    log.error(
        "incident %s: %s %s raised %s: %s",
        incident, request.method, request.url.path, type(exc).__name__, redact(str(exc)),
    )  # fmt: skip
    return error_response(
        500,
        "internal-error",
        f"An unexpected error occurred (incident {incident}). Report the incident id.",
    )


def install(app: FastAPI) -> None:
    """Register the handlers on the app (``CatchUnexpected`` is a middleware, see create_app)."""
    app.add_exception_handler(GovgraphError, govgraph_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)


def _wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API) is sent to the login form instead."""
    path = request.url.path
    return not path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


class RedactingFilter(logging.Filter):
    """Blank CPR-like numbers and token secrets out of every log record (e.g. access logs).

    One exception, for local development only: a filter made with
    ``reveal_development_secret=True`` leaves alone the secret a record names in its
    ``development_secret`` attribute (the admin token the app creates there, see api.app).
    """

    def __init__(self, name: str = "", *, reveal_development_secret: bool = False) -> None:
        super().__init__(name)
        self.reveal_development_secret = reveal_development_secret

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message and arguments in place; never drop it."""
        kept = getattr(record, DEVELOPMENT_SECRET, None) if self.reveal_development_secret else None

        def clean(value: object) -> object:
            return redact(value) if isinstance(value, str) and value != kept else value

        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            # Formatters such as uvicorn's access log unpack the arguments: keep their shape.
            record.args = tuple(clean(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: clean(v) for k, v in record.args.items()}
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
