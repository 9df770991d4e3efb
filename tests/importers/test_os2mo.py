"""OS2mo GraphQL JSON: units, employees, engagements, managers, in the shapes OS2mo returns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from importers.os2mo import read_os2mo
from tests.importers.batches import node
from tests.importers.hr_factories import (
    FAKE_CPR,
    OPTIONS,
    UNITS,
    batch_text,
    mo_employee,
    mo_engagement,
    mo_manager,
    mo_unit,
    write_os2mo,
)

TODAY = replace(OPTIONS, today=date(2024, 1, 15))


def test_units_and_tree_are_read(tmp_path: Path) -> None:
    batch = read_os2mo(write_os2mo(tmp_path), TODAY)
    assert {n.key for n in batch.nodes if n.label == "OrgUnit"} == {u[0] for u in UNITS}
    assert node(batch, "OrgUnit", "30").props["depth"] == 2
    assert node(batch, "OrgUnit", "30").props["unit_id"] == "uk-30"
    assert node(batch, "OrgUnit", "30").props["unit_type"] == "Afdeling"


def test_batch_is_hr_scope(tmp_path: Path) -> None:
    batch = read_os2mo(write_os2mo(tmp_path), TODAY)
    assert (batch.source, batch.scope, batch.snapshot_date) == ("os2mo", "hr", date(2024, 1, 15))


def test_employee_email_comes_from_email_address(tmp_path: Path) -> None:
    batch = read_os2mo(write_os2mo(tmp_path, employees=[mo_employee("p1")]), TODAY)
    person = node(batch, "Person", "p1")
    assert person.props["email"] == "p1@kommune.dk"
    assert person.props["name"] == "Givenp1 Surnamep1"
    assert person.props["position"] == "Sagsbehandler"


def test_engagement_becomes_member_of(tmp_path: Path) -> None:
    batch = read_os2mo(write_os2mo(tmp_path, employees=[mo_employee("p1")]), TODAY)
    (member,) = [r for r in batch.rels if r.type == "MEMBER_OF"]
    assert (member.from_key, member.to_key) == ("p1", "30")
    assert member.props["engagement_key"] == "eng-30"
    assert member.props["valid_from"] == date(2015, 3, 1)


def test_cpr_number_is_never_read(tmp_path: Path) -> None:
    batch = read_os2mo(write_os2mo(tmp_path, employees=[mo_employee("p1")]), TODAY)
    assert FAKE_CPR not in batch_text(batch)


def test_manager_gets_line_level(tmp_path: Path) -> None:
    path = write_os2mo(tmp_path, employees=[mo_employee("p1")], managers=[mo_manager("20", "p1")])
    batch = read_os2mo(path, TODAY)
    assert node(batch, "Person", "p1").props["line_level"] == "chef"
    assert node(batch, "Person", "p1").props["is_manager"] is True


def test_vacant_manager_post_is_skipped(tmp_path: Path) -> None:
    batch = read_os2mo(write_os2mo(tmp_path, managers=[mo_manager("20", None)]), TODAY)
    assert not [r for r in batch.rels if r.type == "MANAGES"]
    assert not batch.errors


def test_wrapped_objects_current_shape_is_read(tmp_path: Path) -> None:
    path = write_os2mo(
        tmp_path, employees=[mo_employee("p1")], managers=[mo_manager("30", "p1")], wrap=True
    )
    batch = read_os2mo(path, TODAY)
    assert node(batch, "Person", "p1").props["line_level"] == "kontorleder"
    assert not batch.errors


def test_validities_pick_the_version_current_at_snapshot(tmp_path: Path) -> None:
    old = {
        **mo_unit("30", "Gammelt navn", "20"),
        "validity": {"from": "2000-01-01", "to": "2020-01-01"},
    }
    new = {**mo_unit("30", "Nyt navn", "20"), "validity": {"from": "2020-01-01", "to": None}}
    units = [u for u in [mo_unit(k, n, p) for k, n, p in UNITS] if u["uuid"] != "30"]
    units.append({"uuid": "30", "validities": [old, new]})  # type: ignore[dict-item]
    batch = read_os2mo(write_os2mo(tmp_path, units=units), TODAY)
    assert node(batch, "OrgUnit", "30").props["name"] == "Nyt navn"


def test_top_units_under_the_organisation_become_roots(tmp_path: Path) -> None:
    units = [mo_unit(k, n, p or "org-uuid") for k, n, p in UNITS]
    batch = read_os2mo(write_os2mo(tmp_path, units=units), TODAY)
    assert not batch.errors
    assert node(batch, "OrgUnit", "1").props["depth"] is None


def test_nested_unit_managers_are_read(tmp_path: Path) -> None:
    units = [mo_unit(k, n, p) for k, n, p in UNITS]
    units[3]["managers"] = [{"person": [{"uuid": "p1"}], "validity": {"from": None, "to": None}}]
    batch = read_os2mo(write_os2mo(tmp_path, units=units, employees=[mo_employee("p1")]), TODAY)
    assert node(batch, "Person", "p1").props["line_level"] == "chef"


def test_person_left_when_all_engagements_ended(tmp_path: Path) -> None:
    employee = mo_employee(
        "p1",
        None,
        engagements=[mo_engagement("30", validity={"from": "2015-01-01", "to": "2023-06-01"})],
    )
    batch = read_os2mo(write_os2mo(tmp_path, employees=[employee]), TODAY)
    assert node(batch, "Person", "p1").props["valid_to"] == date(2023, 6, 1)


def _engagements_in_30() -> list[dict]:
    ended = mo_engagement("30", uuid="eng-old", validity={"from": "2015-01-01", "to": "2020-01-01"})
    current = mo_engagement("30", uuid="eng-new", validity={"from": "2021-01-01", "to": None})
    return [ended, current]


def test_of_two_engagements_in_one_unit_the_current_one_is_kept(tmp_path: Path) -> None:
    for order in (1, -1):
        employee = mo_employee("p1", None, engagements=_engagements_in_30()[::order])
        batch = read_os2mo(write_os2mo(tmp_path, employees=[employee]), TODAY)
        (member,) = [r for r in batch.rels if r.type == "MEMBER_OF"]
        assert member.props["engagement_key"] == "eng-new", order
        assert member.props["valid_to"] is None


def test_of_an_ended_and_a_current_post_in_one_unit_the_current_one_is_kept(
    tmp_path: Path,
) -> None:
    ended = mo_manager("20", "p1", validity={"from": "2010-01-01", "to": "2012-01-01"})
    current = mo_manager("20", "p1", validity={"from": "2018-01-01", "to": None})
    path = write_os2mo(tmp_path, employees=[mo_employee("p1")], managers=[ended, current])
    batch = read_os2mo(path, TODAY)
    (manages,) = [r for r in batch.rels if r.type == "MANAGES"]
    assert manages.props["valid_to"] is None
    assert node(batch, "Person", "p1").props["line_level"] == "chef"
