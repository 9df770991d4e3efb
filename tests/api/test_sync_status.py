"""GET /api/sync: each live source's last sync, and when its failures make it overdue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.sync_state import record_attempt


def test_sources_never_synced_are_listed_without_an_outcome(
    graph: Graph, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    answer = client.get("/api/sync", headers=token("reader"))
    assert answer.status_code == 200
    assert [(s["source"], s["outcome"], s["overdue"]) for s in answer.json()] == [
        ("kitos", None, False),
        ("os2mo", None, False),
    ]


def test_three_failures_in_a_row_make_a_source_overdue(
    graph: Graph, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    good = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    record_attempt(graph, source="kitos", ok=True, mode="delta", counts={"added": 2}, at=good)
    for _ in range(2):
        record_attempt(graph, source="kitos", ok=False, mode="delta", message="KITOS answered 503")
    kitos = client.get("/api/sync", headers=token("reader")).json()[0]
    assert (kitos["failures_in_row"], kitos["overdue"]) == (2, False)
    record_attempt(graph, source="kitos", ok=False, mode="delta", message="KITOS answered 503")
    kitos = client.get("/api/sync", headers=token("reader")).json()[0]
    assert (kitos["outcome"], kitos["failures_in_row"], kitos["overdue"]) == ("failed", 3, True)
    assert kitos["last_ok_at"].startswith("2026-12-01T06:00")
    assert kitos["message"] == "KITOS answered 503"


def test_an_overdue_source_is_a_finding_in_the_api_and_on_the_gaps_page(
    graph: Graph, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    for _ in range(3):
        record_attempt(graph, source="os2mo", ok=False, mode="full", message="OS2mo answered 503")
    reader = token("reader")
    gaps = client.get("/api/gaps", params={"rule": "DQ-05"}, headers=reader).json()
    (finding,) = gaps["items"]
    assert finding["subject"]["name"] == "OS2mo"
    assert finding["message"]["en"].startswith("OS2mo has never synced (3 attempts")
    page = client.get("/gaps", params={"lang": "en"}, headers=reader)
    assert page.status_code == 200 and "OS2mo has never synced" in page.text


def test_the_sync_page_shows_each_source_and_says_when_one_is_overdue(
    graph: Graph, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    good = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    record_attempt(
        graph, source="kitos", ok=True, mode="delta", at=good,
        counts={"added": 2, "changed": 5, "ended": 1},
    )  # fmt: skip
    reader = {**token("reader"), "Accept": "text/html"}
    page = client.get("/sync", params={"lang": "en"}, headers=reader)
    assert page.status_code == 200
    assert "2 added, 5 changed, 1 ended" in page.text and "Delta (changes only)" in page.text
    assert "01-12-2026" not in page.text and "2026-12-01 07:00" in page.text  # Copenhagen time
    assert 'role="alert"' not in page.text
    for _ in range(3):
        record_attempt(graph, source="kitos", ok=False, mode="delta", message="KITOS answered 503")
    page = client.get("/sync", params={"lang": "da"}, headers=reader)
    assert "KITOS er ikke synkroniseret siden 01-12-2026 07:00" in page.text
    assert 'role="alert"' in page.text and "KITOS answered 503" in page.text
    gaps = client.get("/gaps", params={"rule": "DQ-05"}, headers=reader)
    assert 'href="/sync#sync-kitos"' in gaps.text


def test_the_gaps_page_sees_a_new_outage_although_no_import_ran(
    graph: Graph, client: TestClient, token: Callable[[str], dict[str, str]]
) -> None:
    reader = {**token("reader"), "Accept": "text/html"}
    before = client.get("/gaps", params={"rule": "DQ-05", "lang": "en"}, headers=reader)
    assert "has never synced" not in before.text  # and the app has cached this report
    for _ in range(3):
        record_attempt(graph, source="kitos", ok=False, mode="full", message="KITOS answered 503")
    after = client.get("/gaps", params={"rule": "DQ-05", "lang": "en"}, headers=reader)
    assert "KITOS has never synced (3 attempts in a row failed" in after.text
