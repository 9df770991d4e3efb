"""Role graphs as pyvis networks, rendered with our own template so that nothing leaves the machine.

pyvis builds the nodes, edges and vis-network options; ``templates/pyvis_graph.html`` writes them
as JSON into the page, and ``static/graph.js`` draws them with the vis-network that pyvis ships,
served by the app. Colours, shapes and the legend come from ``schema.model``. The text alternative
(a summary and a table of the relationships) is made from the same nodes and edges as the drawing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pyvis.network import Network

from core.i18n import label_name, relationship_name, text
from graph.entities import GraphEdge, GraphNode
from schema import governance
from schema.model import LABELS, RELATIONSHIPS
from visualise.graph_table import Relation, TableNode, relations_table

TEMPLATE = Path(__file__).resolve().parent / "templates" / "pyvis_graph.html"
FINDING_COLOUR = "#c53030"
DEPARTED_COLOUR = "#a0aec0"
# Drawn, but hidden until the reader ticks them: they crowd a role graph.
HIDDEN_BY_DEFAULT: frozenset[str] = frozenset({"Review", "Responsibility", "ATTENDED", "REVIEWS"})
# Shapes that carry their label inside them need a light font on the label's colour.
_LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})
# Stabilisation iterations: a budget of node-iterations, within these bounds.
STABILISATION_BUDGET = 60_000
STABILISATION_MIN = 50
STABILISATION_MAX = 250
_ELEMENT_ID = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of the legend, and the filter box that shows or hides it."""

    value: str
    name: str
    count: int
    colour: str = ""
    shape: str = ""
    shown: bool = True


@dataclass(slots=True)
class Figure:
    """A rendered role graph with the legend, filters, counts and text alternative around it."""

    element_id: str
    html: Markup
    labels: list[LegendEntry]
    types: list[LegendEntry]
    nodes: int
    edges: int
    truncated: bool = False
    depth: int | None = None
    marked: int = 0
    people: set[str] = field(default_factory=set)
    summary: str = ""
    relations: list[Relation] = field(default_factory=list)
    unconnected: list[TableNode] = field(default_factory=list)


def build_network(
    nodes: Sequence[GraphNode],
    edges: Sequence[GraphEdge],
    *,
    lang: str,
    url_of: Callable[[str, str], str | None],
    findings: Mapping[str, Sequence[str]] | None = None,
    centre: str | None = None,
) -> Network:
    """A directed pyvis network of these nodes and edges; ``findings`` maps node ids to messages."""
    findings = findings or {}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    for node in nodes:
        net.add_node(
            node.id,
            **_node_options(
                node,
                lang=lang,
                url=url_of(node.label, node.key),
                messages=findings.get(node.id, ()),
                centre=node.id == centre,
            ),
        )
    known = set(net.get_nodes())
    for edge in edges:
        if edge.source in known and edge.target in known:
            net.add_edge(edge.source, edge.target, **_edge_options(edge, lang=lang))
    net.options = vis_options(len(nodes))
    return net


def render_figure(
    net: Network,
    *,
    element_id: str,
    lang: str,
    truncated: bool = False,
    depth: int | None = None,
) -> Figure:
    """Render the network with our template, with its legend and filter entries."""
    if not _ELEMENT_ID.match(element_id):
        raise ValueError(f"{element_id!r} is not a usable element id")
    net.heading = element_id
    net.set_template(str(TEMPLATE))
    html = Markup(net.generate_html())  # the template writes JSON through |tojson only
    label_counts = Counter(n["nodeLabel"] for n in net.nodes)
    type_counts = Counter(e["relType"] for e in net.edges)
    labels = legend_labels(label_counts, lang=lang)
    marked = sum(1 for n in net.nodes if n.get("marked"))
    relations, unconnected = relations_table(net.nodes, net.edges, lang=lang)
    return Figure(
        element_id=element_id,
        html=html,
        labels=labels,
        types=[
            LegendEntry(t, relationship_name(t, lang), c, shown=t not in HIDDEN_BY_DEFAULT)
            for t, c in sorted(type_counts.items(), key=lambda tc: _type_order(tc[0]))
        ],
        nodes=len(net.nodes),
        edges=len(net.edges),
        truncated=truncated,
        depth=depth,
        marked=marked,
        people={n["nodeKey"] for n in net.nodes if n["nodeLabel"] == "Person"},
        summary=graph_summary(labels, edges=len(net.edges), marked=marked, lang=lang),
        relations=relations,
        unconnected=unconnected,
    )


def graph_summary(labels: Sequence[LegendEntry], *, edges: int, marked: int, lang: str) -> str:
    """The graph in words, its text alternative: how many nodes of each kind, edges, findings."""
    nodes = sum(entry.count for entry in labels)
    sentences = [
        f"{text('graph.title', lang)}: {text('graph.nodes_edges', lang, nodes=nodes, edges=edges)}",
        ", ".join(f"{entry.name}: {entry.count}" for entry in labels),
    ]
    if marked:
        sentences.append(f"{text('findings.marked', lang)}: {marked}")
    return ". ".join(s for s in sentences if s) + "."


def legend_labels(counts: Mapping[str, int], *, lang: str) -> list[LegendEntry]:
    """Legend lines for the labels present, in the schema's order, with its colours and shapes."""
    return [
        LegendEntry(
            name,
            label_name(name, lang),
            counts[name],
            colour=spec.colour,
            shape=spec.shape,
            shown=name not in HIDDEN_BY_DEFAULT,
        )
        for name, spec in LABELS.items()
        if counts.get(name)
    ]


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: physics that stabilises quickly and then stops (graph.js stops it).

    Stabilisation costs about 25 ms an iteration for 1,000 nodes in headless Chromium here, so
    large graphs get fewer iterations: a 1,000-node graph is interactive in about two seconds.
    """
    large = node_count > 300
    iterations = max(
        STABILISATION_MIN, min(STABILISATION_MAX, STABILISATION_BUDGET // max(node_count, 1))
    )
    return {
        "autoResize": True,
        "layout": {"improvedLayout": node_count <= 150, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60 if large else -80,
                "springLength": 90 if large else 110,
                "springConstant": 0.06,
                "avoidOverlap": 0.2,
            },
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 50,
                "fit": True,
            },
            "minVelocity": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
        },
        "nodes": {"borderWidth": 2, "font": {"face": "system-ui, sans-serif"}},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#a0aec0", "highlight": "#2d3748", "hover": "#4a5568"},
            "font": {
                "size": 0 if large else 11,
                "align": "middle",
                "color": "#4a5568",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
    }


def edge_name(edge: GraphEdge, lang: str) -> str:
    """The role an edge stands for; a super-user edge names its kind (IT-, fag-, teknisk)."""
    kind = edge.properties.get("kind")
    if edge.type == "SUPERUSER_OF" and kind in ("it", "fag", "teknisk"):
        role = governance.role(f"{kind}-superbruger")
        name = role.name_en if lang == "en" else role.name_da
        # Edge labels are lower case like the relationship names; "IT-" keeps its capitals.
        return name if name[:2].isupper() else name[:1].lower() + name[1:]
    if edge.type == "HAS_SYSTEM_ROLE" and edge.properties.get("role"):
        return str(edge.properties["role"])
    return relationship_name(edge.type, lang) if edge.type in RELATIONSHIPS else edge.type


def _node_options(
    node: GraphNode, *, lang: str, url: str | None, messages: Iterable[str], centre: bool
) -> dict[str, Any]:
    spec = LABELS.get(node.label)
    colour = spec.colour if spec else "#718096"
    shape = spec.shape if spec else "dot"
    name = node.name or node.key
    if not node.active:
        # A person has left; a system, unit or forum has ended.
        gone = "common.departed" if node.label == "Person" else "common.ended"
        name = f"{name} ({text(gone, lang)})"
        colour = DEPARTED_COLOUR
    messages = list(messages)
    tooltip = [f"{label_name(node.label, lang) if spec else node.label}: {name}", *messages[:6]]
    if len(messages) > 6:
        tooltip.append("…")
    options: dict[str, Any] = {
        "label": f"⚠ {name}" if messages else name,
        "shape": shape,
        "color": {
            "background": colour,
            "border": FINDING_COLOUR if messages else colour,
            "highlight": {"background": colour, "border": "#1a202c"},
            "hover": {"background": colour, "border": "#1a202c"},
        },
        "borderWidth": 4 if messages else 2,
        "size": 26 if centre else 16,
        "font": _font(shape, centre=centre),
        "title": "\n".join(tooltip),
        "nodeLabel": node.label,
        "nodeKey": node.key,
        "url": url,
        "marked": bool(messages),
        "hidden": node.label in HIDDEN_BY_DEFAULT,
    }
    if not node.active:
        options["shapeProperties"] = {"borderDashes": [4, 3]}
    return options


def _font(shape: str, *, centre: bool) -> dict[str, Any]:
    size = 16 if centre else 13
    if shape in _LABEL_INSIDE:
        return {"color": "#ffffff", "size": size, "bold": {"color": "#ffffff"}}
    return {"color": "#1a202c", "size": size, "strokeWidth": 3, "strokeColor": "#ffffff"}


def _edge_options(edge: GraphEdge, *, lang: str) -> dict[str, Any]:
    name = edge_name(edge, lang)
    strong = edge.type in ("OWNS", "RESPONSIBLE_FOR")
    return {
        "label": name,
        "title": name,
        "relType": edge.type,
        "width": 2.5 if strong else 1.2,
        "hidden": edge.type in HIDDEN_BY_DEFAULT,
    }


def _type_order(rel_type: str) -> int:
    names = list(RELATIONSHIPS)
    return names.index(rel_type) if rel_type in names else len(names)
