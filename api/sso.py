"""Single sign-on for the pages: the OpenID Connect authorization code flow with PKCE.

``GET /login/sso`` keeps the login under way in Neo4j (PKCE verifier, nonce, where to go after;
ten minutes) and sends the browser to the provider; ``GET /login/sso/callback`` may arrive at
any app process, takes that record once, checks that the same browser started it, lets Authlib
exchange the code and joserfc check the ID token, maps the user's groups to a scope and their
e-mail to a Person, and opens a session. Logging out of such a session also ends it at the
provider (RP-initiated logout).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.audit import AuditEntry
from api.auth import after_logout_url, client_address, safe_next, set_session_cookie
from api.oidc import Provider
from api.token_store import Principal
from core.errors import NotFound, Unauthorized
from graph import auth_store
from graph.person_lookup import person_for_login
from visualise.render import render_no_access

BROWSER_COOKIE = "govgraph_sso"
LOGIN_SECONDS = 600
CALLBACK = "/login/sso/callback"

router = APIRouter(tags=["login"])


def provider(request: Request) -> Provider:
    """The configured provider; 404 where single sign-on is not set up."""
    found: Provider | None = getattr(request.app.state, "oidc", None)
    if found is None:
        raise NotFound(
            "Single sign-on is not set up here.",
            hint="Log in with a token, or ask IT to set [oidc] in govgraph's settings.",
        )
    return found


def _callback_url(request: Request) -> str:
    """This app's callback, as the browser reaches it (behind a trusted proxy: its scheme/host)."""
    return str(request.url.replace(path=CALLBACK, query="", fragment=""))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@router.get("/login/sso", include_in_schema=False)
def sso_start(
    request: Request, next: Annotated[str, Query(max_length=2000)] = "/min-rolle"
) -> RedirectResponse:
    """Send the browser to the identity provider's login."""
    sso = provider(request)
    state, nonce, browser = (secrets.token_urlsafe(32) for _ in range(3))
    verifier = secrets.token_urlsafe(64)  # PKCE: 86 characters, within RFC 7636's 43..128
    now = int(time.time())
    auth_store.begin_login(
        request.app.state.graph,
        login_id=_digest(state),
        browser=_digest(browser),
        verifier=verifier,
        nonce=nonce,
        next_path=safe_next(next),
        now=now,
        expires=now + LOGIN_SECONDS,
    )
    url = sso.authorization_url(
        redirect_uri=_callback_url(request), state=state, nonce=nonce, verifier=verifier
    )
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        BROWSER_COOKIE,
        browser,
        max_age=LOGIN_SECONDS,
        httponly=True,
        samesite="lax",  # sent on the provider's top-level redirect back to us
        secure=request.url.scheme == "https",
        path="/login/sso",
    )
    return response


@router.get("/login/sso/callback", include_in_schema=False, response_model=None)
def sso_callback(
    request: Request,
    state: Annotated[str, Query(max_length=200)] = "",
    code: Annotated[str, Query(max_length=4000)] = "",
    error: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The provider sends the browser back here with a code: open a session."""
    sso = provider(request)
    pending = auth_store.take_login(request.app.state.graph, _digest(state)) if state else None
    browser = request.cookies.get(BROWSER_COOKIE, "")
    if (
        error
        or not code
        or pending is None
        or pending["expires"] <= time.time()
        or not secrets.compare_digest(pending["browser"], _digest(browser))
    ):
        raise Unauthorized(
            "This login could not be completed.",
            hint="Start again from the login page; a login must finish within ten minutes, "
            "in the browser that started it.",
        )
    login = sso.finish(
        code=code,
        redirect_uri=_callback_url(request),
        verifier=pending["verifier"],
        nonce=pending["nonce"],
    )
    person = person_for_login(request.app.state.graph, login.name)
    if login.scope is None:
        request.app.state.audit.record(
            AuditEntry(
                at=_now(),
                who=login.name,
                scope="none",
                actor=person,
                action="login.refused",
                method=request.method,
                path=request.url.path,
                details={"groups": list(login.groups), "client": client_address(request)},
            )
        )
        logout = sso.logout_url(id_token=login.id_token, after=_after_logout(request))
        response: Response = HTMLResponse(
            render_no_access(login.name, logout or "/login"), status_code=403
        )
    else:
        principal = Principal(login.name, login.scope, "", person)
        cookie = request.app.state.sessions.open(principal, logout_hint=login.id_token)
        request.app.state.audit.record(
            AuditEntry(
                at=_now(),
                who=principal.name,
                scope=principal.scope,
                actor=person,
                action="login",
                method=request.method,
                path=request.url.path,
                details={"via": "sso", "groups": list(login.groups)},
            )
        )
        response = RedirectResponse(pending["next"], status_code=303)
        set_session_cookie(request, response, cookie)
    response.delete_cookie(BROWSER_COOKIE, path="/login/sso", httponly=True, samesite="lax")
    response.headers["Cache-Control"] = "no-store"
    return response


def _after_logout(request: Request) -> str:
    return after_logout_url(request)


def _now() -> datetime:
    return datetime.now(UTC)
