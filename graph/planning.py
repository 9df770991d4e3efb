"""Keeping Cypher's plans fit for the graph: index hints and fresh statistics after imports.

Neo4j plans a query on sampled statistics. Right after a graph is emptied or filled in bulk
they are stale, and a lookup by an indexed property can be planned as a scan per row — at
45,000 people an import that matches by e-mail then takes hours instead of seconds.
"""

from __future__ import annotations

import contextlib

from neo4j.exceptions import Neo4jError

from graph.driver import Graph


def online_indexes(graph: Graph) -> frozenset[tuple[str, str]]:
    """(label, property) of every online single-property node index."""
    rows = graph.query(
        "SHOW INDEXES YIELD entityType, labelsOrTypes, properties, state "
        "WHERE entityType = 'NODE' AND state = 'ONLINE' "
        "AND size(labelsOrTypes) = 1 AND size(properties) = 1 "
        "RETURN labelsOrTypes[0] AS label, properties[0] AS prop"
    )
    return frozenset((row["label"], row["prop"]) for row in rows)


def index_hint(indexed: frozenset[tuple[str, str]], var: str, label: str, prop: str) -> str:
    """`` USING INDEX var:Label(prop)`` when that index is online, else nothing."""
    return f" USING INDEX {var}:`{label}`(`{prop}`)" if (label, prop) in indexed else ""


def refresh_statistics(graph: Graph) -> None:
    """Resample the indexes and drop cached plans, so later queries fit the graph as it is.

    Best effort: a server that refuses the procedure resamples on its own schedule.
    """
    with contextlib.suppress(Neo4jError):
        graph.query("CALL db.prepareForReplanning()")
