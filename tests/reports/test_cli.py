"""`govgraph report quarterly` and `govgraph calendar` end to end, against the real Neo4j."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from typer.testing import CliRunner, Result

from core.errors import InvalidInput, NotFound
from govgraph.cli import app
from graph.driver import Graph
from tests.reports.org import holds, review, system, write_hr, write_kitos, write_register


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def org(model_graph: Graph) -> Graph:
    """Two systems owned by the chef; s1's owner review was held on 31 August 2027."""
    write_hr(model_graph)
    write_kitos(
        model_graph,
        [system("s1", name="Acadre"), system("s2", name="=Momentum")],
        [holds("OWNS", "chef", "s1"), holds("OWNS", "chef", "s2")],
    )
    write_register(model_graph, review("s1", "owner_review", date(2027, 8, 31), "chef"))
    return model_graph


def test_quarterly_workbook_is_written_and_opens(org: Graph, tmp_path: Path) -> None:
    out = tmp_path / "kvartal.xlsx"
    result = _run(
        "report", "quarterly", "--quarter", "2027Q3", "--as-of", "2027-09-15", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Systemer"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["=Momentum", "Acadre"]  # by name: "=" sorts before letters
    assert sheet["A2"].data_type == "s"


def test_quarterly_html_is_one_printable_page(org: Graph, tmp_path: Path) -> None:
    out = tmp_path / "kvartal.html"
    result = _run("report", "quarterly", "--as-of", "2027-09-15", "--output", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "3. kvartal 2027" in page and "Acadre" in page
    assert "@media print" in page
    assert "=Momentum" in page


def test_quarterly_html_in_english(org: Graph, tmp_path: Path) -> None:
    out = tmp_path / "quarter.html"
    result = _run("report", "quarterly", "--as-of", "2027-09-15", "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "Q3 2027" in page and "kvartal" not in page
    assert "Wrote the overview of Q3 2027 (data as of 2027-09-15)" in result.output


def test_quarterly_workbook_in_english(org: Graph, tmp_path: Path) -> None:
    out = tmp_path / "quarter.xlsx"
    result = _run("report", "quarterly", "--as-of", "2027-09-15", "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Summary", "Systems"]


def test_quarterly_refuses_an_unknown_language(org: Graph, tmp_path: Path) -> None:
    out = tmp_path / "kvartal.html"
    result = _run("report", "quarterly", "--lang", "fr", "-o", str(out))
    assert isinstance(result.exception, InvalidInput)
    assert not out.exists()


def test_quarterly_refuses_other_file_types(org: Graph, tmp_path: Path) -> None:
    result = _run("report", "quarterly", "-o", str(tmp_path / "kvartal.pdf"))
    assert result.exit_code != 0
    assert isinstance(result.exception, InvalidInput)


def test_quarterly_will_not_overwrite_without_force(org: Graph, tmp_path: Path) -> None:
    out = tmp_path / "kvartal.xlsx"
    out.write_text("keep", encoding="utf-8")
    assert isinstance(_run("report", "quarterly", "-o", str(out)).exception, InvalidInput)
    assert out.read_text(encoding="utf-8") == "keep"


def test_calendar_puts_the_review_after_31_august_2027_on_leap_day(
    org: Graph, tmp_path: Path
) -> None:
    out = tmp_path / "chef.ics"
    result = _run("calendar", "CHEF@example.dk", "--as-of", "2027-09-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    review = next(
        e
        for e in events
        if "Halvårlig gennemgang" in str(e["SUMMARY"]) and "Acadre" in str(e["SUMMARY"])
    )
    assert (review.decoded("DTSTART"), review.decoded("DTEND")) == (
        date(2028, 2, 29),
        date(2028, 3, 1),
    )


def test_calendar_uids_are_stable_across_runs(org: Graph, tmp_path: Path) -> None:
    uids = []
    for name in ("a.ics", "b.ics"):
        _run("calendar", "chef", "--as-of", "2027-09-01", "-o", str(tmp_path / name))
        parsed = Calendar.from_ical((tmp_path / name).read_bytes())
        uids.append(sorted(str(e["UID"]) for e in parsed.walk("VEVENT")))
    assert uids[0] == uids[1] and uids[0]


def test_calendar_of_unknown_person_fails_clearly(org: Graph, tmp_path: Path) -> None:
    result = _run("calendar", "nobody@example.dk", "-o", str(tmp_path / "x.ics"))
    assert isinstance(result.exception, NotFound)
    assert not (tmp_path / "x.ics").exists()
