"""The loop in a real browser, in Danish: fix a finding where it is seen, preview, propose,
approve as a second person, and see the finding gone and the decision in the system's history."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from graph.driver import Graph
from tests.pages.conftest import AS_OF, LiveApp, Watch, screenshot
from tests.support import ROOT

pytestmark = pytest.mark.browser
# The Fix form with its preview, as the README shows it: renewed when the run asks for it
# (UPDATE_DOCS=1), so that a test run leaves the checkout as it was.
README_SCREENSHOT = ROOT / "docs" / "fix-preview.png"


def gm01_row(page: Any, system: str) -> Any:
    """The gaps page's row of GM-01 about ``system``."""
    return (
        page.locator("tr.finding")
        .filter(has=page.get_by_role("link", name=system))
        .filter(has=page.get_by_role("link", name="GM-01", exact=True))
    )


def test_gm01_is_fixed_from_its_row_previewed_approved_and_shown_in_history(
    secretariat_page: Any,
    approver_page: Any,
    live_app: LiveApp,
    watch: Watch,
    keys: dict[str, str],
    undo_decisions: Graph,
) -> None:
    page = secretariat_page
    page.goto(f"/gaps?rule=GM-01&as_of={AS_OF}")
    row = gm01_row(page, "Doc2Mail")
    assert row.count() == 1
    row.get_by_role("link", name="Ret: Udpeg systemejer").click()

    # The form is filled in: Doc2Mail, a systemejer, candidates ranked as the handover ranks them.
    page.wait_for_url(re.compile(r"/decide\?"))
    assert page.get_by_role("heading", level=1).inner_text() == "Udpeg systemejer"
    candidates = page.locator("input[name=person]")
    assert candidates.count() >= 1
    candidates.first.check()
    chosen = page.locator("label.candidate strong").first.inner_text()
    page.fill("#reason", "Afdelingen ejer systemet; besluttet på ledermødet.")
    page.get_by_role("button", name="Forhåndsvis").click()

    # The preview runs the same rules over the proposed change: GM-01 is resolved.
    resolved = page.get_by_test_id("preview-resolved")
    assert "GM-01" in resolved.inner_text()
    assert "Doc2Mail" in resolved.inner_text()
    assert "GM-01" not in page.get_by_test_id("preview-created").inner_text()
    assert "skal godkendes af" in page.get_by_test_id("preview-approval").inner_text()
    if os.environ.get("UPDATE_DOCS") == "1":
        README_SCREENSHOT.write_bytes(page.locator("main").screenshot())
    screenshot(page, "fix-preview")

    page.get_by_role("button", name="Gem beslutningen").click()
    page.wait_for_url(re.compile(r"/decisions\?"))
    assert "venter på godkendelse" in page.get_by_test_id("decisions-notice").inner_text()
    pending = page.locator("tr[data-decision]").filter(has_text="Doc2Mail").first
    assert chosen in pending.inner_text()
    assert "chef for" in pending.get_by_test_id("approver").inner_text()

    # The proposer cannot approve it too, and is told so.
    pending.get_by_role("button", name="Godkend").click()
    assert "selv foreslået" in page.get_by_test_id("decisions-error").inner_text()
    assert watch.errors == ["Failed to load resource: the server responded with a status of 403 "
                            "(Forbidden)"]  # fmt: skip
    watch.errors.clear()

    # A second secretariat user approves it.
    approver_page.goto(f"/decisions?as_of={AS_OF}")
    row = approver_page.locator("tr[data-decision]").filter(has_text="Doc2Mail").first
    row.get_by_role("button", name="Godkend").click()
    assert "godkendt" in approver_page.get_by_test_id("decisions-notice").inner_text()

    # The finding is gone, and the system's history shows who decided.
    page.goto(f"/gaps?rule=GM-01&as_of={AS_OF}")
    assert gm01_row(page, "Doc2Mail").count() == 0
    page.goto(f"/system/{keys['doc2mail']}?as_of={AS_OF}")
    history = page.locator("#history")
    decided = history.locator("tr.history--decided").filter(has_text=chosen)
    assert decided.count() == 1
    assert "foreslået af pages-sekretariat" in decided.inner_text()
    assert "godkendt af pages-godkender" in decided.inner_text()
    assert watch.errors == []
    assert watch.hosts == {"127.0.0.1"}


def test_readers_and_analysts_see_no_fix_actions(
    page: Any, reader_page: Any, keys: dict[str, str]
) -> None:
    for shown in (page, reader_page):
        shown.goto(f"/gaps?rule=GM-01&as_of={AS_OF}")
        assert shown.locator("a.fix").count() == 0
        response = shown.goto(f"/decide?type=appoint&role=systemejer&subject={keys['doc2mail']}")
        assert response.status == 403
