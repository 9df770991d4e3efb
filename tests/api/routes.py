"""The app's route table, walked into included routers: the tests that must see every route."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Mount, Route

# Answer without a token by design: the login form and single sign-on's steps, the API's
# description, static assets (and /logout, which ends a session if there is one).
PUBLIC = {
    "/health",
    "/login",
    "/login/sso",
    "/login/sso/callback",
    "/logout",
    "/docs",
    "/docs/oauth2-redirect",
    "/openapi.json",
    "/opgave/{token}",  # a holder's personal link: the signed link is its authentication
    "/afmeld/{token}",  # a person's signed link that turns their digests off
}
PUBLIC_PREFIXES = ("/static/",)


@dataclass(frozen=True)
class RouteInfo:
    """A route as the app serves it: its full path, methods and resolved dependencies."""

    path: str
    methods: frozenset[str]
    dependant: Dependant | None


def walk_routes(routes: Iterable[BaseRoute]) -> Iterator[RouteInfo]:
    """Every route, into included routers too (this FastAPI nests them instead of copying)."""
    for route in routes:
        nested = getattr(route, "effective_route_contexts", None)
        if nested is not None:
            for context in nested():
                path = context.path or getattr(context.original_route, "path", "")
                yield RouteInfo(path, frozenset(context.methods or ()), context.dependant)
        elif isinstance(route, APIRoute):
            yield RouteInfo(route.path, frozenset(route.methods or ()), route.dependant)
        elif isinstance(route, Route | Mount):
            yield RouteInfo(route.path, frozenset(getattr(route, "methods", None) or ()), None)
