"""An older govgraph kept tokens and the audit log in files under $GOVGRAPH_HOME: they move into
Neo4j once, at the app's first start (or the first `govgraph token`/`audit` command)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from api.app import create_app
from api.audit import AuditEntry
from core.settings import Settings
from tests.support import audit_log, token_store

SECRET = f"ggt_{'a1' * 6}_{'s' * 43}"


def _old_home(settings: Settings) -> None:
    home = settings.home
    (home / "audit").mkdir(parents=True)
    record = {
        "id": "a1" * 6,
        "name": "intranet",
        "scope": "reader",
        "hash": PasswordHasher().hash(SECRET),
        "created_at": "2026-10-01T08:00:00+00:00",
        "revoked_at": None,
    }
    (home / "tokens.json").write_text(json.dumps({"tokens": [record]}), encoding="utf-8")
    entry = AuditEntry(
        at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        who="intranet",
        scope="reader",
        action="people.read",
        person_keys=["anna"],
    )
    (home / "audit" / "audit-2026-11.jsonl").write_text(entry.model_dump_json() + "\n")
    (home / "sessions.json").write_text("{}")


def test_old_token_and_audit_files_move_into_neo4j_once(api_settings: Settings) -> None:
    _old_home(api_settings)
    with TestClient(create_app(api_settings)) as client:
        headers = {"Authorization": f"Bearer {SECRET}"}
        assert client.get("/api/people", headers=headers).status_code == 200
    home = api_settings.home
    assert not (home / "tokens.json").exists() and (home / "tokens.json.imported").exists()
    assert (home / "audit" / "audit-2026-11.jsonl.imported").exists()
    assert (home / "sessions.json.imported").exists()
    log = audit_log(api_settings)
    assert [e.action for e in log.entries()][:1] == ["people.read"]
    assert log.verify().problem is None
    with TestClient(create_app(api_settings)):  # a second start imports nothing again
        pass
    assert [t.name for t in token_store(api_settings).list()] == ["intranet"]
    assert [e.action for e in log.entries()].count("people.read") == 1
