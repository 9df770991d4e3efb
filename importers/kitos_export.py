"""Read KITOS's export of systems in use: an Excel workbook, or a `;`-separated UTF-16 CSV.

One row per system. Each role has a column of holders' names (comma-separated) and, next to
it, a hidden column ``<role> Email#`` with their e-mails in the same order. The export has no
usage uuid, so a system is keyed by its local id (or name) and joins an API-imported system by
``local_id`` or ``name``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.records import ImportBatch, NodeRecord, PropValue, RelRecord
from importers.base import ImportOptions, start_batch
from importers.common import Problems, norm_email, norm_name, parse_date, sha256_of, text
from importers.kitos_records import (
    LIFECYCLE_LABELS,
    YES_NO_LABELS,
    RecordSet,
    person_record,
    unit_record,
    vendor_record,
    warn_invalid_role_map,
)
from importers.roles import RoleMatch, fold_role_name, match_role, model_role, role_relationship
from importers.tables import Row, Table, header_key, read_table
from schema.model import KITOS_SCOPE

SYSTEM_COLUMN = "IT System"
LOCAL_ID = "Lokal System ID"
LOCAL_NAME = "Lokal kaldenavn"
RESPONSIBLE_UNIT = "Ansv. organisationsenhed"
USING_UNITS = "Relevante organisationsenheder"
VENDOR = "Leverandør"
LIFECYCLE = "Livscyklus"
RISK_ASSESSMENT = "Foretaget risikovurdering"
RISK_DATE = "Dato for seneste risikovurdering"
PLANNED_RISK_DATE = "Dato for planlagt risikovurdering"
EMAIL_SUFFIX = " email#"
LABEL_HINTS = {
    LIFECYCLE: "Ikke besluttet, Pilot, Under indfasning, I drift, Under udfasning, Ikke i drift",
    RISK_ASSESSMENT: "Ja, Nej, Ved ikke",
}
# Columns of KITOS's export that are never roles (folded as headers are).
NOT_ROLES = {
    header_key(h)
    for h in (
        SYSTEM_COLUMN,
        LOCAL_ID,
        LOCAL_NAME,
        RESPONSIBLE_UNIT,
        USING_UNITS,
        VENDOR,
        LIFECYCLE,
        RISK_ASSESSMENT,
        RISK_DATE,
        PLANNED_RISK_DATE,
        "Gyldig/Ikke gyldig",
        "Status",
        "Overordnet IT System",
        "Version",
        "Ejer",
        "Sidst redigeret",
        "Hovedkontrakt",
        "Forretningstype",
        "Antal brugere",
        "Note",
        "Referencer",
        "Klassifikation af data",
    )
}


@dataclass(frozen=True, slots=True)
class _RoleColumn:
    """A role column, its hidden e-mail column, and what the role means in the model."""

    column: str
    email_column: str | None
    match: RoleMatch


def read_kitos_export(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a KITOS export (.xlsx or UTF-16 CSV) into an ImportBatch."""
    table = read_table(path, required=(SYSTEM_COLUMN,))
    problems = Problems(path.name)
    problems.items.extend(table.problems)
    batch = start_batch(
        KITOS_SCOPE,
        source="kitos-export",
        path=path,
        sha256=sha256_of(path),
        snapshot_date=options.today,
    )
    warn_invalid_role_map(options, problems)
    roles = _roles(table, options, problems)
    out = RecordSet()
    seen: dict[str, int] = {}
    for row in table.rows:
        _read_row(row, roles, out=out, seen=seen, problems=problems)
    batch.problems = problems.items
    if not problems.has_errors:
        batch.nodes = list(out.nodes.values())
        batch.rels = list(out.rels.values())
    return batch


def _roles(table: Table, options: ImportOptions, problems: Problems) -> list[_RoleColumn]:
    """Return the role columns with what each role means; warn about unknown roles."""
    roles = []
    for column, email_column in _role_columns(table, options):
        match = match_role(column, role_map=options.role_map)
        if not match.known:
            problems.warning(
                "unknown-role",
                table.location(email_column if table.find(column) is None else column),
                f"The role '{column}' is neither a KITOS default nor a model role; "
                "it is kept as another role.",
                "Map it to a model role in the configuration (role_map) if it is one.",
            )
        roles.append(_RoleColumn(column, email_column, match))
    return roles


def _role_columns(table: Table, options: ImportOptions) -> list[tuple[str, str | None]]:
    """Return (role column, e-mail column) pairs; either may stand alone."""
    configured = {fold_role_name(k) for k in options.role_map}
    pairs: dict[str, tuple[str, str | None]] = {}
    for header in table.headers:
        key = header_key(header)
        if key.endswith(EMAIL_SUFFIX):
            base = header[: -len(EMAIL_SUFFIX)].strip()
            pairs[header_key(base)] = (table.find(base) or base, header)
        elif key not in NOT_ROLES and key not in pairs:
            known = model_role(header) is not None or match_role(header).known
            if known or fold_role_name(header) in configured:
                pairs[key] = (header, table.find(f"{header} Email#"))
    return list(pairs.values())


def _read_row(
    row: Row, roles: list[_RoleColumn], *, out: RecordSet, seen: dict[str, int], problems: Problems
) -> None:
    name = text(row.get(SYSTEM_COLUMN))
    if name is None:
        problems.error(
            "missing-value",
            row.location(SYSTEM_COLUMN),
            "The row has no system name.",
            "Fill in the system's name, or delete the row.",
        )
        return
    local_id = text(row.get(LOCAL_ID))
    key = f"kitos-export:{local_id or norm_name(name)}"
    if key in seen:
        problems.error(
            "duplicate-system",
            row.location(LOCAL_ID if local_id else SYSTEM_COLUMN),
            f"The system '{name}' ({local_id or 'no local id'}) also appears in row {seen[key]}.",
            "Give each system its own Lokal System ID, or remove the duplicate row.",
        )
        return
    seen[key] = row.number
    match = ((("local_id", local_id),) if local_id else ()) + (("name", name),)
    out.node(NodeRecord("System", key, _system_props(row, name, local_id, problems), match=match))
    if vendor := text(row.get(VENDOR)):
        vendor_key = f"kitos-export-vendor:{norm_name(vendor)}"
        out.node(vendor_record(vendor_key, name=vendor, by_name=True))
        out.rel(RelRecord("SUPPLIED_BY", "System", key, "Vendor", vendor_key))
    for rel_type, column in (("RESPONSIBLE_UNIT_FOR", RESPONSIBLE_UNIT), ("USES", USING_UNITS)):
        for unit in _split(row.get(column)):
            unit_key = f"kitos-export-unit:{norm_name(unit)}"
            out.node(unit_record(unit_key, name=unit))
            out.rel(RelRecord(rel_type, "OrgUnit", unit_key, "System", key))
    for role in roles:
        for person in _holders(row, role.column, role.email_column, problems):
            out.node(person)
            out.rel(
                role_relationship(
                    role.match, person_key=person.key, system_key=key, role_name=role.column
                )
            )


def _system_props(
    row: Row, name: str, local_id: str | None, problems: Problems
) -> dict[str, PropValue]:
    props: dict[str, PropValue] = {"name": name, "local_id": local_id}
    props["local_name"] = text(row.get(LOCAL_NAME))
    props["lifecycle"] = _label(row, LIFECYCLE, LIFECYCLE_LABELS, problems)
    props["risk_assessment"] = _label(row, RISK_ASSESSMENT, YES_NO_LABELS, problems)
    for prop, column in (
        ("risk_assessment_date", RISK_DATE),
        ("planned_risk_assessment_date", PLANNED_RISK_DATE),
    ):
        try:
            props[prop] = parse_date(row.get(column))
        except ValueError as exc:
            problems.warning(
                "bad-date",
                row.location(column),
                f"{exc}; the date is left out.",
                "Write the date as dd-mm-yyyy, as KITOS exports it.",
            )
    return {k: v for k, v in props.items() if v is not None}


def _label(row: Row, column: str, labels: dict[str, str], problems: Problems) -> str | None:
    raw = text(row.get(column))
    if raw is None:
        return None
    value = labels.get(norm_name(raw)) or labels.get(norm_name(raw).replace(" ", ""))
    if value is None:
        problems.warning(
            "unknown-value",
            row.location(column),
            f"'{raw}' is not a value KITOS uses here; it is left out.",
            f"Use one of KITOS's labels: {LABEL_HINTS[column]}.",
        )
    return value


def _holders(
    row: Row, role_column: str, email_column: str | None, problems: Problems
) -> Iterator[NodeRecord]:
    """Yield the role's holders, pairing names with the hidden e-mail column in order."""
    names = _split(row.get(role_column))
    emails = _split(row.get(email_column)) if email_column else []
    if email_column and names and len(names) != len(emails):
        problems.warning(
            "email-count-mismatch",
            row.location(email_column),
            f"The role '{role_column}' lists {len(names)} name(s) but {len(emails)} e-mail(s); "
            + ("the e-mails are used without names." if emails else "names are used alone."),
            "Export again from KITOS; the e-mail column must hold one e-mail per name.",
        )
        names = [] if emails else names
    count = max(len(names), len(emails))
    for index in range(count):
        name = names[index] if index < len(names) else None
        raw_email = emails[index] if index < len(emails) else None
        email = norm_email(raw_email)
        if raw_email and email is None:
            problems.warning(
                "bad-email",
                row.location(email_column),
                f"'{raw_email}' is not an e-mail address; the holder cannot be matched to HR.",
                "Correct the user's e-mail in KITOS.",
            )
        key = f"kitos-export:{email}" if email else f"kitos-export-name:{norm_name(name)}"
        yield person_record(key, name=name or email or raw_email or "?", email=email)


def _split(value: Any) -> list[str]:
    raw = text(value)
    return [part.strip() for part in raw.split(",") if part.strip()] if raw else []
