/* Draws the role graphs of govgraph's pages with the vis-network the app serves itself.
 *
 * Each <figure data-graph> holds a canvas whose data (nodes, edges, options) pyvis wrote as
 * JSON into a <script type="application/json">. Physics runs until the layout stabilises and
 * is then switched off, so the graph holds still. Clicking a node opens its page; the legend's
 * boxes show and hide node labels and relationship types, in the drawing and in the
 * relationships table beneath it. Tests and benchmarks read window.govgraph.networks[id] and
 * wait for data-state="ready" on the canvas.
 */
"use strict";

(function () {
  const registry = (window.govgraph = window.govgraph || { networks: {} });

  function boxes(figure, kind) {
    return Array.from(figure.querySelectorAll("input[data-filter='" + kind + "']"));
  }

  function hiddenSet(figure, kind) {
    return new Set(boxes(figure, kind).filter((b) => !b.checked).map((b) => b.value));
  }

  function applyFilters(figure, nodes, edges) {
    const labels = hiddenSet(figure, "label");
    const types = hiddenSet(figure, "type");
    nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: labels.has(n.nodeLabel) })));
    const shownNodes = new Set(nodes.get({ filter: (n) => !n.hidden }).map((n) => n.id));
    edges.update(
      edges.get().map((e) => ({
        id: e.id,
        hidden: types.has(e.relType) || !shownNodes.has(e.from) || !shownNodes.has(e.to),
      }))
    );
  }

  // The relationships table follows the legend too: a row shows when its type and both ends do.
  function filterRows(figure, table) {
    const labels = hiddenSet(figure, "label");
    const types = hiddenSet(figure, "type");
    table.querySelectorAll("tr[data-type]").forEach((row) => {
      const ends = row.dataset.labels.split(" ");
      row.hidden = types.has(row.dataset.type) || ends.some((label) => labels.has(label));
    });
  }

  function start(figure) {
    const canvas = figure.querySelector("[data-graph-source]");
    const source = canvas && document.getElementById(canvas.dataset.graphSource);
    if (!source || typeof vis === "undefined") {
      return;
    }
    const data = JSON.parse(source.textContent);
    data.edges.forEach((e, i) => {
      e.id = e.id || "e" + i;
    });
    const nodes = new vis.DataSet(data.nodes);
    const edges = new vis.DataSet(data.edges);
    applyFilters(figure, nodes, edges);
    const network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options);
    registry.networks[canvas.id] = { network: network, nodes: nodes, edges: edges };

    let settled = false;
    function ready() {
      if (settled) {
        return;
      }
      settled = true;
      network.setOptions({ physics: false });
      canvas.dataset.state = "ready";
      figure.classList.add("is-ready");
      window.dispatchEvent(new CustomEvent("govgraph:graph-ready", { detail: canvas.id }));
    }
    network.once("stabilizationIterationsDone", ready);
    network.once("stabilized", ready);
    if (nodes.length === 0) {
      ready();
    }

    network.on("click", (params) => {
      if (params.nodes.length !== 1) {
        return;
      }
      const node = nodes.get(params.nodes[0]);
      if (node && node.url) {
        window.location.assign(node.url);
      }
    });
    network.on("hoverNode", (params) => {
      const node = nodes.get(params.node);
      canvas.style.cursor = node && node.url ? "pointer" : "default";
    });
    network.on("blurNode", () => {
      canvas.style.cursor = "";
    });
    figure.addEventListener("change", (event) => {
      if (event.target.matches("input[data-filter]")) {
        applyFilters(figure, nodes, edges);
      }
    });
    const fit = figure.querySelector("[data-graph-fit]");
    if (fit) {
      fit.addEventListener("click", () => network.fit({ animation: false }));
    }
  }

  // The graph's relationships table: the link to it opens it (it starts closed), and it shows
  // the rows that the legend shows. Without JavaScript it shows them all.
  function startTable(figure) {
    const link = figure.querySelector("a[data-graph-table]");
    const table = link && document.getElementById(link.hash.slice(1));
    if (!table) {
      return;
    }
    link.addEventListener("click", () => {
      table.open = true;
    });
    filterRows(figure, table);
    figure.addEventListener("change", (event) => {
      if (event.target.matches("input[data-filter]")) {
        filterRows(figure, table);
      }
    });
  }

  function startAll() {
    document.querySelectorAll("figure[data-graph]").forEach((figure) => {
      startTable(figure);
      start(figure);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
