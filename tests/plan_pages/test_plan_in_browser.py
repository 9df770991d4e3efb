"""A secretariat applies a leaver's handover plan from the handover page, in Danish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.pages.conftest import AS_OF, VIEWPORT, LiveApp, screenshot
from tests.pages.test_accessibility import axe_violations

LEAVER = "Karen Thomsen"  # left on 2026-10-15: sole systemansvarlig of Fjernprint


def findings_text(page: Any, rule: str) -> str:
    """The gaps dashboard's text for one rule, after the leave date."""
    page.goto(f"/gaps?rule={rule}&as_of={AS_OF}&lang=da")
    return str(page.inner_text("main"))


def test_applied_plan_leaves_no_gm04_or_gm13_for_the_leaver(
    browser: Any, live_app: LiveApp, keys: dict[str, str], tmp_path: Path
) -> None:
    secret = live_app.secretariat_token
    context = browser.new_context(base_url=live_app.url, viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto("/login")
        page.fill("#token", secret)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_app.url}/")
        assert LEAVER in findings_text(page, "GM-13")
        assert "Fjernprint har ingen systemansvarlig" in findings_text(page, "GM-04")

        page.goto(f"/handover?person={keys['karen']}&as_of={AS_OF}&lang=da")
        plan = page.locator("#plan")
        assert axe_violations(page) == []  # the form a secretariat sees
        assert plan.get_by_label("Gælder fra").input_value() == "2026-10-15"
        chosen = plan.locator("select[name=successor]").evaluate_all(
            "selects => selects.map(s => s.options[s.selectedIndex].text)"
        )
        assert "Henrik Damgaard" in chosen  # the top candidate for Fjernprint
        plan.get_by_role("button", name="Gennemfør planen").click()
        page.wait_for_url("**/handover?*plan=applied*")
        assert "Planen er gennemført" in page.inner_text("#plan")
        screenshot(page, "handover-plan-applied")

        assert LEAVER not in findings_text(page, "GM-13")
        assert "Fjernprint" not in findings_text(page, "GM-04")

        # KITOS still names Karen: the change list on the gaps page says what to change there.
        with page.expect_download() as download:
            page.click("#kitos-changes")
        saved = tmp_path / "kitos.xlsx"
        download.value.save_as(saved)
        sheet = load_workbook(saved).active
        assert sheet is not None
        rows = {tuple(r[:4]) for r in sheet.iter_rows(min_row=2, values_only=True)}
        assert ("Fjernprint", "Fjern", "Systemansvarlig", LEAVER) in rows
        assert ("Fjernprint", "Tilføj", "Systemansvarlig", "Henrik Damgaard") in rows
    finally:
        context.close()
