"""The report routes: the iCal feed, the quarterly JSON, page and workbook, through the app.

The page is checked through the TestClient here; ``test_quarterly_print`` opens the printable
HTML in headless Chromium.
"""

from __future__ import annotations

import io
import json
from datetime import date
from urllib.parse import unquote

import openpyxl
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from api.routers.common import content_disposition
from core.settings import Settings
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch, make_person
from tests.reports.conftest import audit_entries
from tests.reports.org import holds, review, system, write_hr, write_kitos, write_register


@pytest.fixture
def org(model_graph: Graph) -> Graph:
    """s1 owned by the chef, with an owner review held on 31 August 2027."""
    write_hr(model_graph)
    write_kitos(model_graph, [system("s1", name="Acadre")], [holds("OWNS", "chef", "s1")])
    write_register(model_graph, review("s1", "owner_review", date(2027, 8, 31)))
    return model_graph


def test_calendar_feed_needs_a_token(org: Graph, client: TestClient) -> None:
    assert client.get("/api/calendar/chef.ics").status_code == 401


def test_calendar_feed_is_an_icalendar_file(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/api/calendar/chef.ics?as_of=2027-09-01", headers=reader)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    review_event = next(e for e in events if "Halvårlig" in str(e["SUMMARY"]))
    assert review_event.decoded("DTSTART") == date(2028, 2, 29)


def test_calendar_feed_finds_the_person_by_email(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/api/calendar/chef@example.dk.ics", headers=reader)
    assert response.status_code == 200
    assert b"Governance-kalender: CHEF" in response.content


def test_calendar_read_is_audited_with_the_person_key(
    org: Graph, client: TestClient, reader: dict[str, str], api_settings: Settings
) -> None:
    client.get("/api/calendar/chef.ics", headers=reader)
    [entry] = [e for e in audit_entries(api_settings) if e.action == "calendar.read"]
    assert entry.person_keys == ["chef"]
    assert entry.who == "reader"


def test_calendar_of_unknown_person_is_404(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/api/calendar/nobody@example.dk.ics", headers=reader)
    assert response.status_code == 404


def test_quarterly_json_lists_the_systems(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/api/reports/quarterly?quarter=2027Q3&as_of=2027-09-15", headers=reader)
    assert response.status_code == 200
    body = response.json()
    assert (body["quarter"], body["as_of"]) == ("2027Q3", "2027-09-15")
    assert (body["label_da"], body["label_en"]) == ("3. kvartal 2027", "Q3 2027")
    assert [s["name"] for s in body["systems"]] == ["Acadre"]
    assert body["systems"][0]["owners"][0]["key"] == "chef"


def test_quarterly_json_refuses_a_bad_quarter(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/api/reports/quarterly?quarter=2027Q9", headers=reader)
    assert response.status_code == 422


def test_quarterly_json_is_audited_with_the_owners(
    org: Graph, client: TestClient, reader: dict[str, str], api_settings: Settings
) -> None:
    client.get("/api/reports/quarterly", headers=reader)
    [entry] = [e for e in audit_entries(api_settings) if e.action == "reports.quarterly"]
    assert entry.person_keys == ["chef"]


def test_quarterly_page_renders_in_the_app_layout(
    org: Graph, client: TestClient, analyst: dict[str, str]
) -> None:
    response = client.get("/reports/quarterly?quarter=2027Q3&as_of=2027-09-15", headers=analyst)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'class="topbar"' in page  # the app's base page
    assert "3. kvartal 2027" in page and "Acadre" in page
    assert 'href="/reports/quarterly.xlsx?quarter=2027Q3&amp;as_of=2027-09-15"' in page


def test_quarterly_page_offers_a_reader_no_workbook(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/reports/quarterly?quarter=2027Q3&as_of=2027-09-15", headers=reader)
    assert response.status_code == 200 and "Acadre" in response.text
    assert "/reports/quarterly.xlsx" not in response.text
    assert client.get("/reports/quarterly.xlsx?quarter=2027Q3", headers=reader).status_code == 403


def test_quarterly_page_sends_a_browser_without_a_session_to_login(
    org: Graph, client: TestClient
) -> None:
    response = client.get(
        "/reports/quarterly", headers={"Accept": "text/html"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_quarterly_page_with_a_bad_quarter_is_an_error_page(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get("/reports/quarterly?quarter=nonsense", headers=reader)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")


def test_quarterly_workbook_downloads(
    org: Graph, client: TestClient, analyst: dict[str, str]
) -> None:
    response = client.get(
        "/reports/quarterly.xlsx?quarter=2027Q3&as_of=2027-09-15", headers=analyst
    )
    assert response.status_code == 200
    assert "kvartalsoverblik-2027Q3.xlsx" in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["Systemer"]["A2"].value == "Acadre"


def test_quarterly_page_speaks_english_when_asked(
    org: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    response = client.get(
        "/reports/quarterly?quarter=2027Q3&as_of=2027-09-15&lang=en", headers=reader
    )
    assert response.status_code == 200
    assert response.headers["content-language"] == "en"
    assert "<h1>Overview of system ownership and finances</h1>" in response.text
    assert "For chefgruppen, Q3 2027 (2027-07-01 – 2027-09-30)." in response.text
    assert "kvartal" not in response.text


def test_quarterly_workbook_follows_the_pages_language(
    org: Graph, client: TestClient, analyst: dict[str, str]
) -> None:
    client.get("/reports/quarterly?lang=en", headers=analyst)  # remembered in a cookie
    response = client.get(
        "/reports/quarterly.xlsx?quarter=2027Q3&as_of=2027-09-15", headers=analyst
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Systems", "Departments", "Financing", "Changes"]
    assert book["Systems"]["A2"].value == "Acadre"


def test_calendar_of_a_person_named_with_line_breaks_is_a_valid_calendar(
    model_graph: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    write_hr(model_graph, people={"chef": {"name": "Lone\r\nX-INJECTED:1\rKris\ntiansen\x07"}})
    write_kitos(
        model_graph, [system("s1", name="Acadre\r\nEND:VEVENT")], [holds("OWNS", "chef", "s1")]
    )
    response = client.get("/api/calendar/chef.ics", headers=reader)
    assert response.status_code == 200
    lines = response.content.split(b"\r\n")
    assert not [line for line in lines if b"\r" in line or b"\n" in line or b"\x07" in line]
    parsed = Calendar.from_ical(response.content)
    assert "X-INJECTED" not in parsed
    assert str(parsed["X-WR-CALNAME"]) == "Governance-kalender: Lone X-INJECTED:1 Kris tiansen"
    [event] = [e for e in parsed.walk("VEVENT") if "Halvårlig" in str(e["SUMMARY"])]
    assert str(event["SUMMARY"]).endswith(": Acadre END:VEVENT")


def test_calendar_download_name_is_encoded_per_rfc_6266(
    model_graph: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    write_batch(model_graph, make_batch([make_person("Σ-7", name="Σωκράτης Ærø")]))
    response = client.get("/api/calendar/Σ-7.ics", headers=reader)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        "inline; filename=\"govgraph-_-7.ics\"; filename*=UTF-8''govgraph-%CE%A3-7.ics"
    )
    assert b"Governance-kalender: \xce\xa3\xcf\x89" in response.content


@pytest.mark.parametrize(
    ("name", "fallback", "full"),
    [
        ("kvartalsoverblik-2026Q4.xlsx", "kvartalsoverblik-2026Q4.xlsx", None),
        ("Ærø Å.ics", "Aeroe Aa.ics", None),
        ('a"b\r\nc/d%e.ics', "a_b__c_d_e.ics", "a_b__c_d%e.ics"),
    ],
)
def test_download_names_have_an_ascii_fallback_and_the_utf8_name(
    name: str, fallback: str, full: str | None
) -> None:
    kind, plain, encoded = content_disposition(name).split("; ")
    assert (kind, plain) == ("attachment", f'filename="{fallback}"')
    assert encoded.startswith("filename*=UTF-8''")
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == (full or name)


def test_one_name_with_a_control_character_does_not_break_the_quarterly_workbook(
    model_graph: Graph, client: TestClient, analyst: dict[str, str]
) -> None:
    write_hr(model_graph, people={"chef": {"name": "Lone\x01 Kristiansen"}})
    write_kitos(model_graph, [system("s1", name="Acadre")], [holds("OWNS", "chef", "s1")])
    response = client.get(
        "/reports/quarterly.xlsx?quarter=2027Q3&as_of=2027-09-15", headers=analyst
    )
    assert response.status_code == 200
    systems = openpyxl.load_workbook(io.BytesIO(response.content))["Systemer"]
    assert (systems["A2"].value, systems["C2"].value) == ("Acadre", "Lone\ufffd Kristiansen")


def test_a_person_key_shaped_like_a_cpr_number_is_audited_blanked(
    model_graph: Graph, client: TestClient, reader: dict[str, str], api_settings: Settings
) -> None:
    write_batch(model_graph, make_batch([make_person("0101701234", name="Ole Olsen")]))
    assert client.get("/api/calendar/Ole Olsen.ics", headers=reader).status_code == 200
    [entry] = [e for e in audit_entries(api_settings) if e.action == "calendar.read"]
    assert entry.person_keys == ["[redacted]"]
    stored = model_graph.query("MATCH (e:AuditEntry) RETURN e {.*} AS e")
    assert "0101701234" not in json.dumps([row["e"] for row in stored], default=str)
