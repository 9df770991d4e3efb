"""schemathesis with every check it has, as ``schemathesis run --checks all`` runs them.

The engine runs its phases (examples, coverage of each parameter's edges, fuzzing) against the app
this test creates, with a real admin token: no 5xx, every answer as the schema says, and every
request the schema calls valid accepted, every one it calls invalid refused.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, StopReason, events, from_schema

pytestmark = pytest.mark.usefixtures("seeded")
EXAMPLES = 10
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]  # the check's default
# What no schema can state, so a well-formed request may still be refused: which files are HR
# exports, which strings are Cypher that Neo4j runs, that a quarter must not lie after as_of,
# and which names name more than one person in the graph.
REFUSED_BY_MEANING = {
    "/api/imports": ["422"],  # import-failed: a file that is no known source
    "/api/cypher": ["400", "422"],  # query-refused by the read-only guard, query-failed in Neo4j
    "/api/reports/quarterly": ["422"],  # "the quarter has not begun yet"
    "/api/handover/{person}": ["422"],  # "'a' matches 3 people", with the candidates
    "/api/calendar/{person}.ics": ["422"],
    # A decision is judged against the graph: an unknown person or one who has left, a system not
    # in use (422), a second systemejer or a decision no longer pending (409), the proposer
    # approving their own decision (403).
    "/api/decisions": ["409", "422"],
    "/api/decisions/preview": ["409", "422"],  # the same checks as proposing it
    "/api/decisions/candidates": ["422"],  # a role no decision appoints
    "/api/decisions/{key}/approve": ["403", "409"],
    "/api/decisions/{key}/reject": ["409"],
    # A handover plan too: a role the leaver does not hold, a successor who has left (422); a
    # plan whose leaver's roles changed since it was saved (409).
    "/api/handover/{person}/plan": ["422"],
    "/api/handover/{person}/plan/apply": ["409", "422"],
    # A campaign needs a unit or systems that exist, holders of roles in them, a future deadline;
    # a closed one cannot close again. A webhook needs an http(s) URL.
    "/api/campaigns": ["422"],
    "/api/campaigns/{key}/close": ["409"],
    "/api/webhooks": ["422"],
}


def _config(headers: dict[str, str]) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": 2026,
            "headers": headers,
            "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
            "operations": [
                {
                    "include-path": path,
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*ACCEPTED, *refused]}
                    },
                }
                for path, refused in REFUSED_BY_MEANING.items()
            ],
        }
    )


def _failures(event: events.EngineEvent) -> list[str]:
    """What an engine event reports as wrong, one line each."""
    if isinstance(event, events.ScenarioFinished):
        found = [
            f"{event.label}: {check.name}: {check.failure_info.failure.title}\n"
            f"{check.failure_info.code_sample}"
            for checks in event.recorder.checks.values()
            for check in checks
            if check.failure_info is not None
        ]
        if event.status is Status.ERROR and not found:
            found.append(f"{event.label}: the scenario raised an error ({event.phase})")
        return found
    if isinstance(event, events.NonFatalError | events.FatalError):
        return [f"{type(event).__name__}: {event}"]
    if isinstance(event, events.EngineFinished):
        return [f"after the run: {failure.title}" for failure in event.failures]
    return []


def test_the_api_keeps_its_contract(app: FastAPI, admin_headers: dict[str, str]) -> None:
    load_all_checks()
    with TestClient(app):  # the lifespan opens the graph the generated calls use
        schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=_config(admin_headers))
        schema.config.checks.update(included_check_names=["all"])
        enabled = {
            c.__name__
            for c in CHECKS.get_all()
            if schema.config.checks.get_by_name(name=c.__name__).enabled
        }
        assert enabled == set(CHECKS.get_all_names())
        failures: list[str] = []
        tested: set[str] = set()
        stop = None
        for event in from_schema(schema).execute():
            failures += _failures(event)
            if isinstance(event, events.ScenarioFinished) and event.status is not Status.SKIP:
                tested.add(event.label)
            if isinstance(event, events.EngineFinished):
                stop = event.stop_reason
    assert stop is StopReason.COMPLETED
    assert len(tested) >= 20
    assert failures == []
