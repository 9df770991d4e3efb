"""A KITOS delta costs what changed: the same in a small and in a large organisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.settings import Settings
from graph import admin
from graph.driver import WRITE, Graph
from graph.syncing import SyncOutcome, run_sync
from tests.live.conftest import kitos_settings
from tests.live.kitos_factory import make_organisation
from tests.live.kitos_server import KitosServer

USERS_LIST = "/users?"


def _rename(usage: dict[str, Any]) -> None:
    usage["general"]["localCallName"] = "Ændret"


def _delta_after_full_sync(
    graph: Graph, settings: Settings, folder: Path, *, usages: int, users: int, units: int
) -> tuple[SyncOutcome, list[str]]:
    """Full-sync a generated organisation, change its first two usages, sync the delta."""
    admin.reset_database(graph)
    admin.init_database(graph)
    with KitosServer(make_organisation(usages=usages, users=users, units=units)) as kitos:
        synced = settings.model_copy(update={"kitos": kitos_settings(kitos, folder)})
        assert run_sync(graph, synced, "kitos").mode == "full"
        for usage in kitos.data.usages[:2]:
            kitos.change_usage(usage["uuid"], _rename)
        kitos.requests.clear()
        delta = run_sync(graph, synced, "kitos")
        return delta, list(kitos.requests)


def _written(outcome: SyncOutcome) -> dict[str, int]:
    assert outcome.batch is not None and outcome.summary is not None
    s = outcome.summary
    return {
        "records": len(outcome.batch.nodes) + len(outcome.batch.rels),
        "added": s.added,
        "changed": s.changed,
        "ended": s.ended,
        "unchanged": s.unchanged,
    }


def test_a_small_delta_costs_the_same_in_a_small_and_a_large_organisation(
    model_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    small, small_requests = _delta_after_full_sync(
        model_graph, settings, tmp_path, usages=12, users=40, units=8
    )
    large, large_requests = _delta_after_full_sync(
        model_graph, settings, tmp_path, usages=600, users=1500, units=600
    )
    assert small.mode == large.mode == "delta"
    assert small.counts == large.counts
    assert small.counts["usages"] == 2 and small.counts["users"] == 6
    assert small.requests == large.requests == len(large_requests) == len(small_requests)
    assert _written(small) == _written(large)
    assert _written(large)["changed"] == 2
    assert not any(USERS_LIST in r for r in large_requests)


def test_a_delta_brings_the_current_user_of_a_changed_usage(
    model_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    with KitosServer(make_organisation(usages=4, users=12, units=4)) as kitos:
        synced = settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path)})
        run_sync(model_graph, synced, "kitos")
        usage = kitos.data.usages[0]
        holder = usage["roles"][0]["user"]["uuid"]
        user = next(u for u in kitos.data.users if u["uuid"] == holder)
        user["email"] = "ny.adresse@provested.dk"
        kitos.change_usage(usage["uuid"], _rename)
        assert run_sync(model_graph, synced, "kitos").mode == "delta"
    rows = model_graph.query(
        "MATCH (p:Person {key: $key}) RETURN p.email AS email", key=f"kitos:{holder}"
    )
    assert [r["email"] for r in rows] == ["ny.adresse@provested.dk"]


def test_a_unit_new_in_kitos_arrives_with_the_next_delta(
    model_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    spare = "0f000000-0000-4000-8000-0000000000bb"
    with KitosServer(make_organisation(usages=4, users=12, units=4)) as kitos:
        synced = settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path)})
        run_sync(model_graph, synced, "kitos")
        kitos.change_unit(spare, lambda u: u.update(name="Ny Enhed", unitId="U99999"))
        delta = run_sync(model_graph, synced, "kitos")
    assert delta.mode == "delta" and delta.counts["usages"] == 0
    rows = model_graph.query(
        "MATCH (u:OrgUnit {key: $key}) WHERE u.ended_by IS NULL RETURN u.name AS name",
        key=f"kitos-unit:{spare}",
    )
    assert [r["name"] for r in rows] == ["Ny Enhed"]


def test_a_delta_keeps_a_decided_holding_of_an_unchanged_usage_listed_in_kitos(
    model_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    with KitosServer(make_organisation(usages=4, users=12, units=4)) as kitos:
        synced = settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path)})
        run_sync(model_graph, synced, "kitos")
        kept = kitos.data.usages[1]["uuid"]
        # As if a decision had made the holding that KITOS lists too.
        model_graph.query(
            "MATCH (:Person)-[r:OWNS]->(:System {key: $key}) "
            "SET r.source = 'decision', r.in_kitos = true",
            key=kept,
            routing=WRITE,
        )
        kitos.change_usage(kitos.data.usages[0]["uuid"], _rename)
        assert run_sync(model_graph, synced, "kitos").mode == "delta"
    rows = model_graph.query(
        "MATCH (:Person)-[r:OWNS]->(:System {key: $key}) RETURN r.in_kitos AS listed", key=kept
    )
    assert [r["listed"] for r in rows] == [True]
