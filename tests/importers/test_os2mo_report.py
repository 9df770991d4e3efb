"""OS2mo's Stilling+email report, as the real workbook, as xlsx and as OS2mo's CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from importers.base import ImportOptions
from importers.os2mo_report import read_os2mo_report
from importers.registry import detect_format, read_source
from tests.importers.batches import node
from tests.importers.hr_factories import (
    FAKE_CPR,
    OPTIONS,
    batch_text,
    report_row,
    write_report_csv,
    write_report_xlsx,
)

SAMPLE = (
    Path(__file__).parents[1] / "data" / "samples" / "os2mo" / "OS2MO Alles  stilling+email.xlsx"
)


def cpr_forms_in_sample() -> list[str]:
    """The sample's CPR cell in every form it could take once read (float, int, text)."""
    sheet = openpyxl.load_workbook(SAMPLE, read_only=True).worksheets[0]
    header, first = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    value = first[list(header).index("CPR-Nummer")]
    assert value is not None
    number = int(float(value))
    return [repr(value), str(value), str(number), f"{number:010d}"]


def test_real_sample_is_detected_as_report() -> None:
    assert detect_format(SAMPLE) == "os2mo-report"


def test_real_sample_reads_person_and_unit() -> None:
    batch = read_source(SAMPLE, None, ImportOptions(today=date(2024, 1, 15)))
    person = next(n for n in batch.nodes if n.label == "Person")
    assert person.props["email"] == "solveigk@kommune.dk"
    assert person.props["valid_from"] == date(2003, 8, 13)
    assert [n.props["name"] for n in batch.nodes if n.label == "OrgUnit"] == ["Kolding Kommune"]
    assert not batch.errors


def test_real_sample_cpr_float_survives_nowhere() -> None:
    batch = read_source(SAMPLE, None, ImportOptions())
    text = batch_text(batch)
    for form in cpr_forms_in_sample():
        assert form not in text


def test_real_sample_phone_float_is_not_kept() -> None:
    batch = read_source(SAMPLE, None, ImportOptions())
    assert "55677853" not in batch_text(batch)


def test_csv_with_sep_line_and_bom_is_read(tmp_path: Path) -> None:
    batch = read_os2mo_report(write_report_csv(tmp_path, [report_row(1)]), OPTIONS)
    person = node(batch, "Person", "person-1")
    assert person.props["user_id"] == "user1"
    assert person.props["valid_from"] == date(2015, 3, 1)
    assert FAKE_CPR not in batch_text(batch)


def test_csv_is_detected_as_report(tmp_path: Path) -> None:
    assert detect_format(write_report_csv(tmp_path, [report_row(1)])) == "os2mo-report"


def test_xlsx_excel_serial_dates_are_read(tmp_path: Path) -> None:
    path = write_report_xlsx(tmp_path, [report_row(1, **{"Ansættelse gyldig fra": 44259})])
    batch = read_os2mo_report(path, OPTIONS)
    assert node(batch, "Person", "person-1").props["valid_from"] == date(2021, 3, 4)


def test_two_engagements_of_one_person_give_one_person(tmp_path: Path) -> None:
    rows = [
        report_row(1),
        report_row(
            1,
            **{
                "Engagement UUID": "eng-b",
                "Org-enhed UUID": "unit-20",
                "Org-enhed": "Jobcenter",
                "Ansættelse gyldig fra": "01-01-2010",
            },
        ),
    ]
    batch = read_os2mo_report(write_report_csv(tmp_path, rows), OPTIONS)
    assert [n.key for n in batch.nodes if n.label == "Person"] == ["person-1"]
    assert len([r for r in batch.rels if r.type == "MEMBER_OF"]) == 2
    assert node(batch, "Person", "person-1").props["valid_from"] == date(2010, 1, 1)


def test_units_come_from_org_enhed_columns(tmp_path: Path) -> None:
    batch = read_os2mo_report(write_report_csv(tmp_path, [report_row(1)]), OPTIONS)
    unit = node(batch, "OrgUnit", "unit-30")
    assert unit.props["name"] == "Kontor for ydelser"
    assert unit.props["name_norm"] == "kontor for ydelser"


def test_report_batch_is_hr_scope(tmp_path: Path) -> None:
    batch = read_os2mo_report(write_report_csv(tmp_path, [report_row(1)]), OPTIONS)
    assert (batch.source, batch.scope) == ("os2mo-report", "hr")
