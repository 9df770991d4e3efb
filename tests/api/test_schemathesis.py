"""schemathesis against the OpenAPI spec, with a real admin token: no 5xx, answers match it.

The Python API (``operation.as_strategy()`` with hypothesis) rather than the pytest plugin, so
that the schema comes from the app this test creates; a bounded number of examples per operation.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support import openapi_operations

pytestmark = pytest.mark.usefixtures("seeded")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 4}
# The rule engine runs the whole catalogue per call: fewer examples keep the test short.
SLOW = ("/api/gaps", "/api/handover/{person}", "/api/departures")


def test_the_api_keeps_its_contract(app: FastAPI, admin_headers: dict) -> None:
    with TestClient(app):  # the lifespan opens the graph the generated calls use
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
        assert len(operations) == len(openapi_operations(app.openapi()))
        for operation in operations:
            for mode, examples in EXAMPLES.items():
                if operation.path in SLOW:
                    examples = 2

                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(
                    max_examples=examples,
                    deadline=None,
                    derandomize=True,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                )
                def check(case: schemathesis.Case) -> None:
                    case.call_and_validate(headers=dict(admin_headers), checks=CHECKS)

                try:
                    check()
                except Unsatisfiable:
                    # Nothing to make invalid (no parameters, no body): positive cases only.
                    assert mode is GenerationMode.NEGATIVE, operation.label
