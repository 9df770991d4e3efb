"""Write the example's HR data as OS2mo's GraphQL answers it: org_units, employees, managers.

The same people and units as the OPUS dumps, in OS2mo's shapes (``{objects: [{uuid, current}]}``,
references as lists of ``{uuid}``, validity ``{from, to}``), so that a saved answer and the local
GraphQL server of the tests serve one organisation.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import catalogue as cat
from organisation import Organisation, Person

OFFSET = "T00:00:00+01:00"  # OS2mo answers datetimes with the Danish offset


def mo_uuid(kind: str, key: str) -> str:
    """A stable uuid for an OS2mo object of the example."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"os2mo-{kind}:{key}"))


def write_os2mo(org: Organisation, path: Path) -> None:
    """Write os2mo.json: what OS2mo's GraphQL answers for the organisation, as one document."""
    staff = [p for p in org.people if p.id and p.unit and p.unit in cat.UNITS]
    data = {
        "org_units": {"objects": [_unit(org, code) for code in cat.UNITS]},
        "employees": {"objects": [_employee(org, p) for p in staff]},
        "managers": {"objects": [_manager(org, p) for p in staff if p.is_manager]},
    }
    text = json.dumps({"data": data}, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def _validity(start: Any, end: Any = None) -> dict[str, str | None]:
    return {
        "from": f"{start.isoformat()}{OFFSET}",
        "to": f"{end.isoformat()}{OFFSET}" if end else None,
    }


def _unit(org: Organisation, code: str) -> dict[str, Any]:
    unit_id, name, _, parent, type_txt, _ = cat.UNITS[code]
    current = {
        "uuid": org.unit_uuids[code],
        "name": name,
        "user_key": unit_id,
        "parent": [{"uuid": org.unit_uuids[parent]}] if parent else None,
        "unit_type": {"name": type_txt},
        "validity": _validity(cat.PREVIOUS.replace(year=2010, month=1, day=1)),
    }
    return {"uuid": current["uuid"], "current": current}


def _employee(org: Organisation, person: Person) -> dict[str, Any]:
    key = mo_uuid("employee", person.id)
    current = {
        "uuid": key,
        "given_name": person.first,
        "surname": person.last,
        "name": person.name,
        "addresses": [
            {"value": person.email, "address_type": {"scope": "EMAIL", "user_key": "EmailEmployee"}}
        ],
        "itusers": [{"user_key": person.user_id, "itsystem": {"name": "Active Directory"}}],
        "engagements": [
            {
                "uuid": mo_uuid("engagement", person.id),
                "user_key": person.id,
                "org_unit": [{"uuid": org.unit_uuids[person.unit]}],
                "job_function": {"name": person.position},
                "validity": _validity(person.entry, person.leave),
            }
        ],
    }
    return {"uuid": key, "current": current}


def _manager(org: Organisation, person: Person) -> dict[str, Any]:
    key = mo_uuid("manager", person.id)
    current = {
        "uuid": key,
        "person": [{"uuid": mo_uuid("employee", person.id)}],
        "org_unit": [{"uuid": org.unit_uuids[person.unit]}],
        "manager_level": {"name": cat.UNITS[person.unit][4]},
        "manager_type": {"name": "Leder"},
        "responsibilities": [{"name": "Personale"}],
        "validity": _validity(person.entry, person.leave),
    }
    return {"uuid": key, "current": current}
