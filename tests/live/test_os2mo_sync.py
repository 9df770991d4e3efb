"""`govgraph sync os2mo` against a local OS2mo GraphQL and Keycloak, against the real Neo4j."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from core.settings import Settings
from graph import admin
from graph.driver import Graph
from graph.loading import import_options, read_batch
from graph.syncing import run_sync
from graph.writer import write_batch
from importers.live.os2mo_graphql import WRONG_CLIENT
from tests.live.conftest import os2mo_settings
from tests.live.os2mo_server import GRAPHQL, Os2moServer

RUN_KEYS = frozenset({"created_by", "ended_by"})


def _with(settings: Settings, os2mo: Os2moServer, tmp_path: Path, **overrides: object) -> Settings:
    return settings.model_copy(update={"os2mo": os2mo_settings(os2mo, tmp_path, **overrides)})


def test_sync_gives_the_graph_an_import_of_the_saved_answer_gives(
    model_graph: Graph, examples: Path, mo_settings: Settings, os2mo: Os2moServer
) -> None:
    batch = read_batch(examples / "os2mo.json", "os2mo", import_options(mo_settings))
    write_batch(model_graph, batch)  # type: ignore[arg-type]
    from_file = admin.content_checksum(model_graph, without=RUN_KEYS)
    admin.reset_database(model_graph)
    admin.init_database(model_graph)
    outcome = run_sync(model_graph, mo_settings, "os2mo")
    assert outcome.error is None, outcome.error
    assert outcome.counts == {"org_units": 19, "employees": 250, "managers": 16}
    pages = sum(r.startswith(f"POST {GRAPHQL}") for r in os2mo.requests)
    assert pages == 1 + 7 + 1  # 19 units, 250 people in pages of 40, 16 posts
    assert admin.content_checksum(model_graph, without=RUN_KEYS) == from_file


def test_root_unit_keeps_only_its_subtree(
    model_graph: Graph, examples: Path, os2mo: Os2moServer, settings: Settings, tmp_path: Path
) -> None:
    forvaltning = next(
        u["uuid"]
        for u in os2mo.data["org_units"]
        if u["current"]["name"] == "Jobcenter og Borgerservice"
    )
    only = _with(settings, os2mo, tmp_path, root_unit=forvaltning)
    outcome = run_sync(model_graph, only, "os2mo")
    assert outcome.error is None and outcome.counts["org_units"] == 16
    names = {r["n"] for r in model_graph.query("MATCH (u:OrgUnit) RETURN u.name AS n")}
    assert "Jobcenter Unge" in names and "IT-afdelingen" not in names


def test_an_expired_token_is_renewed(
    model_graph: Graph, os2mo: Os2moServer, mo_settings: Settings
) -> None:
    os2mo.fail(GRAPHQL, "expire", after=2, times=1)
    assert run_sync(model_graph, mo_settings, "os2mo").error is None
    assert sum("openid-connect/token" in r for r in os2mo.requests) == 2


@pytest.mark.parametrize(
    ("kind", "how", "overrides", "says"),
    [
        ("status", {"status": 503}, {}, "answered 503"),
        ("slow", {}, {"timeout": 0.5}, "did not answer"),
        ("malformed", {}, {}, "not valid JSON"),
        ("repeat", {"after": 1}, {}, "same cursor twice"),
        ("endless", {}, {"max_pages": 15}, "did not end within 15 pages"),
        ("huge", {}, {"max_response_mb": 1}, "larger than 1 MB"),
    ],
    ids=["server-error", "timeout", "malformed-json", "cursor-repeats", "page-cap", "too-large"],
)
def test_a_bad_answer_fails_and_writes_nothing(
    model_graph: Graph,
    os2mo: Os2moServer,
    settings: Settings,
    tmp_path: Path,
    kind: str,
    how: dict[str, object],
    overrides: dict[str, object],
    says: str,
) -> None:
    before = admin.content_checksum(model_graph)
    os2mo.fail(GRAPHQL, kind, **how)
    outcome = run_sync(model_graph, _with(settings, os2mo, tmp_path, **overrides), "os2mo")
    assert outcome.error is not None and says in str(outcome.error), outcome.error
    assert admin.content_checksum(model_graph) == before


def test_a_wrong_secret_names_the_client_and_leaks_nothing(
    model_graph: Graph,
    os2mo: Os2moServer,
    mo_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    assert run_sync(model_graph, mo_settings, "os2mo").error is None
    good = mo_settings.os2mo.client_secret_file
    assert good is not None
    good.write_text("wrong-" + os2mo.client_secret, encoding="utf-8")
    outcome = run_sync(model_graph, mo_settings, "os2mo")
    assert outcome.error is not None and WRONG_CLIENT in str(outcome.error)
    rows = model_graph.query(
        "MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p"
    )
    texts = [str(outcome.error), caplog.text, *(str(r["p"]) for r in rows)]
    leaked = [s for s in (os2mo.client_secret, *os2mo.issued) if any(s in t for t in texts)]
    assert os2mo.issued and leaked == []
