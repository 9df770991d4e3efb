"""The sync page in a real browser, in Danish: KITOS synced against the local KITOS, which fails
three times in a row; the page says so, and the DQ-05 finding on the gaps page leads to it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from graph.driver import WRITE, Graph
from graph.syncing import run_sync
from tests.live.conftest import kitos_settings
from tests.live.kitos_server import KitosData, KitosServer
from tests.pages.conftest import AS_OF, screenshot
from tests.pages.test_accessibility import axe_violations

pytestmark = pytest.mark.browser
USAGES = "/api/v2/it-system-usages"
# What the test leaves behind: the sync states and the outage mail (failed syncs write no data).
FORGET = (
    "MATCH (n) WHERE n:SyncState OR (n:OutboxMessage AND n.key STARTS WITH 'sync-outage:') "
    "DETACH DELETE n"
)


@pytest.fixture
def kitos(examples: Path) -> Iterator[KitosServer]:
    """The local KITOS serving the example's KITOS folder."""
    with KitosServer(KitosData.from_folder(examples / "kitos")) as server:
        yield server


@pytest.fixture
def failing_kitos(
    example_graph: Graph, settings: Settings, kitos: KitosServer, tmp_path: Path
) -> Iterator[Settings]:
    """Three KITOS syncs that fail with 503; the sync states forgotten afterwards."""
    synced = settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path)})
    kitos.fail(USAGES, status=503)
    try:
        for _ in range(3):
            assert run_sync(example_graph, synced, "kitos").failed
        yield synced
    finally:
        example_graph.query(FORGET, routing=WRITE)


def test_a_failing_sync_is_shown_in_danish_and_reached_from_its_finding(
    page: Any, failing_kitos: Settings
) -> None:
    page.goto(f"/sync?as_of={AS_OF}&lang=da")
    alert = page.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == "KITOS er aldrig blevet synkroniseret"
    assert "3 forsøg i træk er fejlet" in alert.inner_text()
    assert "secretariat_email er ikke sat" in alert.inner_text()  # the app has no address
    card = page.get_by_test_id("sync-kitos")
    facts = card.locator("dl").inner_text()
    assert "Fejlede" in facts and "Fejl i træk\n3" in facts
    assert "KITOS answered 503" in card.get_by_test_id("sync-error-kitos").inner_text()
    assert failing_kitos.kitos.password_file is not None
    assert failing_kitos.kitos.password_file.read_text().strip() not in page.content()
    # The import history holds the example's file import of KITOS, and no failed sync.
    history = page.locator("#history-kitos tbody tr")
    assert history.count() == 1 and "Synkronisering" not in history.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "sync-failed-da")

    page.goto(f"/gaps?rule=DQ-05&as_of={AS_OF}&lang=da")
    page.locator("table.findings").get_by_role("link", name="KITOS", exact=True).click()
    page.wait_for_url(re.compile(r"/sync\?.*#sync-kitos$"))
    assert page.get_by_role("alert").is_visible()
