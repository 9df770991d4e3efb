"""The read deadline: a read left unanswered is 503 at the deadline; writes are never cut off."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import errors
from api.deadline import ReadDeadline

DEADLINE = 1.0
ABANDONED = 2


@pytest.fixture
def released() -> Iterator[threading.Event]:
    """Set to let the slow endpoints answer; set at the end, so that no thread is left waiting."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def ran() -> list[str]:
    """The fast endpoints whose handler ran."""
    return []


@pytest.fixture
def client(released: threading.Event, ran: list[str]) -> Iterator[TestClient]:
    """An app whose slow endpoints wait, as a request on a Neo4j that does not answer would."""
    app = FastAPI()
    errors.install(app)

    @app.get("/api/slow")
    def slow_read() -> dict[str, bool]:
        return {"answered": released.wait(timeout=30)}

    @app.post("/api/slow")
    def slow_write() -> dict[str, bool]:
        return {"answered": released.wait(timeout=DEADLINE * 3)}

    @app.post("/api/cypher")
    def slow_cypher() -> dict[str, bool]:
        return {"answered": released.wait(timeout=30)}

    @app.get("/api/fast")
    def fast_read() -> dict[str, bool]:
        ran.append("/api/fast")
        return {"answered": True}

    @app.get("/unit/{key}")
    def slow_page(key: str) -> dict[str, bool]:
        return {"answered": released.wait(timeout=30)}

    @app.get("/login")
    def login_page() -> dict[str, bool]:
        return {"answered": released.wait(timeout=DEADLINE * 3)}

    @app.get("/health")
    def health() -> dict[str, str]:
        released.wait(timeout=30)
        return {"neo4j": "up"}

    app.add_middleware(ReadDeadline, seconds=DEADLINE, max_abandoned=ABANDONED)
    with TestClient(app) as c:
        yield c


def test_a_read_left_unanswered_is_503_database_unavailable_at_the_deadline(
    client: TestClient,
) -> None:
    began = time.monotonic()
    response = client.get("/api/slow")
    assert time.monotonic() - began < DEADLINE + 1
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    error = response.json()["error"]
    assert error["code"] == "database-unavailable"
    assert f"within {DEADLINE:g} s" in error["message"]
    assert error["details"] is None


def test_health_left_unanswered_says_neo4j_is_down(client: TestClient) -> None:
    response = client.get("/health")
    assert (response.status_code, response.json()) == (503, {"neo4j": "down"})
    assert response.headers["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)


def test_a_page_left_unanswered_is_the_error_page_in_the_readers_language(
    client: TestClient,
) -> None:
    response = client.get("/unit/u1?lang=en")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert f"Neo4j did not answer within {DEADLINE:g} s." in response.text
    assert "Traceback" not in response.text


def test_the_login_page_is_not_cut_off(client: TestClient) -> None:
    assert client.get("/login").json() == {"answered": False}


def test_a_read_that_answers_in_time_is_untouched(client: TestClient) -> None:
    response = client.get("/api/fast")
    assert (response.status_code, response.json()) == (200, {"answered": True})


def test_the_read_only_cypher_post_is_cut_off_like_a_read(client: TestClient) -> None:
    response = client.post("/api/cypher")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database-unavailable"


def test_a_write_is_not_cut_off(client: TestClient) -> None:
    response = client.post("/api/slow")
    assert (response.status_code, response.json()) == (200, {"answered": False})


def test_once_enough_reads_are_abandoned_the_next_is_refused_at_once(
    client: TestClient, ran: list[str]
) -> None:
    for _ in range(ABANDONED):
        assert client.get("/api/slow").status_code == 503
    refused = client.get("/api/fast")
    # Refused before it ran (a read that runs answers at once): it did not wait for a deadline.
    assert ran == []
    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "database-unavailable"
    assert f"left {ABANDONED} requests unanswered" in refused.json()["error"]["message"]


def test_reads_answer_again_once_the_abandoned_work_has_ended(
    client: TestClient, released: threading.Event
) -> None:
    with ThreadPoolExecutor(ABANDONED) as pool:
        cut_off = list(pool.map(lambda _: client.get("/api/slow").status_code, range(ABANDONED)))
    assert cut_off == [503] * ABANDONED
    released.set()
    deadline = time.monotonic() + 5
    while (answer := client.get("/api/fast")).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert answer.json() == {"answered": True}
    assert client.get("/api/slow").json() == {"answered": True}
