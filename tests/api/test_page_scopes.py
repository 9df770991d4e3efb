"""The pages obey the API's scopes: each page admits exactly whom its API counterpart admits.

Every route outside /api/ is walked (a new page must be listed here with the API route that
serves its data, or this test fails); each is asked as nobody, reader, analyst and admin, and so
is its counterpart. An export is its counterpart's data as a workbook, and exports need the
analyst scope besides (README, "The app").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from api.token_store import Scope
from core.settings import NotificationSettings
from graph.campaign_model import NewCampaign
from graph.campaigns import start_campaign
from graph.driver import Graph
from schema.campaigns import ScopeKind
from tests.api.routes import PUBLIC, PUBLIC_PREFIXES, walk_routes
from tests.api.seed import AS_OF

pytestmark = pytest.mark.usefixtures("seeded")
EXPORT_SCOPE = Scope.ANALYST
CAMPAIGN = "campaign-scopes"  # started on the seed by the fixture below


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A page request, and the API request that serves the same data."""

    page: str
    api: str
    export: bool = False


COUNTERPARTS = {
    "/": Counterpart("/?q=anna", "/api/people?q=anna"),
    "/person/{key:path}": Counterpart("/person/leaving", "/api/people/leaving"),
    "/system/{key:path}": Counterpart("/system/s1", "/api/systems/s1/organisation"),
    "/unit/{key:path}": Counterpart("/unit/afd", "/api/units/afd"),
    "/forum/{key:path}": Counterpart("/forum/isu", "/api/forums/isu"),
    "/gaps": Counterpart("/gaps", "/api/gaps"),
    "/decide": Counterpart(
        "/decide?type=appoint&role=systemejer&subject=s3",
        "/api/decisions/candidates?role=systemejer&subject=s3",
    ),
    "/decisions": Counterpart("/decisions", "/api/decisions?status=pending"),
    "/gaps.xlsx": Counterpart("/gaps.xlsx", "/api/gaps", export=True),
    "/overview": Counterpart("/overview", "/api/relationships"),
    "/handover": Counterpart("/handover?person=leaving", "/api/handover/leaving"),
    "/handover/plan": Counterpart("/handover/plan?person=leaving", "/api/handover/leaving/plan"),
    "/handover/plan.xlsx": Counterpart(
        "/handover/plan.xlsx?person=leaving", "/api/handover/leaving/plan", export=True
    ),
    "/min-rolle": Counterpart("/min-rolle?person=leder-a", "/api/people/leder-a"),
    "/campaigns": Counterpart("/campaigns", "/api/campaigns"),
    "/campaigns/{key}": Counterpart(f"/campaigns/{CAMPAIGN}", f"/api/campaigns/{CAMPAIGN}"),
    "/campaigns/{key}/report": Counterpart(
        f"/campaigns/{CAMPAIGN}/report", f"/api/campaigns/{CAMPAIGN}/tasks"
    ),
    "/campaigns/{key}/report.xlsx": Counterpart(
        f"/campaigns/{CAMPAIGN}/report.xlsx", f"/api/campaigns/{CAMPAIGN}/tasks", export=True
    ),
    "/sync": Counterpart("/sync", "/api/sync"),
    "/reports/quarterly": Counterpart(
        "/reports/quarterly?quarter=2026Q4", "/api/reports/quarterly?quarter=2026Q4"
    ),
    "/reports/quarterly.xlsx": Counterpart(
        "/reports/quarterly.xlsx?quarter=2026Q4",
        "/api/reports/quarterly?quarter=2026Q4",
        export=True,
    ),
}


@pytest.fixture(scope="module", autouse=True)
def campaign(seeded: Graph) -> None:
    """A campaign on the seed organisation, for the campaign pages."""
    start_campaign(
        seeded,
        NewCampaign(name="Gennemgang", scope=ScopeKind.UNIT, unit="forv",
                    deadline=date.today() + timedelta(days=14)),
        who="test",
        settings=NotificationSettings(),
        key=CAMPAIGN,
    )  # fmt: skip


def decision(response: Response) -> str:
    """'allowed' or 'refused'; anything else (a 404, a 500) is a broken walk, not a decision."""
    if response.status_code in (401, 403):
        return "refused"
    if response.status_code == 303 and response.headers["location"].startswith("/login?"):
        return "refused"
    assert response.status_code == 200, (response.request.url, response.status_code)
    return "allowed"


def at(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}as_of={AS_OF.isoformat()}"


def test_every_page_admits_exactly_whom_its_api_counterpart_admits(
    app: FastAPI, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    pages = {
        r.path
        for r in walk_routes(app.routes)
        if not r.path.startswith(("/api/", *PUBLIC_PREFIXES)) and r.path not in PUBLIC
    }
    assert pages == set(COUNTERPARTS), "list each page with the API route serving its data"
    callers = {"nobody": {}} | {scope.value: token(scope.value) for scope in Scope}
    differ = []
    for route, counterpart in sorted(COUNTERPARTS.items()):
        for name, headers in callers.items():
            page = client.get(
                at(counterpart.page),
                headers={**headers, "Accept": "text/html"},
                follow_redirects=False,
            )
            expected = decision(client.get(at(counterpart.api), headers=headers))
            if counterpart.export and name != "nobody" and not Scope(name).allows(EXPORT_SCOPE):
                expected = "refused"
            if decision(page) != expected:
                differ.append(f"{route} as {name}: page {decision(page)}, expected {expected}")
    assert differ == []
