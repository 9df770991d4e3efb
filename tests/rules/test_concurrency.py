"""Gap reports asked for while imports refresh the unit tree the rules share between requests."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.driver import Graph
from graph.rules import evaluate
from graph.writer import write_batch
from tests.factories import make_batch
from tests.rules.world import AS_OF, World

TREE_RULES = ("GM-07", "GM-15")  # the rules that read the cached tree ($above, $department)
REQUESTS = 20
OFFICES = 2000  # a tree that takes a while to build, as a municipality's does


@pytest.fixture
def busy_interpreter() -> Iterator[None]:
    """Switch threads as often as CPython can, so that a race shows itself."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def _identities(graph: Graph) -> list[tuple[str, ...]]:
    report = evaluate(graph, as_of=AS_OF, rule_ids=TREE_RULES)
    return [f.identity for f in report.findings]


@pytest.mark.usefixtures("busy_interpreter")
def test_concurrent_gap_reports_during_imports_all_get_the_whole_same_result(
    model_graph: Graph, world: World
) -> None:
    world.drop("SUPERUSER_OF", "a2", "s1")  # appointed by another office's leader: GM-07
    world.role("SUPERUSER_OF", "a2", "s1", kind="fag", appointed_by="kl-b@example.dk")
    world.unit("BS", parent="JB", depth=1)
    for n in range(OFFICES):
        world.unit(f"BS-{n:04d}", parent="BS", depth=2)
    world.unit("VB", parent="JB", depth=1)
    world.unit("VB-A", parent="VB", depth=2)
    world.uses("VB-A", "s1")  # no super-user in the office or its department: GM-15
    # Written last, so a half-read tree lacks them: then the director could not appoint in KB-A
    # (GM-07) and KB-A's super-user would not cover KB-B in the same department (GM-15).
    world.unit("KB", parent="JB", depth=1)
    world.unit("KB-A", parent="KB", depth=2)
    world.unit("KB-B", parent="KB", depth=2)
    world.person("kim", unit="KB-A")
    world.role("SUPERUSER_OF", "kim", "s1", kind="fag", appointed_by="dir@example.dk")
    world.uses("KB-B", "s1")
    world.write(model_graph)
    expected = _identities(model_graph)
    assert expected == [
        ("GM-07", "System", "s1", "not_leader", "a2"),
        ("GM-15", "System", "s1", "", "VB-A"),
    ]
    importing = threading.Event()
    importing.set()

    def import_again_and_again() -> int:
        """Each import changes what the tree is cached for, and changes no finding."""
        runs = 0
        while importing.is_set():
            write_batch(model_graph, make_batch([], scope="register", replaces_labels=()))
            runs += 1
        return runs

    with ThreadPoolExecutor(max_workers=REQUESTS + 1) as pool:
        refresher = pool.submit(import_again_and_again)
        results = list(pool.map(lambda _: _identities(model_graph), range(REQUESTS * 3)))
        importing.clear()
        assert refresher.result() > 0
    assert [r for r in results if r != expected] == []
