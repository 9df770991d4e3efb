"""Read a folder of saved KITOS API v2 responses: systems in use, vendors, units, people, roles.

The folder holds ``it-system-usages.json``, ``users.json``, ``organization-units.json`` and,
optionally, ``it-systems.json`` and ``it-contracts.json`` (each a JSON array; pages may be split
as ``name-2.json``). A usage's vendor is the supplier of a contract that names the usage, else
its system's rights holder.
Fields move between KITOS versions, so everything but a usage's uuid and its system's name is
optional and read from wherever it is (``general``, ``gdpr``, ``general.validity``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from core.records import ImportBatch, NodeRecord, Problem, PropValue, RelRecord
from importers.base import ImportOptions
from importers.common import (
    Problems,
    norm_email,
    parse_date,
    source_error,
    text,
)
from importers.json_pages import as_int, as_object, folder_sha256, json_kind, load_json_array
from importers.kitos_records import (
    YES_NO,
    RecordSet,
    person_record,
    unit_record,
    vendor_record,
    warn_invalid_role_map,
)
from importers.roles import match_role, role_relationship
from schema.model import KITOS_SCOPE, Lifecycle

FILES = ("it-system-usages", "users", "organization-units", "it-systems", "it-contracts")
OPTIONAL_FILES = ("it-systems", "it-contracts")
ENDPOINT_HINT = "Save the response of the KITOS API's {name} endpoint as {name}.json here."
# KITOS data-sensitivity levels that mean the system holds personal data.
PERSONAL_DATA_LEVELS = {"PersonData", "SensitiveData", "LegalData"}
# Where a usage field may sit, newest KITOS first.
SECTIONS = ("general", "gdpr", "validity", "")


@dataclass(slots=True)
class _Context:
    """The loaded lookups, and the records emitted so far."""

    options: ImportOptions
    users: dict[str, dict[str, Any]]
    units: dict[str, dict[str, Any]]
    systems: dict[str, dict[str, Any]]
    suppliers: dict[str, dict[str, Any]] = field(default_factory=dict)  # usage uuid -> supplier
    out: RecordSet = field(default_factory=RecordSet)


def read_kitos_api(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a KITOS API v2 folder into an ImportBatch (problems included, never half-read)."""
    if not path.is_dir():
        raise source_error(
            path.name,
            "not-a-folder",
            "whole path",
            "A KITOS API import is a folder of saved JSON responses, not a single file.",
            "Give the folder that holds it-system-usages.json, users.json and "
            "organization-units.json.",
        )
    loaded: dict[str, list[dict[str, Any]]] = {}
    problems_before: list[Problem] = []
    for name in FILES:
        problems = Problems(f"{path.name}/{name}.json")
        loaded[name] = load_json_array(
            path, name, problems, required=name not in OPTIONAL_FILES, hint=ENDPOINT_HINT
        )
        problems_before.extend(problems.items)
    source = KitosResponses(
        usages=loaded["it-system-usages"],
        users=loaded["users"],
        units=loaded["organization-units"],
        systems=loaded["it-systems"],
        contracts=loaded["it-contracts"],
    )
    return kitos_batch(
        source,
        options,
        file_name=path.name,
        sha256=folder_sha256(path),
        problems=problems_before,
    )


@dataclass(slots=True)
class KitosResponses:
    """The KITOS API v2 lists one import reads, as the API returned them (pages joined)."""

    usages: list[dict[str, Any]]
    users: list[dict[str, Any]]
    units: list[dict[str, Any]]
    systems: list[dict[str, Any]]
    contracts: list[dict[str, Any]] = field(default_factory=list)


def kitos_batch(
    source: KitosResponses,
    options: ImportOptions,
    *,
    file_name: str,
    sha256: str,
    problems: list[Problem] | None = None,
    covers: Iterable[str] | None = None,
) -> ImportBatch:
    """Turn KITOS's responses into an ImportBatch, from a saved folder or a live sync alike.

    ``covers`` makes it a delta: the usage uuids (changed or deleted) whose relationships the
    batch is the whole truth about; nothing else that it does not hold is ended.
    """
    batch = ImportBatch(
        source="kitos",
        scope=KITOS_SCOPE.name,
        file_name=file_name,
        sha256=sha256,
        snapshot_date=options.today,
        replaces_labels=KITOS_SCOPE.replaces_labels,
        replaces_types=KITOS_SCOPE.replaces_types,
    )
    batch.problems.extend(problems or [])
    if batch.errors:
        return batch
    found = Problems(f"{file_name}/it-system-usages.json")
    context = _Context(
        options=options,
        users=_by_uuid(source.users),
        units=_by_uuid(source.units),
        systems=_by_uuid(source.systems),
        suppliers=contract_suppliers(source.contracts),
    )
    warn_invalid_role_map(options, found)
    seen: dict[str, int] = {}
    for number, usage in enumerate(source.usages, start=1):
        _read_usage(usage, number, context, found, seen)
    if covers is None:
        _emit_every_unit(context)
    batch.problems.extend(found.items)
    if covers is not None:
        batch.covers = {"System": frozenset(uuid.lower() for uuid in covers) | set(seen)}
    if not batch.errors:
        batch.nodes = list(context.out.nodes.values())
        batch.rels = list(context.out.rels.values())
    return batch


def _emit_every_unit(ctx: _Context) -> None:
    """Every unit of the organisation, also one no system names: unmatched, it is DQ-02."""
    for uuid, unit in ctx.units.items():
        name = text(unit.get("name")) or uuid
        ctx.out.node(
            unit_record(
                f"kitos-unit:{uuid}", name=name, uuid=uuid, unit_id=text(unit.get("unitId"))
            )
        )


def _by_uuid(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {uuid.lower(): item for item in items if (uuid := text(item.get("uuid")))}


def _read_usage(
    usage: dict[str, Any], number: int, ctx: _Context, problems: Problems, seen: dict[str, int]
) -> None:
    """Emit one system usage: the System, its vendor, units and role holders."""
    uuid = text(usage.get("uuid"))
    system_ref = as_object(usage.get("systemContext"))
    name = text(system_ref.get("name"))
    where = f"usage {number}" + (f" '{name}'" if name else "")
    if uuid is None or name is None:
        missing = "uuid" if uuid is None else "systemContext.name"
        problems.error(
            "missing-field",
            where,
            f"The usage has no {missing}.",
            "Every usage needs its uuid and its system's name; save the API response again.",
        )
        return
    key = uuid.lower()
    if key in seen:
        problems.error(
            "duplicate-usage",
            where,
            f"The usage uuid {uuid} also appears as usage {seen[key]}.",
            "Remove the duplicate (pages saved twice?) and import again.",
        )
        return
    seen[key] = number
    ctx.out.node(NodeRecord("System", key, _system_props(usage, name, key, where, problems)))
    _emit_vendor(system_ref, key, ctx, supplier=ctx.suppliers.get(key))
    _emit_units(usage, key, ctx, where, problems)
    _emit_roles(usage, key, ctx, where, problems)


def _system_props(
    usage: dict[str, Any], name: str, key: str, where: str, problems: Problems
) -> dict[str, PropValue]:
    props: dict[str, PropValue] = {"name": name, "kitos_uuid": key}
    props["local_id"] = text(_pick(usage, "localSystemId"))
    props["local_name"] = text(_pick(usage, "localCallName"))
    props["lifecycle"] = _enum(
        usage, "lifeCycleStatus", [v.value for v in Lifecycle], where, problems
    )
    valid = _pick(usage, "valid")
    props["kitos_valid"] = valid if isinstance(valid, bool) else None
    props["valid_from"] = _date(usage, "validFrom", where, problems)
    valid_to = _date(usage, "validTo", where, problems)  # KITOS: inclusive; the graph: exclusive
    props["valid_to"] = valid_to + timedelta(days=1) if valid_to else None
    band = as_object(_pick(usage, "numberOfExpectedUsers"))
    props["expected_users_lower"] = as_int(band.get("lowerBound"))
    props["expected_users_upper"] = as_int(band.get("upperBound"))
    props["business_critical"] = _enum(usage, "businessCritical", YES_NO, where, problems)
    props["risk_assessment"] = _enum(usage, "riskAssessmentConducted", YES_NO, where, problems)
    props["risk_assessment_date"] = _date(usage, "riskAssessmentConductedDate", where, problems)
    props["planned_risk_assessment_date"] = _date(
        usage, "plannedRiskAssessmentDate", where, problems
    )
    props["risk_level"] = text(_pick(usage, "riskAssessmentResult"))
    props["hosted_at"] = text(_pick(usage, "hostedAt"))
    if levels := _sensitivity_levels(usage, where, problems):
        props["handles_personal_data"] = "Yes" if PERSONAL_DATA_LEVELS & levels else "No"
    return {k: v for k, v in props.items() if v is not None}


def _sensitivity_levels(usage: dict[str, Any], where: str, problems: Problems) -> set[str]:
    """The levels named in dataSensitivityLevels; anything but a name is warned about, left out."""
    levels = _pick(usage, "dataSensitivityLevels")
    names: set[str] = set()
    for number, level in enumerate(levels if isinstance(levels, list) else [], start=1):
        if isinstance(level, str):
            names.add(level)
            continue
        problems.warning(
            "not-a-json-string",
            f"{where}, dataSensitivityLevels[{number}]",
            f"The level is a JSON {json_kind(level)}, not a level's name; it is left out.",
            "Save the API response again unchanged; KITOS names each level (e.g. PersonData).",
        )
    return names


def contract_suppliers(contracts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Usage uuid -> the supplier organisation of a contract naming it (the first such)."""
    found: dict[str, dict[str, Any]] = {}
    for contract in contracts:
        supplier = as_object(contract.get("supplier"))
        # Newer KITOS: supplier {organization {uuid, name, cvr}, signed, ...}; older: the
        # organisation itself.
        organisation = as_object(supplier.get("organization")) or supplier
        if not text(organisation.get("name")):
            continue
        usages = contract.get("systemUsages")
        for ref in usages if isinstance(usages, list) else []:
            uuid = (text(as_object(ref).get("uuid")) or "").lower()
            if uuid:
                found.setdefault(uuid, organisation)
    return found


def _emit_vendor(
    system_ref: dict[str, Any],
    system_key: str,
    ctx: _Context,
    *,
    supplier: dict[str, Any] | None,
) -> None:
    system = ctx.systems.get((text(system_ref.get("uuid")) or "").lower(), {})
    holder = supplier or as_object(system.get("rightsHolder"))
    name, cvr = text(holder.get("name")), text(holder.get("cvr"))
    vendor_key = (cvr or text(holder.get("uuid")) or "").lower()
    if name is None or not vendor_key:
        return
    ctx.out.node(vendor_record(vendor_key, name=name, cvr=cvr))
    ctx.out.rel(RelRecord("SUPPLIED_BY", "System", system_key, "Vendor", vendor_key))


def _emit_units(
    usage: dict[str, Any], system_key: str, ctx: _Context, where: str, problems: Problems
) -> None:
    org_usage = as_object(usage.get("organizationUsage"))
    using = org_usage.get("usingOrganizationUnits") or []
    refs = [("USES", as_object(ref)) for ref in (using if isinstance(using, list) else [])]
    responsible = as_object(org_usage.get("responsibleOrganizationUnit"))
    if responsible:
        refs.append(("RESPONSIBLE_UNIT_FOR", responsible))
    for rel_type, ref in refs:
        uuid = (text(ref.get("uuid")) or "").lower()
        if not uuid:
            continue
        unit = ctx.units.get(uuid)
        if unit is None:
            problems.warning(
                "unknown-unit",
                f"{where}, organizationUsage",
                f"The unit '{text(ref.get('name'))}' ({uuid}) is not in organization-units.json.",
                "Save organization-units.json again from the same KITOS organisation.",
            )
        source = unit or ref
        name = text(source.get("name")) or uuid
        key = f"kitos-unit:{uuid}"
        ctx.out.node(unit_record(key, name=name, uuid=uuid, unit_id=text(source.get("unitId"))))
        ctx.out.rel(RelRecord(rel_type, "OrgUnit", key, "System", system_key))


def _emit_roles(
    usage: dict[str, Any], system_key: str, ctx: _Context, where: str, problems: Problems
) -> None:
    roles = usage.get("roles") or []
    for number, assignment in enumerate(roles if isinstance(roles, list) else [], start=1):
        role, user_ref = (
            as_object(as_object(assignment).get("role")),
            as_object(as_object(assignment).get("user")),
        )
        role_name = text(role.get("name")) or text(role.get("uuid")) or "?"
        user_uuid = (text(user_ref.get("uuid")) or "").lower()
        at = f"{where}, roles[{number}]"
        if not user_uuid:
            problems.warning(
                "role-without-user",
                at,
                f"The role '{role_name}' names no user.",
                "Assign a user to the role in KITOS, or remove it.",
            )
            continue
        match = match_role(role_name, uuid=text(role.get("uuid")), role_map=ctx.options.role_map)
        if not match.known:
            problems.warning(
                "unknown-role",
                at,
                f"The role '{role_name}' is neither a KITOS default nor a model role; "
                "it is kept as another role.",
                "Map it to a model role in the configuration (role_map) if it is one.",
            )
        user = ctx.users.get(user_uuid)
        if user is None:
            problems.warning(
                "unknown-user",
                at,
                f"The role holder '{text(user_ref.get('name'))}' ({user_uuid}) is not in "
                "users.json; they cannot be matched to HR by e-mail.",
                "Save users.json again from the same KITOS organisation.",
            )
        person_key = f"kitos:{user_uuid}"
        if (("Person", person_key)) not in ctx.out.nodes:
            ctx.out.node(
                _person_record(
                    person_key, user_uuid, user or {}, user_ref, at=at, problems=problems
                )
            )
        ctx.out.rel(
            role_relationship(
                match, person_key=person_key, system_key=system_key, role_name=role_name
            )
        )


def _person_record(
    key: str, uuid: str, user: dict[str, Any], ref: dict[str, Any], *, at: str, problems: Problems
) -> NodeRecord:
    first, last = text(user.get("firstName")), text(user.get("lastName"))
    name = " ".join(p for p in (first, last) if p) or text(ref.get("name")) or uuid
    email = norm_email(user.get("email"))
    if user and email is None:
        problems.warning(
            "user-without-email",
            at,
            f"The KITOS user '{name}' has no valid e-mail ({text(user.get('email'))!r}); "
            "they cannot be matched to HR.",
            "Add the user's work e-mail in KITOS.",
        )
    extra: dict[str, PropValue] = {"first_name": first, "last_name": last, "kitos_uuid": uuid}
    return person_record(key, name=name, email=email, extra=extra)


def _pick(usage: dict[str, Any], name: str) -> Any:
    """Return a field from wherever this KITOS version put it."""
    for section in SECTIONS:
        holder = as_object(usage.get(section)) if section else usage
        for candidate in (holder, as_object(holder.get("validity"))):
            if name in candidate and candidate[name] is not None:
                return candidate[name]
    return None


def _enum(
    usage: dict[str, Any], name: str, allowed: Any, where: str, problems: Problems
) -> str | None:
    value = text(_pick(usage, name))
    if value is not None and value not in allowed:
        problems.warning(
            "unknown-value",
            f"{where}, {name}",
            f"'{value}' is not a known {name} value; it is kept as it is.",
            f"Known values: {', '.join(allowed)}.",
        )
    return value


def _date(usage: dict[str, Any], name: str, where: str, problems: Problems) -> Any:
    try:
        return parse_date(_pick(usage, name))
    except ValueError as exc:
        problems.warning(
            "bad-date",
            f"{where}, {name}",
            f"{exc}; the date is left out.",
            "Correct the date in KITOS.",
        )
        return None
