"""A 1,000-node role graph is drawn whole in headless Chromium, and then stops its physics.

How fast is the benchmark's business (`make bench`, "overview graph of 1,000 nodes
interactive"): a timed assertion here would only fail on a busy machine.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from graph.entities import GraphEdge, GraphNode
from tests.pages.conftest import ROOT, LiveApp, wait_for_graph
from visualise.network import build_network, render_figure
from visualise.render import PageContext, environment

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NODES = 1000


def synthetic_graph(count: int, *, seed: int = 6) -> tuple[list[GraphNode], list[GraphEdge]]:
    """People holding roles on systems that units use: about two edges per node."""
    rng = random.Random(seed)
    labels = ["Person"] * 60 + ["System"] * 25 + ["OrgUnit"] * 10 + ["Vendor"] * 5
    nodes = []
    for i in range(count):
        label = rng.choice(labels)
        nodes.append(
            GraphNode(id=f"{label}:{i}", label=label, key=str(i), name=f"{label} {i}", active=True)
        )
    by_label = {lab: [n for n in nodes if n.label == lab] for lab in set(labels)}
    edges = []
    for node in nodes:
        if node.label == "Person":
            for system in rng.sample(by_label["System"], 2):
                rel = rng.choice(["OWNS", "ADMINISTERS", "SUPERUSER_OF"])
                edges.append(
                    GraphEdge(
                        source=node.id, target=system.id, type=rel, label_da=rel, label_en=rel
                    )
                )
        elif node.label == "System":
            unit = rng.choice(by_label["OrgUnit"])
            edges.append(
                GraphEdge(
                    source=unit.id, target=node.id, type="USES", label_da="bruger", label_en="uses"
                )
            )
    return nodes, edges


def test_a_thousand_node_graph_is_drawn_whole_and_settles(page: Any, live_app: LiveApp) -> None:
    nodes, edges = synthetic_graph(NODES)
    context = PageContext(path="/overview", query={})
    net = build_network(nodes, edges, lang="da", url_of=context.node_url)
    figure = render_figure(net, element_id="overview-graph", lang="da")
    html = (
        environment()
        .get_template("overview_bench.html")
        .render(page=context, t=context.t, figure=figure)
    )
    page.route(
        f"{live_app.url}/bench", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto("/bench")
    wait_for_graph(page, "overview-graph")
    drawn = page.evaluate(
        """() => {
          const g = window.govgraph.networks["overview-graph"];
          return {nodes: g.nodes.length, edges: g.edges.length,
                  physics: g.network.physics.physicsEnabled};
        }"""
    )
    assert drawn == {"nodes": NODES, "edges": len(net.edges), "physics": False}
    seconds = page.evaluate("performance.now()") / 1000
    out = ROOT / "test-artifacts" / "graph-timing.txt"
    out.parent.mkdir(exist_ok=True)
    Path(out).write_text(
        f"{NODES} nodes, {len(net.edges)} edges: interactive after {seconds:.2f} s "
        "(for information; `make bench` measures it)\n"
    )
