"""How many requests of one kind a token may have running at once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import TooManyRequests


class PerTokenLimit:
    """At most ``limit`` requests per token at a time, counted in this app process."""

    def __init__(self, limit: int, *, retry_after: int) -> None:
        self.limit = limit
        self.retry_after = retry_after
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, token_id: str) -> Iterator[None]:
        """Hold one of the token's places while the block runs; TooManyRequests if none is free."""
        with self._lock:
            if self._running[token_id] >= self.limit:
                raise TooManyRequests(
                    f"This token already has {self.limit} ad-hoc queries running.",
                    retry_after=self.retry_after,
                    hint="Wait for one to finish, then send the query again.",
                )
            self._running[token_id] += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[token_id] -= 1
                if not self._running[token_id]:
                    del self._running[token_id]
