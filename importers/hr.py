"""What every HR reader produces: units, people, engagements and managers, made into a batch.

Each HR format (OPUS, OS2mo, the OS2mo report, any CSV) reads its file into ``HrData``; one
function, ``HrData.to_batch``, checks the unit tree, places units in the line organisation and
emits the Person and OrgUnit nodes and the MEMBER_OF, MANAGES and PART_OF relationships.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.records import ImportBatch, NodeRecord, PropValue, RelRecord
from importers.base import ImportOptions, start_batch
from importers.common import Problems, norm_email, norm_name, sha256_of
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.lines import UnitPlace, check_tree, highest_level, place_units
from schema.model import HR_SCOPE


class HrData:
    """Units, people and their links read from one HR file, with the problems found."""

    def __init__(self, file: str) -> None:
        self.problems = Problems(file)
        self.units: dict[str, HrUnit] = {}
        self.people: dict[str, HrPerson] = {}
        self.memberships: list[HrLink] = []
        self.managements: list[HrLink] = []

    def add_unit(self, unit: HrUnit) -> bool:
        """Add a unit; a second unit with the same key is a duplicate-key error."""
        if (first := self.units.get(unit.key)) is not None:
            self._duplicate("unit", unit.key, unit.location, first.location)
            return False
        self.units[unit.key] = unit
        return True

    def add_person(self, person: HrPerson) -> bool:
        """Add a person; a second person with the same key is a duplicate-key error."""
        if (first := self.people.get(person.key)) is not None:
            self._duplicate("person", person.key, person.location, first.location)
            return False
        self.people[person.key] = person
        return True

    def _duplicate(self, what: str, key: str, location: str, first: str) -> None:
        self.problems.error(
            "duplicate-key",
            location,
            f"The {what} id '{key}' occurs twice (first at {first}).",
            f"Each {what} must occur once: remove or correct one of the two.",
        )

    def to_batch(
        self,
        *,
        source: str,
        path: Path,
        snapshot_date: date,
        options: ImportOptions,
        sha256: str | None = None,
    ) -> ImportBatch:
        """Check the tree, place units and people in the line organisation, emit the records."""
        check_tree(self.units, self.problems)
        places = place_units(self.units, options, self.problems)
        batch = start_batch(
            HR_SCOPE,
            source=source,
            path=path,
            sha256=sha256 or sha256_of(path),
            snapshot_date=snapshot_date,
        )
        batch.nodes.extend(self._unit_node(u, places[u.key]) for u in self.units.values())
        batch.rels.extend(
            RelRecord("PART_OF", "OrgUnit", u.key, "OrgUnit", u.parent)
            for u in self.units.values()
            if u.parent is not None and u.parent in self.units
        )
        levels = self._manager_rels(batch, places, snapshot_date)
        self._member_rels(batch, snapshot_date)
        batch.nodes.extend(
            self._person_node(p, levels.get(p.key, [])) for p in self.people.values()
        )
        batch.problems.extend(self.problems.items)
        return batch

    def _manager_rels(
        self, batch: ImportBatch, places: dict[str, UnitPlace], snapshot: date
    ) -> dict[str, list[str | None]]:
        """Emit MANAGES; return the levels of the posts each person holds at the snapshot."""
        levels: dict[str, list[str | None]] = {}
        for link in one_per_unit(self.managements, snapshot):
            if link.unit not in self.units:
                self.problems.warning(
                    "unknown-manager-unit",
                    link.location,
                    f"The person '{link.person}' manages unit '{link.unit}', "
                    "which is not in the file.",
                    "Correct the unit id, or add the unit to the file; the post is left out.",
                )
                continue
            if link.person not in self.people:
                continue
            level = places[link.unit].manager_level
            batch.rels.append(
                RelRecord(
                    "MANAGES",
                    "Person",
                    link.person,
                    "OrgUnit",
                    link.unit,
                    {"level": level, **_validity(link.valid_from, link.valid_to)},
                )
            )
            if _current(link.valid_from, link.valid_to, snapshot):
                levels.setdefault(link.person, []).append(level)
        return levels

    def _member_rels(self, batch: ImportBatch, snapshot: date) -> None:
        for link in one_per_unit(self.memberships, snapshot):
            if link.unit not in self.units:
                self.problems.warning(
                    "unknown-unit",
                    link.location,
                    f"The engagement is in unit '{link.unit}', which is not in the file.",
                    "Correct the unit id, or add the unit to the file; the engagement is left out.",
                )
                continue
            props: dict[str, PropValue] = {
                "position": link.position,
                "engagement_key": link.engagement_key,
                **_validity(link.valid_from, link.valid_to),
            }
            batch.rels.append(
                RelRecord("MEMBER_OF", "Person", link.person, "OrgUnit", link.unit, props)
            )

    def _unit_node(self, unit: HrUnit, place: UnitPlace) -> NodeRecord:
        props: dict[str, PropValue] = {
            "name": unit.name,
            "name_norm": norm_name(unit.name),
            "short_name": unit.short_name,
            "unit_id": unit.unit_id,
            "cost_center": unit.cost_center,
            "unit_type": unit.unit_type,
            "depth": place.depth,
            "in_forvaltning": place.in_forvaltning,
            "is_secretariat": place.is_secretariat,
            "is_central_it": place.is_central_it,
            **_validity(unit.valid_from, unit.valid_to),
        }
        return NodeRecord("OrgUnit", unit.key, props)

    def _person_node(self, person: HrPerson, levels: list[str | None]) -> NodeRecord:
        name = person.name or " ".join(p for p in (person.first_name, person.last_name) if p)
        if not name:
            name = person.user_id or person.key
            self.problems.warning(
                "missing-name",
                person.location,
                f"The person '{person.key}' has no name; '{name}' is shown instead.",
                "Add the person's name in the HR system.",
            )
        email = norm_email(person.email)
        if email is None:
            self._email_warning(person)
        if person.is_manager and not levels:
            self.problems.warning(
                "manager-without-unit",
                person.location,
                f"'{name}' is marked as a manager but manages no unit in the file.",
                "Give the manager's unit in the HR system, or remove the manager mark.",
            )
        props: dict[str, PropValue] = {
            "name": name,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": email,
            "user_id": person.user_id,
            "position": person.position,
            "is_manager": bool(levels) if person.is_manager is None else person.is_manager,
            "line_level": highest_level(levels),
            **_validity(person.valid_from, person.valid_to),
        }
        return NodeRecord("Person", person.key, props)

    def _email_warning(self, person: HrPerson) -> None:
        if person.email:
            self.problems.warning(
                "invalid-email",
                person.location,
                f"'{person.email}' is not an e-mail address.",
                "Correct the e-mail in the HR system; KITOS roles are matched by e-mail.",
            )
        else:
            self.problems.warning(
                "missing-email",
                person.location,
                f"The person '{person.key}' has no e-mail address.",
                "Add the e-mail in the HR system; KITOS roles are matched by e-mail.",
            )


def one_per_unit(links: list[HrLink], snapshot: date) -> list[HrLink]:
    """One link per (person, unit), as the graph holds one: the one current at the snapshot,
    else the one that starts last; in the order the file first names each pair.

    A person can have two engagements (or posts) in one unit, e.g. an ended one and a new one;
    keeping the ended one would make them look gone from a unit they still work in.
    """
    chosen: dict[tuple[str, str], HrLink] = {}
    for link in links:
        pair = (link.person, link.unit)
        if pair not in chosen or _rank(link, snapshot) > _rank(chosen[pair], snapshot):
            chosen[pair] = link
    return list(chosen.values())


def _rank(link: HrLink, snapshot: date) -> tuple[bool, date]:
    return (_current(link.valid_from, link.valid_to, snapshot), link.valid_from or date.min)


def _validity(valid_from: date | None, valid_to: date | None) -> dict[str, PropValue]:
    return {"valid_from": valid_from, "valid_to": valid_to}


def _current(valid_from: date | None, valid_to: date | None, as_of: date) -> bool:
    return (valid_from is None or valid_from <= as_of) and (valid_to is None or valid_to > as_of)
