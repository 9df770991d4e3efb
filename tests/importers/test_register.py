"""The governance register: its blank template, and each sheet read into records."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.register import REGISTER_SHEETS, read_register, write_register_template
from tests.importers.batches import node, rels
from tests.importers.kitos_factories import write_register

OPTIONS = ImportOptions(today=date(2026, 11, 1))
ACADRE = "register-system:acadre"
UUID = "0F6C1C3E-1A2B-4C3D-8E9F-000000000001"


def read(tmp_path: Path, **sheets: list[list[Any]]) -> ImportBatch:
    return read_register(write_register(tmp_path / "register.xlsx", **sheets), OPTIONS)


def superuser(**overrides: Any) -> list[Any]:
    row = {
        "system": "Acadre",
        "email": "Bo.Dahl@K.dk",
        "kind": "Fag-superbruger",
        "by": "leder@k.dk",
        "from": date(2024, 1, 1),
        "to": None,
    } | overrides
    return list(row.values())


# --- the template ---------------------------------------------------------------------------


def test_template_has_a_guide_and_every_register_sheet(tmp_path: Path) -> None:
    write_register_template(tmp_path / "t.xlsx")
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames == [
        "Vejledning",
        *REGISTER_SHEETS,
    ]


def test_template_sheets_have_headers_frozen_and_widened(tmp_path: Path) -> None:
    write_register_template(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Superbrugere"]
    headers = [c.value for c in sheet[1]]
    assert headers == ["System", "Superbruger e-mail", "Type", "Udpeget af (e-mail)", "Fra", "Til"]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["B"].width >= 30


def test_template_offers_drop_down_lists_for_choices(tmp_path: Path) -> None:
    write_register_template(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Systemer"]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert '"Ja,Nej,Ikke relevant,Ved ikke"' in lists


def test_template_guide_explains_each_sheet_in_danish(tmp_path: Path) -> None:
    write_register_template(tmp_path / "t.xlsx")
    guide = openpyxl.load_workbook(tmp_path / "t.xlsx")["Vejledning"]
    first_column = {row[0] for row in guide.iter_rows(values_only=True)}
    assert set(REGISTER_SHEETS) <= first_column


def test_blank_template_reads_as_an_empty_register(tmp_path: Path) -> None:
    write_register_template(tmp_path / "t.xlsx")
    batch = read_register(tmp_path / "t.xlsx", OPTIONS)
    assert (batch.problems, batch.nodes, batch.rels) == ([], [], [])


# --- the sheets -----------------------------------------------------------------------------


def test_superuser_row_gives_kind_and_appointing_leader(tmp_path: Path) -> None:
    rel = rels(read(tmp_path, Superbrugere=[superuser()]), "SUPERUSER_OF")[0]
    assert (rel.from_key, rel.to_key) == ("register:bo.dahl@k.dk", ACADRE)
    assert dict(rel.props) == {
        "kind": "fag",
        "appointed_by": "leder@k.dk",
        "valid_from": date(2024, 1, 1),
    }


@pytest.mark.parametrize(
    ("label", "kind"), [("IT", "it"), ("fag", "fag"), ("Teknisk superbruger", "teknisk")]
)
def test_superuser_kind_accepts_short_labels(tmp_path: Path, label: str, kind: str) -> None:
    rel = rels(read(tmp_path, Superbrugere=[superuser(kind=label)]), "SUPERUSER_OF")[0]
    assert rel.props["kind"] == kind


def test_person_is_referenced_by_email_for_the_writer_to_match(tmp_path: Path) -> None:
    person = node(read(tmp_path, Superbrugere=[superuser()]), "Person", "register:bo.dahl@k.dk")
    assert (dict(person.props), person.match) == ({}, (("email", "bo.dahl@k.dk"),))


def test_system_named_matches_by_key_kitos_uuid_or_name(tmp_path: Path) -> None:
    system = node(read(tmp_path, Superbrugere=[superuser()]), "System", ACADRE)
    assert system.match == (("key", "Acadre"), ("kitos_uuid", "Acadre"), ("name", "Acadre"))


def test_system_given_by_kitos_uuid_matches_by_uuid_only(tmp_path: Path) -> None:
    batch = read(tmp_path, Superbrugere=[superuser(system=UUID)])
    system = node(batch, "System", f"register-system:{UUID.lower()}")
    assert system.match == (("key", UUID.lower()), ("kitos_uuid", UUID.lower()))
    assert "name" not in system.props


def test_last_day_til_becomes_an_exclusive_valid_to(tmp_path: Path) -> None:
    row = superuser(**{"to": "31-12-2025"})
    rel = rels(read(tmp_path, Superbrugere=[row]), "SUPERUSER_OF")[0]
    assert rel.props["valid_to"] == date(2026, 1, 1)


def test_excel_serial_date_is_read(tmp_path: Path) -> None:
    rel = rels(read(tmp_path, Superbrugere=[superuser(**{"from": 45292})]), "SUPERUSER_OF")[0]
    assert rel.props["valid_from"] == date(2024, 1, 1)


def test_forum_seat_is_read_by_abbreviation_with_the_role_in_the_forum(tmp_path: Path) -> None:
    batch = read(tmp_path, Fora=[["DDS", "chef@k.dk", "Repræsentant", None, None]])
    rel = rels(batch, "SITS_IN")[0]
    assert (rel.from_key, rel.to_label, rel.to_key) == ("register:chef@k.dk", "Forum", "dds")
    assert dict(rel.props) == {"role": "Repræsentant"}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Webredaktørudvalget", "webredaktoerudvalget"),
        ("Informationssikkerhedsudvalget", "isu"),
        ("ledermøder", "ledermoeder"),
        ("IT-visitationen", "it-visitationen"),
    ],
)
def test_forum_names_map_to_the_model_forum_keys(tmp_path: Path, name: str, key: str) -> None:
    batch = read(tmp_path, Fora=[[name, "a@k.dk", None, None, None]])
    assert rels(batch, "SITS_IN")[0].to_key == key


def test_organisational_role_is_held_until_its_last_day(tmp_path: Path) -> None:
    row = ["dk@k.dk", "Systemkoordinator", datetime(2024, 11, 1), datetime(2025, 6, 30)]
    rel = rels(read(tmp_path, Roller=[row]), "HOLDS_ROLE")[0]
    assert (rel.to_label, rel.to_key) == ("Role", "systemkoordinator")
    assert dict(rel.props) == {"valid_from": date(2024, 11, 1), "valid_to": date(2025, 7, 1)}


def test_two_periods_of_the_same_role_are_both_kept(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["dk@k.dk", "Systemkoordinator", "01-01-2023", "31-12-2023"],
        ["dk@k.dk", "Systemkoordinator", "01-01-2025", None],
    ]
    assert len(rels(read(tmp_path, Roller=rows), "HOLDS_ROLE")) == 2


def test_review_becomes_a_node_with_its_system_and_attendees(tmp_path: Path) -> None:
    row = ["Acadre", "Halvårlig gennemgang", "15-09-2026", "ejer@k.dk, DK@k.dk"]
    batch = read(tmp_path, Gennemgange=[row])
    key = f"{ACADRE}|owner_review|2026-09-15"
    assert dict(node(batch, "Review", key).props) == {
        "kind": "owner_review",
        "date": date(2026, 9, 15),
    }
    assert [(r.from_key, r.to_key) for r in rels(batch, "REVIEWS")] == [(key, ACADRE)]
    assert sorted(r.from_key for r in rels(batch, "ATTENDED")) == [
        "register:dk@k.dk",
        "register:ejer@k.dk",
    ]


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Leverandørdialog (ejer)", "vendor_dialog_owner"),
        ("Leverandørdialog (administratorer og superbrugere)", "vendor_dialog_users"),
    ],
)
def test_vendor_dialogs_have_their_kinds(tmp_path: Path, label: str, kind: str) -> None:
    batch = read(tmp_path, Gennemgange=[["Acadre", label, "01-03-2026", None]])
    assert [n.props["kind"] for n in batch.nodes if n.label == "Review"] == [kind]


@pytest.mark.parametrize(
    ("personal", "dpa", "expected"),
    [
        ("Ja", "Ja", ("Yes", "signed")),
        ("Ja", "Nej", ("Yes", "missing")),
        ("Nej", "Ikke relevant", ("No", "not-needed")),
        ("Ja", None, ("Yes", "unknown")),
    ],
)
def test_system_facts_give_personal_data_and_dpa_status(
    tmp_path: Path, personal: str, dpa: str | None, expected: tuple[str, str]
) -> None:
    batch = read(tmp_path, Systemer=[["Acadre", "IT-konto JB", personal, dpa]])
    props = node(batch, "System", ACADRE).props
    assert (props["handles_personal_data"], props["dpa_status"]) == expected
    assert props["financing_source"] == "IT-konto JB"


def test_system_named_on_several_sheets_is_one_node_with_all_facts(tmp_path: Path) -> None:
    batch = read(
        tmp_path, Superbrugere=[superuser()], Systemer=[["acadre", "IT-konto", "Ja", "Ja"]]
    )
    systems = [n for n in batch.nodes if n.label == "System"]
    assert [(n.key, n.props["financing_source"]) for n in systems] == [(ACADRE, "IT-konto")]


def test_batch_replaces_the_register_scope(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert (batch.source, batch.scope, batch.replaces_labels) == (
        "register",
        "register",
        ("Review",),
    )
    assert {"SITS_IN", "HOLDS_ROLE", "REVIEWS", "ATTENDED"} <= set(batch.replaces_types)
