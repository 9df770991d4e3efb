"""The review calendar: what a person's roles ask of them, when it is due, and what is overdue.

The model's cadences, per the roles a person holds on systems in use:
- the systemejer's half-yearly review with a digitaliseringskonsulent (the owner, and every
  current digitaliseringskonsulent, who holds these reviews);
- the annual vendor dialogs the systemansvarlig makes sure of: with the owner (owner and
  systemansvarlig) and with the administrators and super-users (all of them);
- the risk assessment the owner is responsible for and the administrators help with: the planned
  date from KITOS, else the last assessment plus the configured period;
- the data processor oversight (tilsyn) on ``System.dpa_oversight_date``, when a source gives it.

A review is due its cadence after the last one held; one never held is due at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from core.errors import NotFound
from core.i18n import value_name
from core.periods import add_months
from core.settings import RuleSettings
from graph import report_cypher as q
from graph.driver import Graph
from schema.model import NOT_IN_USE_LIFECYCLES

DueKind = Literal[
    "owner_review", "vendor_dialog_owner", "vendor_dialog_users", "risk_assessment", "dpa_oversight"
]
DueStatus = Literal["overdue", "due", "never_held"]

# The relationship (or organisational role) a person holds -> the model's role key.
ROLE_OF_RELATIONSHIP = {
    "OWNS": "systemejer",
    "RESPONSIBLE_FOR": "systemansvarlig",
    "ADMINISTERS": "systemadministrator",
    "SUPERUSER_OF": "superbruger",
    "CONSULTS": "digitaliseringskonsulent",
}
# Which roles each kind of item concerns.
CONCERNS: dict[DueKind, tuple[str, ...]] = {
    "owner_review": ("systemejer", "digitaliseringskonsulent"),
    "vendor_dialog_owner": ("systemejer", "systemansvarlig"),
    "vendor_dialog_users": ("systemansvarlig", "systemadministrator", "superbruger"),
    "risk_assessment": ("systemejer", "systemadministrator"),
    "dpa_oversight": ("systemejer", "systemadministrator"),
}


class PersonRef(BaseModel):
    """Whose calendar it is."""

    key: str
    name: str | None = None
    email: str | None = None


class DueItem(BaseModel):
    """One review, dialog or assessment a person takes part in, and when it is due."""

    kind: DueKind
    system_key: str
    system_name: str | None = None
    roles: list[str] = Field(description="The person's roles that make it theirs.")
    due: date
    status: DueStatus
    last: date | None = Field(default=None, description="When it was last held or done.")
    basis: str = Field(description="What the due date follows from; stable while nothing changes.")

    @property
    def title_da(self) -> str:
        """The item in Danish, e.g. "Risikovurdering: Acadre"."""
        return f"{value_name('due_kind', self.kind, 'da')}: {self.system_name or self.system_key}"


def find_person(graph: Graph, ref: str) -> PersonRef:
    """The person with this key or e-mail, or NotFound."""
    rows = q.read(graph, q.PERSON, ref=ref.strip())
    if not rows:
        raise NotFound(
            f"No person has the key or e-mail {ref!r}.",
            hint="Give the person's HR key or work e-mail.",
        )
    return PersonRef(**rows[0])


def due_items(
    graph: Graph,
    person_key: str,
    *,
    as_of: date,
    horizon_days: int,
    cadence: RuleSettings | None = None,
) -> list[DueItem]:
    """What ``person_key`` has due up to ``horizon_days`` after ``as_of``, overdue ones included."""
    settings = cadence or RuleSettings()
    params = {"person": person_key, "as_of": as_of, "not_in_use": list(NOT_IN_USE_LIFECYCLES)}
    rows = q.read(graph, q.PERSON_SYSTEMS, **params) + q.read(graph, q.CONSULTANT_SYSTEMS, **params)
    until = as_of + timedelta(days=horizon_days)
    items = [i for i in _items(rows, as_of=as_of, settings=settings) if i.due <= until]
    items.sort(key=lambda i: (i.due, (i.system_name or "").casefold(), i.system_key, i.kind))
    return items


def _items(rows: Iterable[dict[str, Any]], *, as_of: date, settings: RuleSettings) -> list[DueItem]:
    """One item per (kind, system), with every role of the person that it concerns."""
    roles: dict[tuple[DueKind, str], set[str]] = {}
    systems: dict[str, dict[str, Any]] = {}
    for row in rows:
        systems[row["key"]] = {**systems.get(row["key"], {}), **_non_null(row)}
        role = ROLE_OF_RELATIONSHIP[row["rel"]]
        for kind, concerned in CONCERNS.items():
            if role in concerned:
                roles.setdefault((kind, row["key"]), set()).add(role)
    items = []
    for (kind, key), held in roles.items():
        item = _due(kind, systems[key], as_of=as_of, settings=settings)
        if item is not None:
            items.append(item.model_copy(update={"roles": sorted(held)}))
    return items


def _non_null(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None and v != []}


def _due(
    kind: DueKind, system: dict[str, Any], *, as_of: date, settings: RuleSettings
) -> DueItem | None:
    """When ``kind`` is next due for this system, or None when nothing is scheduled."""
    months = {
        "owner_review": settings.owner_review_months,
        "vendor_dialog_owner": settings.vendor_dialog_months,
        "vendor_dialog_users": settings.vendor_dialog_months,
    }
    if kind in months:
        held = [r["date"] for r in system.get("reviews", []) if r["kind"] == kind]
        last = max(held, default=None)
        due = add_months(last, months[kind]) if last else None
        return _item(kind, system, due=due, last=last, as_of=as_of)
    if kind == "risk_assessment":
        done, planned = system.get("risk_done"), system.get("risk_planned")
        if planned and (done is None or done < planned):
            return _item(kind, system, due=planned, last=done, as_of=as_of, basis=planned)
        due = add_months(done, settings.risk_assessment_months) if done else None
        return _item(kind, system, due=due, last=done, as_of=as_of)
    oversight = system.get("dpa_oversight")
    if oversight is None:
        return None
    return _item(kind, system, due=oversight, last=None, as_of=as_of, basis=oversight)


def _item(
    kind: DueKind,
    system: dict[str, Any],
    *,
    due: date | None,
    last: date | None,
    as_of: date,
    basis: date | None = None,
) -> DueItem:
    if due is None:
        status: DueStatus = "never_held"
    else:
        status = "overdue" if due < as_of else "due"
    anchor = basis or last
    return DueItem(
        kind=kind,
        system_key=system["key"],
        system_name=system.get("name"),
        roles=[],
        due=due or as_of,
        status=status,
        last=last,
        basis=anchor.isoformat() if anchor else "never",
    )


def next_due(
    kind: DueKind, system: dict[str, Any], *, as_of: date, settings: RuleSettings
) -> DueItem | None:
    """When ``kind`` is next due for one system (``system`` as ``ALL_SYSTEMS`` reads it)."""
    return _due(kind, system, as_of=as_of, settings=settings)
