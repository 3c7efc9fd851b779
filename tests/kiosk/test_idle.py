"""The two-tier idle rule on its own: quiet time counts only on the visitor's turn."""

from __future__ import annotations

from game.model.idle import IdleState, IdleWatch


def test_asks_after_idle_then_expires_after_the_countdown() -> None:
    watch = IdleWatch(idle_s=90, countdown_s=20)
    assert watch.update(89.9, visitor_to_move=True) is IdleState.ACTIVE
    assert watch.update(0.2, visitor_to_move=True) is IdleState.ASKING
    assert watch.remaining_s == 20
    assert watch.update(19.9, visitor_to_move=True) is IdleState.ASKING
    assert watch.update(0.2, visitor_to_move=True) is IdleState.EXPIRED
    watch.touch()  # too late: the game is closed
    assert watch.state is IdleState.EXPIRED
    watch.reset()
    assert watch.state is IdleState.ACTIVE and watch.quiet_s == 0


def test_the_turks_turn_is_not_the_visitors_idleness() -> None:
    watch = IdleWatch(idle_s=90, countdown_s=20)
    assert watch.update(500, visitor_to_move=False) is IdleState.ACTIVE
    watch.update(60, visitor_to_move=True)
    watch.touch()
    assert watch.update(89, visitor_to_move=True) is IdleState.ACTIVE


def test_a_touch_while_asked_answers() -> None:
    watch = IdleWatch(idle_s=10, countdown_s=20)
    watch.update(11, visitor_to_move=True)
    watch.update(15, visitor_to_move=False)  # the countdown runs whoever is to move
    assert watch.state is IdleState.ASKING and watch.remaining_s == 5
    watch.touch()
    assert watch.state is IdleState.ACTIVE and watch.remaining_s == 20
