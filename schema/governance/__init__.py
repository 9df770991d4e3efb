"""The governance model as data: roles, their responsibilities, forums and principles.

Declared once, from the Danish original (``seed/000_b790ce54fdb760ce.txt``; it wins over
``governance-model.md``). Every responsibility cites the original's heading it comes from.
``importers.governance_model`` turns it into Role, Responsibility and Forum records, which
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
