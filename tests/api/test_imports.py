"""POST /api/imports: one uploaded source, the same importers and writer as the CLI."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.audit import AuditEntry
from core.settings import Settings
from graph.driver import Graph
from tests.api.conftest import settings_for
from tests.importers.hr_factories import (
    FAKE_CPR,
    OPUS_NAME,
    opus_employee,
    opus_standard_units,
    write_opus,
)
from tests.importers.kitos_factories import write_kitos
from tests.support import token_store

pytestmark = pytest.mark.usefixtures("model_graph")


# The file's records (its units and the one person, their relationships), all new at first.
RECORDS = 13


def opus_file(tmp_path: Path) -> Path:
    return write_opus(tmp_path, *opus_standard_units(), opus_employee("101", "30"))


def upload(client: TestClient, headers: dict, path: Path, **form: str) -> httpx.Response:
    with path.open("rb") as f:
        return client.post(
            "/api/imports", files={"file": (path.name, f)}, data=form, headers=headers
        )


def people(graph: Graph) -> int:
    return int(graph.query("MATCH (p:Person) RETURN count(p) AS n")[0]["n"])


def test_a_dry_run_reports_and_writes_nothing(
    client: TestClient, admin_headers: dict, tmp_path: Path, model_graph: Graph
) -> None:
    response = upload(client, admin_headers, opus_file(tmp_path), dry_run="true")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dry_run"] is True and body["format"] == "opus"
    assert body["summary"]["added"] == RECORDS
    assert people(model_graph) == 0


def test_an_import_writes_the_file_once(
    client: TestClient, admin_headers: dict, tmp_path: Path, model_graph: Graph
) -> None:
    first = upload(client, admin_headers, opus_file(tmp_path)).json()
    again = upload(client, admin_headers, opus_file(tmp_path)).json()
    assert first["file_name"] == OPUS_NAME and first["summary"]["added"] == RECORDS
    assert people(model_graph) == 1
    assert (again["summary"]["added"], again["summary"]["changed"]) == (0, 0)


def test_no_cpr_number_reaches_the_graph(
    client: TestClient, admin_headers: dict, tmp_path: Path, model_graph: Graph
) -> None:
    upload(client, admin_headers, opus_file(tmp_path))
    stored = model_graph.query("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r")
    assert FAKE_CPR not in str(stored)


def test_a_file_with_errors_is_422_with_its_problems_and_writes_nothing(
    client: TestClient, admin_headers: dict, tmp_path: Path, model_graph: Graph
) -> None:
    twice = opus_employee("101", "30")
    broken = write_opus(tmp_path, *opus_standard_units(), twice, twice)
    response = upload(client, admin_headers, broken)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "import-failed"
    assert any(p["severity"] == "error" and p["location"] for p in error["details"])
    assert people(model_graph) == 0


def test_an_unreadable_file_is_422_naming_the_problem(
    client: TestClient, admin_headers: dict, tmp_path: Path
) -> None:
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF-1.4 nothing to see")
    response = upload(client, admin_headers, path)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["code"] == "unknown-format"


def test_a_kitos_folder_can_be_uploaded_as_a_zip(
    client: TestClient, admin_headers: dict, tmp_path: Path, model_graph: Graph
) -> None:
    folder = write_kitos(tmp_path / "kitos")
    archive = tmp_path / "kitos.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, f"kitos/{file.name}")
    response = upload(client, admin_headers, archive)
    assert response.status_code == 200, response.text
    assert response.json()["format"] == "kitos"
    assert model_graph.query("MATCH (s:System) RETURN count(s) AS n")[0]["n"] == 1


def test_a_zip_bomb_is_refused(client: TestClient, admin_headers: dict, tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("it-system-usages.json", b"[" + b" " * (60 * 1024 * 1024) + b"]")
    response = upload(client, admin_headers, archive)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too-large"


def test_an_upload_over_the_limit_is_413(settings: Settings, tmp_path: Path) -> None:
    small = settings_for(settings, tmp_path / "home", max_upload_mb=1)
    secret = token_store(small).create("uploader", "admin")
    headers = {"Authorization": f"Bearer {secret}"}
    big = io.BytesIO(b"x" * (2 * 1024 * 1024))
    with TestClient(create_app(small)) as client:
        response = client.post("/api/imports", files={"file": ("big.csv", big)}, headers=headers)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too-large"


def test_imports_are_audited(
    client: TestClient,
    admin_headers: dict,
    tmp_path: Path,
    audit_entries: Callable[[], list[AuditEntry]],
) -> None:
    upload(client, admin_headers, opus_file(tmp_path), dry_run="true")
    entry = [e for e in audit_entries() if e.action == "import"][-1]
    assert entry.details["file"] == OPUS_NAME and entry.details["dry_run"] is True
