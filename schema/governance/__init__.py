"""The governance model as data: roles, their responsibilities, forums and principles.

Declared once, from the Danish original (``seed/000_b790ce54fdb760ce.txt``; it wins over
``governance-model.md``). Every responsibility cites the original's heading it comes from.
``reference_records()`` turns the model into Role, Responsibility and Forum nodes, which
``govgraph db init`` loads.

Overload weights (GM-14): a person's load is the sum of the weights of what they hold, one term
per holding (each system they own, administer, ...; each organisational role). A weight is a
rough share of an ordinary working week's attention the role asks on top of the job:
- systemejer, systemansvarlig, systemadministrator: 1.0 — contracts, financing and risk; the
  vendor, its agreement and the annual dialogs; operation, rights and security. These three
  are also ``critical``: a system needs them, so a sole holder on many systems is a bus-factor
  risk.
- superbruger and its kinds: 0.5 — support and teaching beside the job; often several per system.
- systemkoordinator: 1.0 — held once, forvaltning-wide, but an ongoing coordinating role.
- digitaliseringskonsulent and the track 1 roles: 0.0 — they are the job itself, not an extra.
The settings' ``rules.role_weights`` override these defaults.
"""

from __future__ import annotations

from schema.governance.forums import FORUMS, PRINCIPLES
from schema.governance.leaders import LEADER_ROLES
from schema.governance.line import LINE_ROLES
from schema.governance.organisation import ORGANISATION_ROLES
from schema.governance.owner import SYSTEMEJER_ROLE
from schema.governance.superusers import SUPERUSER_ROLES
from schema.governance.system import SYSTEM_ROLES
from schema.governance.types import Cadence, Forum, Principle, Responsibility, Role, Track
from schema.records import NodeRecord, PropValue, RelRecord

__all__ = [
    "Cadence",
    "Forum",
    "Principle",
    "Responsibility",
    "Role",
    "Track",
    "forum",
    "forums",
    "principles",
    "reference_records",
    "responsibilities",
    "responsibilities_of",
    "responsibility",
    "role",
    "roles",
]

_ROLES: tuple[Role, ...] = (
    *LEADER_ROLES,
    *LINE_ROLES,
    SYSTEMEJER_ROLE,
    *SYSTEM_ROLES,
    *SUPERUSER_ROLES,
    *ORGANISATION_ROLES,
)
_ROLES_BY_KEY: dict[str, Role] = {r.key: r for r in _ROLES}
_FORUMS_BY_KEY: dict[str, Forum] = {f.key: f for f in FORUMS}
_RESPONSIBILITIES: tuple[Responsibility, ...] = tuple(
    resp for r in _ROLES for resp in r.responsibilities
)
_RESPONSIBILITIES_BY_KEY: dict[str, Responsibility] = {r.key: r for r in _RESPONSIBILITIES}


def roles() -> tuple[Role, ...]:
    """Every role of both tracks, line roles first."""
    return _ROLES


def role(key: str) -> Role:
    """Return the role with this key, or raise KeyError naming the known keys."""
    try:
        return _ROLES_BY_KEY[key]
    except KeyError:
        raise KeyError(f"Unknown role {key!r}; known: {', '.join(_ROLES_BY_KEY)}") from None


def forums() -> tuple[Forum, ...]:
    """Every forum the model names."""
    return FORUMS


def forum(key: str) -> Forum:
    """Return the forum with this key, or raise KeyError naming the known keys."""
    try:
        return _FORUMS_BY_KEY[key]
    except KeyError:
        raise KeyError(f"Unknown forum {key!r}; known: {', '.join(_FORUMS_BY_KEY)}") from None


def responsibilities() -> tuple[Responsibility, ...]:
    """Every responsibility, each once, in the order of its declaring role."""
    return _RESPONSIBILITIES


def responsibility(key: str) -> Responsibility:
    """Return the responsibility with this key, or raise KeyError."""
    try:
        return _RESPONSIBILITIES_BY_KEY[key]
    except KeyError:
        raise KeyError(f"Unknown responsibility {key!r}") from None


def responsibilities_of(role_key: str) -> tuple[Responsibility, ...]:
    """A role's own responsibilities followed by those it shares with another role."""
    held = role(role_key)
    return held.responsibilities + tuple(responsibility(k) for k in held.shares)


def principles() -> tuple[Principle, ...]:
    """The five digitalisation principles, in the original's order."""
    return PRINCIPLES


def reference_records() -> tuple[list[NodeRecord], list[RelRecord]]:
    """Role, Responsibility and Forum nodes and the HAS_RESPONSIBILITY relationships."""
    nodes = [NodeRecord("Role", r.key, _role_props(r)) for r in _ROLES]
    nodes += [
        NodeRecord("Responsibility", r.key, _responsibility_props(r)) for r in _RESPONSIBILITIES
    ]
    nodes += [NodeRecord("Forum", f.key, _forum_props(f)) for f in FORUMS]
    rels = [
        RelRecord("HAS_RESPONSIBILITY", "Role", r.key, "Responsibility", resp.key)
        for r in _ROLES
        for resp in responsibilities_of(r.key)
    ]
    return nodes, rels


def _role_props(r: Role) -> dict[str, PropValue]:
    return {
        "name": r.name_da,
        "name_da": r.name_da,
        "name_en": r.name_en,
        "track": r.track.value,
        "description_da": r.description_da,
        "description_en": r.description_en,
        "who_may_hold_da": r.who_may_hold_da,
        "who_may_hold_en": r.who_may_hold_en,
        "relationship": r.relationship,
        "kind": r.kind.value if r.kind else None,
        "line_level": r.line_level.value if r.line_level else None,
        "critical": r.critical,
        "weight": r.weight,
        "aliases": list(r.aliases),
        "section": r.section,
    }


def _responsibility_props(r: Responsibility) -> dict[str, PropValue]:
    return {
        "name": r.title_da,
        "role": r.role_key,
        "title_da": r.title_da,
        "title_en": r.title_en,
        "text_da": r.text_da,
        "text_en": r.text_en,
        "cadence": r.cadence.value,
        "section": r.section,
    }


def _forum_props(f: Forum) -> dict[str, PropValue]:
    return {
        "name": f.name,
        "short_name": f.short_name,
        "name_en": f.name_en,
        "description_da": f.description_da,
        "description_en": f.description_en,
        "required_representation": list(f.required_representation),
        "from_secretariat": f.from_secretariat,
        "central": f.central,
        "cadence": f.cadence.value if f.cadence else None,
        "section": f.section,
    }
