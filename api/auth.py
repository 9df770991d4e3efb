"""Who is asking: a bearer token, or a browser session opened by logging in with a token.

The session cookie holds a random session id, its expiry and an HMAC of both — never the token.
The server keeps the session (hashed id -> token id, expiry) in ``$GOVGRAPH_HOME/sessions.json``,
so logging out ends it and revoking the token ends every session opened with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from api.audit import audit
from api.token_store import Principal, Scope, TokenStore, locked_file, write_private
from core.errors import Forbidden, TooManyAttempts, Unauthorized
from core.i18n import text
from core.settings import Settings
from visualise.render import render_login

COOKIE_NAME = "govgraph_session"
_bearer = HTTPBearer(auto_error=False, description="A token from `govgraph token create`.")
_cookie = APIKeyCookie(
    name=COOKIE_NAME, auto_error=False, description="The session cookie set by POST /login."
)


def session_secret(settings: Settings) -> bytes:
    """GOVGRAPH_SESSION_SECRET, else a secret generated once into $GOVGRAPH_HOME."""
    if settings.session_secret is not None:
        return settings.session_secret.get_secret_value().encode()
    path = settings.home / "session-secret"
    with locked_file(path.with_suffix(".lock")):
        if not path.exists():
            write_private(path, secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip().encode()


class SessionStore:
    """Browser sessions: signed, expiring ids, kept server-side so they can be ended."""

    def __init__(self, home: Path, *, secret: bytes, hours: float) -> None:
        self.path = home / "sessions.json"
        self.secret = secret
        self.lifetime = int(hours * 3600)
        self._lock = threading.Lock()

    def open(self, principal: Principal) -> str:
        """Start a session for this principal and return the cookie value."""
        sid = secrets.token_urlsafe(32)
        expires = int(time.time()) + self.lifetime
        with self._lock, locked_file(self.path.with_suffix(".lock")):
            sessions = self._alive(self._read())
            sessions[_digest(sid)] = {"token_id": principal.token_id, "expires": expires}
            self._save(sessions)
        return f"{sid}.{expires}.{self._sign(sid, expires)}"

    def token_id(self, cookie: str) -> str | None:
        """The token id behind a valid, unexpired session cookie; None otherwise."""
        sid = self._check(cookie)
        if sid is None:
            return None
        entry = self._read().get(_digest(sid))
        if entry is None or int(entry["expires"]) <= time.time():
            return None
        return str(entry["token_id"])

    def close(self, cookie: str) -> None:
        """End the session of this cookie, if it is one."""
        sid = self._check(cookie)
        if sid is None:
            return
        with self._lock, locked_file(self.path.with_suffix(".lock")):
            sessions = self._alive(self._read())
            sessions.pop(_digest(sid), None)
            self._save(sessions)

    def _check(self, cookie: str) -> str | None:
        try:
            sid, expires_text, signature = cookie.split(".")
            expires = int(expires_text)
        except ValueError:
            return None
        if not hmac.compare_digest(signature, self._sign(sid, expires)):
            return None
        return sid if expires > time.time() else None

    def _sign(self, sid: str, expires: int) -> str:
        mac = hmac.new(self.secret, f"{sid}.{expires}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def _read(self) -> dict[str, dict[str, int | str]]:
        try:
            return dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError):
            return {}

    def _save(self, sessions: dict[str, dict[str, int | str]]) -> None:
        write_private(self.path, json.dumps(sessions))

    @staticmethod
    def _alive(sessions: dict[str, dict[str, int | str]]) -> dict[str, dict[str, int | str]]:
        now = time.time()
        return {k: v for k, v in sessions.items() if int(v["expires"]) > now}


def _digest(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def current_principal(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    session: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    """The caller, from a bearer token or else a session cookie; 401 when neither is valid."""
    tokens: TokenStore = request.app.state.tokens
    if request.headers.get("authorization"):
        principal = (
            tokens.verify(bearer.credentials, client=client_address(request)) if bearer else None
        )
        if principal is None:
            raise Unauthorized(
                "The bearer token is not valid.",
                hint="Check the token; it may have been revoked. Ask an admin for a new one.",
            )
        return principal
    if session:
        token_id = request.app.state.sessions.token_id(session)
        principal = tokens.principal(token_id) if token_id else None
        if principal is not None:
            _check_same_origin(request)
            return principal
    raise Unauthorized(
        "This needs a token.",
        hint="Send 'Authorization: Bearer <token>', or log in at /login.",
    )


def client_address(request: Request) -> str:
    """The client's address: the peer's, or a trusted proxy's X-Forwarded-For (see api.app)."""
    return request.client.host if request.client else ""


def _check_same_origin(request: Request) -> None:
    """A cookie-borne change must come from our own pages (SameSite=Lax is the first guard)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    source = request.headers.get("origin") or request.headers.get("referer")
    if source and urlsplit(source).netloc != request.headers.get("host"):
        raise Forbidden(
            "A request from another site cannot use this session.",
            hint="Use the pages of this server, or send a bearer token.",
        )


def require_scope(scope: Scope | str) -> Callable[[Principal], Principal]:
    """A dependency that admits a principal whose scope includes ``scope``."""
    needed = Scope(scope)

    def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.scope.allows(needed):
            raise Forbidden(
                f"This needs the {needed} scope; the token {principal.name!r} has "
                f"{principal.scope}.",
                hint="Ask an admin for a token with a larger scope.",
            )
        return principal

    check.__name__ = f"require_{needed}"
    return check


router = APIRouter(tags=["login"])


def login_page(next_path: str = "/", error: str = "") -> str:
    """The login form (the pages may restyle it)."""
    return render_login(_safe_next(next_path), error)


def _both_languages(key: str, **values: object) -> str:
    """A login message in Danish and English: the form does not know the reader's language."""
    return f"{text(key, 'da', **values)} / {text(key, 'en', **values)}"


def _safe_next(path: str) -> str:
    """Only a local path: never another host (no open redirect)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(next: Annotated[str, Query(max_length=2000)] = "/") -> HTMLResponse:
    """The login form."""
    return HTMLResponse(login_page(next), headers={"Cache-Control": "no-store"})


@router.post("/login", include_in_schema=False, response_model=None)
def login(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> HTMLResponse | RedirectResponse:
    """Exchange a token for a session cookie."""
    _check_same_origin(request)  # a login from another site would plant its own session
    tokens: TokenStore = request.app.state.tokens
    try:
        principal = tokens.verify(token.strip(), client=client_address(request))
    except TooManyAttempts as e:
        wait = _both_languages("login.too_many", seconds=e.retry_after)
        return HTMLResponse(
            login_page(next, wait),
            status_code=e.status,
            headers={"Retry-After": str(e.retry_after)},
        )
    if principal is None:
        return HTMLResponse(login_page(next, _both_languages("login.invalid")), status_code=401)
    cookie = request.app.state.sessions.open(principal)
    audit(request, principal).record("login")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        cookie,
        max_age=request.app.state.sessions.lifetime,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout", include_in_schema=False)
def logout(
    request: Request, principal: Annotated[Principal, Depends(current_principal)]
) -> RedirectResponse:
    """End the browser session."""
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie:
        request.app.state.sessions.close(cookie)
    audit(request, principal).record("logout")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax")
    return response
