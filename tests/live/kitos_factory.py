"""Generated KITOS organisations of any size, in KITOS's v2 shapes, for the local KITOS.

Usage ``i`` is the same in every organisation made here, whatever its size: the same system,
vendor, role holders and units (by uuid and content). So a change to the first usages costs the
same in a small organisation and in a large one, if the sync reads in proportion to the change.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from tests.live.kitos_server import KitosData

ORG = {"uuid": "0f000000-0000-4000-8000-000000000001", "name": "Prøvested Kommune"}
ROLES = ("Systemejer", "Systemansvarlig", "Superbruger")
OLD = "2026-01-01T00:00:00Z"  # long before any test's full sync


def _uuid(kind: str, number: int) -> str:
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"govgraph-test/{kind}/{number}"))


def make_user(number: int) -> dict[str, Any]:
    """KITOS user ``number`` (OrganizationUserResponseDTO)."""
    return {
        "uuid": _uuid("user", number),
        "name": f"Bruger{number} Efternavn",
        "firstName": f"Bruger{number}",
        "lastName": "Efternavn",
        "email": f"bruger{number}@provested.dk",
        "phoneNumber": None,
        "apiAccess": False,
        "roles": ["User"],
    }


def make_unit(number: int) -> dict[str, Any]:
    """KITOS organisation unit ``number`` (OrganizationUnitResponseDTO)."""
    return {
        "uuid": _uuid("unit", number),
        "name": f"Enhed {number}",
        "unitId": f"U{number:05d}",
        "ean": None,
        "parentOrganizationUnit": None,
    }


def make_usage(number: int, *, users: int, units: int) -> dict[str, Any]:
    """Usage ``number``: three role holders and two units, picked by its number alone."""
    holders = [make_user((number * 3 + k) % users) for k in range(3)]
    places = [make_unit((number * 2 + k) % units) for k in range(2)]
    return {
        "uuid": _uuid("usage", number),
        "lastModified": OLD,
        "systemContext": {"uuid": _uuid("system", number), "name": f"System {number}"},
        "organizationContext": ORG,
        "general": {"localSystemId": f"S-{number:04d}", "localCallName": None},
        "roles": [
            {
                "role": {"uuid": _uuid("role", k), "name": ROLES[k]},
                "user": {"uuid": user["uuid"], "name": user["name"]},
            }
            for k, user in enumerate(holders)
        ],
        "organizationUsage": {
            "usingOrganizationUnits": [{"uuid": u["uuid"], "name": u["name"]} for u in places],
            "responsibleOrganizationUnit": {"uuid": places[0]["uuid"], "name": places[0]["name"]},
        },
    }


def make_system(number: int) -> dict[str, Any]:
    """The IT system of usage ``number``, its rights holder its vendor."""
    return {
        "uuid": _uuid("system", number),
        "name": f"System {number}",
        "lastModified": OLD,
        "deactivated": False,
        "rightsHolder": {
            "uuid": _uuid("vendor", number),
            "name": f"Leverandør {number} A/S",
            "cvr": f"{10000000 + number}",
        },
    }


def make_organisation(*, usages: int, users: int, units: int) -> KitosData:
    """An organisation of this size; usage ``i`` is the same in every size."""
    return KitosData(
        org_uuid=ORG["uuid"],
        org_name=ORG["name"],
        usages=[make_usage(i, users=users, units=units) for i in range(usages)],
        systems=[make_system(i) for i in range(usages)],
        users=[make_user(i) for i in range(users)],
        units=[make_unit(i) for i in range(units)],
    )
