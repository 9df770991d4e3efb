"""Line levels: depth under the forvaltning, unit-type overrides and the manager's level."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.hr import HrData
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.lines import highest_level
from tests.importers.hr_factories import OPTIONS, UNITS

SNAPSHOT = date(2024, 1, 15)


def make_data(*, units: list[tuple[str, str, str | None]] = UNITS) -> HrData:
    data = HrData("hr.csv")
    for key, name, parent in units:
        data.add_unit(HrUnit(key=key, name=name, parent=parent, location=f"unit {key}"))
    return data


def add_manager(data: HrData, key: str, unit: str, *, valid_to: date | None = None) -> None:
    data.add_person(HrPerson(key=key, location=f"person {key}", name=key, email=f"{key}@k.dk"))
    data.managements.append(HrLink(key, unit, f"post {key}", valid_to=valid_to))


def build(data: HrData, tmp_path: Path, options: ImportOptions = OPTIONS) -> ImportBatch:
    path = tmp_path / "hr.csv"
    path.write_text("x")
    return data.to_batch(source="csv", path=path, snapshot_date=SNAPSHOT, options=options)


def level_of(batch: ImportBatch, key: str) -> object:
    return next(n for n in batch.nodes if n.key == key and n.label == "Person").props["line_level"]


def test_highest_level_wins() -> None:
    assert highest_level(["kontorleder", "chef", None]) == "chef"


def test_no_level_means_medarbejder() -> None:
    assert highest_level([None]) == "medarbejder"


def test_person_managing_two_units_gets_the_higher_level(tmp_path: Path) -> None:
    data = make_data()
    add_manager(data, "p", "30")
    data.managements.append(HrLink("p", "20", "post p2"))
    assert level_of(build(data, tmp_path), "p") == "chef"


def test_ended_manager_post_gives_no_level(tmp_path: Path) -> None:
    data = make_data()
    add_manager(data, "p", "20", valid_to=date(2020, 1, 1))
    assert level_of(build(data, tmp_path), "p") == "medarbejder"


def test_manager_outside_forvaltning_has_no_level(tmp_path: Path) -> None:
    data = make_data()
    add_manager(data, "p", "90")
    batch = build(data, tmp_path)
    assert level_of(batch, "p") == "medarbejder"
    assert next(r for r in batch.rels if r.type == "MANAGES").props["level"] is None


def test_forvaltning_is_found_by_id(tmp_path: Path) -> None:
    data = make_data()
    add_manager(data, "p", "20")
    assert level_of(build(data, tmp_path, replace(OPTIONS, forvaltning="20")), "p") == "direktoer"


def test_single_top_unit_is_assumed_forvaltning_with_warning(tmp_path: Path) -> None:
    data = make_data()
    add_manager(data, "p", "1")
    batch = build(data, tmp_path, ImportOptions())
    assert level_of(batch, "p") == "direktoer"
    assert [p.code for p in batch.warnings] == ["forvaltning-assumed"]


def test_several_top_units_without_forvaltning_give_no_depth(tmp_path: Path) -> None:
    data = make_data(units=[("a", "A", None), ("b", "B", None)])
    batch = build(data, tmp_path, ImportOptions())
    assert all(n.props["depth"] is None for n in batch.nodes)
    assert batch.warnings[0].code == "forvaltning-not-configured"


def test_unknown_secretariat_is_a_warning(tmp_path: Path) -> None:
    batch = build(make_data(), tmp_path, replace(OPTIONS, secretariat="Nowhere"))
    assert [(p.code, p.location) for p in batch.warnings] == [
        ("unknown-configured-unit", "configuration 'secretariat'")
    ]


def test_bad_level_in_unit_type_map_is_a_warning(tmp_path: Path) -> None:
    batch = build(make_data(), tmp_path, replace(OPTIONS, unit_type_levels={"Kontor": "boss"}))
    assert batch.warnings[0].code == "unknown-line-level"
