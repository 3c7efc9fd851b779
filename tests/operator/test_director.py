"""The director with a hand-driven clock: who makes each Turk move, the countdown, the lever."""

from __future__ import annotations

import pytest

from game.model.director import Director, DirectorSettings, Hand

LIMIT = 30.0


def present_director(now: float = 0.0) -> Director:
    director = Director(DirectorSettings(standin_after_s=LIMIT), now=now)
    director.operator_joined(now)
    director.begin_game(now)
    return director


def test_a_present_operator_has_the_hand_with_a_countdown() -> None:
    director = present_director()
    assert director.begin_turn("g", 1, 10.0, think_s=2.0) is Hand.OPERATOR
    assert director.countdown_s(10.0) == LIMIT
    assert director.countdown_s(25.0) == pytest.approx(15.0)
    assert not director.tick(39.9)
    assert director.accept_operator_move("g", 1, 39.9)
    assert director.countdown_s(39.9) is None
    assert not director.tick(100.0), "an answered turn never goes to the engine"


def test_a_silent_operator_is_replaced_at_the_limit_and_the_move_is_held_a_while() -> None:
    director = present_director()
    director.begin_turn("g", 1, 10.0, think_s=2.5)
    assert not director.tick(39.99)
    assert director.tick(40.0)
    assert not director.tick(40.1), "the stand-in starts once"
    assert director.hand is Hand.ENGINE
    assert director.countdown_s(40.0) is None
    assert not director.may_release_standin(42.4)
    assert director.may_release_standin(42.5)
    assert not director.accept_operator_move("g", 1, 41.0), "too late: the engine has it"


def test_a_late_move_checks_the_limit_itself() -> None:
    director = present_director()
    director.begin_turn("g", 1, 0.0, think_s=1.0)
    assert not director.accept_operator_move("g", 1, LIMIT + 0.5)
    assert director.hand is Hand.ENGINE


def test_control_returns_to_the_operator_at_the_next_move() -> None:
    director = present_director()
    director.begin_turn("g", 1, 0.0, think_s=1.0)
    assert director.tick(LIMIT)
    director.end_turn()
    assert director.begin_turn("g", 3, 50.0, think_s=1.0) is Hand.OPERATOR
    assert director.accept_operator_move("g", 3, 51.0)


def test_moves_for_another_turn_are_refused() -> None:
    director = present_director()
    director.begin_turn("g", 5, 0.0, think_s=1.0)
    assert not director.accept_operator_move("g", 3, 1.0)
    assert not director.accept_operator_move("other", 5, 1.0)
    assert director.accept_operator_move("g", 5, 1.0)
    assert not director.accept_operator_move("g", 5, 1.1), "a repeat is not a second move"
    director.end_turn()
    assert not director.accept_operator_move("g", 5, 2.0)


def test_an_operator_who_leaves_mid_move_still_has_until_the_limit() -> None:
    director = present_director()
    director.begin_turn("g", 1, 0.0, think_s=1.0)
    director.operator_left(5.0)
    assert director.countdown_s(5.0) == pytest.approx(LIMIT - 5.0)
    assert not director.tick(LIMIT - 0.1)
    director.operator_joined(20.0)  # back in time: the move is still theirs
    assert director.accept_operator_move("g", 1, 21.0)


def test_an_operator_gone_past_the_limit_is_not_waited_for_until_they_return() -> None:
    director = present_director()
    director.operator_left(0.0)
    director.begin_turn("g", 1, 10.0, think_s=3.0)
    assert director.countdown_s(10.0) == pytest.approx(LIMIT - 10.0), "gone 10 s of 30"
    assert director.tick(LIMIT)
    director.end_turn()
    assert director.begin_turn("g", 3, 60.0, think_s=3.0) is Hand.ENGINE
    assert director.may_release_standin(60.0), "the match paces an immediate stand-in"
    assert not director.tick(61.0)
    director.end_turn()
    director.operator_joined(70.0)
    assert director.begin_turn("g", 5, 80.0, think_s=3.0) is Hand.OPERATOR


def test_no_operator_yet_counts_from_the_start_of_the_session() -> None:
    director = Director(DirectorSettings(standin_after_s=LIMIT), now=100.0)
    director.begin_game(100.0)
    assert director.begin_turn("g", 0, 101.0, think_s=1.0) is Hand.OPERATOR
    assert director.countdown_s(101.0) == pytest.approx(LIMIT - 1.0)
    director.end_turn()
    assert director.begin_turn("g", 2, 100.0 + LIMIT, think_s=1.0) is Hand.ENGINE


def test_time_at_the_lever_counts_only_while_present_during_the_game() -> None:
    director = Director(DirectorSettings(standin_after_s=LIMIT), now=0.0)
    director.operator_joined(5.0)  # before the game: not counted
    director.begin_game(10.0)
    director.operator_left(70.0)  # 60 s
    director.operator_joined(100.0)
    assert director.lever_s(130.0) == pytest.approx(90.0)
    director.end_game(160.0)  # +60 s
    assert director.lever_s(500.0) == pytest.approx(120.0)
    director.begin_game(600.0)
    assert director.lever_s(630.0) == pytest.approx(30.0), "each game counts afresh"


def test_joining_twice_or_leaving_twice_changes_nothing() -> None:
    director = present_director(0.0)
    director.operator_joined(10.0)
    director.operator_left(20.0)
    director.operator_left(25.0)
    assert director.lever_s(40.0) == pytest.approx(20.0)


def test_the_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        DirectorSettings(standin_after_s=0)
