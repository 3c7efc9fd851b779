"""What each level (1-8) means for an engine: options to set and a limit for each move.

Owns: :func:`plan_for_level` and :func:`level_rating`. The built-in engine gets its own
``Skill Level`` and a kiosk-sized time per move. Stockfish, or any engine that declares
``UCI_LimitStrength``/``UCI_Elo``, gets the Elo that our own level was measured at, so
"level 4" means about the same with either engine; below the lowest Elo such an engine
accepts, its ``Skill Level`` (if it has one) and a shallow depth stand in. Engines with
neither option only get less time at lower levels.

The ratings are measured, not guessed: ``benchmarks/ladder.py`` plays the levels against
each other and the top level against Stockfish at fixed ``UCI_Elo`` values; the table
below holds its results (see docs/engine.md). They are on the scale of Stockfish 15.1's
``UCI_Elo`` at one second a move.

Must not import: pygame or ``game.ui``; nothing from ``game.engine`` (a separate program).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import chess.engine

LEVELS = range(1, 9)

BUILTIN_NAME = "The Turk"
"""Start of the built-in engine's ``id name``."""

KIOSK_MOVETIME = 1.0
"""Seconds the built-in engine may think per move at any level (weak levels answer sooner)."""

_RATINGS: dict[int, int] = {1: 110, 2: 270, 3: 440, 4: 690, 5: 980, 6: 1340, 7: 1660, 8: 2020}
"""Measured rating of each level on the Stockfish ``UCI_Elo`` scale (ladder results; level 8
against Stockfish itself, the others chained down level by level, so the error bars grow
downwards: see docs/engine.md). The engine's ``LEVEL_ELO`` holds the same numbers."""

_STOCKFISH_FLOOR = 1350
"""Lowest ``UCI_Elo`` Stockfish 15 accepts; used when the engine does not say."""

_WEAK_SKILL = {1: (0, 1), 2: (0, 2), 3: (1, 3), 4: (3, 4), 5: (5, 6), 6: (8, 8)}
"""Level -> (Stockfish ``Skill Level``, depth) for levels below its lowest ``UCI_Elo``."""


@dataclass(frozen=True)
class LevelPlan:
    """How to set up an engine for one level."""

    options: Mapping[str, str | int | bool] = field(default_factory=dict)
    """UCI options to configure before a game."""
    limit: chess.engine.Limit = field(
        default_factory=lambda: chess.engine.Limit(time=KIOSK_MOVETIME))
    """The limit for each move."""


def level_rating(level: int) -> int | None:
    """The measured Elo of a level (Stockfish ``UCI_Elo`` scale), or None if unmeasured."""
    return _RATINGS.get(level)


def _bounds(engine_options: Collection[str], name: str) -> tuple[int | None, int | None]:
    """Minimum and maximum of a spin option, when the caller passed the option objects."""
    if isinstance(engine_options, Mapping):
        option = engine_options.get(name)
        if isinstance(option, chess.engine.Option):
            low = option.min if isinstance(option.min, int) else None
            high = option.max if isinstance(option.max, int) else None
            return low, high
    return None, None


def plan_for_level(level: int, *, engine_name: str,
                   engine_options: Collection[str]) -> LevelPlan:
    """The options and per-move limit that make an engine play at ``level``.

    ``engine_options`` are the names of the options the engine declared; passing
    ``engine.options`` itself (name -> option) lets the plan respect the engine's bounds.

    :raises ValueError: if ``level`` is not in :data:`LEVELS`.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 1-8, not {level}")
    if engine_name.startswith(BUILTIN_NAME) and "Skill Level" in engine_options:
        return LevelPlan({"Skill Level": level}, chess.engine.Limit(time=KIOSK_MOVETIME))
    if "UCI_LimitStrength" in engine_options and "UCI_Elo" in engine_options:
        return _limited_strength_plan(level, engine_name, engine_options)
    return LevelPlan({}, chess.engine.Limit(time=KIOSK_MOVETIME * level / len(LEVELS)))


def _limited_strength_plan(level: int, engine_name: str,
                           engine_options: Collection[str]) -> LevelPlan:
    elo = _RATINGS[level]
    low, high = _bounds(engine_options, "UCI_Elo")
    if low is None and engine_name.lower().startswith("stockfish"):
        low = _STOCKFISH_FLOOR
    if low is not None and elo < low and "Skill Level" in engine_options:
        skill, depth = _WEAK_SKILL.get(level, (0, 1))
        options: dict[str, str | int | bool] = {"UCI_LimitStrength": False,
                                                 "Skill Level": skill}
        return LevelPlan(options, chess.engine.Limit(time=KIOSK_MOVETIME, depth=depth))
    if low is not None:
        elo = max(elo, low)
    if high is not None:
        elo = min(elo, high)
    options = {"UCI_LimitStrength": True, "UCI_Elo": elo}
    if "Skill Level" in engine_options:
        options["Skill Level"] = 20  # undo a weak plan of an earlier game; UCI_Elo decides
    return LevelPlan(options, chess.engine.Limit(time=KIOSK_MOVETIME))
