"""Who may try a pairing code: wrong answers per address, and addresses refused for a while.

Owns: :class:`AddressGuard`, which counts wrong pairing answers per network address within a
sliding window and refuses an address that gave too many. Time comes in as clock values.

Must not import: sockets, threads, pygame or anything from ``game`` (pure stdlib).
"""

from __future__ import annotations

from collections import deque

MAX_TRACKED_ADDRESSES = 4096
"""Bound on the addresses remembered at once, so a scan of many addresses cannot grow memory
without limit; the stalest are forgotten first."""


class AddressGuard:
    """After ``refuse_after`` wrong answers from one address within ``window_s`` seconds,
    that address is refused for ``refuse_for_s`` seconds."""

    def __init__(self, *, refuse_after: int, window_s: float, refuse_for_s: float) -> None:
        if refuse_after < 1 or window_s <= 0 or refuse_for_s <= 0:
            raise ValueError("refuse_after must be >= 1 and the durations positive")
        self._refuse_after = refuse_after
        self._window_s = window_s
        self._refuse_for_s = refuse_for_s
        self._failures: dict[str, deque[float]] = {}
        self._refused_until: dict[str, float] = {}

    def refused_for(self, address: str, now: float) -> float:
        """Seconds ``address`` remains refused, or 0.0 if it may try."""
        until = self._refused_until.get(address)
        if until is None:
            return 0.0
        if now >= until:
            del self._refused_until[address]
            return 0.0
        return until - now

    def record_failure(self, address: str, now: float) -> bool:
        """Count a wrong answer from ``address``; ``True`` if that made it refused."""
        failures = self._failures.pop(address, None) or deque()
        failures.append(now)
        while failures and failures[0] <= now - self._window_s:
            failures.popleft()
        self._failures[address] = failures  # re-inserted last: dict order is staleness order
        if len(failures) >= self._refuse_after:
            failures.clear()
            self._refused_until[address] = now + self._refuse_for_s
            return True
        self._forget_stalest()
        return False

    def record_success(self, address: str) -> None:
        """A right answer clears the address's count of wrong ones."""
        self._failures.pop(address, None)

    def _forget_stalest(self) -> None:
        while len(self._failures) > MAX_TRACKED_ADDRESSES:
            del self._failures[next(iter(self._failures))]
        while len(self._refused_until) > MAX_TRACKED_ADDRESSES:
            del self._refused_until[next(iter(self._refused_until))]
