"""The governance model's vocabulary: tracks, cadences, roles, responsibilities and forums.

Danish domain words are kept where the organisation uses them and explained once here:
*forvaltning* (an administration of the municipality; here Jobcenter og Borgerservice),
*afdeling* (department), *kontor* (office), *JB-sekretariatet* (the secretariat serving both
departments), *chefgruppen* (the management group: the director and the heads of department),
*systemejer* (system owner), *systemansvarlig* (the one person responsible for a system towards
its vendor), *superbruger* (super-user), *spor* (track).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from schema.model import LineLevel, SuperuserKind


class Track(StrEnum):
    """The two tracks of the model."""

    LINJE = "linje"  # Spor 1: Linjeorganisationen (the line organisation)
    SYSTEM = "system"  # Spor 2: Systemorganisationen, with the organisational roles around it


class Cadence(StrEnum):
    """How often the model asks for something."""

    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    ANNUAL = "annual"
    ONGOING = "ongoing"
    ON_CHANGE = "on-change"  # when a system is acquired, introduced or changed, or a need arises


# Headings of the original document (seed/000_b790ce54fdb760ce.txt), as it spells them.
# A level of a track is cited as "<track heading> — <level>".
SPOR_1 = "Governancemodellens spor 1: Linjeorganisationen"
SPOR_2 = "Governancemodellens spor 2: Systemorganisationen"
CHEFER = f"{SPOR_1} — Chefer"
LEDERE = f"{SPOR_1} — Ledere"
MEDARBEJDERE = f"{SPOR_1} — Medarbejdere"
SYSTEMEJER = f"{SPOR_2} — Systemejer"
SYSTEMANSVARLIG = f"{SPOR_2} — Systemansvarlig"
SYSTEMADMINISTRATOR = f"{SPOR_2} — Systemadministrator"
SUPERBRUGERE = f"{SPOR_2} — Superbrugere"
BAGGRUND = "Baggrund"
JB_SEKRETARIATET = "JB-sekretariatets rolle og ansvar"
SYSTEMKOORDINATORER = "Systemkoordinatorer"
OEVRIG_UNDERSTOETTELSE = "Øvrig understøttelse"


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One thing the model asks of a role, with how often and where the original says so."""

    key: str  # "<role key>.<slug>", stable: findings and documentation cite it
    title_da: str  # the original's own bullet heading where it has one
    title_en: str
    text_da: str  # close to the original's wording
    text_en: str
    cadence: Cadence
    section: str  # heading of the original it comes from

    @property
    def role_key(self) -> str:
        """The key of the role that declares this responsibility."""
        return self.key.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Role:
    """A role of the governance model and how the graph expresses holding it."""

    key: str
    name_da: str
    name_en: str
    track: Track
    description_da: str  # for users, in Danish
    description_en: str  # for newcomers to the domain, in English
    who_may_hold_da: str
    who_may_hold_en: str
    relationship: str  # the type in schema.model.RELATIONSHIPS that means "holds this role"
    section: str
    responsibilities: tuple[Responsibility, ...]
    kind: SuperuserKind | None = None  # SUPERUSER_OF {kind}; None for the generic super-user
    line_level: LineLevel | None = None  # Person.line_level for the track 1 roles
    critical: bool = False  # counts for the bus factor (GM-14: sole holder of a critical role)
    weight: float = 0.0  # default overload weight per holding (GM-14); see schema.governance
    aliases: tuple[str, ...] = ()  # other names: plurals, English, KITOS spellings
    shares: tuple[str, ...] = ()  # keys of other roles' responsibilities that apply too


@dataclass(frozen=True, slots=True)
class Forum:
    """A forum the model names, and which roles must sit in it."""

    key: str
    name: str  # Danish, as in the original
    name_en: str
    description_da: str
    description_en: str
    section: str
    short_name: str | None = None
    required_representation: tuple[str, ...] = ()  # role keys that must hold a seat
    from_secretariat: bool = False  # the representative must belong to JB-sekretariatet
    central: bool = False  # part of the municipality's central IT organisation
    cadence: Cadence | None = None  # how often IT is on its agenda, where the original says


@dataclass(frozen=True, slots=True)
class Principle:
    """One of the five digitalisation principles chefgruppen adopted on 4 December 2023."""

    key: str
    text_da: str
    text_en: str
    section: str = BAGGRUND
