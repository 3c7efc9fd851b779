"""What passes between the UCI thread and a running search.

Owns: :class:`SearchControl` (stop flag, clock, budget that ``ponderhit`` can change),
:class:`SearchInfo` (one ``info`` line) and :class:`SearchResult` (the ``bestmove``).

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from game.engine.limits import TimeBudget


@dataclass(frozen=True)
class SearchInfo:
    """One progress report of the search, as an ``info`` line carries it."""

    depth: int
    seldepth: int
    multipv: int
    score_cp: int | None
    mate: int | None
    nodes: int
    time_ms: int
    hashfull: int
    pv: tuple[str, ...]
    bound: str | None = None
    """``"lowerbound"``/``"upperbound"`` for a score outside the aspiration window."""

    def line(self) -> str:
        """The UCI ``info`` line."""
        nps = self.nodes * 1000 // max(1, self.time_ms)
        score = f"mate {self.mate}" if self.mate is not None else f"cp {self.score_cp}"
        if self.bound:
            score += f" {self.bound}"
        text = (f"info depth {self.depth} seldepth {self.seldepth} multipv {self.multipv} "
                f"score {score} nodes {self.nodes} nps {nps} hashfull {self.hashfull} "
                f"time {self.time_ms}")
        if self.pv:
            text += " pv " + " ".join(self.pv)
        return text


@dataclass(frozen=True)
class SearchResult:
    """The outcome of one search: the move to play and the reply it expects."""

    best: str | None
    ponder: str | None = None

    def line(self) -> str:
        """The UCI ``bestmove`` line (``0000`` when there is no legal move)."""
        text = f"bestmove {self.best or '0000'}"
        if self.best and self.ponder:
            text += f" ponder {self.ponder}"
        return text


class SearchControl:
    """Shared between the UCI thread (writer) and the search thread (reader).

    Plain attributes are enough: CPython makes each assignment atomic, and the search only
    needs to see a change within a few milliseconds.
    """

    def __init__(self, budget: TimeBudget, *, pondering: bool = False) -> None:
        self.started = time.perf_counter()
        self.budget = budget
        self.pondering = pondering
        self.stopped = False
        self.finished = False
        """Set by the search thread just before it sends ``bestmove``."""

    def stop(self) -> None:
        """Ask the search to finish now and report its best move."""
        self.stopped = True

    def ponderhit(self, budget: TimeBudget) -> None:
        """The expected move was played: keep searching, now on the clock from this moment."""
        self.started = time.perf_counter()
        self.budget = budget
        self.pondering = False

    def elapsed(self) -> float:
        """Seconds since the search started (or since ``ponderhit``)."""
        return time.perf_counter() - self.started

    def out_of_time(self) -> bool:
        """True when the search must stop at once."""
        if self.stopped:
            return True
        hard = self.budget.hard
        return (not self.pondering and hard is not None
                and time.perf_counter() - self.started >= hard)
