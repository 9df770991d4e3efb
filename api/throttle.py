"""A limit on failed attempts per key (a token id, a client address), kept in this process.

Only attempts that cost something are counted: a token check runs argon2, so the store asks
here before it hashes. A key is refused while its failures in the last ``window`` seconds, plus
its attempts still being checked, reach ``limit``. Tokens are to move to Neo4j (another issue);
this class is the one place to change when the counts must be shared between app processes.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

from core.errors import TooManyAttempts

MAX_KEYS = 10_000  # addresses are many: forget the least recently failed beyond this


class FailureLimiter:
    """Counts failed attempts per key in a sliding window; refuses a key that has had enough."""

    def __init__(
        self,
        *,
        limit: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._pending: dict[str, int] = {}

    def begin(self, keys: Iterable[str]) -> None:
        """Reserve one attempt for each key, or raise TooManyAttempts naming the wait."""
        keys = tuple(keys)
        with self._lock:
            now = self._clock()
            waits = [self._wait(key, now) for key in keys]
            if any(wait > 0 for wait in waits):
                raise TooManyAttempts(
                    "Too many failed attempts: this is refused for now.",
                    retry_after=max(1, math.ceil(max(waits))),
                    hint="Wait before trying again, and check that the token is the right one.",
                )
            for key in keys:
                self._pending[key] = self._pending.get(key, 0) + 1

    def end(self, keys: Iterable[str], *, failed: bool) -> None:
        """Settle the attempts begun for these keys; a failure counts for the window."""
        with self._lock:
            now = self._clock()
            for key in keys:
                left = self._pending.get(key, 1) - 1
                if left > 0:
                    self._pending[key] = left
                else:
                    self._pending.pop(key, None)
                if failed:
                    self._failures.setdefault(key, deque()).append(now)
                    self._failures.move_to_end(key)
            while len(self._failures) > self._max_keys:
                self._failures.popitem(last=False)

    def _wait(self, key: str, now: float) -> float:
        """Seconds until ``key`` may try again; 0 when it may now."""
        failures = self._failures.get(key)
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if failures is not None and not failures:
            del self._failures[key]
            failures = None
        failed = len(failures or ())
        if failed + self._pending.get(key, 0) < self.limit:
            return 0.0
        if failures is not None and failed >= self.limit:
            return failures[-self.limit] + self.window - now  # until enough have aged out
        return 1.0  # the rest are attempts still being checked: they end within a second or so
