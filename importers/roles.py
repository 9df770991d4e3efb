"""Tolerant matching of KITOS system-role names to the governance model's system roles.

KITOS ships default roles (Systemejer, Systemansvarlig, Superbruger, "Systemadminstrator" —
misspelt so in KITOS's seed data, ...) that municipalities rename, switch off or extend. A
configured map from local role names or role UUIDs wins; otherwise names are compared after
folding case, spacing, hyphens and the known misspelling away.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.records import PropValue, RelRecord
from schema.model import SYSTEM_ROLE_RELATIONSHIP, SuperuserKind, SystemRole


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """What one KITOS role assignment means in the model."""

    role: SystemRole
    kind: str | None = None  # super-user kind (it|fag|teknisk) when the name says so
    known: bool = True  # False: a name neither KITOS nor the model knows (worth a warning)

    @property
    def relationship(self) -> str:
        """The relationship type the assignment becomes."""
        return SYSTEM_ROLE_RELATIONSHIP[self.role]


# Folded name -> (role, super-user kind). Plurals and the KITOS misspelling included.
_MODEL_ROLES: dict[str, tuple[SystemRole, str | None]] = {
    "systemejer": (SystemRole.SYSTEMEJER, None),
    "systemejere": (SystemRole.SYSTEMEJER, None),
    "systemansvarlig": (SystemRole.SYSTEMANSVARLIG, None),
    "systemansvarlige": (SystemRole.SYSTEMANSVARLIG, None),
    "systemadministrator": (SystemRole.SYSTEMADMINISTRATOR, None),
    "systemadministratorer": (SystemRole.SYSTEMADMINISTRATOR, None),
    "systemadminstrator": (SystemRole.SYSTEMADMINISTRATOR, None),
    "systemadminstratorer": (SystemRole.SYSTEMADMINISTRATOR, None),
    "superbruger": (SystemRole.SUPERBRUGER, None),
    "superbrugere": (SystemRole.SUPERBRUGER, None),
    "itsuperbruger": (SystemRole.SUPERBRUGER, SuperuserKind.IT.value),
    "fagsuperbruger": (SystemRole.SUPERBRUGER, SuperuserKind.FAG.value),
    "tekniksuperbruger": (SystemRole.SUPERBRUGER, SuperuserKind.TEKNISK.value),
    "teknisksuperbruger": (SystemRole.SUPERBRUGER, SuperuserKind.TEKNISK.value),
}

# KITOS's other default roles: outside the model, kept as HAS_SYSTEM_ROLE without a warning.
_KITOS_OTHER_ROLES: frozenset[str] = frozenset(
    {
        "forretningsejer",
        "superbrugeransvarlig",
        "sikkerhedsansvarlig",
        "changemanager",
        "dataejer",
        "kontaktperson",
        "databeskyttelsesansvarlig",
    }
)

_FOLD = re.compile(r"[\s\-_./()]+")


def fold_role_name(name: str) -> str:
    """Fold a role name for comparison: lower case, no spaces, hyphens or punctuation."""
    return _FOLD.sub("", name.casefold())


def model_role(name: str) -> tuple[SystemRole, str | None] | None:
    """Return the model role (and super-user kind) a role name means, or None."""
    folded = fold_role_name(name)
    if folded in _MODEL_ROLES:
        return _MODEL_ROLES[folded]
    if folded in {"anden", "other", "andenrolle"}:
        return SystemRole.OTHER, None
    return None


def match_role(
    name: str | None, *, uuid: str | None = None, role_map: Mapping[str, str] | None = None
) -> RoleMatch:
    """Classify a KITOS role by the configured map (UUID, then name), else by its name."""
    mapped = _configured(name, uuid, role_map or {})
    if mapped is not None:
        target = model_role(mapped)
        if target is not None:
            return RoleMatch(target[0], target[1])
    found = model_role(name or "")
    if found is not None:
        return RoleMatch(found[0], found[1])
    known = fold_role_name(name or "") in _KITOS_OTHER_ROLES
    return RoleMatch(SystemRole.OTHER, None, known=known)


def role_relationship(
    match: RoleMatch, *, person_key: str, system_key: str, role_name: str
) -> RelRecord:
    """Build the Person->System relationship one role assignment becomes."""
    props: dict[str, PropValue] = {}
    if match.role is SystemRole.SUPERBRUGER:
        props["kind"] = match.kind
    elif match.role is SystemRole.OTHER:
        props["role"] = role_name
    return RelRecord(match.relationship, "Person", person_key, "System", system_key, props)


def invalid_role_map_targets(role_map: Mapping[str, str]) -> list[str]:
    """Return the configured map's keys whose target is not a model role."""
    return [key for key, target in role_map.items() if model_role(target) is None]


def _configured(name: str | None, uuid: str | None, role_map: Mapping[str, str]) -> str | None:
    if not role_map:
        return None
    if uuid:
        for key, target in role_map.items():
            if key.strip().lower() == uuid.strip().lower():
                return target
    if name:
        folded = fold_role_name(name)
        for key, target in role_map.items():
            if fold_role_name(key) == folded:
                return target
    return None
