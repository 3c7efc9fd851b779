"""What each level (1–8) means for an engine: options to set and a limit for each move.

Stand-in until the measured table lands; the API is the agreed one.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import chess.engine

LEVELS = range(1, 9)


@dataclass(frozen=True)
class LevelPlan:
    options: Mapping[str, str | int | bool] = field(default_factory=dict)
    limit: chess.engine.Limit = field(default_factory=lambda: chess.engine.Limit(time=1.0))


def plan_for_level(level: int, *, engine_name: str, engine_options: Collection[str]) -> LevelPlan:
    movetime = 0.2 + 0.25 * (level - 1)
    if "Skill Level" in engine_options and engine_name.startswith("The Turk"):
        return LevelPlan({"Skill Level": level}, chess.engine.Limit(time=movetime))
    if "UCI_Elo" in engine_options:
        return LevelPlan({"UCI_LimitStrength": True, "UCI_Elo": 1320 + 140 * (level - 1)},
                         chess.engine.Limit(time=movetime))
    return LevelPlan({}, chess.engine.Limit(time=movetime))


def level_rating(level: int) -> int | None:
    return None
