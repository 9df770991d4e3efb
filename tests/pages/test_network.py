"""Role graphs built with pyvis: the schema's colours and shapes, role labels, marks, no CDN."""

from __future__ import annotations

import json
import re

from graph.entities import GraphEdge, GraphNode
from schema.model import LABELS
from visualise.network import build_network, render_figure, vis_options


def make_node(label: str = "Person", key: str = "1", **overrides: object) -> GraphNode:
    """A graph node with sensible defaults."""
    values: dict[str, object] = {
        "id": f"{label}:{key}",
        "label": label,
        "key": key,
        "name": f"{label} {key}",
        "active": True,
    }
    return GraphNode.model_validate(values | overrides)


def make_edge(
    source: GraphNode, target: GraphNode, rel: str = "OWNS", **props: object
) -> GraphEdge:
    """A graph edge between two nodes."""
    return GraphEdge(
        source=source.id,
        target=target.id,
        type=rel,
        label_da=rel,
        label_en=rel,
        properties=dict(props),
    )


def _url(label: str, key: str) -> str | None:
    return f"/{label.lower()}/{key}" if label != "Vendor" else None


def _data(html: str) -> dict:
    match = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_node_colours_and_shapes_come_from_the_schema() -> None:
    nodes = [make_node(label, str(i)) for i, label in enumerate(("Person", "System", "OrgUnit"))]
    net = build_network(nodes, [], lang="da", url_of=_url)
    for drawn in net.nodes:
        spec = LABELS[drawn["nodeLabel"]]
        assert (drawn["shape"], drawn["color"]["background"]) == (spec.shape, spec.colour)


def test_edges_are_labelled_with_the_role_in_the_page_language() -> None:
    person, system = make_node("Person", "p"), make_node("System", "s")
    edges = [
        make_edge(person, system, "OWNS"),
        make_edge(person, system, "SUPERUSER_OF", kind="it"),
    ]
    danish = build_network([person, system], edges, lang="da", url_of=_url)
    english = build_network([person, system], edges, lang="en", url_of=_url)
    assert [e["label"] for e in danish.edges] == ["systemejer", "IT-superbruger"]
    assert [e["label"] for e in english.edges] == ["system owner", "IT super-user"]


def test_nodes_with_findings_are_marked() -> None:
    person, system = make_node("Person", "p"), make_node("System", "s")
    net = build_network(
        [person, system],
        [],
        lang="da",
        url_of=_url,
        findings={system.id: ["GM-01: Doc2Mail har ingen systemejer."]},
    )
    marked = {n["id"]: n for n in net.nodes}
    assert marked[system.id]["marked"] and marked[system.id]["label"].startswith("⚠")
    assert "GM-01" in marked[system.id]["title"]
    assert not marked[person.id]["marked"]


def test_each_node_links_to_its_page() -> None:
    nodes = [make_node("Person", "p"), make_node("Vendor", "v")]
    net = build_network(nodes, [], lang="da", url_of=_url)
    assert [n["url"] for n in net.nodes] == ["/person/p", None]


def test_the_graph_html_fetches_nothing() -> None:
    person, system = make_node("Person", "p"), make_node("System", "s")
    net = build_network([person, system], [make_edge(person, system)], lang="da", url_of=_url)
    html = str(render_figure(net, element_id="role-graph", lang="da").html)
    assert "http" not in html and "<script src" not in html and "<link" not in html


def test_names_cannot_break_out_of_the_graph_data() -> None:
    hostile = make_node("Person", "x", name="</script><script>alert(1)</script>")
    net = build_network([hostile], [], lang="da", url_of=_url)
    html = str(render_figure(net, element_id="role-graph", lang="da").html)
    assert "<script>alert" not in html
    assert _data(html)["nodes"][0]["label"] == "</script><script>alert(1)</script>"


def test_the_legend_lists_the_labels_present_in_schema_order() -> None:
    nodes = [make_node("System", "s"), make_node("Person", "p"), make_node("Review", "r")]
    figure = render_figure(
        build_network(nodes, [], lang="en", url_of=_url), element_id="role-graph", lang="en"
    )
    assert [(e.value, e.name, e.shown) for e in figure.labels] == [
        ("Person", "Person", True),
        ("System", "IT system", True),
        ("Review", "Review", False),
    ]


def test_physics_stabilises_in_fewer_iterations_for_large_graphs() -> None:
    small = vis_options(100)["physics"]["stabilization"]["iterations"]
    large = vis_options(1000)["physics"]["stabilization"]["iterations"]
    assert small > large >= 50


def test_a_person_who_left_is_departed_but_an_ended_system_is_ended() -> None:
    left = make_node("Person", "p", name="Karen", active=False)
    retired = make_node("System", "s", name="Arkivsystemet", active=False)
    labels = {
        lang: [n["label"] for n in build_network([left, retired], [], lang=lang, url_of=_url).nodes]
        for lang in ("da", "en")
    }
    assert labels == {
        "da": ["Karen (fratrådt)", "Arkivsystemet (ophørt)"],
        "en": ["Karen (left)", "Arkivsystemet (ended)"],
    }


def test_the_summary_counts_each_kind_of_node_the_edges_and_the_findings() -> None:
    person, system = make_node("Person", "p"), make_node("System", "s")
    other = make_node("Person", "q")
    net = build_network(
        [person, other, system],
        [make_edge(person, system), make_edge(other, system, "ADMINISTERS")],
        lang="en",
        url_of=_url,
        findings={system.id: ["GM-01"]},
    )
    figure = render_figure(net, element_id="role-graph", lang="en")
    assert figure.summary == (
        "Role graph: 3 nodes, 2 relationships. Person: 2, IT system: 1. Has open findings: 1."
    )


def test_the_relationships_table_has_a_row_for_each_drawn_edge_and_no_other() -> None:
    person, system = make_node("Person", "p", name="Maja"), make_node("System", "s", name="KY")
    outside = make_node("Vendor", "v")
    edges = [make_edge(person, system), make_edge(system, outside, "SUPPLIED_BY")]
    net = build_network([person, system], edges, lang="da", url_of=_url)
    figure = render_figure(net, element_id="role-graph", lang="da")
    rows = [
        (r.source.name, r.source.kind, r.name, r.target.name, r.target.url)
        for r in figure.relations
    ]
    assert rows == [("Maja", "Person", "systemejer", "KY", "/system/s")]
    assert len(figure.relations) == figure.edges == len(net.edges)


def test_nodes_without_relationships_are_listed_apart_from_the_table() -> None:
    person, alone = make_node("Person", "p"), make_node("Forum", "f", name="ISU")
    figure = render_figure(
        build_network([person, alone], [], lang="da", url_of=_url), element_id="g", lang="da"
    )
    assert figure.relations == []
    assert [(n.name, n.kind) for n in figure.unconnected] == [
        ("Person p", "Person"),
        ("ISU", "Forum"),
    ]
