"""KMD OPUS XML: units, employees, managers, leavers and the snapshot date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.records import ImportBatch
from importers.opus import read_opus, snapshot_from_name
from tests.importers.batches import node, rels
from tests.importers.hr_factories import (
    FAKE_CPR,
    OPTIONS,
    batch_text,
    opus_employee,
    opus_standard_units,
    write_opus,
)


def read(tmp_path: Path, *employees: str) -> ImportBatch:
    return read_opus(write_opus(tmp_path, *opus_standard_units(), *employees), OPTIONS)


def test_batch_is_hr_scope_replacing_people_and_units(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert (batch.source, batch.scope) == ("opus", "hr")
    assert batch.replaces_labels == ("Person", "OrgUnit")
    assert batch.replaces_types == ("MEMBER_OF", "MANAGES", "PART_OF")


def test_snapshot_date_comes_from_file_name(tmp_path: Path) -> None:
    assert read(tmp_path).snapshot_date == date(2024, 1, 15)


def test_snapshot_name_without_time_is_read() -> None:
    assert snapshot_from_name("ZLPE20200102_delta.xml") == date(2020, 1, 2)


def test_snapshot_date_falls_back_to_today(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), name="dump.xml")
    assert read_opus(path, OPTIONS).snapshot_date == OPTIONS.today


def test_units_carry_depth_under_the_forvaltning(tmp_path: Path) -> None:
    batch = read(tmp_path)
    depths = {n.key: n.props["depth"] for n in batch.nodes if n.label == "OrgUnit"}
    assert depths == {"1": None, "10": 0, "20": 1, "21": 1, "30": 2, "90": None}


def test_unit_props_come_from_the_elements(tmp_path: Path) -> None:
    unit = node(read(tmp_path), "OrgUnit", "20")
    assert unit.props["name"] == "Jobcenter"
    assert unit.props["unit_id"] == "20"
    assert unit.props["unit_type"] == "Enhed"
    assert unit.props["valid_from"] == date(2000, 1, 1)
    assert unit.props["valid_to"] is None  # 9999-12-31 is open


def test_part_of_links_child_to_parent(tmp_path: Path) -> None:
    pairs = {(r.from_key, r.to_key) for r in rels(read(tmp_path), "PART_OF")}
    assert ("30", "20") in pairs
    assert len(pairs) == 5


def test_secretariat_and_central_it_are_flagged(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert node(batch, "OrgUnit", "21").props["is_secretariat"] is True
    assert node(batch, "OrgUnit", "90").props["is_central_it"] is True
    assert node(batch, "OrgUnit", "90").props["in_forvaltning"] is False


def test_employee_becomes_person_with_lower_case_email(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1000", "30", email="Anne.Hansen@Kommune.DK"))
    person = node(batch, "Person", "1000")
    assert person.props["email"] == "anne.hansen@kommune.dk"
    assert person.props["name"] == "Fornavn1000 Efternavn1000"
    assert person.props["user_id"] == "U1000"
    assert person.props["line_level"] == "medarbejder"
    assert person.props["is_manager"] is False


def test_employee_is_member_of_their_unit(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1000", "30"))
    (member,) = rels(batch, "MEMBER_OF")
    assert (member.from_key, member.to_key) == ("1000", "30")
    assert member.props["position"] == "Sagsbehandler"
    assert member.props["valid_from"] == date(2015, 3, 1)


def test_leading_zeros_of_employee_id_survive(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("000123", "30"))
    assert node(batch, "Person", "000123")


def test_manager_of_afdeling_is_chef(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1", "20", isManager="true"))
    assert node(batch, "Person", "1").props["line_level"] == "chef"
    (manages,) = rels(batch, "MANAGES")
    assert (manages.to_key, manages.props["level"]) == ("20", "chef")


def test_manager_of_forvaltning_is_direktoer(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1", "10", isManager="true"))
    assert node(batch, "Person", "1").props["line_level"] == "direktoer"


def test_manager_of_kontor_is_kontorleder(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1", "30", isManager="true"))
    assert node(batch, "Person", "1").props["line_level"] == "kontorleder"


def test_leave_date_ends_person_and_engagement(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1", "30", leaveDate="2023-12-31"))
    assert node(batch, "Person", "1").props["valid_to"] == date(2023, 12, 31)
    assert rels(batch, "MEMBER_OF")[0].props["valid_to"] == date(2023, 12, 31)


def test_leave_action_for_known_employee_ends_them_at_snapshot(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1", "30"), ' <employee id="1" action="leave"/>\n')
    assert node(batch, "Person", "1").props["valid_to"] == date(2024, 1, 15)
    assert not batch.problems or all(p.code != "unknown-leaver" for p in batch.problems)


def test_unknown_elements_are_ignored(tmp_path: Path) -> None:
    batch = read(tmp_path, " <payroll id='x'><amount>1</amount></payroll>\n")
    assert not batch.errors


def test_cpr_element_never_reaches_the_batch(tmp_path: Path) -> None:
    batch = read(tmp_path, opus_employee("1", "30"), opus_employee("2", "99"))
    assert FAKE_CPR not in batch_text(batch)
    assert all("cpr" not in key.lower() for n in batch.nodes for key in n.props)


def test_unit_type_levels_override_depth(tmp_path: Path) -> None:
    from dataclasses import replace

    options = replace(OPTIONS, unit_type_levels={"enhed": "chef"})
    path = write_opus(tmp_path, *opus_standard_units(), opus_employee("1", "30", isManager="true"))
    batch = read_opus(path, options)
    assert node(batch, "Person", "1").props["line_level"] == "chef"


def test_sha256_and_file_name_are_recorded(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert batch.file_name == "ZLPE20240115093000_delta.xml"
    assert len(batch.sha256) == 64
