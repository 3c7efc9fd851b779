"""What a ``go`` command asks for, and how much of the clock a move may use.

Owns: parsing the arguments of ``go`` into :class:`GoLimits`, and turning limits plus the
side to move into a :class:`TimeBudget` (a soft target and a hard ceiling in seconds).

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

_INT_KEYS = frozenset(
    {"wtime", "btime", "winc", "binc", "movestogo", "depth", "nodes", "mate", "movetime"})
_FLAG_KEYS = frozenset({"infinite", "ponder"})


@dataclass(frozen=True)
class GoLimits:
    """The limits of one ``go`` command (times in milliseconds, as UCI sends them)."""

    wtime: int | None = None
    btime: int | None = None
    winc: int | None = None
    binc: int | None = None
    movestogo: int | None = None
    depth: int | None = None
    nodes: int | None = None
    mate: int | None = None
    movetime: int | None = None
    infinite: bool = False
    ponder: bool = False
    searchmoves: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_analysis(self) -> bool:
        """True when the caller wants a search rather than a quick game move (no book)."""
        return (self.infinite or self.depth is not None or self.nodes is not None
                or self.mate is not None or bool(self.searchmoves))


def parse_go(tokens: Sequence[str]) -> tuple[GoLimits, list[str]]:
    """Read the tokens after ``go``; unknown or malformed tokens are returned as warnings.

    A bad value never aborts the command: the rest of it still counts, as a GUI that sent
    ``go wtime x btime 1000`` still expects a move.
    """
    values: dict[str, object] = {}
    warnings: list[str] = []
    searchmoves: list[str] = []
    i = 0
    while i < len(tokens):
        key = tokens[i]
        if key in _FLAG_KEYS:
            values[key] = True
            i += 1
        elif key in _INT_KEYS:
            if i + 1 >= len(tokens):
                warnings.append(f"go: '{key}' needs a number")
                break
            try:
                values[key] = int(tokens[i + 1])
            except ValueError:
                warnings.append(f"go: '{key}' needs a number, not '{tokens[i + 1]}'")
            i += 2
        elif key == "searchmoves":
            i += 1
            while i < len(tokens) and tokens[i] not in _INT_KEYS | _FLAG_KEYS:
                searchmoves.append(tokens[i])
                i += 1
        else:
            warnings.append(f"go: unknown token '{key}' ignored")
            i += 1
    limits = GoLimits(searchmoves=tuple(searchmoves), **values)  # type: ignore[arg-type]
    return limits, warnings


@dataclass(frozen=True)
class TimeBudget:
    """How long the search may think, in seconds; ``None`` means until told to stop."""

    soft: float | None
    """Do not start a new iteration after this much time."""
    hard: float | None
    """Stop searching at once when this much time has passed."""


def budget_for(limits: GoLimits, *, white_to_move: bool, overhead_ms: int,
               ply: int = 0) -> TimeBudget:
    """Share out the clock for one move.

    Every move costs more than its search: the GUI, the pipe and the operating system take
    the move overhead each time, so the overhead is reserved for every move still expected,
    not once. What is left of the clock, plus the increments still to come, is shared out
    among those moves. When nothing is left to share, the engine answers at once (a
    one-millisecond search) and lives on its increment. The ceiling is a slice of the clock
    (less one overhead), so a slow answer still arrives before the flag falls.
    """
    if limits.infinite or limits.ponder:
        return TimeBudget(None, None)
    overhead = max(0, overhead_ms) / 1000.0
    if limits.movetime is not None:
        total = max(0.001, limits.movetime / 1000.0 - overhead)
        return TimeBudget(total, total)
    remaining = limits.wtime if white_to_move else limits.btime
    if remaining is None:
        return TimeBudget(None, None)
    inc = (limits.winc if white_to_move else limits.binc) or 0
    clock = max(0.0, remaining / 1000.0)
    increment = max(0, inc) / 1000.0
    moves = limits.movestogo if limits.movestogo and limits.movestogo > 0 else None
    if moves is None:
        # Expect a game to need about 40 more moves early on and fewer later, but always plan
        # for at least 20 so the end of a sudden-death game is not starved.
        moves = max(20, 45 - ply // 4)
    usable = clock - overhead
    pool = clock + increment * (moves - 1) - overhead * (moves + 1)
    least = 0.001
    if usable <= least or pool <= least * moves:
        return TimeBudget(least, least)
    soft = pool / moves
    hard = usable * 0.8 if moves == 1 else min(usable * 0.25, soft * 4.0)
    return TimeBudget(max(least, min(soft, hard)), max(least, hard))
