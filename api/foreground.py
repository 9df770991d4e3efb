"""Requests count as foreground while they are answered, so that background work (the app's
warm-up) gives way to them (``graph.priority``)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from graph.priority import FOREGROUND

# What needs no database work, or is asked all the time by a load balancer: not counted.
NOT_COUNTED = ("/health", "/static/")


class CountRequests:
    """ASGI middleware: a request counts as foreground from its start to its answer's end."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(NOT_COUNTED):
            await self.app(scope, receive, send)
            return
        with FOREGROUND.request():
            await self.app(scope, receive, send)
