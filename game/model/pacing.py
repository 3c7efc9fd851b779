"""Human-like pacing of the Turk's moves, so timing never tells who chose them.

Owns: ``Pacing`` (the settings) and ``planned_think_s`` — how long the Turk appears to think
about a position. Every source of Turk moves passes through the same plan: an engine's move is
held back until the planned time has passed; a person's move is never shown sooner than the
minimum. Poe noticed in 1836 that the real Turk took longer over hard positions, so the plan
grows with the number of choices and with tension on the board, with a natural spread.

Must not import: pygame, clocks (time is passed in), or anything above ``game.model``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import chess


@dataclass(frozen=True)
class Pacing:
    """How long the Turk seems to think."""

    min_think_s: float = 1.2
    """No Turk move is shown sooner than this after the visitor's move."""
    max_think_s: float = 7.0
    """An engine's move is never held longer than this."""
    per_choice_s: float = 0.045
    """Extra time for each legal move in the position (more choice, more thought)."""
    spread: float = 0.35
    """Standard deviation of the log-normal variation (0 = always the same)."""

    @classmethod
    def instant(cls) -> Pacing:
        """No pacing at all (tests, benchmarks, analysis)."""
        return cls(min_think_s=0.0, max_think_s=0.0, per_choice_s=0.0, spread=0.0)


def planned_think_s(board: chess.Board, rng: random.Random, pacing: Pacing) -> float:
    """How long the Turk should appear to think in ``board`` (the side to move is the Turk).

    Forced replies come quickly, the first moves of a game briskly, tense positions (check,
    many captures) and positions with many choices slowly.
    """
    if pacing.max_think_s <= 0:
        return 0.0
    choices = board.legal_moves.count()
    if choices <= 1:
        return pacing.min_think_s
    captures = sum(1 for move in board.legal_moves if board.is_capture(move))
    base = pacing.min_think_s + pacing.per_choice_s * choices + 0.12 * captures
    if board.is_check():
        base += 0.6
    if board.fullmove_number <= 4:
        base *= 0.7
    variation = math.exp(rng.gauss(0.0, pacing.spread)) if pacing.spread > 0 else 1.0
    return max(pacing.min_think_s, min(pacing.max_think_s, base * variation))
