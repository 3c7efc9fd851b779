"""The game's side of levels: what each level means for the built-in engine and others."""

from __future__ import annotations

import chess.engine
import pytest

from game.engine.skill import LEVEL_ELO
from game.opponents.levels import LEVELS, level_rating, plan_for_level

TURK = "The Turk 0.1.0"


def test_builtin_engine_gets_its_skill_level_and_a_kiosk_time() -> None:
    for level in LEVELS:
        plan = plan_for_level(level, engine_name=TURK, engine_options=["Skill Level", "Hash"])
        assert plan.options == {"Skill Level": level}
        assert plan.limit.time is not None and 0 < plan.limit.time <= 3.0


def test_limited_strength_engines_get_rising_elo_within_their_bounds() -> None:
    options = {"UCI_LimitStrength": chess.engine.Option("UCI_LimitStrength", "check", False,
                                                         None, None, None),
               "UCI_Elo": chess.engine.Option("UCI_Elo", "spin", 1350, 1350, 2850, None)}
    elos = []
    for level in LEVELS:
        plan = plan_for_level(level, engine_name="Other 1.0", engine_options=options)
        assert plan.options["UCI_LimitStrength"] is True
        elo = plan.options["UCI_Elo"]
        assert isinstance(elo, int) and 1350 <= elo <= 2850
        elos.append(elo)
    assert elos == sorted(elos)


def test_stockfish_below_its_lowest_elo_plays_shallow_with_low_skill() -> None:
    names = ["UCI_LimitStrength", "UCI_Elo", "Skill Level", "Hash"]
    weakest = plan_for_level(1, engine_name="Stockfish 15.1", engine_options=names)
    strongest = plan_for_level(8, engine_name="Stockfish 15.1", engine_options=names)
    assert weakest.options.get("UCI_LimitStrength") is False
    assert weakest.limit.depth is not None and weakest.limit.depth <= 2
    assert strongest.options["UCI_LimitStrength"] is True


def test_engines_without_strength_options_get_less_time_at_low_levels() -> None:
    times = [plan_for_level(level, engine_name="Plain", engine_options=["Hash"]).limit.time
             for level in LEVELS]
    assert all(t is not None for t in times)
    assert times == sorted(times)


def test_out_of_range_levels_are_refused() -> None:
    with pytest.raises(ValueError, match="1-8"):
        plan_for_level(9, engine_name=TURK, engine_options=["Skill Level"])


def test_measured_ratings_agree_with_the_engines_own_table() -> None:
    for level in LEVELS:
        rating = level_rating(level)
        if rating is not None:
            assert abs(rating - LEVEL_ELO[level - 1]) <= 25, level
