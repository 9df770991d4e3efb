"""Background work gives way to the people waiting for an answer.

The app's warm-up (``api.app``) plans the first requests' queries in the background. On a Neo4j
that has just started it keeps both cores busy for half a minute, and a request that came
meanwhile shared them with it: the first handover after a Neo4j start took 14.5 s with the
warm-up running and 6.7 s without it. So the warm-up waits, before each of its steps and before
each rule of its catalogue, until no request of this process is being answered (at most
``GIVE_WAY_SECONDS`` at a time, so that a busy app still gets warm).

A request that waits for the warm-up's own run of the catalogue (``graph.rules.SingleFlight``)
does not count while it waits: it wants that run to go on. Requests to another process of the
app are not seen here; only the process that holds the warm-up's lease warms up.
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
        if not _IN_REQUEST.get():
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
