"""A ceiling on every request body, enforced as the bytes arrive, before anything buffers them.

A declared Content-Length over the limit is answered 413 at once, without reading a byte. A body
without one (chunked) is counted as the app receives it: the moment it passes the limit the
client gets 413 and the connection is closed, the app is told the client has gone, and whatever
the app still answers is dropped. Uploads count the same way, with their own, larger, limit.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from api.outbox import Outbox
from core.errors import TooLarge

KB = 1024
MB = 1024 * KB
# The login form holds a token and a path: a few hundred bytes.
LOGIN_BODY = 16 * KB
# A form's framing (boundaries, part headers) comes on top of the content the limit is about;
# the import endpoint still checks the uploaded file's own size exactly.
FRAMING = 64 * KB


class BodyLimit:
    """ASGI middleware: 413 for a body over ``default`` bytes, or over its path's own limit.

    ``uploads`` limit the file a form carries: its framing may come on top.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        default: int,
        paths: Mapping[str, int],
        uploads: Mapping[str, int],
    ) -> None:
        self.app = app
        self.default = default
        self.paths = dict(paths)
        self.uploads = dict(uploads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path in self.uploads:
            limit = self.uploads[path]
            ceiling = limit + FRAMING
        else:
            limit = ceiling = self.paths.get(path, self.default)
        declared = _content_length(scope)
        if declared is not None and declared > ceiling:
            await _too_large(limit)(scope, receive, send)
            return
        received = 0
        outbox = Outbox(send)  # closed once the 413 is out: the app's answer must not follow

        async def counting_receive() -> Message:
            nonlocal received
            if outbox.closed or received > ceiling:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > ceiling:
                    if not outbox.began:
                        outbox.closed = True
                        await _too_large(limit)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, counting_receive, outbox)


def _content_length(scope: Scope) -> int | None:
    """The declared body size; None when there is none (or it is not a number)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _too_large(limit: int) -> JSONResponse:
    """The 413 in the error shape; the connection closes so the rest of the body is not read."""
    size = f"{limit // MB} MB" if limit >= MB and limit % MB == 0 else f"{limit // KB} KB"
    error = TooLarge(f"The request body is larger than {size}.", hint="Send a smaller body.")
    return error_response(error.status, error.code, str(error), headers={"Connection": "close"})
