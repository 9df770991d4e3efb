"""KITOS's Excel export (and its UTF-16 CSV twin): systems, units, vendors and role holders."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import SourceError
from importers.kitos_export import read_kitos_export
from tests.importers.batches import codes, node, rels
from tests.importers.kitos_factories import (
    export_headers,
    export_row,
    write_export_csv,
    write_export_xlsx,
)

OPTIONS = ImportOptions(today=date(2026, 11, 1))
ACADRE = "kitos-export:JB-001"


def read(tmp_path: Path, *rows: dict[str, Any], headers: list[str] | None = None) -> ImportBatch:
    path = write_export_xlsx(tmp_path / "export.xlsx", list(rows or [export_row()]), headers)
    return read_kitos_export(path, OPTIONS)


def test_system_is_keyed_by_local_id_and_joins_by_local_id_or_name(tmp_path: Path) -> None:
    system = node(read(tmp_path), "System", ACADRE)
    assert system.match == (("local_id", "JB-001"), ("name", "Acadre"))


def test_system_without_local_id_is_keyed_by_its_normalised_name(tmp_path: Path) -> None:
    batch = read(tmp_path, export_row(**{"Lokal System ID": None, "IT System": "KMD  Opera"}))
    assert node(batch, "System", "kitos-export:kmd opera").match == (("name", "KMD  Opera"),)


def test_danish_lifecycle_label_becomes_the_kitos_value(tmp_path: Path) -> None:
    batch = read(tmp_path, export_row(Livscyklus="Under udfasning"))
    assert node(batch, "System", ACADRE).props["lifecycle"] == "PhasingOut"


def test_risk_assessment_answer_and_dd_mm_yyyy_dates_are_read(tmp_path: Path) -> None:
    props = node(read(tmp_path), "System", ACADRE).props
    assert (props["risk_assessment"], props["risk_assessment_date"]) == ("Yes", date(2025, 5, 12))
    assert props["planned_risk_assessment_date"] == date(2027, 5, 1)


@pytest.mark.parametrize("cell", [datetime(2025, 5, 12), 45789, "45789"])
def test_excel_dates_and_serial_numbers_are_read(tmp_path: Path, cell: Any) -> None:
    batch = read(tmp_path, export_row(**{"Dato for seneste risikovurdering": cell}))
    assert node(batch, "System", ACADRE).props["risk_assessment_date"] == date(2025, 5, 12)


def test_role_holders_are_paired_with_the_hidden_emails_in_order(tmp_path: Path) -> None:
    row = export_row(
        Superbruger="Anne Holm, Bo Dahl", **{"Superbruger Email#": "anne.holm@k.dk, Bo.Dahl@K.dk"}
    )
    batch = read(tmp_path, row)
    people = {r.from_key: node(batch, "Person", r.from_key) for r in rels(batch, "SUPERUSER_OF")}
    assert {k: (p.props["name"], p.match) for k, p in people.items()} == {
        "kitos-export:anne.holm@k.dk": ("Anne Holm", (("email", "anne.holm@k.dk"),)),
        "kitos-export:bo.dahl@k.dk": ("Bo Dahl", (("email", "bo.dahl@k.dk"),)),
    }


def test_the_hidden_email_column_is_read(tmp_path: Path) -> None:
    path = write_export_xlsx(tmp_path / "export.xlsx", [export_row()])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None and sheet.column_dimensions["L"].hidden
    owner = rels(read_kitos_export(path, OPTIONS), "OWNS")[0]
    assert owner.from_key == "kitos-export:lone.kristiansen@kommune.dk"


def test_misspelt_systemadminstrator_column_gives_administrators(tmp_path: Path) -> None:
    row = export_row(Systemadminstrator="Bo Dahl", **{"Systemadminstrator Email#": "bo@k.dk"})
    assert [r.from_key for r in rels(read(tmp_path, row), "ADMINISTERS")] == [
        "kitos-export:bo@k.dk"
    ]


def test_superuser_from_the_export_has_no_kind(tmp_path: Path) -> None:
    row = export_row(Superbruger="Bo Dahl", **{"Superbruger Email#": "bo@k.dk"})
    assert dict(rels(read(tmp_path, row), "SUPERUSER_OF")[0].props) == {"kind": None}


def test_email_count_mismatch_is_a_located_warning_and_emails_are_used(tmp_path: Path) -> None:
    row = export_row(Superbruger="Anne Holm, Bo Dahl", **{"Superbruger Email#": "anne@k.dk"})
    batch = read(tmp_path, row)
    assert [(p.code, p.location) for p in batch.problems] == [
        ("email-count-mismatch", "sheet 'Sheet', row 2, column 'Superbruger Email#'")
    ]
    assert [r.from_key for r in rels(batch, "SUPERUSER_OF")] == ["kitos-export:anne@k.dk"]


def test_holder_without_email_column_is_kept_by_name(tmp_path: Path) -> None:
    headers = [h for h in export_headers() if h != "Systemejer Email#"]
    batch = read(tmp_path, export_row(), headers=headers)
    owner = node(batch, "Person", "kitos-export-name:lone kristiansen")
    assert (owner.props["name"], owner.match) == ("Lone Kristiansen", ())


def test_relevant_units_use_the_system_and_the_responsible_unit_is_responsible(
    tmp_path: Path,
) -> None:
    batch = read(tmp_path)
    assert sorted(r.from_key for r in rels(batch, "USES")) == [
        "kitos-export-unit:jb-sekretariatet",
        "kitos-export-unit:kontor for ydelser",
    ]
    assert [r.from_key for r in rels(batch, "RESPONSIBLE_UNIT_FOR")] == [
        "kitos-export-unit:jb-sekretariatet"
    ]


def test_unit_from_the_export_matches_hr_by_name(tmp_path: Path) -> None:
    unit = node(read(tmp_path), "OrgUnit", "kitos-export-unit:kontor for ydelser")
    assert unit.match == (("name_norm", "kontor for ydelser"),)


def test_vendor_supplies_the_system_and_joins_a_known_vendor_by_name(tmp_path: Path) -> None:
    batch = read(tmp_path)
    vendor_key = "kitos-export-vendor:formpipe software a/s"
    assert node(batch, "Vendor", vendor_key).match == (("name", "Formpipe Software A/S"),)
    assert [(r.from_key, r.to_key) for r in rels(batch, "SUPPLIED_BY")] == [(ACADRE, vendor_key)]


def test_utf16_csv_with_bom_reads_like_the_workbook(tmp_path: Path) -> None:
    row = export_row(
        Livscyklus="I drift", Superbruger="Åse Ødegård", **{"Superbruger Email#": "aase@k.dk"}
    )
    csv_batch = read_kitos_export(write_export_csv(tmp_path / "export.csv", [row]), OPTIONS)
    xlsx_batch = read(tmp_path, row)
    assert sorted(map(repr, csv_batch.nodes)) == sorted(map(repr, xlsx_batch.nodes))
    assert node(csv_batch, "Person", "kitos-export:aase@k.dk").props["name"] == "Åse Ødegård"


def test_unknown_role_column_with_emails_is_kept_and_warned_about(tmp_path: Path) -> None:
    headers = [*export_headers(), "Lokal tovholder", "Lokal tovholder Email#"]
    row = export_row(**{"Lokal tovholder": "Bo Dahl", "Lokal tovholder Email#": "bo@k.dk"})
    batch = read(tmp_path, row, headers=headers)
    assert [dict(r.props) for r in rels(batch, "HAS_SYSTEM_ROLE")] == [{"role": "Lokal tovholder"}]
    assert codes(batch) == ["unknown-role"]


def test_duplicate_local_id_stops_the_import(tmp_path: Path) -> None:
    batch = read(tmp_path, export_row(), export_row(**{"IT System": "Acadre 2"}))
    assert codes(batch) == ["duplicate-system"] and not batch.nodes


def test_missing_system_column_is_refused(tmp_path: Path) -> None:
    headers = [h for h in export_headers() if h != "IT System"]
    with pytest.raises(SourceError) as caught:
        read(tmp_path, headers=headers)
    assert caught.value.problem.code == "missing-column"


def test_batch_replaces_the_kitos_scope(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert (batch.source, batch.scope) == ("kitos-export", "kitos")
