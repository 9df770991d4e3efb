"""What a decision must pass before it is written, checked inside its own write transaction.

The subject node is locked first (a property written and removed at once), so two decisions
about the same system are checked and written one after the other: the second sees the first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from core.errors import Conflict, InvalidInput, NeedsAcknowledgement
from graph.decision_model import RISK_SUBJECT_LABELS, Proposal
from schema.decisions import DECIDABLE_ROLES, DecidableRole, DecisionType
from schema.model import NOT_IN_USE_LIFECYCLES

_LOCK_SUBJECT = {
    label: f"MATCH (n:`{label}` {{key: $key}}) "
    "SET n.decision_lock = true REMOVE n.decision_lock RETURN properties(n) AS props"
    for label in RISK_SUBJECT_LABELS
}
_VALID_AT = (
    "coalesce({x}.valid_from, date('0001-01-01')) <= $date "
    "AND coalesce({x}.valid_to, date('9999-12-31')) > $date"
)
_PERSON = (
    "MATCH (p:Person {key: $key}) "
    "RETURN p.name AS name, p.valid_to AS valid_to, coalesce(p.line_level, '') AS level, "
    "EXISTS { MATCH (p)-[m:MANAGES]->(:OrgUnit) WHERE "
    + _VALID_AT.format(x="m")
    + " AND m.level IN $owner_levels } AS leads, "
    "EXISTS { MATCH (p)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE "
    + _VALID_AT.format(x="m")
    + " AND (coalesce(u.is_central_it, false) OR EXISTS { "
    "MATCH (u)-[:PART_OF*1..6]->(c:OrgUnit) WHERE c.is_central_it }) } AS central"
)
# Holdings of a role on a target that are live at $date or begin later, and whether the holder
# is still employed then (a leaver's holding does not block a successor; it can still be ended).
_HOLDINGS = {
    role.key: f"MATCH (p:Person)-[r:`{role.relationship}`]->(:`{role.target}` {{key: $target}}) "
    "WHERE r.ended_by IS NULL AND coalesce(r.valid_to, date('9999-12-31')) > $date "
    "RETURN p.key AS person, p.name AS name, "
    "coalesce(p.valid_to, date('9999-12-31')) > $date AS employed, r.valid_from AS valid_from, "
    "r.valid_to AS valid_to, r.source AS source, r.decided_by AS decided_by "
    "ORDER BY p.key"
    for role in DECIDABLE_ROLES.values()
}
_PENDING = (
    "MATCH (d:Decision {status: 'pending', subject_key: $target}) "
    "WHERE d.type = $type AND d.role = $role AND d.key <> $exclude "
    "RETURN d.key AS decision, d.person_key AS person, d.proposed_by AS proposed_by, "
    "d.effective_date AS effective_date ORDER BY d.proposed_at"
)


def check(
    tx: ManagedTransaction, proposal: Proposal, *, owner_levels: list[str], self_key: str = ""
) -> None:
    """Raise InvalidInput, NeedsAcknowledgement or Conflict; return when the decision may stand."""
    subject = _lock_subject(tx, proposal)
    when = proposal.effective_date
    if proposal.label == "System" and proposal.type is not DecisionType.END:
        _require_in_use(subject, proposal.subject_key, when)
    elif proposal.label in ("OrgUnit", "Forum") and not _valid(subject, when):
        raise InvalidInput(
            f"{proposal.label} {proposal.subject_key} does not exist on {when}.",
            hint="Choose a unit that exists on the effective date.",
        )
    if proposal.type is DecisionType.APPOINT:
        person = present_person(tx, proposal.person or "", when, owner_levels)
        if proposal.appointed_by:
            present_person(tx, proposal.appointed_by, when, owner_levels)
        _check_appointment(tx, proposal, self_key)
        role = DECIDABLE_ROLES[proposal.role or ""]
        if role.owner_level and not proposal.acknowledge_findings:
            _require_owner_level(person, proposal, owner_levels)
    elif proposal.type is DecisionType.END:
        _check_ending(tx, proposal)
    elif proposal.type is DecisionType.REVIEW:
        for key in proposal.participants:
            present_person(tx, key, when, owner_levels)
    elif proposal.type is DecisionType.ACCEPT_RISK:
        present_person(tx, proposal.owner or "", when, owner_levels)


def _lock_subject(tx: ManagedTransaction, proposal: Proposal) -> dict[str, Any]:
    record = tx.run(_LOCK_SUBJECT[proposal.label], key=proposal.subject_key).single()
    if record is None:
        raise InvalidInput(
            f"There is no {proposal.label} with key {proposal.subject_key!r}.",
            hint="Use the key the API lists for it.",
        )
    props: dict[str, Any] = record["props"]
    return props


def _valid(props: dict[str, Any], when: date) -> bool:
    start, end = props.get("valid_from"), props.get("valid_to")
    return (start is None or start.to_native() <= when) and (end is None or end.to_native() > when)


def _require_in_use(props: dict[str, Any], key: str, when: date) -> None:
    if (
        not _valid(props, when)
        or props.get("kitos_valid") is False
        or props.get("lifecycle") in NOT_IN_USE_LIFECYCLES
    ):
        name = props.get("name") or key
        raise InvalidInput(
            f"{name} is not in use on {when} (life cycle: {props.get('lifecycle') or 'ended'}).",
            hint="Decisions are made about systems in use; end its roles instead, if any remain.",
        )


def present_person(
    tx: ManagedTransaction, key: str, when: date, owner_levels: list[str]
) -> dict[str, Any]:
    """The person ``key``, refused unless they exist and are employed on ``when``."""
    record = tx.run(_PERSON, key=key, date=when, owner_levels=owner_levels).single()
    if record is None:
        raise InvalidInput(
            f"There is no person with key {key!r}.", hint="Use the key the API lists for them."
        )
    person = record.data()
    left = person["valid_to"].to_native() if person["valid_to"] is not None else None
    if left is not None and left <= when:
        said = "left" if left <= date.today() else "leaves"
        raise InvalidInput(
            f"{person['name']} {said} on {left}, before the effective date {when}.",
            hint="Appoint somebody who is employed on the effective date.",
        )
    return person


def _require_owner_level(
    person: dict[str, Any], proposal: Proposal, owner_levels: list[str]
) -> None:
    if person["level"] in owner_levels or person["leads"] or person["central"]:
        return
    raise NeedsAcknowledgement(
        f"{person['name']} is a {person['level'] or 'medarbejder'}: as systemejer of "
        f"{proposal.subject_key} they break GM-02 (a systemejer is a kontorleder, a chef or the "
        "central IT-afdeling).",
        hint="Choose a leader, or send acknowledge_findings: true to save it with the finding.",
        details={"rule": "GM-02", "person": proposal.person},
    )


def _check_appointment(tx: ManagedTransaction, proposal: Proposal, self_key: str) -> None:
    role = DECIDABLE_ROLES[proposal.role or ""]
    holders = [h for h in _holdings(tx, role, proposal) if h.pop("employed")]
    pending = [
        {k: _plain(v) for k, v in r.data().items()}
        for r in tx.run(
            _PENDING,
            target=proposal.subject_key,
            type=DecisionType.APPOINT.value,
            role=role.key,
            exclude=self_key,
        )
    ]
    if role.single:
        holders = [h for h in holders if h["person"] != proposal.replaces]
    else:
        holders = [h for h in holders if h["person"] == proposal.person]
        pending = [d for d in pending if d["person"] == proposal.person]
    if holders or pending:
        raise Conflict(
            _conflict_message(role, proposal, holders, pending),
            hint="Reload the current state; to change the holder, name them in replaces.",
            details={"holders": holders, "pending": pending},
        )


def _conflict_message(
    role: DecidableRole, proposal: Proposal, holders: list[dict], pending: list[dict]
) -> str:
    if holders:
        names = ", ".join(h["name"] or h["person"] for h in holders)
        return f"{proposal.subject_key} already has {role.name_en.lower()} {names} on that date."
    return (
        f"A pending decision ({pending[0]['decision']}) already appoints a "
        f"{role.name_en.lower()} for {proposal.subject_key}."
    )


def _holdings(tx: ManagedTransaction, role: DecidableRole, proposal: Proposal) -> list[dict]:
    rows = tx.run(_HOLDINGS[role.key], target=proposal.subject_key, date=proposal.effective_date)
    return [{k: _plain(v) for k, v in r.data().items()} for r in rows]


def _plain(value: Any) -> Any:
    return value.to_native().isoformat() if hasattr(value, "to_native") else value


def _check_ending(tx: ManagedTransaction, proposal: Proposal) -> None:
    role = DECIDABLE_ROLES[proposal.role or ""]
    held = [h for h in _holdings(tx, role, proposal) if h["person"] == proposal.person]
    if not held:
        raise InvalidInput(
            f"{proposal.person} is not {role.name_en.lower()} of {proposal.subject_key} on "
            f"{proposal.effective_date}.",
            hint="Check the person, the role and the date.",
        )
    starts = [h["valid_from"] for h in held if h["valid_from"]]
    if starts and all(s > proposal.effective_date.isoformat() for s in starts):
        raise InvalidInput(
            f"The end date {proposal.effective_date} is before the start date {min(starts)}.",
            hint="An ending takes effect on or after the day the role began.",
        )
