"""The headers of every answer: a content policy, no framing, no sniffing, HSTS over HTTPS.

The pages run only the app's own scripts (graph.js and vis-network from /static/pages; a graph's
data is a JSON block, which is not run) and style themselves from /static/pages, except for the
``<style>`` blocks written into the templates (the quarterly overview's print styles): those are
allowed by the hash of their text in the template, so no style the data brings in would apply.
The API docs (Swagger UI) each start with one inline script; those two pages, which hold nobody's
data, allow exactly their own inline scripts, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from visualise.render import TEMPLATES

_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


def _hash(text: bytes) -> str:
    """A CSP source allowing exactly ``text`` inline."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text).digest()).decode()}'"


def _template_styles() -> str:
    """The sources of the templates' own <style> blocks (static text: no data is in them)."""
    blocks = (
        b
        for path in sorted(TEMPLATES.glob("*.html"))
        for b in _INLINE_STYLE.findall(path.read_bytes())
    )
    return " ".join(sorted({_hash(block) for block in blocks}))


POLICY = (
    "default-src 'self'",
    f"style-src 'self' {_template_styles()}".strip(),
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
HSTS = "max-age=31536000"
# Answers that may name people or carry a session are never stored by a browser or a proxy.
NO_STORE_PREFIXES = ("/api/", "/login", "/logout")


class SecurityHeaders:
    """ASGI middleware: the security headers on every answer, errors and 413s included."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        inline_script_paths: frozenset[str],
        form_targets: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.inline_script_paths = inline_script_paths
        # Where a form's answer may redirect besides here: the identity provider's logout.
        self.policy = _with_form_targets(POLICY, form_targets)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.inline_script_paths:
            await self.app(scope, receive, _allowing_inline_scripts(scope, send, self.policy))
            return
        policy = "; ".join(("script-src 'self'", *self.policy))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_headers(message, scope, policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _with_form_targets(policy: tuple[str, ...], targets: tuple[str, ...]) -> tuple[str, ...]:
    """The policy with ``targets`` (origins) allowed as form-action besides 'self'."""
    if not targets:
        return policy
    extra = " ".join(targets)
    return tuple(f"{d} {extra}" if d.startswith("form-action ") else d for d in policy)


def _allowing_inline_scripts(scope: Scope, send: Send, policy: tuple[str, ...]) -> Send:
    """A send that holds the answer back until its body is known, to allow its scripts by hash."""
    start: Message = {}
    body = bytearray()

    async def send_when_complete(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if message["type"] != "http.response.body" or not start:
            await send(message)
            return
        body.extend(message.get("body", b""))
        if message.get("more_body", False):
            return
        hashes = " ".join(_hash(script) for script in _INLINE_SCRIPT.findall(body))
        _add_headers(start, scope, "; ".join((f"script-src 'self' {hashes}", *policy)))
        await send(start)
        await send({"type": "http.response.body", "body": bytes(body)})

    return send_when_complete


def _add_headers(message: Message, scope: Scope, policy: str) -> None:
    """Set the headers on a response's start message (a route's own choice is kept)."""
    message.setdefault("headers", [])
    headers = MutableHeaders(scope=message)
    headers.setdefault("Content-Security-Policy", policy)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    if scope.get("scheme") == "https":
        headers.setdefault("Strict-Transport-Security", HSTS)
    if scope["path"].startswith(NO_STORE_PREFIXES):
        headers["Cache-Control"] = "no-store"
