"""Every API route, called with every scope: refused below the scope it is listed with, admitted
from it up. A route missing from the list fails the walk, so a new route cannot go unchecked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.token_store import Scope
from tests.api.routes import walk_routes

pytestmark = pytest.mark.usefixtures("seeded")
R, A, S, M = Scope.READER, Scope.ANALYST, Scope.SECRETARIAT, Scope.ADMIN
# (method, route) -> the smallest scope admitted; the example request to make.
SCOPES: dict[tuple[str, str], tuple[Scope, str]] = {
    ("GET", "/api/calendar/{person}.ics"): (R, "/api/calendar/anna.ics"),
    ("POST", "/api/campaigns"): (S, "/api/campaigns"),
    ("GET", "/api/campaigns"): (R, "/api/campaigns"),
    ("GET", "/api/campaigns/{key}"): (R, "/api/campaigns/none"),
    ("GET", "/api/campaigns/{key}/tasks"): (R, "/api/campaigns/none/tasks"),
    ("POST", "/api/campaigns/{key}/close"): (S, "/api/campaigns/none/close"),
    ("GET", "/api/changes"): (R, "/api/changes"),
    ("POST", "/api/webhooks"): (M, "/api/webhooks"),
    ("GET", "/api/webhooks"): (M, "/api/webhooks"),
    ("DELETE", "/api/webhooks/{key}"): (M, "/api/webhooks/none"),
    ("POST", "/api/cypher"): (A, "/api/cypher"),
    ("POST", "/api/decisions"): (S, "/api/decisions"),
    ("GET", "/api/decisions"): (R, "/api/decisions"),
    ("POST", "/api/decisions/preview"): (S, "/api/decisions/preview"),
    ("GET", "/api/decisions/candidates"): (
        S,
        "/api/decisions/candidates?role=systemejer&subject=s3",
    ),
    ("GET", "/api/decisions/{key}"): (R, "/api/decisions/none"),
    ("POST", "/api/decisions/{key}/approve"): (S, "/api/decisions/none/approve"),
    ("POST", "/api/decisions/{key}/reject"): (S, "/api/decisions/none/reject"),
    ("GET", "/api/departures"): (A, "/api/departures"),
    ("GET", "/api/forums"): (R, "/api/forums"),
    ("GET", "/api/forums/{key}"): (R, "/api/forums/isu"),
    ("GET", "/api/gaps"): (R, "/api/gaps"),
    ("GET", "/api/graph/{label}/{key}"): (R, "/api/graph/System/s1"),
    ("GET", "/api/handover/{person}"): (A, "/api/handover/leaving"),
    # A person nobody has: the scopes admitted get 404 and the seed keeps its roles.
    ("GET", "/api/handover/{person}/plan"): (A, "/api/handover/nobody-here/plan"),
    ("POST", "/api/handover/{person}/plan"): (S, "/api/handover/nobody-here/plan"),
    ("POST", "/api/handover/{person}/plan/apply"): (S, "/api/handover/nobody-here/plan/apply"),
    ("POST", "/api/imports"): (M, "/api/imports"),
    ("GET", "/api/kitos/changes"): (A, "/api/kitos/changes"),
    ("GET", "/api/kitos/changes.csv"): (A, "/api/kitos/changes.csv"),
    ("GET", "/api/kitos/changes.xlsx"): (A, "/api/kitos/changes.xlsx"),
    ("GET", "/api/people"): (R, "/api/people"),
    ("GET", "/api/people/{key}"): (R, "/api/people/anna"),
    ("GET", "/api/people/{key}/history"): (R, "/api/people/anna/history"),
    ("GET", "/api/people/{key}/relationships"): (R, "/api/people/anna/relationships"),
    ("GET", "/api/register/export.xlsx"): (A, "/api/register/export.xlsx"),
    ("GET", "/api/relationships"): (R, "/api/relationships"),
    ("GET", "/api/reports/quarterly"): (R, "/api/reports/quarterly?quarter=2026Q4"),
    ("GET", "/api/roles"): (R, "/api/roles"),
    ("GET", "/api/roles/{key}"): (R, "/api/roles/systemejer"),
    ("GET", "/api/sync"): (R, "/api/sync"),
    ("GET", "/api/systems"): (R, "/api/systems"),
    ("GET", "/api/systems/{key}"): (R, "/api/systems/s1"),
    ("GET", "/api/systems/{key}/history"): (R, "/api/systems/s1/history"),
    ("GET", "/api/systems/{key}/organisation"): (R, "/api/systems/s1/organisation"),
    ("GET", "/api/tokens"): (M, "/api/tokens"),
    ("POST", "/api/tokens"): (M, "/api/tokens"),
    ("DELETE", "/api/tokens/{name}"): (M, "/api/tokens/nobody"),
    ("GET", "/api/units"): (R, "/api/units"),
    ("GET", "/api/units/{key}"): (R, "/api/units/afd"),
    ("GET", "/api/units/{key}/history"): (R, "/api/units/afd/history"),
}


def test_every_api_route_admits_exactly_the_scopes_it_is_listed_with(
    app: FastAPI, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    routes = {
        (method, r.path)
        for r in walk_routes(app.routes)
        if r.path.startswith("/api/")
        for method in r.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(SCOPES), "list each API route with the smallest scope it admits"
    headers = {scope: token(scope.value) for scope in Scope}
    differ = []
    for (method, route), (needed, example) in sorted(SCOPES.items()):
        for scope, auth in headers.items():
            # An empty body: a refused scope is answered before the body is validated.
            status = client.request(method, example, headers=auth, json={}).status_code
            admitted = status not in (401, 403)
            if admitted != scope.allows(needed) or status >= 500:
                differ.append(f"{method} {route} as {scope.value}: {status}")
    assert differ == []
