"""Bad answers from KITOS: each a clear error, nothing written, the last good cursor kept."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.settings import Settings
from govgraph.cli import app
from graph import admin
from graph.driver import Graph
from graph.sync_state import last_cursor
from graph.syncing import SyncOutcome, run_sync
from importers.live.kitos_api import WRONG_USER
from tests.live.conftest import kitos_settings
from tests.live.kitos_server import KitosServer

USAGES = "/api/v2/it-system-usages"


def _with(settings: Settings, kitos: KitosServer, tmp_path: Path, **overrides: object) -> Settings:
    return settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path, **overrides)})


def _fails_cleanly(graph: Graph, settings: Settings, *, says: str) -> SyncOutcome:
    """Sync after a good one: the error says ``says``, the graph and cursor stay as they were."""
    before, cursor = (
        admin.content_checksum(graph),
        last_cursor(graph, scope="kitos", source="kitos"),
    )
    outcome = run_sync(graph, settings, "kitos")
    assert outcome.failed and outcome.error is not None
    assert says in str(outcome.error), str(outcome.error)
    assert "Nothing was written" in str(outcome.error)
    assert admin.content_checksum(graph) == before
    assert last_cursor(graph, scope="kitos", source="kitos") == cursor
    return outcome


def test_wrong_password_names_the_api_user(
    hr_graph: Graph, kitos: KitosServer, settings: Settings, tmp_path: Path
) -> None:
    good = _with(settings, kitos, tmp_path)
    run_sync(hr_graph, good, "kitos")
    assert good.kitos.password_file is not None
    good.kitos.password_file.write_text("not-the-password", encoding="utf-8")
    _fails_cleanly(hr_graph, good, says=WRONG_USER)


def test_forbidden_organisation_asks_for_access(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    kitos.fail("/api/v2/organizations/", status=403)
    _fails_cleanly(hr_graph, sync_settings, says="does not let the API user read")


def test_unknown_organisation_names_the_setting(
    hr_graph: Graph, kitos: KitosServer, settings: Settings, tmp_path: Path
) -> None:
    wrong = _with(
        settings, kitos, tmp_path, organization_uuid="00000000-0000-0000-0000-00000000abcd"
    )
    outcome = _fails_cleanly(hr_graph, wrong, says="KITOS has no organisation")
    assert outcome.error is not None and "organization_uuid" in outcome.error.hint


def test_too_many_requests_waits_as_long_as_retry_after_says(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    kitos.fail(USAGES, status=429, retry_after="1", times=1)
    began = time.monotonic()
    outcome = run_sync(hr_graph, sync_settings, "kitos")
    assert outcome.error is None
    assert time.monotonic() - began >= 1.0


def test_retry_after_beyond_the_limit_fails(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    kitos.fail(USAGES, status=429, retry_after="3600")
    _fails_cleanly(hr_graph, sync_settings, says="asked to wait 3600 s")


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_retried_then_passes(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings, status: int
) -> None:
    kitos.fail(USAGES, status=status, times=2)
    assert run_sync(hr_graph, sync_settings, "kitos").error is None


@pytest.mark.parametrize("status", [500, 503])
def test_a_lasting_server_error_fails_after_the_retries(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings, status: int
) -> None:
    run_sync(hr_graph, sync_settings, "kitos")
    kitos.fail(USAGES, status=status)
    _fails_cleanly(hr_graph, sync_settings, says=f"answered {status}")


def test_a_failure_in_the_middle_of_paging_writes_nothing(
    hr_graph: Graph, kitos: KitosServer, settings: Settings, tmp_path: Path
) -> None:
    paged = _with(settings, kitos, tmp_path, page_size=5)
    run_sync(hr_graph, paged, "kitos")
    kitos.data.usages[0]["lastModified"] = "2099-01-01T00:00:00Z"  # a change the delta sees
    kitos.fail(USAGES, status=500, after=1)  # page 0 passes, then KITOS breaks
    _fails_cleanly(hr_graph, paged, says="answered 500")
    kitos.faults.clear()
    full = run_sync(hr_graph, paged, "kitos", full=True)
    assert full.error is None


@pytest.mark.parametrize(
    ("kind", "overrides", "says"),
    [
        ("slow", {"timeout": 0.5}, "did not answer"),
        ("malformed", {}, "not valid JSON"),
        ("repeat", {"page_size": 5}, "same items"),
        ("endless", {"max_pages": 20}, "did not end within 20 pages"),
        ("huge", {"max_response_mb": 1}, "larger than 1 MB"),
    ],
    ids=["timeout", "malformed-json", "page-repeats", "page-cap", "too-large"],
)
def test_a_bad_answer_fails_with_a_clear_error(
    hr_graph: Graph,
    kitos: KitosServer,
    settings: Settings,
    tmp_path: Path,
    kind: str,
    overrides: dict[str, object],
    says: str,
) -> None:
    run_sync(hr_graph, _with(settings, kitos, tmp_path), "kitos")
    kitos.data.usages[0]["lastModified"] = "2099-01-01T00:00:00Z"  # the delta reads a page
    kitos.fail(USAGES, kind)
    _fails_cleanly(hr_graph, _with(settings, kitos, tmp_path, **overrides), says=says)


def test_no_secret_reaches_a_log_an_error_or_the_graph(
    hr_graph: Graph,
    kitos: KitosServer,
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    good = _with(settings, kitos, tmp_path)
    texts = []
    for fault in ({"status": 503}, {"kind": "malformed"}, {"status": 401}, None):
        kitos.faults.clear()
        if fault is not None:
            kitos.fail(USAGES, **fault)
        texts.append(str(run_sync(hr_graph, good, "kitos").error))
    assert good.kitos.password_file is not None
    monkeypatch.setenv("GOVGRAPH_KITOS__BASE_URL", kitos.url)
    monkeypatch.setenv("GOVGRAPH_KITOS__ORGANIZATION_UUID", kitos.data.org_uuid)
    monkeypatch.setenv("GOVGRAPH_KITOS__USER", kitos.email)
    monkeypatch.setenv("GOVGRAPH_KITOS__PASSWORD_FILE", str(good.kitos.password_file))
    texts.append(CliRunner().invoke(app, ["sync", "kitos", "--full"]).output)
    good.kitos.password_file.write_text("wrong-" + kitos.password, encoding="utf-8")
    texts.append(CliRunner().invoke(app, ["sync", "kitos"]).output)
    rows = hr_graph.query(
        "MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p"
    )
    texts += [str(row["p"]) for row in rows]
    texts += [caplog.text]
    secrets = [kitos.password, *kitos.issued]
    assert len(secrets) > 3
    assert [s for s in secrets if any(s in text for text in texts)] == []
    assert any(WRONG_USER in text for text in texts)


def test_cli_sync_reports_what_changed_and_fails_with_exit_2(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sync_settings.kitos.password_file is not None
    for name, value in (
        ("BASE_URL", kitos.url),
        ("ORGANIZATION_UUID", kitos.data.org_uuid),
        ("USER", kitos.email),
        ("PASSWORD_FILE", str(sync_settings.kitos.password_file)),
        ("RETRIES", "0"),
    ):
        monkeypatch.setenv(f"GOVGRAPH_KITOS__{name}", value)
    done = CliRunner().invoke(app, ["sync", "kitos"])
    assert done.exit_code == 0, done.output
    assert "full sync" in done.output and "added" in done.output
    kitos.fail(USAGES, status=503)
    failed = CliRunner().invoke(app, ["sync", "kitos"])
    assert failed.exit_code == 2
    assert "KITOS sync failed" in failed.output and "answered 503" in failed.output
