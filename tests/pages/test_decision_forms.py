"""The decision form without scripts: posted back for a preview, saved only with what it needs."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from graph import admin
from graph.driver import Graph
from tests.pages.conftest import AS_OF, app_settings
from tests.support import token_store


@pytest.fixture
def secretariat(settings: Settings, undo_decisions: Graph, tmp_path: Path) -> Iterator[TestClient]:
    """A client of a fresh app with a secretariat token, on the example forvaltning."""
    home = tmp_path / "home"
    served = app_settings(settings, home)
    token = token_store(served).create(f"forms-sekretariat-{secrets.token_hex(4)}", "secretariat")
    with TestClient(create_app(served)) as c:
        c.headers["Authorization"] = f"Bearer {token}"
        yield c


def owner_form(keys: dict[str, str], **fields: str) -> dict[str, str]:
    """The Fix form of Doc2Mail's missing systemejer, as the browser posts it."""
    return {
        "type": "appoint",
        "role": "systemejer",
        "subject": keys["doc2mail"],
        "subject_label": "System",
        "effective_date": AS_OF,
        "reason": "Besluttet på ledermødet.",
        **fields,
    }


def post(client: TestClient, form: dict[str, str]) -> Any:
    return client.post(f"/decide?as_of={AS_OF}", data=form, follow_redirects=False)


def test_a_medarbejder_as_owner_is_previewed_and_saved_only_when_acknowledged(
    secretariat: TestClient, keys: dict[str, str], undo_decisions: Graph
) -> None:
    before = admin.content_checksum(undo_decisions)
    form = owner_form(keys, person_text="Maja Lauridsen")
    shown = post(secretariat, {**form, "action": "preview"})
    assert shown.status_code == 200
    assert "bryder en regel" in shown.text and 'name="acknowledge"' in shown.text
    assert "GM-02" in shown.text
    assert admin.content_checksum(undo_decisions) == before

    refused = post(secretariat, {**form, "action": "save"})
    assert refused.status_code == 422
    assert 'name="acknowledge"' in refused.text and "Maja Lauridsen" in refused.text
    assert admin.content_checksum(undo_decisions) == before

    saved = post(secretariat, {**form, "action": "save", "acknowledge": "on"})
    assert saved.status_code == 303
    assert saved.headers["location"].startswith("/decisions?saved=decision-")


def test_an_unknown_person_is_refused_with_the_form_kept(
    secretariat: TestClient, keys: dict[str, str]
) -> None:
    shown = post(secretariat, {**owner_form(keys, person_text="Ingen Sådan"), "action": "preview"})
    assert shown.status_code == 404
    assert "Ingen Sådan" in shown.text and 'id="decide-form"' in shown.text


def test_a_rejection_needs_a_reason(secretariat: TestClient, keys: dict[str, str]) -> None:
    saved = post(secretariat, {**owner_form(keys, person_text="Henrik Damgaard"), "action": "save"})
    key = saved.headers["location"].split("saved=")[1].split("&")[0]
    refused = secretariat.post(
        f"/decisions?as_of={AS_OF}", data={"decision": key, "action": "reject", "reason": " "}
    )
    assert refused.status_code == 422
    assert "Begrundelse for afvisningen" in refused.text
    pending = secretariat.get("/api/decisions", params={"status": "pending"}).json()["items"]
    assert [d["key"] for d in pending] == [key]
    assert pending[0]["approver"]["name"]  # the afdelingschef of Doc2Mail's department


def test_a_reader_cannot_post_the_form(
    settings: Settings, example_graph: Graph, keys: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    served = app_settings(settings, home)
    token = token_store(served).create(f"forms-reader-{secrets.token_hex(4)}", "reader")
    with TestClient(create_app(served)) as reader:
        reader.headers["Authorization"] = f"Bearer {token}"
        answer = post(reader, {**owner_form(keys, person_text="Henrik Damgaard"), "action": "save"})
    assert answer.status_code == 403


def test_a_pending_decision_shows_on_the_pages_of_its_system_and_person(
    secretariat: TestClient, keys: dict[str, str]
) -> None:
    saved = post(secretariat, {**owner_form(keys, person_text="Henrik Damgaard"), "action": "save"})
    assert saved.status_code == 303
    person = secretariat.get("/api/people", params={"q": "Henrik Damgaard"}).json()["items"][0]
    for path in (f"/system/{keys['doc2mail']}", f"/person/{person['key']}"):
        page = secretariat.get(path, params={"as_of": AS_OF})
        waiting = page.text.split("Beslutninger, der venter")[1].split("</table>")[0]
        assert "Udpeg systemejer: Henrik Damgaard" in waiting
        assert "forms-sekretariat" in waiting  # who proposed it


def test_every_unit_page_has_its_history(secretariat: TestClient, keys: dict[str, str]) -> None:
    page = secretariat.get(f"/unit/{keys['integration']}", params={"as_of": AS_OF})
    history = page.text.split('id="history"')[1]
    assert "Historik" in history and "<table" in history
