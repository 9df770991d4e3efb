"""The pages over HTTP without a browser: errors as pages, static files, the audit trail."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from core.settings import Settings
from tests.pages.conftest import AS_OF
from tests.support import audit_log

Client = tuple[TestClient, str]


def test_a_page_without_a_session_sends_a_browser_to_login(client: Client) -> None:
    c, _ = client
    del c.headers["Authorization"]
    response = c.get("/gaps", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/gaps"


def test_a_page_without_a_session_is_401_for_a_program(client: Client) -> None:
    c, _ = client
    del c.headers["Authorization"]
    assert c.get("/gaps").status_code == 401


def test_an_unknown_key_is_a_not_found_page(client: Client) -> None:
    c, _ = client
    response = c.get("/person/nobody-has-this-key")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Siden findes ikke" in response.text


def test_a_bad_parameter_is_an_error_page(client: Client) -> None:
    c, _ = client
    response = c.get("/gaps?as_of=not-a-date")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")


def test_pages_are_not_cached(client: Client) -> None:
    c, _ = client
    assert c.get(f"/gaps?as_of={AS_OF}").headers["cache-control"] == "no-store"


def test_vis_network_is_served_from_the_installed_pyvis(client: Client) -> None:
    c, _ = client
    response = c.get("/static/pages/vis-network.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "vis-network" in response.text[:2000]


def test_only_the_listed_static_files_are_served(client: Client) -> None:
    c, _ = client
    for name in ("..%2F..%2Fapi%2Fapp.py", "network.py", "app.css.bak"):
        assert c.get(f"/static/pages/{name}").status_code == 404


def test_the_login_page_is_styled_and_loads_only_local_files(client: Client) -> None:
    c, _ = client
    del c.headers["Authorization"]
    html = c.get("/login?next=/gaps").text
    assert '<link rel="stylesheet" href="/static/pages/app.css">' in html
    assert 'name="next" value="/gaps"' in html
    assert "http://" not in html and "https://" not in html


def test_language_chosen_by_query_is_remembered_in_a_cookie(client: Client) -> None:
    c, _ = client
    response = c.get(f"/gaps?lang=en&as_of={AS_OF}")
    assert "<h1>Gaps</h1>" in response.text
    assert "govgraph_lang=en" in response.headers["set-cookie"]
    assert "<h1>Gaps</h1>" in c.get(f"/gaps?as_of={AS_OF}").text


def test_reading_a_person_page_is_audited_with_the_people_shown(
    client: Client, keys: dict[str, str], settings: Settings
) -> None:
    c, name = client
    assert c.get(f"/person/{keys['maja']}?as_of={AS_OF}").status_code == 200
    entries = [e for e in audit_log(settings).entries(token=name) if e.action == "page.person"]
    assert len(entries) == 1
    assert keys["maja"] in entries[0].person_keys
    assert entries[0].who == name


def test_searching_is_audited_with_the_query(client: Client, settings: Settings) -> None:
    c, name = client
    c.get(f"/?q=lauridsen&as_of={AS_OF}")
    entries = [e for e in audit_log(settings).entries(token=name) if e.action == "page.search"]
    assert [e.query for e in entries] == ["lauridsen"]
    assert entries[0].person_keys


def test_the_gaps_export_is_an_excel_workbook(client: Client) -> None:
    c, _ = client
    response = c.get(f"/gaps.xlsx?severity=high&as_of={AS_OF}")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "attachment" in response.headers["content-disposition"]


def test_a_capped_overview_says_how_far_it_is_cut(client: Client) -> None:
    c, _ = client
    page = c.get(f"/overview?limit=10&as_of={AS_OF}&lang=en").text
    assert re.search(r"The graph is cut to \d+ nodes and \d+ edges", page)
    whole = c.get(f"/overview?limit=2000&as_of={AS_OF}&lang=en").text
    assert "The graph is cut to" not in whole
