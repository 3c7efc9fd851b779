"""Rate limits for the worker page: messages per connection, joins per address.

Owns: ``TokenBucket`` (``burst`` at once, ``rate`` a second after that) and ``JoinLimiter``
(one bucket per address, forgotten when full again, so the table stays small). Time is passed
in by the caller.

Must not import: sockets, aiohttp, pygame or anything from ``game`` (pure stdlib).
"""

from __future__ import annotations

MESSAGES_PER_S = 5.0
MESSAGE_BURST = 20
JOINS_PER_S = 2.0
"""Joins (and resumes) from one address, after the burst: a class behind one router shares
an address, so the burst is a whole class."""
JOIN_BURST = 80


class TokenBucket:
    """Allows ``burst`` events at once and ``rate`` per second after that."""

    def __init__(self, *, rate: float, burst: int, now: float) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._tokens = float(burst)
        self._last = now

    def take(self, now: float) -> bool:
        """Spend one token if there is one; ``False`` means the event is over the limit."""
        self._refill(now)
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False

    def is_full(self, now: float) -> bool:
        self._refill(now)
        return self._tokens >= self._burst

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._last)
        self._last = max(self._last, now)
        self._tokens = min(self._burst, self._tokens + elapsed * self._rate)


class JoinLimiter:
    """Joins per address."""

    def __init__(self, *, rate: float = JOINS_PER_S, burst: int = JOIN_BURST) -> None:
        self._rate = rate
        self._burst = burst
        self._buckets: dict[str, TokenBucket] = {}

    def allow(self, address: str, now: float) -> bool:
        """Whether a join from ``address`` may go ahead now (it is counted if so)."""
        if len(self._buckets) > 1000:
            self._buckets = {a: b for a, b in self._buckets.items() if not b.is_full(now)}
        bucket = self._buckets.get(address)
        if bucket is None:
            bucket = self._buckets[address] = TokenBucket(rate=self._rate, burst=self._burst,
                                                          now=now)
        return bucket.take(now)
