"""The FastAPI app: one Graph for its lifetime, one router per resource, one error shape."""

from __future__ import annotations

import contextlib
import logging
import math
import os
import threading
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api import errors
from api.audit import AuditLog
from api.auth import SessionStore
from api.auth import router as login_router
from api.body_limit import KB, LOGIN_BODY, MB, BodyLimit
from api.deadline import ReadDeadline
from api.errors import DEVELOPMENT_SECRET
from api.foreground import CountRequests
from api.headers import SecurityHeaders
from api.legacy_files import import_legacy_files
from api.limits import PerTokenLimit
from api.oidc import Provider
from api.routers import (
    campaigns,
    changes,
    cypher,
    decision_pages,
    decisions,
    gaps,
    governance,
    handover,
    handover_pages,
    health,
    history,
    imports,
    pages,
    people,
    register,
    relationships,
    reports,
    sync,
    systems,
    tokens,
    units,
)
from api.routers.common import ERRORS
from api.sso import router as sso_router
from api.throttle import FailureLimiter
from api.token_store import Scope, TokenStore
from core.errors import DatabaseUnavailable, GovgraphError, NotFound
from core.settings import Settings
from graph.driver import Graph
from graph.handover import held_roles, person_info
from graph.leases import acquire, release
from graph.person_lookup import resolve_person
from graph.priority import FOREGROUND
from graph.rules import NOBODY, Entity, evaluate
from graph.successors import find_successors, plan_candidate_reads
from graph.whatif import departure_rules, what_if

log = logging.getLogger("govgraph.api")
DEV_TOKEN_NAME = "local-admin"
DOCS_URL = "/docs"
API_ROUTERS = (
    people.router,
    systems.router,
    units.router,
    governance.router,
    relationships.router,
    gaps.router,
    handover.router,
    handover_pages.router,
    cypher.router,
    imports.router,
    tokens.router,
    reports.router,
    decisions.router,
    history.router,
    register.router,
    sync.router,
    campaigns.router,
    changes.router,
)


def _warm_up(graph: Graph, settings: Settings, holder: str) -> None:
    """Plan the queries the first requests run before the first user asks, in the order they are
    most likely asked: the gap catalogue, then a handover (its what-if and successor queries).

    Runs in a thread of its own: /health answers at once. A request for the catalogue that comes
    meanwhile shares the warm-up's run of it (``graph.rules.SingleFlight``); for any other
    request the warm-up gives way: it starts no step and no rule while one is being answered
    (``graph.priority``). Planning, a cold JVM and a cold page cache are what make a first
    request slow; these runs pay for all three. With several app processes one of them warms
    up, under a lease: plans and the page cache are Neo4j's.
    """
    if os.environ.get("GOVGRAPH_WARM_UP", "on") == "off":  # the benchmark's "without" figure
        return
    # When the database is not there yet, the first request will say so.
    with contextlib.suppress(GovgraphError):
        # Plans and the page cache are Neo4j's, shared by every app process: one warms them.
        if not acquire(graph, WARM_UP_LEASE, holder=holder, now=_now(), ttl=WARM_UP_TTL):
            log.info("warm-up left to another app process")
            return
        try:
            _plan_first_queries(graph, settings)
        finally:
            release(graph, WARM_UP_LEASE, holder=holder, now=_now())


WARM_UP_LEASE = "warm-up"
WARM_UP_TTL = timedelta(minutes=10)
WARM_UP_STOP_WAIT = 30.0  # seconds an app that stops waits for its warm-up to end


def _now() -> datetime:
    return datetime.now(UTC)


def _plan_first_queries(graph: Graph, settings: Settings) -> None:
    """The gap catalogue, then a handover's reads, what-if and successor queries, nobody leaving.

    Neo4j plans a statement once for each size of its string and list parameters rounded up to
    a power of ten (0, 1, 10, 100, ...): the one leaving has a key as long as a person's, and the
    what-if's rules are planned for as many subjects as a handover looks at.
    """
    today = date.today()
    began = time.perf_counter()
    # Each step, and each rule of the catalogue (as background work), waits while a request is
    # being answered.
    wait = FOREGROUND.give_way
    evaluate(graph, as_of=today, params=settings.rules)
    targets = graph.query(_ANY_TARGETS)[0]["targets"]
    nobody = NOBODY * len(targets.pop("Person") or NOBODY)
    # What the handover route reads, and its what-if; a decision's preview (focused on nobody).
    wait()
    with contextlib.suppress(NotFound):
        resolve_person(graph, nobody)
    with contextlib.suppress(NotFound):
        person_info(graph, nobody, as_of=today)
    held_roles(graph, nobody, as_of=today)
    wait()
    what_if(graph, as_of=today, leaving=[nobody], params=settings.rules)
    wait()
    evaluate(graph, as_of=today, params=settings.rules, focus=[NOBODY])
    # The successor queries for one target of each kind (nobody leaving, nobody shown), and the
    # read of a system's candidates for as many as a handover ranks.
    roles = {"System": "systemejer", "Forum": "medlem", "OrgUnit": "kontorleder"}
    for label, target in targets.items():
        if target is not None:
            wait()
            find_successors(
                graph,
                nobody,
                [(roles.get(label, target), Entity(label=label, key=target))],
                as_of=today,
                settings=settings.rules,
            )
    if targets["System"] is not None:
        wait()
        plan_candidate_reads(
            graph, nobody, Entity(label="System", key=targets["System"]), as_of=today
        )
    # The what-if's rules for each size of focus Neo4j plans apart: a typical holder's handover
    # looks at one system and tens of people (the busiest's hundreds are planned when asked).
    departure = [r.id for r in departure_rules()]
    for size in WHAT_IF_SIZES:
        focus = [f"{nobody}{i}" for i in range(size)]
        wait()
        evaluate(graph, as_of=today, params=settings.rules, rule_ids=departure, focus=focus)
    log.info("warm-up done in %.1f s", time.perf_counter() - began)


# The sizes of a what-if's focus planned ahead, one per size Neo4j plans apart.
WHAT_IF_SIZES = (1, 10, 100)
# One key of each kind of target a handover vacates, and a person's key (only its length used).
_ANY_TARGETS = (
    "RETURN {System: COLLECT { MATCH (x:System) RETURN x.key LIMIT 1 }[0], "
    "Forum: COLLECT { MATCH (x:Forum) RETURN x.key LIMIT 1 }[0], "
    "Role: COLLECT { MATCH (x:Role) RETURN x.key LIMIT 1 }[0], "
    "OrgUnit: COLLECT { MATCH (x:OrgUnit) RETURN x.key LIMIT 1 }[0], "
    "Person: COLLECT { MATCH (x:Person) RETURN x.key LIMIT 1 }[0]} AS targets"
)


def create_app(settings: Settings) -> FastAPI:
    """Build the app for these settings; Neo4j is connected while it runs (its lifespan)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.graph = graph = Graph.from_settings(settings, retry_seconds=1.0)
        _open_stores(app, graph, settings)
        holder = f"{os.getpid()}:{uuid.uuid4()}"  # of the warm-up's lease
        warm_up = threading.Thread(target=_warm_up, args=(graph, settings, holder), daemon=True)
        try:
            _start_stores(app, settings)
            if settings.env != "test":
                warm_up.start()
            yield
        finally:
            if warm_up.is_alive():
                warm_up.join(timeout=WARM_UP_STOP_WAIT)
            if warm_up.is_alive():
                # Stopped while warming up: the next app warms up at once, not after the TTL.
                with contextlib.suppress(GovgraphError):
                    release(graph, WARM_UP_LEASE, holder=holder, now=_now())
            app.state.graph.close()

    # The API's docs (Swagger UI) with its scripts served from the app, not a CDN. No ReDoc:
    # its page still fetches a logo from cdn.redoc.ly.
    app = FastAPIOffline(
        docs_url=DOCS_URL,
        static_url="/static/docs",
        redoc_url=None,
        title="govgraph",
        summary="People, roles, systems and gaps of the IT-governance model, for other systems.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    # Per process: the failed-login counts (see api.token_store).
    app.state.login_failures = FailureLimiter(
        limit=settings.api.auth_failures, window=settings.api.auth_failure_window
    )
    app.state.oidc = Provider(settings.oidc) if settings.oidc.enabled else None
    # A running query holds its place at most until its timeout stops it.
    app.state.cypher_slots = PerTokenLimit(
        settings.api.cypher_concurrency_per_token,
        retry_after=math.ceil(settings.api.cypher_timeout),
    )
    errors.install(app)
    app.include_router(health.router)
    app.include_router(login_router)
    app.include_router(sso_router)
    app.include_router(pages.router)
    app.include_router(decision_pages.router)
    for router in API_ROUTERS:
        app.include_router(router, responses=ERRORS)
    _add_middleware(app, settings)
    app.openapi = lambda: _openapi(app, settings)  # type: ignore[method-assign]
    return app


def _open_stores(app: FastAPI, graph: Graph, settings: Settings) -> None:
    """Tokens, sessions and the audit log: in Neo4j, shared by every process of the app."""
    app.state.tokens = TokenStore(
        graph,
        limiter=app.state.login_failures,
        cache_seconds=settings.api.token_cache_seconds,
    )
    secret = settings.session_secret
    app.state.sessions = SessionStore(
        graph,
        secret=secret.get_secret_value().encode() if secret else None,
        hours=settings.api.session_hours,
    )
    app.state.audit = AuditLog(graph, retention_days=settings.api.audit_retention_days)


def _start_stores(app: FastAPI, settings: Settings) -> None:
    """Bring old token and audit files in once; purge the audit log; a development token."""
    # When the database is not there yet, the first request will say so.
    with contextlib.suppress(DatabaseUnavailable):
        import_legacy_files(settings.home, tokens=app.state.tokens, audit=app.state.audit)
        if settings.env == "development":
            _create_dev_token(app.state.tokens)
        app.state.audit.purge(date.today())


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    """The layers around the routes; each one added wraps the ones added before it."""
    # Innermost: its 503 still gets the headers and CORS of every answer.
    app.add_middleware(ReadDeadline, seconds=settings.api.database_timeout)
    # Around the deadline: work it abandons has answered, and counts no more.
    app.add_middleware(CountRequests)
    app.add_middleware(errors.CatchUnexpected)
    app.add_middleware(
        BodyLimit,
        default=settings.api.max_body_kb * KB,
        paths={"/login": LOGIN_BODY},
        uploads={"/api/imports": settings.api.max_upload_mb * MB},
    )
    if settings.api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    docs = {DOCS_URL, app.swagger_ui_oauth2_redirect_url}
    app.add_middleware(
        SecurityHeaders,
        inline_script_paths=frozenset(p for p in docs if p),
        form_targets=_origins(settings.oidc.issuer),
    )
    if settings.api.trusted_proxies:
        # Outermost: the client's address and scheme are right before anything looks at them.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.api.trusted_proxies)


def _origins(url: str | None) -> tuple[str, ...]:
    """The origin of ``url`` (scheme, host, port), for the pages' CSP; none without a url."""
    if not url:
        return ()
    parts = urlsplit(url)
    return (f"{parts.scheme}://{parts.netloc}",)


def _create_dev_token(store: TokenStore) -> None:
    """In local development only: an admin token when none exists, logged this once."""
    if store.has_active():
        return
    secret = store.create(DEV_TOKEN_NAME, Scope.ADMIN)
    # Through the redacting log like any line; only its development filter lets this one secret
    # through (see api.errors.RedactingFilter).
    log.warning(
        "no API token existed, so one was created for local development: name %s, scope admin, "
        "shown only now:\n\n  %s\n\n  Use it as 'Authorization: Bearer <token>' or log in at "
        "/login. `govgraph token revoke %s` ends it.",
        DEV_TOKEN_NAME,
        secret,
        DEV_TOKEN_NAME,
        extra={DEVELOPMENT_SECRET: secret},
    )


def _openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """The generated schema, with the configured maximum page size on every ``limit``."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for param in operation.get("parameters", []):
                    if param.get("name") == "limit" and param.get("in") == "query":
                        param["schema"]["maximum"] = settings.api.max_page_size
        app.openapi_schema = schema
    return app.openapi_schema
