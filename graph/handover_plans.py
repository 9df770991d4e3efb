"""Handover plans: a successor (or an ending) for each of a leaver's roles, applied as decisions.

A plan is drafted from the roles the leaver holds on their last day (the day before the plan's
effective date) and saved as a ``HandoverPlan`` node, one draft per leaver. Applying it records
one decision per role in ONE transaction through ``graph.decisions.record``, so the decisions'
checks, approval settings and history apply: a successor is appointed with ``replaces`` = the
leaver (which ends the leaver's holding on the same day); a role without a successor is ended.
The line roles (a leader's unit) follow HR and are listed as not covered.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from neo4j import ManagedTransaction

from core.errors import Conflict, InvalidInput, NotFound
from core.finding_text import both, role_name
from core.settings import Settings
from graph.changes import record_events
from graph.decision_checks import present_person
from graph.decision_model import Proposal
from graph.decisions import owner_levels, record
from graph.driver import Graph
from graph.entities.common import native
from graph.handover import person_info
from graph.plan_model import (
    HandoverPlan,
    ItemChoice,
    PlanChoices,
    PlanItem,
    PlanStatus,
    UncoveredRole,
)
from graph.rules import Entity
from graph.successors import find_successors
from schema.catalogue import expand_macros
from schema.decisions import DECIDABLE_ROLES, SUPERUSER_KINDS, DecisionStatus, DecisionType
from schema.model import NOT_IN_USE_LIFECYCLES
from schema.outbox import EventKind

EARLIEST, LATEST = date(1900, 1, 1), date(9999, 12, 30)  # the day before stays a date
# Every role a person holds on their last day, as the handover names it (GM-13 reads the same).
_ROLES = expand_macros(
    "MATCH (p:Person {key: $key})"
    "-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HOLDS_ROLE|SITS_IN|MANAGES]->(x) "
    "WHERE @current(r) AND @current(x) "
    "WITH DISTINCT p, x, type(r) AS type, @role(r, x) AS role "
    "RETURN role, head(labels(x)) AS label, x.key AS key, coalesce(x.name, x.key) AS name, "
    "CASE WHEN x:System THEN @in_use(x) ELSE true END AS in_use, "
    "COUNT { MATCH (o:Person)-[r2]->(x) WHERE type(r2) = type AND o <> p "
    "AND @current(r2) AND @present(o) } = 0 AS sole "
    "ORDER BY label, name, key, role"
)
_LATEST = (
    "MATCH (h:HandoverPlan {person_key: $person}) RETURN properties(h) AS p "
    "ORDER BY h.status = 'draft' DESC, h.created_at DESC LIMIT 1"
)
_REPLACE_DRAFT = (
    "OPTIONAL MATCH (old:HandoverPlan {person_key: $person, status: 'draft'}) DETACH DELETE old "
    "WITH count(*) AS replaced CREATE (h:HandoverPlan {key: $key}) SET h += $props "
    "RETURN properties(h) AS p"
)
_LOCK_DRAFT = (
    "MATCH (h:HandoverPlan {person_key: $person, status: 'draft'}) "
    "SET h.plan_lock = true REMOVE h.plan_lock RETURN properties(h) AS p"
)
_LOCK_PERSON = (
    "MATCH (p:Person {key: $person}) SET p.decision_lock = true REMOVE p.decision_lock "
    "RETURN p.key AS key"
)
_APPLIED = (
    "MATCH (h:HandoverPlan {key: $key}) SET h.status = 'applied', h.applied_by = $who, "
    "h.applied_at = $now, h.items = $items RETURN properties(h) AS p"
)
_MANAGERS = expand_macros(
    "MATCH (p:Person {key: $key})-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m) "
    "OPTIONAL MATCH (u)-[:PART_OF]->(up:OrgUnit) "
    "WITH p, CASE WHEN type(m) = 'MANAGES' AND up IS NOT NULL THEN up ELSE u END AS unit "
    "MATCH (l:Person)-[lm:MANAGES]->(unit) WHERE @current(lm) AND l <> p "
    "RETURN DISTINCT l.key AS key, l.name AS name ORDER BY name, key"
)
_STATUSES = "UNWIND $keys AS k MATCH (d:Decision {key: k}) RETURN d.key AS key, d.status AS status"


def decidable(role: str, label: str) -> tuple[str, str | None] | None:
    """The decision role (and super-user kind) for a held role; None when no decision covers it."""
    if label == "System" and role.endswith("superbruger"):
        kind = role.removesuffix("-superbruger")
        return "superbruger", kind if kind in SUPERUSER_KINDS else None
    if label == "Forum":
        return "forumplads", None
    target = DECIDABLE_ROLES.get(role)
    if target is not None and target.target == label:
        return role, None
    return None


def propose_plan(
    graph: Graph, person: str, *, settings: Settings, chosen: PlanChoices | None = None
) -> HandoverPlan:
    """A plan for ``person``, not saved: the top candidate succeeds where none is chosen."""
    props = _draft_props(graph, person, settings=settings, chosen=chosen or PlanChoices(), who="")
    return _plan(graph, props | {"key": None, "status": PlanStatus.PROPOSED.value})


def save_plan(
    graph: Graph, person: str, *, who: str, settings: Settings, chosen: PlanChoices
) -> HandoverPlan:
    """Save the plan for ``person`` as their draft (replacing the one before, if any)."""
    props = _draft_props(graph, person, settings=settings, chosen=chosen, who=who)

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        tx.run(_LOCK_PERSON, person=person).consume()  # one draft per leaver, saved one by one
        saved = tx.run(_REPLACE_DRAFT, person=person, key=new_plan_key(), props=props)
        return dict(saved.single(strict=True)["p"])

    return _plan(graph, graph.write(work))


def _draft_props(
    graph: Graph, person: str, *, settings: Settings, chosen: PlanChoices, who: str
) -> dict[str, Any]:
    info = person_info(graph, person, as_of=date.today())
    when = chosen.effective_date or info.valid_to or date.today()
    if not EARLIEST <= when <= LATEST:
        raise InvalidInput(
            f"The plan's date {when} is out of range.",
            hint=f"Give a date between {EARLIEST} and {LATEST}.",
        )
    held = held_on_last_day(graph, person, effective_date=when)
    items, not_covered = _items(graph, person, held, when=when, settings=settings)
    _choose(graph, items, chosen.items, leaver=person, when=when, settings=settings)
    return {
        "person_key": person,
        "person_name": info.name,
        "leaves": info.valid_to,
        "effective_date": when,
        "status": PlanStatus.DRAFT.value,
        "items": _dump(items),
        "not_covered": _dump(not_covered),
        "held": _fingerprint(held),
        "note": chosen.note,
        "acknowledge_findings": chosen.acknowledge_findings,
        "created_by": who,
        "created_at": datetime.now(UTC),
    }


def current_plan(graph: Graph, person: str, *, settings: Settings) -> HandoverPlan:
    """The leaver's draft, else their latest applied plan, else a proposed (unsaved) one."""
    rows = graph.query(_LATEST, person=person)
    if rows:
        return _plan(graph, rows[0]["p"])
    return propose_plan(graph, person, settings=settings)


def apply_plan(
    graph: Graph, person: str, *, who: str, settings: Settings, actor: str | None = None
) -> HandoverPlan:
    """Record the draft's decisions in one transaction; 409 when the leaver's roles changed."""
    levels = owner_levels(settings)
    applied = graph.write(
        lambda tx: apply_draft(tx, person, who=who, settings=settings, levels=levels, actor=actor)
    )
    return _plan(graph, applied)


def apply_draft(
    tx: ManagedTransaction,
    person: str,
    *,
    who: str,
    settings: Settings,
    levels: list[str],
    actor: str | None = None,
) -> dict[str, Any]:
    """Apply ``person``'s draft in ``tx``: one decision per item; the applied plan's properties."""
    tx.run(_LOCK_PERSON, person=person).consume()
    found = tx.run(_LOCK_DRAFT, person=person).single()
    if found is None:
        raise NotFound(
            f"There is no draft handover plan for {person}.",
            hint="Save a plan first: POST /api/handover/{person}/plan.",
        )
    stored = found["p"]
    when = native(stored["effective_date"])
    current = _held(tx, person, effective_date=when)
    if _fingerprint(current) != stored["held"]:
        raise Conflict(
            f"The roles of {stored.get('person_name') or person} have changed since the plan "
            "was saved.",
            hint="Save the plan again from the current roles, then apply it.",
            details={
                "plan": json.loads(stored["held"]),
                "current": json.loads(_fingerprint(current)),
            },
        )
    items = [PlanItem.model_validate(i) for i in json.loads(stored["items"])]
    reason = _reason(stored, when)
    events: list[tuple[EventKind, dict[str, Any]]] = []  # recorded once, for all decisions
    for item in items:
        proposal = _proposal(item, leaver=person, when=when, reason=reason, stored=stored)
        decision = record(
            tx, proposal, who=who, settings=settings, levels=levels, person=actor, events=events
        )
        item.decision, item.decision_status = decision.key, decision.status
    record_events(tx, events)
    applied = tx.run(
        _APPLIED, key=stored["key"], who=who, now=datetime.now(UTC), items=_dump(items)
    ).single(strict=True)
    return dict(applied["p"])


def held_on_last_day(graph: Graph, person: str, *, effective_date: date) -> list[dict[str, Any]]:
    """The roles ``person`` holds on the day before ``effective_date``."""
    return graph.read(lambda tx: _held(tx, person, effective_date=effective_date))


def managers_of(graph: Graph, plan: HandoverPlan) -> list[Entity]:
    """The leaver's managers on their last day (a leader's: the unit above), for the print."""
    last_day = plan.effective_date - timedelta(days=1)
    rows = graph.query(_MANAGERS, key=plan.person.key, as_of=last_day)
    return [Entity(label="Person", key=r["key"], name=r["name"]) for r in rows]


def new_plan_key() -> str:
    """A fresh plan key, in groups of four (as decision keys, never CPR-like)."""
    digits = uuid.uuid4().hex
    return "plan-" + "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _held(tx: ManagedTransaction, person: str, *, effective_date: date) -> list[dict[str, Any]]:
    rows = tx.run(
        _ROLES,
        key=person,
        as_of=effective_date - timedelta(days=1),
        excluded=[],
        not_in_use=list(NOT_IN_USE_LIFECYCLES),
    )
    return [r.data() for r in rows]


def _fingerprint(held: list[dict[str, Any]]) -> str:
    return json.dumps(sorted(f"{h['role']}|{h['label']}|{h['key']}" for h in held))


def _items(
    graph: Graph, person: str, held: list[dict[str, Any]], *, when: date, settings: Settings
) -> tuple[list[PlanItem], list[UncoveredRole]]:
    items: list[PlanItem] = []
    vacated: list[PlanItem] = []  # held alone on a target in use: the top candidate succeeds
    not_covered: list[UncoveredRole] = []
    for h in held:
        target = Entity(label=h["label"], key=h["key"], name=h["name"])
        name = role_name(h["role"])
        if decidable(h["role"], h["label"]) is None:
            not_covered.append(UncoveredRole(role=h["role"], role_name=name, target=target))
            continue
        item = PlanItem(role=h["role"], role_name=name, target=target, sole=h["sole"])
        items.append(item)
        if h["sole"] and h["in_use"]:
            vacated.append(item)
    ranked = find_successors(
        graph,
        person,
        [(i.role, i.target) for i in vacated],
        as_of=when - timedelta(days=1),
        settings=settings.rules,
    )
    for item, succession in zip(vacated, ranked, strict=True):
        if succession.candidates:
            item.successor = succession.candidates[0].person
    return items, not_covered


def _choose(
    graph: Graph,
    items: list[PlanItem],
    choices: list[ItemChoice],
    *,
    leaver: str,
    when: date,
    settings: Settings,
) -> None:
    """Put the chosen successors on the items, refusing unknown roles and unfit successors."""
    by_role = {(i.role, i.target.key): i for i in items}
    levels = owner_levels(settings)
    for choice in choices:
        item = by_role.get((choice.role, choice.target))
        if item is None:
            raise InvalidInput(
                f"{leaver} does not hold the role {choice.role} on {choice.target} on their last "
                f"day before {when}.",
                hint="Choose among the roles the plan lists (GET /api/handover/{person}/plan).",
            )
        if choice.successor is None:
            item.successor = None
            continue
        if choice.successor == leaver:
            raise InvalidInput(
                "The leaver cannot succeed themselves.", hint="Choose another successor."
            )
        key = choice.successor

        def read(tx: ManagedTransaction, key: str = key) -> dict[str, Any]:
            return present_person(tx, key, when, levels)

        person = graph.read(read)
        item.successor = Entity(label="Person", key=key, name=person["name"])


def _proposal(
    item: PlanItem, *, leaver: str, when: date, reason: str, stored: dict[str, Any]
) -> Proposal:
    role, kind = decidable(item.role, item.target.label) or ("", None)
    common: dict[str, Any] = {
        "role": role,
        "subject": item.target.key,
        "effective_date": when,
        "reason": reason,
        "kind": kind,
    }
    if item.successor is None:
        return Proposal(type=DecisionType.END, person=leaver, **common)
    return Proposal(
        type=DecisionType.APPOINT,
        person=item.successor.key,
        replaces=leaver,
        acknowledge_findings=bool(stored.get("acknowledge_findings")),
        **common,
    )


def _reason(stored: dict[str, Any], when: date) -> str:
    text = both(
        "plan.reason",
        name=stored.get("person_name") or stored["person_key"],
        date=when.isoformat(),
        plan=stored["key"],
    ).da
    note = stored.get("note")
    return f"{text} {note}" if note else text


def _dump(models: list[PlanItem] | list[UncoveredRole]) -> str:
    return json.dumps([m.model_dump(mode="json") for m in models])


def _plan(graph: Graph, props: dict[str, Any]) -> HandoverPlan:
    values = {k: native(v) for k, v in props.items()}
    items = [PlanItem.model_validate(i) for i in json.loads(values["items"])]
    decided = [i.decision for i in items if i.decision]
    if decided:
        status = {r["key"]: r["status"] for r in graph.query(_STATUSES, keys=decided)}
        for item in items:
            if item.decision in status:
                item.decision_status = DecisionStatus(status[item.decision])
    return HandoverPlan(
        key=values["key"],
        person=Entity(label="Person", key=values["person_key"], name=values.get("person_name")),
        leaves=values.get("leaves"),
        effective_date=values["effective_date"],
        status=PlanStatus(values["status"]),
        items=items,
        not_covered=[UncoveredRole.model_validate(u) for u in json.loads(values["not_covered"])],
        note=values.get("note"),
        acknowledge_findings=bool(values.get("acknowledge_findings")),
        created_by=values["created_by"],
        created_at=values["created_at"],
        applied_by=values.get("applied_by"),
        applied_at=values.get("applied_at"),
    )
