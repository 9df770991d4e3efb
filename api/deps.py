"""The app's dependencies, as ``Annotated`` types the routers put in their signatures.

The ones that do no I/O are ``async``: FastAPI runs them on the event loop instead of handing
each one to the thread pool (a thread hop per dependency per request).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator, WithJsonSchema

from api.audit import Auditor, audit
from api.auth import current_principal, require_scope
from api.limits import PerTokenLimit
from api.token_store import Principal, Scope
from core.errors import InvalidInput
from core.settings import Settings
from graph.driver import Graph

DEFAULT_PAGE_SIZE = 50


async def get_graph(request: Request) -> Graph:
    """The app's one connection to Neo4j."""
    graph: Graph = request.app.state.graph
    return graph


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


# A date in a query parameter: yyyy-mm-dd, in the years 1900-2999. Pydantic's own date would
# also read 0 as 1 January 1970, and in year 9999 a horizon or the next quarter overflows;
# nothing the graph holds is older than 1900 (the importers refuse it).
ISO_DATE_PATTERN = r"^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"
_ISO_DATE = re.compile(ISO_DATE_PATTERN)


def _written_as_iso_date(value: Any) -> Any:
    """Let only what the schema allows through to pydantic's date."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("a date is written yyyy-mm-dd, in the years 1900 to 2999")


IsoDate = Annotated[
    date,
    BeforeValidator(_written_as_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DATE_PATTERN}),
]


async def as_of_date(
    as_of: Annotated[
        IsoDate | None, Query(description="The date to answer for (default: today).")
    ] = None,
) -> date:
    """``as_of``, today when not given."""
    return as_of or date.today()


@dataclass(frozen=True, slots=True)
class PageParams:
    """Which slice of a list to return."""

    limit: int
    offset: int


async def page_params(
    settings: Annotated[Settings, Depends(get_settings)],
    limit: Annotated[
        int | None,
        Query(ge=1, description=f"Page size (default {DEFAULT_PAGE_SIZE}), at most the maximum."),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> PageParams:
    """``limit`` and ``offset``; a limit over the maximum page size is refused, not cut."""
    largest = settings.api.max_page_size
    if limit is None:
        return PageParams(min(DEFAULT_PAGE_SIZE, largest), offset)
    if limit > largest:
        raise InvalidInput(
            f"limit may be at most {largest}.", hint="Ask for smaller pages and follow offset."
        )
    return PageParams(limit, offset)


async def get_auditor(
    request: Request, principal: Annotated[Principal, Depends(current_principal)]
) -> Auditor:
    """The audit trail of this request."""
    return audit(request, principal)


async def get_cypher_slots(request: Request) -> PerTokenLimit:
    """The places each token has for running ad-hoc queries."""
    slots: PerTokenLimit = request.app.state.cypher_slots
    return slots


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
AsOf = Annotated[date, Depends(as_of_date)]
Paging = Annotated[PageParams, Depends(page_params)]
Audit = Annotated[Auditor, Depends(get_auditor)]
# The Excel exports (README, "The app"): a workbook leaves the app with many people's roles in it.
EXPORT_SCOPE = Scope.ANALYST

Reader = Annotated[Principal, Depends(require_scope(Scope.READER))]
Analyst = Annotated[Principal, Depends(require_scope(Scope.ANALYST))]
Secretariat = Annotated[Principal, Depends(require_scope(Scope.SECRETARIAT))]
Admin = Annotated[Principal, Depends(require_scope(Scope.ADMIN))]
Exporter = Annotated[Principal, Depends(require_scope(EXPORT_SCOPE))]
CypherSlots = Annotated[PerTokenLimit, Depends(get_cypher_slots)]
