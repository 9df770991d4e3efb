"""The register workbook round trip and the KITOS change list, on the example forvaltning."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from core.settings import DecisionSettings, Settings
from graph import admin, decisions, entities
from graph.decision_model import Proposal
from graph.driver import Graph
from graph.kitos_changes import kitos_changes
from graph.person_lookup import resolve_person
from importers.register_spec import REGISTER_SHEETS
from tests.api.conftest import settings_for
from tests.support import token_store
from tests.test_documented_output import cli, documented_sources, load

ON = date(2026, 11, 15)
DECIDED = date(2026, 11, 1)


@pytest.fixture
def example_graph(session_graph: Graph, examples: Path) -> Graph:
    """The examples imported as examples/README.md imports them, afresh for each test."""
    load(session_graph, examples, documented_sources())
    return session_graph


@pytest.fixture
def api(settings: Settings, example_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    """A client of the app on the examples, sending an analyst token."""
    home = tmp_path / "home"
    served = settings_for(settings, home)
    token = token_store(served).create(f"register-client-{secrets.token_hex(4)}", "analyst")
    with TestClient(create_app(served)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def system_key(graph: Graph, name: str) -> str:
    """The key of the example system called ``name``."""
    found = entities.list_systems(graph, as_of=ON, limit=5, offset=0, q=name)
    return next(s.key for s in found.items if s.name == name)


def test_the_exported_register_imported_again_changes_nothing(
    example_graph: Graph, tmp_path: Path
) -> None:
    before = admin.content_checksum(example_graph)
    exported = tmp_path / "register.xlsx"
    assert "Superbrugere 78" in " ".join(cli("register", "export", str(exported)).split())
    assert load_workbook(exported).sheetnames[1:] == list(REGISTER_SHEETS)
    cli("import", str(exported))
    assert admin.content_checksum(example_graph) == before


def test_the_api_serves_the_register_that_imports_back_unchanged(
    api: TestClient, example_graph: Graph, tmp_path: Path
) -> None:
    before = admin.content_checksum(example_graph)
    answer = api.get("/api/register/export.xlsx")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    exported = tmp_path / "from-api.xlsx"
    exported.write_bytes(answer.content)
    cli("import", str(exported))
    assert admin.content_checksum(example_graph) == before


def decide(graph: Graph, settings: Settings, **fields: object) -> None:
    """Apply a decision at once (no approval), effective on DECIDED."""
    open_settings = settings.model_copy(update={"decisions": DecisionSettings(approval={})})
    proposal = Proposal.model_validate(
        {"effective_date": DECIDED, "reason": "Besluttet af sekretariatet.", **fields}
    )
    decisions.propose(graph, proposal, who="test", settings=open_settings)


def test_kitos_change_list_follows_the_register_decisions(
    example_graph: Graph, settings: Settings, examples: Path, tmp_path: Path
) -> None:
    assert kitos_changes(example_graph, as_of=ON) == []  # KITOS and the register agree
    karen = resolve_person(example_graph, "Karen Thomsen")
    henrik = resolve_person(example_graph, "Henrik Damgaard")
    fjernprint = system_key(example_graph, "Fjernprint")
    decide(
        example_graph,
        settings,
        type="appoint",
        role="systemansvarlig",
        subject=fjernprint,
        person=henrik,
        replaces=karen,
    )
    expected = {("Fjernprint", "remove", "Karen Thomsen"), ("Fjernprint", "add", "Henrik Damgaard")}

    def listed() -> set[tuple[str | None, str, str | None]]:
        return {
            (c.system.name, c.action, c.person.name) for c in kitos_changes(example_graph, as_of=ON)
        }

    assert listed() == expected  # KITOS has not been imported since the decision
    cli("import", str(examples / "kitos"))  # KITOS still names Karen, and not Henrik
    assert listed() == expected
    conflicts = cli("gaps", "--as-of", ON.isoformat(), "--rule", "DQ-04")
    assert "KITOS siger Karen Thomsen som systemansvarlig for Fjernprint" in " ".join(
        conflicts.split()
    )

    written = tmp_path / "kitos.csv"
    cli("register", "kitos-changes", "-o", str(written), "--as-of", ON.isoformat())
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["System", "Handling", "Rolle", "Person"]
    assert sorted(tuple(r[:4]) for r in rows[1:]) == [
        ("Fjernprint", "Fjern", "Systemansvarlig", "Karen Thomsen"),
        ("Fjernprint", "Tilføj", "Systemansvarlig", "Henrik Damgaard"),
    ]
    workbook = tmp_path / "kitos.xlsx"
    cli("register", "kitos-changes", "-o", str(workbook), "--as-of", ON.isoformat())
    sheet = load_workbook(workbook).active
    assert sheet is not None and sheet.max_row == 3


def test_kitos_change_list_over_the_api(
    api: TestClient, example_graph: Graph, settings: Settings
) -> None:
    vitas = system_key(example_graph, "VITAS")
    rikke = resolve_person(example_graph, "Rikke Johansen")
    decide(example_graph, settings, type="end", role="systemansvarlig", subject=vitas, person=rikke)
    answer = api.get("/api/kitos/changes", params={"as_of": ON.isoformat()})
    assert answer.status_code == 200, answer.text
    assert [(c["action"], c["person"]["name"], c["role"]) for c in answer.json()] == [
        ("remove", "Rikke Johansen", "systemansvarlig")
    ]
    for suffix, media in (("xlsx", "application/vnd.openxml"), ("csv", "text/csv")):
        download = api.get(f"/api/kitos/changes.{suffix}", params={"as_of": ON.isoformat()})
        assert download.status_code == 200
        assert download.headers["content-type"].startswith(media)
