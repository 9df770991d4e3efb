"""The limit on failed attempts: per key, in a sliding window, attempts in flight counted."""

from __future__ import annotations

import pytest

from api.throttle import FailureLimiter
from core.errors import TooManyAttempts


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(limiter: FailureLimiter, *keys: str) -> None:
    limiter.begin(keys)
    limiter.end(keys, failed=True)


def test_a_key_is_refused_once_it_has_failed_limit_times_until_they_age_out() -> None:
    clock = Clock()
    limiter = FailureLimiter(limit=3, window=60, clock=clock)
    for _ in range(3):
        clock.now += 5
        fail(limiter, "token:a")
    with pytest.raises(TooManyAttempts) as refused:
        limiter.begin(["token:a"])
    assert refused.value.status == 429
    assert refused.value.retry_after == 50  # the first failure ages out 60 s after it happened
    clock.now += 50
    limiter.begin(["token:a"])  # one failure has aged out: one more try


def test_other_keys_are_not_held_up() -> None:
    limiter = FailureLimiter(limit=2, window=60, clock=Clock())
    fail(limiter, "token:a", "client:1")
    fail(limiter, "token:a", "client:1")
    limiter.begin(["token:b", "client:2"])
    with pytest.raises(TooManyAttempts):
        limiter.begin(["token:b", "client:1"])  # any one key over its limit refuses


def test_successes_do_not_count_but_attempts_in_flight_do() -> None:
    limiter = FailureLimiter(limit=2, window=60, clock=Clock())
    for _ in range(5):
        limiter.begin(["token:a"])
        limiter.end(["token:a"], failed=False)
    limiter.begin(["token:a"])
    limiter.begin(["token:a"])
    with pytest.raises(TooManyAttempts) as refused:
        limiter.begin(["token:a"])  # two checks still running use up the limit
    assert refused.value.retry_after == 1


def test_it_forgets_the_least_recent_keys_beyond_its_size() -> None:
    limiter = FailureLimiter(limit=1, window=60, clock=Clock(), max_keys=2)
    for key in ("client:1", "client:2", "client:3"):
        fail(limiter, key)
    limiter.begin(["client:1"])  # forgotten: memory stays bounded under many addresses
    with pytest.raises(TooManyAttempts):
        limiter.begin(["client:3"])
