"""The one writer: persists an importer's neutral records in one transaction.

All-or-nothing: every statement of one import runs in a single transaction, so a failure or a
killed process leaves the graph as it was. Idempotent: the same batch twice changes nothing the
second time. Historical: what a source no longer holds is ended (``valid_to`` and ``ended_by``
set), never deleted.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction, Transaction

from core.errors import ImportFailed
from core.records import ImportBatch
from graph.driver import Graph
from graph.planning import index_hint as _hint
from graph.planning import online_indexes, refresh_statistics
from schema.model import DECISION_SOURCE, KITOS_SCOPE, LABELS, RELATIONSHIPS

CHUNK = 5000
# A write that adds or ends this many changes the statistics enough to plan queries afresh.
REPLAN_AFTER = 5000
# On a node that another source created, these are filled in only when missing.
IDENTITY_PROPS = frozenset(
    {
        "name",
        "first_name",
        "last_name",
        "email",
        "valid_from",
        "valid_to",
        "unit_id",
        "name_norm",
        "short_name",
    }
)
_VALIDITY = frozenset({"valid_from", "valid_to"})
_PROPERTY_NAME = frozenset("abcdefghijklmnopqrstuvwxyz_0123456789")

Tx = ManagedTransaction | Transaction


@dataclass(slots=True)
class WriteSummary:
    """What one import did to the graph."""

    run_key: str
    added: int = 0
    changed: int = 0
    ended: int = 0
    unchanged: int = 0
    unmatched: list[dict[str, str]] = field(default_factory=list)
    dry_run: bool = False
    # Called with the number of records just written, for a progress bar.
    progress: Callable[[int], None] = field(default=lambda n: None, repr=False, compare=False)

    @property
    def nothing_changed(self) -> bool:
        """True when the import left the graph's content as it was."""
        return self.added == 0 and self.changed == 0 and self.ended == 0


def write_batch(
    graph: Graph,
    batch: ImportBatch,
    *,
    dry_run: bool = False,
    record_run: bool = True,
    progress: Callable[[int], None] | None = None,
) -> WriteSummary:
    """Persist ``batch`` in one transaction (rolled back when ``dry_run``)."""
    if batch.errors:
        raise ImportFailed(
            f"{batch.file_name} has {len(batch.errors)} error(s); nothing was written.",
            hint="Fix the listed problems and import again.",
            details=[str(p) for p in batch.errors],
        )
    _check_schema(batch)
    summary = WriteSummary(run_key=str(uuid.uuid4()), dry_run=dry_run)
    indexed = online_indexes(graph)

    def work(tx: Tx) -> WriteSummary:
        # A retried transaction starts again from a fresh summary.
        fresh = WriteSummary(run_key=summary.run_key, dry_run=dry_run)
        fresh.progress = progress or _no_progress
        _write(tx, batch, fresh, record_run=record_run, indexed=indexed)
        return fresh

    if not dry_run:
        done = graph.write(work)
        # By what changed, not by the batch's size: a sync that finds little new keeps the
        # cached plans, else the next small delta pays to plan every statement again.
        if done.added + done.ended >= REPLAN_AFTER:
            refresh_statistics(graph)
        return done
    return graph.rolled_back(work)


def _check_schema(batch: ImportBatch) -> None:
    for node in batch.nodes:
        if node.label not in LABELS:
            raise ImportFailed(f"Unknown node label {node.label!r} from {batch.file_name}.")
        _check_props(node.props, node.label)
        for prop, _ in node.match:
            _check_property_name(prop)
    for rel in batch.rels:
        if (
            rel.type not in RELATIONSHIPS
            or rel.from_label not in LABELS
            or rel.to_label not in LABELS
        ):
            raise ImportFailed(
                f"Unknown relationship {rel.type!r} ({rel.from_label} -> "
                f"{rel.to_label}) from {batch.file_name}."
            )
        _check_props(rel.props, rel.type)
    for label in batch.covers or {}:
        if label not in LABELS:
            raise ImportFailed(f"Unknown node label {label!r} from {batch.file_name}.")
    _check_props(batch.run_props, "ImportRun")


def _check_props(props: Any, owner: str) -> None:
    for name in props:
        _check_property_name(name, owner)


def _check_property_name(name: str, owner: str = "") -> None:
    if not name or not set(name) <= _PROPERTY_NAME:
        raise ImportFailed(f"Property name {name!r} of {owner} is not allowed.")


def _write(
    tx: Tx,
    batch: ImportBatch,
    summary: WriteSummary,
    *,
    record_run: bool,
    indexed: frozenset[tuple[str, str]],
) -> None:
    started = datetime.now(UTC)
    # Labels and types this batch writes that have no node or relationship yet: nothing can
    # match or be updated there, so their rows take a statement that only creates.
    labels = {node.label for node in batch.nodes}
    types = {rel.type for rel in batch.rels}
    before = _counts(tx, labels, types)
    aliases = _resolve_matches(tx, batch, summary, indexed)
    # How many nodes per label and relationships per type this run created.
    created: dict[str, int] = defaultdict(int)
    empty = {label for label in labels if before.nodes[label] == 0}
    node_keys = _upsert_nodes(tx, batch, aliases, summary, created, empty)
    empty = {rtype for rtype in types if before.rels[rtype] == 0}
    rel_ids = _upsert_rels(tx, batch, aliases, summary, indexed, created, empty)
    # Nothing of a label or type existed when this transaction began: all of it is this run's,
    # there is nothing older to end, and the scan for it (on a first import, of all just
    # written) is skipped. Counted again now, each count would walk through all of this
    # transaction's writes (0.06-0.09 s per count after OPUS's). The ending reads only this
    # source's nodes: another import of the same source committing meanwhile is a race whichever
    # count is used.
    new_labels = {label for label in batch.replaces_labels if before.nodes.get(label) == 0}
    new_types = {rtype for rtype in batch.replaces_types if before.rels.get(rtype) == 0}
    # Relationships first: a delta ends a node that no relationship holds any more.
    _end_missing_rels(tx, batch, rel_ids, summary, new_types)
    _end_missing_nodes(tx, batch, node_keys, summary, indexed, new_labels)
    if record_run:
        _record_run(tx, batch, summary, started)


@dataclass(slots=True)
class _Counts:
    """Nodes per label and relationships per type, from Neo4j's count store."""

    nodes: dict[str, int]
    rels: dict[str, int]


def _counts(tx: Tx, labels: Iterable[str], types: Iterable[str]) -> _Counts:
    """Count every label and type in one statement (this transaction's writes included).

    Each ``COUNT {}`` is a count-store lookup, not a scan. One statement is planned once: after
    a replan, nine counts planned one by one took 0.09-0.31 s, in one statement 0.04-0.07 s.
    """
    labels, types = sorted(labels), sorted(types)
    if not labels and not types:
        return _Counts({}, {})
    counts = [f"COUNT {{ (:`{label}`) }} AS n{i}" for i, label in enumerate(labels)]
    counts += [f"COUNT {{ ()-[:`{rtype}`]->() }} AS r{i}" for i, rtype in enumerate(types)]
    rec = tx.run("RETURN " + ", ".join(counts)).single()
    assert rec is not None
    return _Counts(
        {label: rec[f"n{i}"] for i, label in enumerate(labels)},
        {rtype: rec[f"r{i}"] for i, rtype in enumerate(types)},
    )


# -- identity matching -----------------------------------------------------------------------


def _resolve_matches(
    tx: Tx, batch: ImportBatch, summary: WriteSummary, indexed: frozenset[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, dict]]:
    """Map (label, provisional key) to (found key, found props) for records that match a node."""
    found: dict[tuple[str, str], tuple[str, dict]] = {}
    pending = [n for n in batch.nodes if n.match]
    depth = max((len(n.match) for n in pending), default=0)
    for i in range(depth):
        groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for node in pending:
            if (node.label, node.key) not in found and i < len(node.match):
                prop, value = node.match[i]
                if value:
                    groups[(node.label, prop)].append({"key": node.key, "value": value})
        for (label, prop), rows in groups.items():
            cypher = (
                f"UNWIND $rows AS row MATCH (n:`{label}`){_hint(indexed, 'n', label, prop)} "
                f"WHERE n.`{prop}` = row.value "
                "AND n.key <> row.key "
                # Prefer a node its source still holds; a leaver still matches, so that the
                # roles they kept show up as held by someone who has left (GM-13).
                "WITH row, n ORDER BY n.ended_by IS NULL DESC, "
                "coalesce(n.matched, true) DESC, n.key "
                "WITH row, collect(n)[0] AS n RETURN row.key AS key, n.key AS found, "
                "properties(n) AS props"
            )
            for chunk in _chunks(rows):
                for rec in tx.run(cypher, rows=chunk):
                    found[(label, rec["key"])] = (rec["found"], rec["props"])
    for node in pending:
        if (node.label, node.key) not in found:
            summary.unmatched.append(
                {
                    "label": node.label,
                    "key": node.key,
                    "match": ", ".join(f"{p}={v}" for p, v in node.match),
                }
            )
    return found


# -- nodes -----------------------------------------------------------------------------------


def _upsert_nodes(
    tx: Tx,
    batch: ImportBatch,
    aliases: dict[tuple[str, str], tuple[str, dict]],
    summary: WriteSummary,
    created: dict[str, int],
    empty: set[str],
) -> dict[str, set[str]]:
    """Merge nodes by label and key; return the keys written per label.

    A label in ``empty`` had no node when the transaction began, so no record matched one.
    """
    rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for node in batch.nodes:
        alias = aliases.get((node.label, node.key))
        if alias is not None:
            key, existing = alias
            props = {
                k: v
                for k, v in node.props.items()
                if k not in IDENTITY_PROPS or existing.get(k) is None
            }
            matched = True
        else:
            key, props, matched = node.key, dict(node.props), not node.match
            props.setdefault("valid_to", None)
            props["matched"] = matched
        entry = rows[node.label].setdefault(key, {"key": key, "props": {}, "own": alias is None})
        entry["props"].update(props)
    written: dict[str, set[str]] = {}
    for label, by_key in rows.items():
        written[label] = set(by_key)
        # One index seek per row: a node this run creates carries its run key, so "created"
        # needs no lookup before the MERGE; ``before`` is read before the SET, and only for a
        # node that was there (a created one counts as added, and has no ``ended_by``).
        cypher = (
            f"UNWIND $rows AS row MERGE (n:`{label}` {{key: row.key}}) "
            "ON CREATE SET n.source = $scope, n.created_by = $run "
            "WITH n, row, n.created_by = $run AS created "
            "WITH n, row, created, CASE WHEN created THEN {} ELSE properties(n) END AS before "
            "SET n += row.props "
            "FOREACH (_ IN CASE WHEN row.own AND NOT coalesce(created, false) THEN [1] ELSE [] "
            "END | REMOVE n.ended_by) "
            "RETURN count(CASE WHEN created THEN 1 END) AS added, "
            "count(CASE WHEN NOT created AND (before.ended_by IS NOT NULL AND row.own "
            "OR any(k IN keys(row.props) WHERE coalesce(before[k] <> row.props[k], "
            "(before[k] IS NULL) <> (row.props[k] IS NULL)))) THEN 1 END) AS changed, "
            "count(*) AS total"
        )
        for chunk in _chunks(list(by_key.values())):
            params = {"rows": chunk, "scope": batch.scope, "run": summary.run_key}
            if label in empty and _created_all(tx, _CREATE_NODES.format(label=label), params):
                added, changed = len(chunk), 0
            else:
                rec = tx.run(cypher, params).single()
                assert rec is not None
                added, changed = rec["added"], rec["changed"]
            summary.added += added
            created[label] += added
            summary.changed += changed
            summary.unchanged += len(chunk) - added - changed
            summary.progress(len(chunk))
    return written


# A label without nodes: each row creates its node, with no properties to read or compare first.
# Still a MERGE, so a node another transaction created meanwhile is found, not a constraint
# failure; the chunk then runs again through the full statement, which counts it as the full
# statement alone would (the nodes created here carry this run's key: they count as added).
_CREATE_NODES = (
    "UNWIND $rows AS row MERGE (n:`{label}` {{key: row.key}}) "
    "ON CREATE SET n.source = $scope, n.created_by = $run, n += row.props"
)


def _created_all(tx: Tx, cypher: str, params: dict[str, Any]) -> bool:
    """Run ``cypher``; True when it created a node for every row of ``params["rows"]``."""
    counters = tx.run(cypher, params).consume().counters
    return counters.nodes_created == len(params["rows"])


def _end_missing_nodes(
    tx: Tx,
    batch: ImportBatch,
    written: dict[str, set[str]],
    summary: WriteSummary,
    indexed: frozenset[tuple[str, str]],
    all_created: set[str],
) -> None:
    for label in batch.replaces_labels:
        if label in all_created:
            continue
        current = tx.run(_current_nodes(label, batch), scope=batch.scope, **_covered(batch, label))
        gone = [r["key"] for r in current if r["key"] not in written.get(label, set())]
        for chunk in _chunks(gone):
            rec = tx.run(
                f"UNWIND $keys AS key MATCH (n:`{label}` {{key: key}})"
                f"{_hint(indexed, 'n', label, 'key')} "
                f"{_end('n')} RETURN count(n) AS n",
                keys=chunk,
                run=summary.run_key,
                date=batch.snapshot_date,
            ).single()
            summary.ended += rec["n"] if rec else 0


# -- relationships ---------------------------------------------------------------------------


def _upsert_rels(
    tx: Tx,
    batch: ImportBatch,
    aliases: dict[tuple[str, str], tuple[str, dict]],
    summary: WriteSummary,
    indexed: frozenset[tuple[str, str]],
    created: dict[str, int],
    empty: set[str],
) -> set[str]:
    """Create or update the live relationship per (from, type, to).

    Returns the element ids of the live relationships that existed before and are still held;
    those this run creates are known by their ``created_by``. A type in ``empty`` had no
    relationship when the transaction began: its rows are created without looking for one.
    """
    groups: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for rel in batch.rels:
        start = _alias(aliases, rel.from_label, rel.from_key)
        end = _alias(aliases, rel.to_label, rel.to_key)
        # A null says "this source does not know", never "clear what another source set"
        # (the register adds a super-user's kind to KITOS's relationship) — except validity.
        props = {k: v for k, v in rel.props.items() if v is not None or k in _VALIDITY}
        if RELATIONSHIPS[rel.type].temporal:
            props.setdefault("valid_to", None)
        entry = groups[(rel.type, rel.from_label, rel.to_label)].setdefault(
            (start, end), {"from": start, "to": end, "props": {}}
        )
        entry["props"].update(props)
    touched: set[str] = set()
    for (rtype, start_label, end_label), by_pair in groups.items():
        if rtype in empty:
            _create_rels(tx, batch, summary, indexed, (rtype, start_label, end_label), by_pair)
            created[rtype] += len(by_pair)
            continue
        # One expansion per row: a new relationship is created with its properties at once,
        # a live one is updated in place (a historical one is never reused).
        cypher = (
            _match_ends(indexed, start_label, end_label)
            + f"OPTIONAL MATCH (a)-[old:`{rtype}`]->(b) WHERE old.ended_by IS NULL "
            "WITH a, b, row, head(collect(old)) AS old "
            # A decision's own period is kept: an import may confirm the holding, not re-date it.
            "WITH a, b, row, old, properties(old) AS before, "
            "CASE WHEN old.source = $decision THEN row.undated ELSE row.props END AS props "
            "FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END | "
            f"CREATE (a)-[r:`{rtype}` {{source: $scope, created_by: $run}}]->(b) "
            "SET r += row.props) "
            "FOREACH (_ IN CASE WHEN old IS NULL THEN [] ELSE [1] END | SET old += props) "
            # KITOS also lists what a decision decided: the KITOS change list need not add it.
            "FOREACH (_ IN CASE WHEN old.source = $decision AND $scope = $kitos "
            "AND NOT coalesce(old.in_kitos, false) THEN [1] ELSE [] END | SET old.in_kitos = true) "
            # One answer per chunk, not per row: the ids of the relationships that were there.
            "RETURN collect(elementId(old)) AS ids, count(*) AS total, "
            "count(CASE WHEN old IS NULL THEN 1 END) AS added, "
            "count(CASE WHEN old IS NOT NULL AND "
            "any(k IN keys(props) WHERE coalesce(before[k] <> props[k], "
            "(before[k] IS NULL) <> (props[k] IS NULL))) THEN 1 END) AS changed"
        )
        for chunk in _chunks(list(by_pair.values())):
            for row in chunk:
                row["undated"] = {k: v for k, v in row["props"].items() if k not in _VALIDITY}
            rec = tx.run(
                cypher,
                rows=chunk,
                scope=batch.scope,
                run=summary.run_key,
                decision=DECISION_SOURCE,
                kitos=KITOS_SCOPE.name,
            ).single()
            if rec is None or rec["total"] != len(chunk):
                raise _missing_endpoints(tx, rtype, start_label, end_label, chunk)
            touched.update(rec["ids"])
            summary.added += rec["added"]
            created[rtype] += rec["added"]
            summary.changed += rec["changed"]
            summary.unchanged += rec["total"] - rec["added"] - rec["changed"]
            summary.progress(len(chunk))
    return touched


def _create_rels(
    tx: Tx,
    batch: ImportBatch,
    summary: WriteSummary,
    indexed: frozenset[tuple[str, str]],
    group: tuple[str, str, str],
    by_pair: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """Create one relationship per pair, of a type that had none when the transaction began.

    No live relationship can exist to update, so none is looked for: each row is created as the
    full statement creates a new one. A concurrent transaction could add one meanwhile, which
    the full statement's OPTIONAL MATCH misses as well until that transaction commits.
    """
    rtype, start_label, end_label = group
    cypher = (
        _match_ends(indexed, start_label, end_label)
        + f"CREATE (a)-[r:`{rtype}` {{source: $scope, created_by: $run}}]->(b) "
        "SET r += row.props RETURN count(*) AS total"
    )
    for chunk in _chunks(list(by_pair.values())):
        rec = tx.run(cypher, rows=chunk, scope=batch.scope, run=summary.run_key).single()
        if rec is None or rec["total"] != len(chunk):
            raise _missing_endpoints(tx, rtype, start_label, end_label, chunk)
        summary.added += len(chunk)
        summary.progress(len(chunk))


def _match_ends(indexed: frozenset[tuple[str, str]], start_label: str, end_label: str) -> str:
    """Each row's two ends, ``a`` and ``b``, found by key; a row with a missing end is dropped."""
    return (
        f"UNWIND $rows AS row MATCH (a:`{start_label}` {{key: row.from}})"
        f"{_hint(indexed, 'a', start_label, 'key')} "
        f"MATCH (b:`{end_label}` {{key: row.to}}){_hint(indexed, 'b', end_label, 'key')} "
    )


def _alias(aliases: dict[tuple[str, str], tuple[str, dict]], label: str, key: str) -> str:
    found = aliases.get((label, key))
    return found[0] if found else key


def _missing_endpoints(
    tx: Tx, rtype: str, start_label: str, end_label: str, rows: Sequence[dict[str, Any]]
) -> ImportFailed:
    keys = tx.run(
        f"UNWIND $rows AS row OPTIONAL MATCH (a:`{start_label}` {{key: row.from}}) "
        f"OPTIONAL MATCH (b:`{end_label}` {{key: row.to}}) WITH row, a, b "
        "WHERE a IS NULL OR b IS NULL RETURN row.from AS f, row.to AS t, "
        "a IS NULL AS no_from LIMIT 5",
        rows=list(rows),
    )
    missing = [f"{start_label} {r['f']}" if r["no_from"] else f"{end_label} {r['t']}" for r in keys]
    return ImportFailed(
        f"{rtype} relationships refer to nodes that exist neither in the file nor in the graph: "
        f"{', '.join(missing)}.",
        hint="Import the source that holds them first (reference data: `govgraph db init`).",
    )


def _current_nodes(label: str, batch: ImportBatch) -> str:
    """The scope's live ``label`` nodes that the batch may end."""
    if batch.covers is None:
        return (
            f"MATCH (n:`{label}`) WHERE n.source = $scope AND n.ended_by IS NULL "
            "RETURN n.key AS key"
        )
    if label in batch.covers:
        return (
            f"UNWIND $keys AS key MATCH (n:`{label}` {{key: key}}) "
            "WHERE n.source = $scope AND n.ended_by IS NULL RETURN n.key AS key"
        )
    # A delta does not list every vendor; one that no live relationship of the scope holds
    # is what a full import would no longer hold.
    types = "|".join(f"`{t}`" for t in batch.replaces_types)
    return (
        f"MATCH (n:`{label}`) WHERE n.source = $scope AND n.ended_by IS NULL "
        f"AND NOT EXISTS {{ MATCH (n)-[r:{types}]-() "
        "WHERE r.source = $scope AND r.ended_by IS NULL } RETURN n.key AS key"
    )


def _covered(batch: ImportBatch, label: str) -> dict[str, Any]:
    if batch.covers is None or label not in batch.covers:
        return {}
    return {"keys": sorted(batch.covers[label])}


def _current_rels(rtype: str, batch: ImportBatch) -> tuple[str, dict[str, Any]]:
    """The scope's live ``rtype`` relationships that the batch may end, and their parameters."""
    live = (
        "WHERE r.source = $scope AND r.ended_by IS NULL AND coalesce(r.created_by, '') <> $run "
        "RETURN DISTINCT elementId(r) AS id"
    )
    if batch.covers is None:
        return f"MATCH ()-[r:`{rtype}`]->() {live}", {}
    parts = [
        f"UNWIND $keys_{i} AS key MATCH (:`{label}` {{key: key}})-[r:`{rtype}`]-() {live}"
        for i, label in enumerate(sorted(batch.covers))
    ]
    params = {
        f"keys_{i}": sorted(batch.covers[label]) for i, label in enumerate(sorted(batch.covers))
    }
    return " UNION ".join(parts) or "RETURN null AS id LIMIT 0", params


def _end_missing_rels(
    tx: Tx, batch: ImportBatch, touched: set[str], summary: WriteSummary, all_created: set[str]
) -> None:
    for rtype in batch.replaces_types:
        if rtype in all_created:
            continue  # nothing older to end, and no decision's holding to unlist
        cypher, params = _current_rels(rtype, batch)
        current = tx.run(cypher, scope=batch.scope, run=summary.run_key, **params)
        gone = [r["id"] for r in current if r["id"] not in touched]
        for chunk in _chunks(gone):
            rec = tx.run(
                "UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id "
                f"{_end('r')} RETURN count(r) AS n",
                ids=chunk,
                run=summary.run_key,
                date=batch.snapshot_date,
            ).single()
            summary.ended += rec["n"] if rec else 0
        if batch.scope == KITOS_SCOPE.name:
            _unlist_in_kitos(tx, batch, rtype, touched)


def _unlist_in_kitos(tx: Tx, batch: ImportBatch, rtype: str, touched: set[str]) -> None:
    """A decision's holding that this KITOS import no longer lists is not in KITOS any more.

    A delta lists only the holdings of the nodes it covers: only those may be unlisted.
    """
    listed_where = "WHERE r.source = $decision AND r.in_kitos RETURN DISTINCT elementId(r) AS id"
    params: dict[str, Any] = {}
    if batch.covers is None:
        cypher = f"MATCH ()-[r:`{rtype}`]->() {listed_where}"
    else:
        labels = sorted(batch.covers)
        if not labels:
            return
        cypher = " UNION ".join(
            f"UNWIND $keys_{i} AS key MATCH (:`{label}` {{key: key}})-[r:`{rtype}`]-() "
            + listed_where
            for i, label in enumerate(labels)
        )
        params = {f"keys_{i}": sorted(batch.covers[label]) for i, label in enumerate(labels)}
    listed = tx.run(cypher, decision=DECISION_SOURCE, **params)
    gone = [r["id"] for r in listed if r["id"] not in touched]
    for chunk in _chunks(gone):
        tx.run(
            "UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id REMOVE r.in_kitos",
            ids=chunk,
        ).consume()


def _record_run(tx: Tx, batch: ImportBatch, summary: WriteSummary, started: datetime) -> None:
    tx.run(
        "CREATE (r:ImportRun {key: $key}) SET r += $props",
        key=summary.run_key,
        props={
            "source": batch.source,
            "scope": batch.scope,
            "file_name": batch.file_name,
            "sha256": batch.sha256,
            "started_at": started,
            "finished_at": datetime.now(UTC),
            "snapshot_date": batch.snapshot_date,
            "added": summary.added,
            "changed": summary.changed,
            "ended": summary.ended,
            "unchanged": summary.unchanged,
            "warnings": len(batch.warnings),
            "unmatched": len(summary.unmatched),
            **{f"sync_{name}": value for name, value in batch.run_props.items()},
        },
    )


def _end(x: str) -> str:
    """End ``x`` as of ``$date`` by run ``$run``; an earlier end already recorded stays."""
    return (
        f"SET {x}.ended_by = $run, {x}.valid_to = CASE WHEN {x}.valid_to IS NULL OR "
        f"{x}.valid_to > $date THEN $date ELSE {x}.valid_to END"
    )


def _chunks(rows: Sequence[Any] | Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    items = list(rows)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _no_progress(done: int) -> None:
    """Progress goes nowhere."""
