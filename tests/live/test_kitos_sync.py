"""`govgraph sync kitos` against a local KITOS over a real socket, against the real Neo4j."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from core.settings import Settings
from graph import admin
from graph.driver import Graph
from graph.loading import import_options, read_batch
from graph.rules import evaluate
from graph.sync_state import last_cursor, sync_states
from graph.syncing import run_sync
from graph.writer import write_batch
from tests.live.conftest import OPUS, kitos_settings
from tests.live.kitos_server import KitosData, KitosServer

RUN_KEYS = frozenset({"created_by", "ended_by"})


def checksum(graph: Graph) -> str:
    """The graph's content, whichever runs wrote it."""
    return admin.content_checksum(graph, without=RUN_KEYS)


def fresh(graph: Graph, examples: Path, settings: Settings) -> None:
    """Empty the graph down to the reference data and the example's HR import."""
    admin.reset_database(graph)
    admin.init_database(graph)
    batch = read_batch(examples / OPUS, None, import_options(settings))
    write_batch(graph, batch)  # type: ignore[arg-type]


def live_systems(graph: Graph) -> set[str]:
    rows = graph.query("MATCH (s:System) WHERE s.ended_by IS NULL RETURN s.key AS key")
    return {r["key"] for r in rows}


def holders(graph: Graph, system: str) -> set[tuple[str, str]]:
    rows = graph.query(
        "MATCH (p:Person)-[r]->(:System {key: $key}) WHERE r.ended_by IS NULL "
        "RETURN type(r) AS t, p.key AS p",
        key=system,
    )
    return {(r["t"], r["p"]) for r in rows}


def test_full_sync_gives_the_graph_a_file_import_gives(
    hr_graph: Graph, examples: Path, sync_settings: Settings
) -> None:
    batch = read_batch(examples / "kitos", None, import_options(sync_settings))
    write_batch(hr_graph, batch)  # type: ignore[arg-type]
    from_file = checksum(hr_graph)
    fresh(hr_graph, examples, sync_settings)
    outcome = run_sync(hr_graph, sync_settings, "kitos")
    assert outcome.error is None and outcome.mode == "full"
    assert outcome.summary is not None and outcome.summary.added > 0
    assert checksum(hr_graph) == from_file


def test_pages_asked_for_several_at_a_time_give_the_same_graph(
    hr_graph: Graph, examples: Path, kitos: KitosServer, sync_settings: Settings, tmp_path: Path
) -> None:
    run_sync(hr_graph, sync_settings, "kitos")  # pages of 250: every list in one page
    one_page = checksum(hr_graph)
    fresh(hr_graph, examples, sync_settings)
    kitos.requests.clear()
    small = sync_settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path, page_size=2)})
    outcome = run_sync(hr_graph, small, "kitos")
    assert outcome.error is None
    assert checksum(hr_graph) == one_page
    # Pages 0 and 1 one by one, then 2, 4 and 6 at a time: the window that holds the first
    # empty page is asked for whole (one by one, the requests would stop at that page).
    pages = sorted(
        int(r.split("page=")[1].split("&")[0])
        for r in kitos.requests
        if r.startswith("GET /api/v2/it-system-usages?") and "page=" in r
    )
    empty = -(-len(kitos.data.usages) // 2)  # the first page without items
    windows, start, size = [], 0, 1
    while start <= empty:
        windows.append(range(start, start + size))
        start, size = start + size, size if start + size < 2 else min(size * 2, 6)
    assert empty > 8 and len(windows[-1]) > 1
    assert pages == list(range(windows[-1].stop))  # each page once, the last window whole


def test_second_full_sync_changes_nothing(hr_graph: Graph, sync_settings: Settings) -> None:
    run_sync(hr_graph, sync_settings, "kitos", full=True)
    before = checksum(hr_graph)
    again = run_sync(hr_graph, sync_settings, "kitos", full=True)
    assert again.summary is not None and again.summary.nothing_changed
    assert checksum(hr_graph) == before


def _drop_first_role(usage: dict[str, Any]) -> None:
    usage["roles"] = usage["roles"][1:]


def test_delta_gives_the_graph_a_full_sync_of_the_same_change_gives(
    hr_graph: Graph, examples: Path, kitos: KitosServer, sync_settings: Settings
) -> None:
    changed, deleted = kitos.data.usages[0]["uuid"], kitos.data.usages[1]["uuid"]
    run_sync(hr_graph, sync_settings, "kitos")
    kitos.change_usage(changed, _drop_first_role)
    kitos.delete_usage(deleted)
    delta = run_sync(hr_graph, sync_settings, "kitos")
    assert delta.error is None and delta.mode == "delta"
    assert delta.counts["usages"] == 1 and delta.counts["deleted"] == 1
    after_delta = checksum(hr_graph)

    with KitosServer(KitosData.from_folder(examples / "kitos")) as again:
        settings = _pointing_at(sync_settings, again)
        fresh(hr_graph, examples, settings)
        run_sync(hr_graph, settings, "kitos")
        again.change_usage(changed, _drop_first_role)
        again.delete_usage(deleted)
        full = run_sync(hr_graph, settings, "kitos", full=True)
        assert full.mode == "full" and full.summary is not None
    assert checksum(hr_graph) == after_delta


def test_delta_ends_only_what_changed(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    run_sync(hr_graph, sync_settings, "kitos")
    systems = live_systems(hr_graph)
    first, second = (u["uuid"] for u in kitos.data.usages[:2])
    kept = holders(hr_graph, second)
    kitos.change_usage(first, _drop_first_role)
    delta = run_sync(hr_graph, sync_settings, "kitos")
    assert delta.mode == "delta" and delta.summary is not None
    assert live_systems(hr_graph) == systems
    assert holders(hr_graph, second) == kept
    assert delta.summary.ended == 1


def test_delta_asks_only_for_what_changed(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    run_sync(hr_graph, sync_settings, "kitos")
    kitos.requests.clear()
    run_sync(hr_graph, sync_settings, "kitos")
    usage_requests = [r for r in kitos.requests if r.startswith("GET /api/v2/it-system-usages?")]
    assert usage_requests and all("changedSinceGtEq=" in r for r in usage_requests)
    assert any("deleted-entities?" in r and "deletedSinceUTC=" in r for r in kitos.requests)


def test_a_file_import_after_a_sync_makes_the_next_sync_full(
    hr_graph: Graph, examples: Path, sync_settings: Settings
) -> None:
    run_sync(hr_graph, sync_settings, "kitos")
    assert last_cursor(hr_graph, scope="kitos", source="kitos") is not None
    batch = read_batch(examples / "kitos", None, import_options(sync_settings))
    write_batch(hr_graph, batch)  # type: ignore[arg-type]
    assert last_cursor(hr_graph, scope="kitos", source="kitos") is None
    assert run_sync(hr_graph, sync_settings, "kitos").mode == "full"


def test_dry_run_writes_nothing(hr_graph: Graph, sync_settings: Settings) -> None:
    before = admin.content_checksum(hr_graph)
    outcome = run_sync(hr_graph, sync_settings, "kitos", dry_run=True)
    assert outcome.summary is not None and outcome.summary.added > 0
    assert admin.content_checksum(hr_graph) == before
    assert sync_states(hr_graph) == []


def test_an_expired_token_is_renewed(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    kitos.fail("/api/v2/it-system-usages", "expire", after=1, times=1)
    outcome = run_sync(hr_graph, sync_settings, "kitos")
    assert outcome.error is None
    assert sum(r.startswith("POST /api/authorize/gettoken") for r in kitos.requests) == 2


def test_sync_state_tells_the_last_outcome(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    run_sync(hr_graph, sync_settings, "kitos")
    kitos.fail("/api/v2/it-system-usages", status=500)
    run_sync(hr_graph, sync_settings, "kitos")
    (state,) = sync_states(hr_graph)
    assert (state.source, state.outcome, state.failures_in_row) == ("kitos", "failed", 1)
    assert state.last_ok_at is not None and state.message and "500" in state.message


def _pointing_at(settings: Settings, server: KitosServer) -> Settings:
    kitos = settings.kitos.model_copy(update={"base_url": server.url})
    assert kitos.password_file is not None
    kitos.password_file.write_text(server.password, encoding="utf-8")
    return settings.model_copy(update={"kitos": kitos})


def test_a_kitos_unit_no_system_uses_is_kept_and_reported_when_hr_lacks_it(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    spare = "00000000-0000-0000-0000-0000000000aa"
    kitos.data.units.append(
        {
            "uuid": spare,
            "name": "Jobcenter Brobygning",
            "unitId": "011095",
            "ean": None,
            "parentOrganizationUnit": None,
        }
    )
    assert run_sync(hr_graph, sync_settings, "kitos").error is None
    findings = evaluate(hr_graph, as_of=date.today(), rule_ids=["DQ-02"]).findings
    reported = {f.subject.key: [r.key for r in f.related] for f in findings}
    assert reported[f"kitos-unit:{spare}"] == []
    known = hr_graph.query("MATCH (u:OrgUnit) WHERE u.kitos_uuid IS NOT NULL RETURN count(u) AS n")
    assert known[0]["n"] == len(kitos.data.units)


def test_a_contract_supplier_is_the_vendor_and_a_new_contract_reaches_a_delta(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    usage = kitos.data.usages[2]["uuid"]
    run_sync(hr_graph, sync_settings, "kitos")
    supplier = {
        "uuid": "00000000-0000-0000-0000-0000000000cc",
        "name": "Leverandøren A/S",
        "cvr": "12345678",
    }
    kitos.sign_contract(usage, supplier)
    delta = run_sync(hr_graph, sync_settings, "kitos")
    assert delta.mode == "delta" and delta.counts["usages"] == 1
    rows = hr_graph.query(
        "MATCH (:System {key: $key})-[r:SUPPLIED_BY]->(v:Vendor) WHERE r.ended_by IS NULL "
        "RETURN v.name AS name",
        key=usage,
    )
    assert [r["name"] for r in rows] == ["Leverandøren A/S"]
