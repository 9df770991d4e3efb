"""Small steps the decision tests share: propose, approve, read the findings."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient

AS_OF = date(2026, 11, 1)


def appoint_owner(system: str, person: str, when: date = AS_OF, **extra: Any) -> dict[str, Any]:
    """The body of a decision appointing ``person`` systemejer of ``system`` from ``when``."""
    return {
        "type": "appoint",
        "role": "systemejer",
        "subject": system,
        "person": person,
        "effective_date": when.isoformat(),
        "reason": "Besluttet på ledermødet.",
        **extra,
    }


def propose(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    """Propose a decision that must be accepted; its JSON."""
    response = client.post("/api/decisions", json=body, headers=headers)
    assert response.status_code == 201, response.text
    decided: dict[str, Any] = response.json()
    return decided


def approve(client: TestClient, headers: dict[str, str], key: str) -> dict[str, Any]:
    """Approve a decision that must be approvable; its JSON."""
    response = client.post(f"/api/decisions/{key}/approve", headers=headers)
    assert response.status_code == 200, response.text
    approved: dict[str, Any] = response.json()
    return approved


def findings(
    client: TestClient, headers: dict[str, str], rule: str, subject: str, as_of: date = AS_OF
) -> list[dict[str, Any]]:
    """The findings of ``rule`` about ``subject`` at ``as_of``."""
    response = client.get(
        "/api/gaps",
        params={"rule": rule, "subject": subject, "as_of": as_of.isoformat()},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
