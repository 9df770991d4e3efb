"""Who is asking: a bearer token, or a browser session opened by logging in with a token.

The session cookie holds a random session id, its expiry and an HMAC of both — never the token.
Neo4j keeps the session (hashed id -> token id or person, expiry), so every app process knows
it, logging out ends it everywhere, and revoking the token ends every session opened with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from api.audit import audit
from api.oidc import Provider
from api.token_store import TOKEN_PREFIX, Principal, Scope, TokenStore
from core.errors import Forbidden, TooManyAttempts, Unauthorized
from core.i18n import text
from graph import auth_store
from graph.driver import Graph
from visualise.render import render_login

COOKIE_NAME = "govgraph_session"
_bearer = HTTPBearer(auto_error=False, description="A token from `govgraph token create`.")
_cookie = APIKeyCookie(
    name=COOKIE_NAME, auto_error=False, description="The session cookie set by POST /login."
)


@dataclass(frozen=True, slots=True)
class Session:
    """A live browser session: who it is, and (after a single sign-on) the provider's hint."""

    principal: Principal
    logout_hint: str | None = None


class SessionStore:
    """Browser sessions in Neo4j: signed, expiring ids that every app process can check and end.

    The cookie's HMAC key is GOVGRAPH_SESSION_SECRET, or else a secret generated once into Neo4j
    so that every process signs alike.
    """

    def __init__(self, graph: Graph, *, secret: bytes | None, hours: float) -> None:
        self.graph = graph
        self.lifetime = int(hours * 3600)
        self._secret = secret

    @property
    def secret(self) -> bytes:
        """The key that signs the cookies."""
        if self._secret is None:
            self._secret = auth_store.shared_secret(self.graph, "session").encode()
        return self._secret

    def open(self, principal: Principal, *, logout_hint: str | None = None) -> str:
        """Start a session for this principal and return the cookie value."""
        sid = secrets.token_urlsafe(32)
        now = int(time.time())
        expires = now + self.lifetime
        auth_store.open_session(
            self.graph,
            session_id=_digest(sid),
            now=now,
            expires=expires,
            token_id=principal.token_id or None,
            name=principal.name,
            scope=principal.scope.value,
            person=principal.person,
            logout_hint=logout_hint,
        )
        return f"{sid}.{expires}.{self._sign(sid, expires)}"

    def find(self, cookie: str) -> Session | None:
        """The live session of a valid cookie; None when it ended, expired or its token went."""
        sid = self._check(cookie)
        if sid is None:
            return None
        found = auth_store.find_session(self.graph, _digest(sid), now=int(time.time()))
        if found is None:
            return None
        session, token = found
        if session.get("token_id"):  # opened with a token: as long as the token works
            if token is None or token.get("revoked_at") is not None:
                return None
            principal = Principal(
                token["name"], Scope(token["scope"]), token["id"], token["person"]
            )
            return Session(principal)
        principal = Principal(session["name"], Scope(session["scope"]), "", session["person"])
        return Session(principal, session.get("logout_hint"))

    def close(self, cookie: str) -> None:
        """End the session of this cookie, if it is one."""
        sid = self._check(cookie)
        if sid is not None:
            auth_store.close_session(self.graph, _digest(sid))

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


def _digest(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


async def current_principal(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    session: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    """The caller, from a bearer token or else a session cookie; 401 when neither is valid.

    A bearer token verified within the last seconds is taken from the store's cache on the
    event loop; anything that reads Neo4j runs in the thread pool.
    """
    tokens: TokenStore = request.app.state.tokens
    if request.headers.get("authorization"):
        if bearer and not bearer.credentials.startswith(TOKEN_PREFIX):
            return await run_in_threadpool(_provider_principal, request, bearer.credentials)
        principal = tokens.trusted(bearer.credentials) if bearer else None
        if principal is None and bearer:
            client = client_address(request)
            principal = await run_in_threadpool(tokens.verify, bearer.credentials, client=client)
        if principal is None:
            raise Unauthorized(
                "The bearer token is not valid.",
                hint="Check the token; it may have been revoked. Ask an admin for a new one.",
            )
        return principal
    if session:
        found = await run_in_threadpool(request.app.state.sessions.find, session)
        if found is not None:
            _check_same_origin(request)
            return found.principal
    raise Unauthorized(
        "This needs a token.",
        hint="Send 'Authorization: Bearer <token>', or log in at /login.",
    )


def _provider_principal(request: Request, token: str) -> Principal:
    """A machine client with an access token of the identity provider (client credentials)."""
    provider: Provider | None = getattr(request.app.state, "oidc", None)
    if provider is None:
        raise Unauthorized(
            "The bearer token is not valid.",
            hint="Send a token from `govgraph token create`; single sign-on is not set up here.",
        )
    claims, scope = provider.access_claims(token)
    name = str(claims.get("azp") or claims.get("client_id") or claims.get("sub") or "client")
    if scope is None:
        raise Forbidden(
            f"The provider's token for {name!r} is valid, but its groups grant no scope here.",
            hint="Ask IT to put the client's service account in a group that [oidc] "
            "group_scopes maps to a scope.",
        )
    return Principal(name, scope, "")


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


def require_scope(scope: Scope | str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that admits a principal whose scope includes ``scope``."""
    needed = Scope(scope)

    async def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
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


def login_page(request: Request, next_path: str = "/", error: str = "") -> str:
    """The login form, with the single sign-on button where it is set up."""
    sso = getattr(request.app.state, "oidc", None) is not None
    return render_login(safe_next(next_path), error, sso=sso)


def _both_languages(key: str, **values: object) -> str:
    """A login message in Danish and English: the form does not know the reader's language."""
    return f"{text(key, 'da', **values)} / {text(key, 'en', **values)}"


def safe_next(path: str) -> str:
    """Only a local path: never another host (no open redirect)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(
    request: Request, next: Annotated[str, Query(max_length=2000)] = "/"
) -> HTMLResponse:
    """The login form."""
    return HTMLResponse(login_page(request, next), headers={"Cache-Control": "no-store"})


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
            login_page(request, next, wait),
            status_code=e.status,
            headers={"Retry-After": str(e.retry_after)},
        )
    if principal is None:
        return HTMLResponse(
            login_page(request, next, _both_languages("login.invalid")), status_code=401
        )
    cookie = request.app.state.sessions.open(principal)
    audit(request, principal).record("login")
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, cookie)
    return response


def set_session_cookie(request: Request, response: Response, cookie: str) -> None:
    """Give the browser its session cookie: not for scripts, not for other sites."""
    response.set_cookie(
        COOKIE_NAME,
        cookie,
        max_age=request.app.state.sessions.lifetime,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def after_logout_url(request: Request) -> str:
    """Where the provider sends the browser after its logout: our login page."""
    return str(request.url.replace(path="/login", query="", fragment=""))


@router.post("/logout", include_in_schema=False)
def logout(
    request: Request, principal: Annotated[Principal, Depends(current_principal)]
) -> RedirectResponse:
    """End the browser session, and after a single sign-on the provider's session too."""
    cookie = request.cookies.get(COOKIE_NAME)
    target = "/login"
    if cookie:
        session = request.app.state.sessions.find(cookie)
        provider: Provider | None = getattr(request.app.state, "oidc", None)
        if session is not None and session.logout_hint and provider is not None:
            target = (
                provider.logout_url(id_token=session.logout_hint, after=after_logout_url(request))
                or target
            )
        request.app.state.sessions.close(cookie)
    audit(request, principal).record("logout")
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax")
    return response
