"""The engine's levels 1-8: how each one searches and how it picks among its moves.

Owns: the per-level search settings (:class:`Skill`), the mapping from ``UCI_Elo`` to a
level, and the human-like choice among root moves with a temperature.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

LEVEL_MIN = 1
LEVEL_MAX = 8

LEVEL_ELO: tuple[int, ...] = (600, 800, 950, 1100, 1250, 1400, 1550, 1700)
"""Rating of each level on the Stockfish ``UCI_Elo`` scale, used for ``UCI_Elo``."""

ELO_MIN = LEVEL_ELO[0]
ELO_MAX = LEVEL_ELO[-1]


@dataclass(frozen=True)
class Skill:
    """How one level searches."""

    level: int
    max_depth: int | None
    """Deepest main search, in plies; ``None`` for no limit."""
    temperature: float
    """Centipawns; 0 always plays the best move found."""
    margin: int
    """Only moves scoring within this many centipawns of the best are candidates."""
    candidates: int = 1
    """How many best root moves the search scores exactly to choose among."""


def skill_for_level(level: int) -> Skill:
    """The settings of one level (clamped into 1-8)."""
    level = min(LEVEL_MAX, max(LEVEL_MIN, level))
    if level == LEVEL_MAX:
        return Skill(level, None, 0.0, 0)
    depth = (1, 1, 2, 2, 3, 4, 5)[level - 1]
    temperature = (120.0, 90.0, 70.0, 50.0, 35.0, 25.0, 15.0)[level - 1]
    margin = (300, 250, 200, 150, 110, 80, 50)[level - 1]
    return Skill(level, depth, temperature, margin, candidates=5)


def level_for_elo(elo: int) -> int:
    """The level whose rating is nearest to ``elo``."""
    return min(range(LEVEL_MIN, LEVEL_MAX + 1), key=lambda lv: abs(LEVEL_ELO[lv - 1] - elo))


def choose(scored: Sequence[tuple[int, T]], skill: Skill, rng: random.Random) -> T:
    """Pick a move from ``(score, move)`` pairs, best first, the way this level would.

    Moves far below the best are never considered, so a weak level still recaptures and
    saves its queen; among the rest it prefers better moves, with some temperature.
    """
    if not scored:
        raise ValueError("no moves to choose from")
    best = scored[0][0]
    if skill.temperature <= 0.0:
        return scored[0][1]
    pool = [(score, move) for score, move in scored if score >= best - skill.margin]
    weights = [math.exp((score - best) / skill.temperature) for score, _ in pool]
    return rng.choices([move for _, move in pool], weights=weights)[0]
