"""Logging in through Keycloak's real login form in a real browser: "Min rolle" is then the
logged-in person's own page; logging out ends the session at Keycloak too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.settings import Settings
from tests.pages.test_accessibility import axe_violations
from tests.sso.conftest import Served
from tests.sso.keycloak import Keycloak
from tests.support import audit_log, headless_chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context(base_url=served.url)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _log_in_at_keycloak(page: Any, keycloak: Keycloak, user: str, password: str) -> None:
    page.wait_for_url(f"{keycloak.issuer()}/**")
    page.fill("#username", user)
    page.fill("#password", password)
    page.click("#kc-login")


def test_a_login_through_keycloak_lands_on_my_own_role_page_and_logs_out_there_too(
    page: Any, served: Served, keycloak: Keycloak, sso_settings: Settings
) -> None:
    page.goto("/min-rolle")
    page.wait_for_url("**/login?next=/min-rolle")
    page.click("#sso")
    _log_in_at_keycloak(page, keycloak, "anna", "anna-test-password")
    page.wait_for_url(f"{served.url}/min-rolle")
    assert page.locator("h1").inner_text() == "Anna Andersen"
    [login] = [e for e in audit_log(sso_settings).entries() if e.action == "login"]
    assert (login.who, login.scope, login.actor) == ("anna@example.dk", "secretariat", "anna")
    [read] = [e for e in audit_log(sso_settings).entries() if e.action == "page.my_role"]
    assert read.actor == "anna" and "anna" in read.person_keys

    page.click("form.logout button")
    page.wait_for_url(f"{served.url}/login")
    assert page.goto("/min-rolle").url.endswith("/login?next=/min-rolle")
    # Keycloak's session ended too: single sign-on asks for the password again.
    page.click("#sso")
    page.wait_for_url(f"{keycloak.issuer()}/**")
    assert page.locator("#password").is_visible()


def test_a_user_whose_groups_grant_nothing_gets_a_no_access_page(
    page: Any, served: Served, keycloak: Keycloak, sso_settings: Settings
) -> None:
    page.goto("/login/sso?next=/gaps")
    _log_in_at_keycloak(page, keycloak, "lone", "lone-test-password")
    page.wait_for_url(f"{served.url}/login/sso/callback**")
    assert page.locator("h1").inner_text() in ("Ingen adgang", "No access")
    assert "lone.udenfor@oestby.dk" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert page.goto("/gaps").url.endswith("/login?next=/gaps")  # no session was opened
    [refused] = [e for e in audit_log(sso_settings).entries() if e.action == "login.refused"]
    assert refused.who == "lone.udenfor@oestby.dk" and refused.details["groups"] == ["GG-Andre"]


def test_a_callback_without_a_login_under_way_is_refused(page: Any, served: Served) -> None:
    page.goto("/login/sso/callback?state=made-up&code=made-up")
    # A browser is sent back to the login page, as from any page it may not see.
    assert "/login?next=" in page.url
    assert page.locator("#sso").is_visible() and "Traceback" not in page.content()
