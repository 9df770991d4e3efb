"""One error shape; no stack trace, token or CPR number in a response or a log line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from uvicorn.logging import AccessFormatter

from api.app import create_app
from api.errors import RedactingFilter
from core.settings import Settings
from govgraph.commands.serve import log_config
from graph import entities
from tests.api.conftest import settings_for
from tests.support import token_store

pytestmark = pytest.mark.usefixtures("seeded")
CPR = "0101701234"


def test_an_unexpected_error_is_500_with_an_incident_id_only(
    client: TestClient,
    reader: dict,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"boom while reading {CPR} with {reader['Authorization']}")

    monkeypatch.setattr(entities, "get_person", boom)
    with caplog.at_level(logging.ERROR, logger="govgraph.api"):
        response = client.get("/api/people/anna", headers=reader)
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal-error" and "incident" in error["message"]
    assert "boom" not in response.text and "Traceback" not in response.text
    logged = caplog.records[-1]
    assert "RuntimeError" in logged.getMessage() and CPR not in logged.getMessage()
    assert reader["Authorization"].split()[1] not in logged.getMessage()
    assert logged.exc_info is None


def test_a_cpr_number_in_a_request_is_not_echoed(client: TestClient, reader: dict) -> None:
    for path in (f"/api/people/{CPR}", f"/api/people?as_of={CPR}", f"/api/units?depth={CPR}"):
        response = client.get(path, headers=reader)
        assert response.status_code in (404, 422)
        assert CPR not in response.text
        assert set(response.json()) == {"error"}


def test_unknown_paths_and_methods_use_the_error_shape(client: TestClient, reader: dict) -> None:
    missing = client.get("/api/nothing", headers=reader)
    wrong = client.delete("/api/people", headers=reader)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not-found"
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method-not-allowed"


def test_a_malformed_json_body_is_422_in_the_shape(client: TestClient, analyst: dict) -> None:
    response = client.post(
        "/api/cypher",
        content=b"{not json",
        headers={**analyst, "Content-Type": "application/json"},
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid-input"


def test_api_answers_are_not_cached(client: TestClient, reader: dict) -> None:
    response = client.get("/api/people", headers=reader)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_health_says_only_whether_neo4j_answers(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"neo4j": "up"}


def test_cors_is_off_unless_configured(client: TestClient, reader: dict) -> None:
    response = client.get("/api/people", headers={**reader, "Origin": "https://intra.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_the_configured_origins(settings: Settings, tmp_path: Path) -> None:
    configured = settings_for(settings, tmp_path / "home", cors_origins=["https://intra.example"])
    secret = token_store(configured).create("cors", "reader")
    headers = {"Authorization": f"Bearer {secret}", "Origin": "https://intra.example"}
    with TestClient(create_app(configured)) as client:
        allowed = client.get("/api/people", headers=headers)
        other = client.get("/api/people", headers={**headers, "Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://intra.example"
    assert "access-control-allow-origin" not in other.headers


def test_the_log_filter_blanks_cpr_numbers_tokens_and_traces() -> None:
    secret = "ggt_0123456789ab_" + "x" * 43
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '"GET /api/people?q=%s HTTP/1.1" %s',
        (f"{CPR}&t={secret}", 200), exc_info=(RuntimeError, RuntimeError("x"), None),
    )  # fmt: skip
    assert RedactingFilter().filter(record)
    assert CPR not in record.getMessage() and secret not in record.getMessage()
    assert record.exc_info is None


def test_access_log_lines_still_format_after_the_filter() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/api/people?q={CPR}", "1.1", 200), None,
    )  # fmt: skip
    RedactingFilter().filter(record)
    line = AccessFormatter("%(client_addr)s %(request_line)s %(status_code)s").format(record)
    assert line.startswith("127.0.0.1:5000 GET /api/people?q=[redacted]")


def test_the_server_logs_through_the_filter() -> None:
    config = log_config()
    assert all(h["filters"] == ["redact"] for h in config["handlers"].values())
    assert {"govgraph", "neo4j", "uvicorn.access"} <= set(config["loggers"])


def _token_record(secret: str) -> logging.LogRecord:
    record = logging.LogRecord(
        "govgraph.api", logging.WARNING, __file__, 1, "token %s", (secret,), None
    )
    record.development_secret = secret
    return record


def test_only_a_development_filter_shows_the_development_token() -> None:
    secret = "ggt_0123456789ab_" + "y" * 43
    record = _token_record(secret)
    RedactingFilter().filter(record)
    assert secret not in record.getMessage()
    record = _token_record(secret)
    RedactingFilter(reveal_development_secret=True).filter(record)
    assert record.getMessage() == f"token {secret}"


def test_the_development_filter_still_blanks_every_other_secret() -> None:
    shown, other = "ggt_0123456789ab_" + "y" * 43, "ggt_ba9876543210_" + "z" * 43
    record = logging.LogRecord(
        "govgraph.api", logging.WARNING, __file__, 1, "%s %s %s", (shown, other, CPR), None
    )
    record.development_secret = shown
    RedactingFilter(reveal_development_secret=True).filter(record)
    assert other not in record.getMessage() and CPR not in record.getMessage()


def test_the_server_reveals_a_development_token_only_in_development() -> None:
    assert log_config()["filters"]["redact"]["reveal_development_secret"] is False
    assert log_config(development=True)["filters"]["redact"]["reveal_development_secret"] is True
