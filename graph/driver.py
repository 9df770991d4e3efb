"""The one Neo4j driver of a process, and how errors from it become govgraph errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from core.errors import DatabaseUnavailable, LocalDatabaseError
from core.settings import Settings
from graph.local_home import LocalHome

T = TypeVar("T")
READ = RoutingControl.READ
WRITE = RoutingControl.WRITE


@dataclass(frozen=True, slots=True)
class Connection:
    """How to reach Neo4j: the URI, credentials and database."""

    uri: str
    user: str
    password: str | None
    database: str


def connection(settings: Settings) -> Connection:
    """The connection for these settings: NEO4J_URI if given, else the local Neo4j."""
    if settings.neo4j_uri:
        return Connection(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
        )
    local = LocalHome(settings.home)
    status = local.status()
    if not status.running:
        raise LocalDatabaseError(
            f"The local Neo4j of {settings.home} is not running.",
            hint="Start it with `govgraph db start`, or set NEO4J_URI to use another server.",
        )
    return Connection(status.uri or "", "neo4j", local.password(), "neo4j")


def open_driver(conn: Connection, *, retry_seconds: float = 5.0) -> Driver:
    """Create the process's driver; close it where it was created.

    ``retry_seconds`` bounds how long a managed transaction is retried on transient errors:
    a batch job can wait, a web request should fail fast with 503 instead.
    """
    auth = (conn.user, conn.password) if conn.password else None
    return GraphDatabase.driver(
        conn.uri,
        auth=auth,
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_transaction_retry_time=retry_seconds,
        # Planner hints ("property key does not exist" on a fresh graph) are not for users.
        notifications_min_severity="OFF",
    )


# What to do when Neo4j does not answer (the API's read deadline says the same).
UNAVAILABLE_HINT = "Check that the database runs (`govgraph db status`) and try again."


class Graph:
    """The driver plus the database name: what every function of ``graph`` needs."""

    def __init__(self, driver: Driver, database: str = "neo4j") -> None:
        self.driver = driver
        self.database = database

    @classmethod
    def from_settings(cls, settings: Settings, *, retry_seconds: float = 5.0) -> Graph:
        """Connect as the settings say."""
        conn = connection(settings)
        return cls(open_driver(conn, retry_seconds=retry_seconds), conn.database)

    def close(self) -> None:
        """Close the driver."""
        self.driver.close()

    def query(
        self, cypher: str, /, routing: RoutingControl = READ, **params: Any
    ) -> list[dict[str, Any]]:
        """Run one statement in its own managed transaction and return its rows as dicts."""
        return [r.data() for r in self._records(cypher, routing, params)]

    def read_values(self, cypher: str, /, **params: Any) -> list[dict[str, Any]]:
        """``query`` for a read that returns no nodes, relationships or paths: its values as the
        driver decodes them, without ``Record.data``'s second walk through every nested list and
        map (the busiest handover's candidates: thousands of them)."""
        return [dict(r) for r in self._records(cypher, READ, params)]

    def _records(
        self, cypher: str, routing: RoutingControl, params: dict[str, Any]
    ) -> list[neo4j.Record]:
        with translate_errors():
            records, _, _ = self.driver.execute_query(
                cypher, params, database_=self.database, routing_=routing
            )
        return records

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one managed write transaction (retried on transient errors)."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one managed read transaction."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def rolled_back(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one write transaction that is always rolled back: a dry run."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            try:
                return work(tx)  # type: ignore[arg-type]
            finally:
                tx.rollback()

    @contextmanager
    def read_once(self, *, timeout: float, fetch_size: int) -> Iterator[neo4j.Transaction]:
        """One explicit READ transaction that is never retried and never commits.

        For work that must run at most once, such as an analyst's ad-hoc query: the driver
        retries only managed transactions. Records come ``fetch_size`` at a time, and the
        transaction is rolled back at the end, whatever it did.
        """
        with (
            translate_errors(),
            self.driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS,
                fetch_size=fetch_size,
            ) as session,
        ):
            tx = session.begin_transaction(timeout=timeout)
            try:
                yield tx
            finally:
                tx.close()

    def ping(self) -> bool:
        """True when Neo4j answers RETURN 1."""
        try:
            return self.query("RETURN 1 AS ok")[0]["ok"] == 1
        except DatabaseUnavailable:
            return False


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's connection errors into DatabaseUnavailable."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired, ConnectionError, OSError) as e:
        raise DatabaseUnavailable(
            "Neo4j does not answer.",
            hint=UNAVAILABLE_HINT,
        ) from e
    except AuthError as e:
        raise DatabaseUnavailable(
            "Neo4j refused the credentials.", hint="Check NEO4J_USER and NEO4J_PASSWORD."
        ) from e
    except neo4j.exceptions.DriverError as e:
        raise DatabaseUnavailable(
            f"The Neo4j driver failed: {type(e).__name__}.",
            hint="Try again; if it persists, see the server log.",
        ) from e
