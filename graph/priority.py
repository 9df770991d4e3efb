"""Background work gives way to the people waiting for an answer.

At its start the app plans the first requests' queries in the background (``api.app``), and its
worker's jobs run the gap catalogue (finding events, the digest). On a Neo4j that has just
started that keeps both cores busy for half a minute, and a request that came meanwhile shared
them: the first handover after a Neo4j start took 14.5 s with the warm-up running and 6.7 s
without it. So background work waits, before each step of the warm-up and before each rule of a
catalogue it asks for, until no request of this process is being answered (at most
``GIVE_WAY_SECONDS`` at a time, so that a busy app still gets its background work done).

A request that waits for a background run of the catalogue (``graph.rules.SingleFlight``)
does not count while it waits: it wants that run to go on. Requests to another process of the
app are not seen here.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GIVE_WAY_SECONDS = 10.0

# Set in the request's context; the thread a sync route runs in inherits it.
_IN_REQUEST: contextvars.ContextVar[bool] = contextvars.ContextVar("in_request", default=False)


class Foreground:
    """How many requests are being answered, and a wait until there are none."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._requests = 0

    @staticmethod
    def answering() -> bool:
        """True in the context of a request being answered (a sync route's thread included)."""
        return _IN_REQUEST.get()

    @property
    def busy(self) -> bool:
        """True while a request is being answered."""
        with self._changed:
            return self._requests > 0

    @contextmanager
    def request(self) -> Iterator[None]:
        """Count a request while it is answered."""
        token = _IN_REQUEST.set(True)
        self._add(1)
        try:
            yield
        finally:
            self._add(-1)
            _IN_REQUEST.reset(token)

    @contextmanager
    def waiting_for_background(self) -> Iterator[None]:
        """A request that waits for background work does not count meanwhile."""
        if not self.answering():
            yield
            return
        self._add(-1)
        try:
            yield
        finally:
            self._add(1)

    def give_way(self, limit: float = GIVE_WAY_SECONDS) -> bool:
        """Wait until no request is being answered, at most ``limit`` seconds; True when idle."""
        with self._changed:
            return self._changed.wait_for(lambda: self._requests <= 0, timeout=limit)

    def _add(self, n: int) -> None:
        with self._changed:
            self._requests += n
            self._changed.notify_all()


FOREGROUND = Foreground()
