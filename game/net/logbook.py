"""What the link writes to the log about the outside world: bounded, whatever the outside does.

Owns: :func:`loggable` (any text that came from a peer, made safe and short for one log line),
:class:`Tally` (events that can repeat without limit — refused lines, refused or crowded out
connections — logged once when first seen, then counted and summarised in one line per
window) and :class:`LinkLog`, which writes every line the kiosk's link thread logs about its
peers through them. A peer that sends sixty thousand bad lines, or opens connections in a
loop, costs the log a handful of lines, so the line staff are told to read is never rotated
away.

Must not import: sockets, threads, pygame or anything from ``game`` (stdlib only; time comes
in as clock values).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

MAX_LOGGED_CHARS = 120
"""The longest piece of outside text one log line carries."""
MAX_KEYS = 64
"""Distinct things counted at once; more are counted together under :data:`OTHER`."""
OTHER = "other"


def loggable(text: object, limit: int = MAX_LOGGED_CHARS) -> str:
    """``text`` for a log line: control characters and other unprintables escaped (so a peer
    cannot forge log lines or garble a terminal), cut to ``limit`` characters with ``…``."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in str(text))
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"


@dataclass(frozen=True)
class Summary:
    """``count`` more of ``key`` (events, or the amounts noted) in the window that just ended,
    beyond the first, which was logged."""

    key: str
    count: int


class Tally:
    """The first event of each key in a window is logged at once (:meth:`note` says so); the
    rest are counted and come back from :meth:`due` as one :class:`Summary` per key when the
    window ends."""

    def __init__(self, *, window_s: float) -> None:
        if window_s <= 0:
            raise ValueError("window_s must be positive")
        self._window_s = window_s
        self._window_end: float | None = None
        self._seen: set[str] = set()
        self._counts: Counter[str] = Counter()

    def note(self, key: str, now: float, amount: int = 1) -> bool:
        """Count ``amount`` of ``key``; ``True`` if it is the first of its key in this window
        (log it: it is not counted in the summary)."""
        if self._window_end is None:
            self._window_end = now + self._window_s
        if key not in self._seen and len(self._seen) >= MAX_KEYS:
            key = OTHER
        if key not in self._seen:
            self._seen.add(key)
            return True
        self._counts[key] += amount
        return False

    def due(self, now: float) -> list[Summary]:
        """The summaries of a window that has ended (then a new window starts); else none."""
        if self._window_end is None or now < self._window_end:
            return []
        summaries = [Summary(key, count) for key, count in sorted(self._counts.items())]
        self._window_end = None
        self._seen.clear()
        self._counts.clear()
        return summaries


LOGGED_REFUSALS_PER_OPERATOR = 20
"""Refused lines of an authenticated operator logged one by one (a client being debugged);
the rest are counted. Lines refused before authentication are only ever counted."""


@dataclass
class Refusals:
    """The lines refused on one connection, by error code."""

    counts: Counter[str]
    logged: int = 0

    @classmethod
    def none(cls) -> Refusals:
        return cls(Counter())

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        """The codes, most frequent first: ``bad_json 59980, rate_limited 20``."""
        return ", ".join(f"{code} {count}" for code, count in self.counts.most_common(6))


class LinkLog:
    """Every log line the kiosk's link thread writes about peers, bounded: see the module."""

    def __init__(self, logger: logging.Logger, *, window_s: float = 60.0) -> None:
        self._log = logger
        self._tally = Tally(window_s=window_s)

    def line_refused(self, refusals: Refusals, *, address: tuple[str, int],
                     authenticated: bool, line_no: int | None, code: str, reason: str) -> None:
        """One refused line: counted; logged itself only for an operator, and only the first
        :data:`LOGGED_REFUSALS_PER_OPERATOR`."""
        refusals.counts[code] += 1
        if authenticated and refusals.logged < LOGGED_REFUSALS_PER_OPERATOR:
            refusals.logged += 1
            self._log.info("operator link: line %s from %s:%d refused (%s): %s", line_no,
                           *address, code, loggable(reason))

    def connection_closed(self, refusals: Refusals, *, address: tuple[str, int],
                          authenticated: bool, now: float) -> None:
        """A connection ended: the lines refused on it and not logged, in one line (and
        connections from the same address within the window, summed into one more)."""
        unlogged = refusals.total - refusals.logged
        if unlogged <= 0:
            return
        when = "from the operator" if authenticated else "before authentication"
        key = f"lines refused {when} from {address[0]}"
        if self._tally.note(key, now, amount=unlogged):
            self._log.info("operator link: %d lines %s:%d sent %s were refused (%s)", unlogged,
                           *address, when, refusals.describe())

    def connection_refused(self, address: tuple[str, int], reason: str, now: float) -> None:
        """A connection turned away or closed to make room; repeats are summarised."""
        if self._tally.note(f"connections from {address[0]}: {reason}", now):
            self._log.warning("operator pairing from %s refused: %s", address[0], reason)

    def flush(self, now: float, *, closing: bool = False) -> None:
        """Log the summaries of a window that has ended (all of them when ``closing``)."""
        for summary in self._tally.due(float("inf") if closing else now):
            self._log.warning("operator link, in the last minute: %d more %s", summary.count,
                              summary.key)
