"""Turn the governance register's rows into records, one reader per sheet."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.records import NodeRecord, PropValue, RelRecord
from importers.common import Problems, norm_email, norm_name, parse_date, text
from importers.register_spec import (
    APPOINTED_BY,
    ATTENDEES,
    DATE,
    DPA,
    DPA_STATUS,
    FINANCING,
    FORUM,
    FORUM_ROLE,
    FORUMS,
    FROM,
    KIND,
    ORG_ROLES,
    PERSON_EMAIL,
    PERSONAL_DATA,
    REVIEW_KINDS,
    ROLE,
    SUPERUSER_EMAIL,
    SUPERUSER_KIND_ALIASES,
    SUPERUSER_KINDS,
    SYSTEM,
    TO,
    YES_NO,
    forum_key,
    lookup,
)
from importers.tables import Row

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


@dataclass(slots=True)
class Collected:
    """Records so far; a node named on several sheets gets the union of its properties."""

    nodes: dict[tuple[str, str], NodeRecord] = field(default_factory=dict)
    rels: dict[tuple[str, ...], RelRecord] = field(default_factory=dict)
    seen: dict[tuple[str, ...], int] = field(default_factory=dict)

    def node(self, record: NodeRecord) -> None:
        """Add a node, merging properties into one already there."""
        old = self.nodes.get((record.label, record.key))
        if old is not None:
            record = NodeRecord(old.label, old.key, {**old.props, **record.props}, old.match)
        self.nodes[(record.label, record.key)] = record

    def rel(self, record: RelRecord, *extra: str) -> None:
        """Add a relationship (``extra`` tells apart two periods of the same one)."""
        self.rels[(record.type, record.from_key, record.to_key, *extra)] = record

    def first(self, key: tuple[str, ...], row: Row, problems: Problems, column: str) -> bool:
        """True the first time ``key`` is seen; a repeat is a located error."""
        if key in self.seen:
            problems.error(
                "duplicate-row",
                row.location(column),
                f"This row repeats row {self.seen[key]}.",
                "Delete one of the two rows (or correct the one that is wrong).",
            )
            return False
        self.seen[key] = row.number
        return True


def read_superuser(row: Row, out: Collected, problems: Problems) -> None:
    """Superbrugere: the kind of super-user and who appointed them."""
    system = _system(row, out, problems)
    email = _email(row, SUPERUSER_EMAIL, problems)
    raw_kind = text(row.get(KIND)) or ""
    kind = lookup(raw_kind, SUPERUSER_KINDS) or SUPERUSER_KIND_ALIASES.get(raw_kind.casefold())
    if kind is None:
        _bad_choice(row, KIND, raw_kind, SUPERUSER_KINDS, problems)
    appointed_by = _email(row, APPOINTED_BY, problems, required=False)
    period = _period(row, problems)
    if system is None or email is None or kind is None or period is None:
        return
    if not out.first(("superuser", system, email), row, problems, SUPERUSER_EMAIL):
        return
    props: dict[str, PropValue] = {"kind": kind, "appointed_by": appointed_by, **period}
    out.rel(RelRecord("SUPERUSER_OF", "Person", _person(email, out), "System", system, props))


def read_forum_seat(row: Row, out: Collected, problems: Problems) -> None:
    """Fora: a person's seat in a forum of the model."""
    raw = text(row.get(FORUM)) or ""
    forum = forum_key(raw)
    if forum is None:
        _bad_choice(row, FORUM, raw, {v: k for k, v in FORUMS.items()}, problems)
    email = _email(row, PERSON_EMAIL, problems)
    period = _period(row, problems)
    if forum is None or email is None or period is None:
        return
    since = str(period.get("valid_from") or "")
    if not out.first(("forum", forum, email, since), row, problems, PERSON_EMAIL):
        return
    props: dict[str, PropValue] = {"role": text(row.get(FORUM_ROLE)), **period}
    out.rel(RelRecord("SITS_IN", "Person", _person(email, out), "Forum", forum, props), since)


def read_org_role(row: Row, out: Collected, problems: Problems) -> None:
    """Roller: an organisational role (digitaliseringskonsulent, systemkoordinator)."""
    email = _email(row, PERSON_EMAIL, problems)
    raw = text(row.get(ROLE)) or ""
    role = lookup(raw, ORG_ROLES)
    if role is None:
        _bad_choice(row, ROLE, raw, ORG_ROLES, problems)
    period = _period(row, problems)
    if email is None or role is None or period is None:
        return
    since = str(period.get("valid_from") or "")
    if not out.first(("role", role, email, since), row, problems, ROLE):
        return
    rel = RelRecord("HOLDS_ROLE", "Person", _person(email, out), "Role", role, period)
    out.rel(rel, since)


def read_review(row: Row, out: Collected, problems: Problems) -> None:
    """Gennemgange: a held review or vendor dialog, and who attended."""
    system = _system(row, out, problems)
    raw = text(row.get(KIND)) or ""
    kind = lookup(raw, REVIEW_KINDS)
    if kind is None:
        _bad_choice(row, KIND, raw, REVIEW_KINDS, problems)
    _, held = _date(row, DATE, problems, required=True)
    emails = [_email_value(row, ATTENDEES, part, problems) for part in _split(row, ATTENDEES)]
    attendees = [email for email in emails if email is not None]
    if system is None or kind is None or held is None or len(attendees) < len(emails):
        return
    key = f"{system}|{kind}|{held.isoformat()}"
    if not out.first(("review", key), row, problems, DATE):
        return
    out.node(NodeRecord("Review", key, {"kind": kind, "date": held}))
    out.rel(RelRecord("REVIEWS", "Review", key, "System", system))
    for email in attendees:
        out.rel(RelRecord("ATTENDED", "Person", _person(email, out), "Review", key))


def read_system_facts(row: Row, out: Collected, problems: Problems) -> None:
    """Systemer: financing source, personal data and data-processing agreement."""
    system = _system(row, out, problems)
    if system is None or not out.first(("system", system), row, problems, SYSTEM):
        return
    props: dict[str, PropValue] = {"financing_source": text(row.get(FINANCING))}
    raw_personal = text(row.get(PERSONAL_DATA))
    if raw_personal is not None:
        props["handles_personal_data"] = lookup(raw_personal, YES_NO)
        if props["handles_personal_data"] is None:
            _bad_choice(row, PERSONAL_DATA, raw_personal, YES_NO, problems)
    raw_dpa = text(row.get(DPA))
    props["dpa_status"] = lookup(raw_dpa, DPA_STATUS) if raw_dpa else "unknown"
    if props["dpa_status"] is None:
        _bad_choice(row, DPA, raw_dpa or "", DPA_STATUS, problems)
    out.node(NodeRecord("System", system, {k: v for k, v in props.items() if v is not None}))


SHEET_READERS: dict[str, Callable[[Row, Collected, Problems], None]] = {
    "Superbrugere": read_superuser,
    "Fora": read_forum_seat,
    "Roller": read_org_role,
    "Gennemgange": read_review,
    "Systemer": read_system_facts,
}


def _system(row: Row, out: Collected, problems: Problems) -> str | None:
    """Emit the referenced system (by name or KITOS uuid) and return its provisional key."""
    ref = text(row.get(SYSTEM))
    if ref is None:
        _missing(row, SYSTEM, "the system's name (as in KITOS) or its KITOS uuid", problems)
        return None
    is_uuid = bool(_UUID.match(ref))
    value = ref.lower() if is_uuid else ref
    key = f"register-system:{value if is_uuid else norm_name(ref)}"
    match = (("key", value), ("kitos_uuid", value)) + (() if is_uuid else (("name", ref),))
    out.node(NodeRecord("System", key, {} if is_uuid else {"name": ref}, match))
    return key


def _person(email: str, out: Collected) -> str:
    key = f"register:{email}"
    out.node(NodeRecord("Person", key, {}, (("email", email),)))
    return key


def _email(row: Row, column: str, problems: Problems, *, required: bool = True) -> str | None:
    raw = text(row.get(column))
    if raw is None:
        if required:
            _missing(row, column, "the person's work e-mail", problems)
        return None
    return _email_value(row, column, raw, problems)


def _email_value(row: Row, column: str, raw: str, problems: Problems) -> str | None:
    email = norm_email(raw)
    if email is None:
        problems.error(
            "bad-email",
            row.location(column),
            f"'{raw}' is not an e-mail address.",
            "Write the person's work e-mail, e.g. anna.hansen@kommune.dk.",
        )
    return email


def _period(row: Row, problems: Problems) -> dict[str, PropValue] | None:
    """Read Fra/Til; Til is the last day, stored as the exclusive valid_to."""
    start_ok, start = _date(row, FROM, problems)
    end_ok, end = _date(row, TO, problems)
    if not (start_ok and end_ok):
        return None
    if start and end and end < start:
        problems.error(
            "bad-period",
            row.location(TO),
            f"'{TO}' ({end:%d-%m-%Y}) is before '{FROM}' ({start:%d-%m-%Y}).",
            "Swap or correct the two dates.",
        )
        return None
    valid_to = end + timedelta(days=1) if end else None
    return {k: v for k, v in (("valid_from", start), ("valid_to", valid_to)) if v}


def _date(
    row: Row, column: str, problems: Problems, *, required: bool = False
) -> tuple[bool, date | None]:
    """Return (readable, date); an unreadable date, or an empty required one, is an error."""
    try:
        value = parse_date(row.get(column))
    except ValueError as exc:
        problems.error("bad-date", row.location(column), f"{exc}.", "Write it as dd-mm-yyyy.")
        return False, None
    if value is None and required:
        _missing(row, column, "the date (dd-mm-yyyy)", problems)
        return False, None
    return True, value


def _split(row: Row, column: str) -> list[str]:
    raw = text(row.get(column)) or ""
    return [part.strip() for part in re.split(r"[,;\n]", raw) if part.strip()]


def _missing(row: Row, column: str, what: str, problems: Problems) -> None:
    problems.error(
        "missing-value", row.location(column), f"'{column}' is empty.", f"Fill in {what}."
    )


def _bad_choice(
    row: Row, column: str, raw: str, labels: dict[str, str], problems: Problems
) -> None:
    problems.error(
        "invalid-value",
        row.location(column),
        f"'{raw}' is not one of the allowed values." if raw else f"'{column}' is empty.",
        f"Choose one of: {', '.join(labels)}.",
    )
