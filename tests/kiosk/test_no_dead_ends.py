"""An unattended kiosk always finds its way back to the attract loop, whatever a visitor left
on the screen, and counts and caps each game as it began: the choice of game times out; a
menu or the Knight's Tour opened over the game while the Turk thinks still counts as
idleness; a stop mid-game leaves the game to the journal (counted once, when it ends); staff
changing the time cap change the next game's, not the one being played; a closed app gives
back the SIGTERM handler it set."""

from __future__ import annotations

import gc
import signal
import weakref
from pathlib import Path

import chess

from game.kiosk import Phase
from game.model.session import Termination
from game.model.statistics import GameSummary
from game.ui.kiosk.overlays import StillThereScene, WindingDownScene
from game.ui.kiosk.visit_choice import VisitChoiceScene
from game.ui.scenes.knights_tour import KnightsTourScene
from game.ui.scenes.new_game import NewGameScene
from tests.kiosk.helpers import TouchToStart, make_kiosk, run_for
from tests.kiosk.test_controller import idle, start_visit
from tests.ui.helpers import click, click_at


def test_a_choice_of_game_nobody_makes_goes_back_to_the_attract_loop(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, formats=["full", "endgame"], idle_s=30,
                            still_there_s=20)
    try:
        click_at(app, (600, 300))
        assert kiosk.phase is Phase.CHOOSING and isinstance(app.stack.top, VisitChoiceScene)
        run_for(app, 30)
        click_at(app, (5, 700))  # a touch that chooses nothing keeps the screen
        run_for(app, 45)
        assert kiosk.phase is Phase.CHOOSING
        run_for(app, 10)
        assert kiosk.phase is Phase.ATTRACT and isinstance(app.stack.top, TouchToStart)
    finally:
        app.close()


def test_a_menu_opened_while_the_turk_thinks_still_times_out(tmp_path: Path) -> None:
    for opened in ("new game", "tour"):
        app, kiosk = make_kiosk(tmp_path / opened, idle, idle_s=30, still_there_s=20)
        try:
            play = start_visit(app, kiosk)
            click(app, chess.E2)
            click(app, chess.E4)  # the Turk (idle) never answers
            assert not play.match.session.is_visitor_turn
            if opened == "tour":
                app.open_tour()
                assert isinstance(app.stack.top, KnightsTourScene)
            else:
                play.press("new_game")
                assert isinstance(app.stack.top, NewGameScene)
            run_for(app, 31)
            assert isinstance(app.stack.top, StillThereScene), (opened, app.stack.scenes)
            run_for(app, 21)
            assert kiosk.phase is Phase.ATTRACT, opened
            assert play.match.session.ending is not None
        finally:
            app.close()


def test_a_stop_mid_game_leaves_the_count_to_the_resumed_game(tmp_path: Path) -> None:
    counted: list[GameSummary] = []
    app, kiosk = make_kiosk(tmp_path, idle, record=counted.append)
    try:
        start_visit(app, kiosk)
        click(app, chess.E2)
        click(app, chess.E4)
    finally:
        app.close()  # a clean stop (staff's restart, SIGTERM): the journal keeps the game
    assert counted == []
    app, kiosk = make_kiosk(tmp_path, idle, record=counted.append)
    try:
        assert kiosk.phase is Phase.PLAYING and kiosk.play is not None
        assert kiosk.play.match.session.ply == 1  # resumed
        kiosk.play.press("resign")
        kiosk.play.press("resign")
        run_for(app, 1)
    finally:
        app.close()
    assert len(counted) == 1 and not counted[0].abandoned and counted[0].moves >= 1, counted
    # Where staff chose to abandon a game a stop interrupts, it is counted at the stop.
    counted.clear()
    app, kiosk = make_kiosk(tmp_path / "abandon", idle, record=counted.append,
                            resume="abandon")
    try:
        start_visit(app, kiosk)
        click(app, chess.E2)
        click(app, chess.E4)
    finally:
        app.close()
    assert len(counted) == 1


def test_staff_changing_the_time_cap_change_the_next_game(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, time_cap_min=10)
    try:
        play = start_visit(app, kiosk)
        kiosk.apply_settings(app.settings.replace(time_cap_min=1))
        run_for(app, 70)
        assert not play.match.session.is_over
        assert play.status.time_left_s is not None and play.status.time_left_s > 8 * 60
        play.press("resign")
        play.press("resign")
        kiosk.to_attract()
        play = start_visit(app, kiosk)
        assert kiosk.game_cap_s == 60
        run_for(app, 61.2)
        assert isinstance(app.stack.top, WindingDownScene)
        run_for(app, 2)
        ending = play.match.session.ending
        assert ending is not None and ending.termination is Termination.ADJUDICATED
    finally:
        app.close()


def test_a_closed_kiosk_app_gives_back_the_sigterm_handler(tmp_path: Path) -> None:
    """While it runs, SIGTERM stops the kiosk cleanly; once closed, the handler before it is
    back, so nothing keeps the closed app (and its screens) alive."""
    before = signal.getsignal(signal.SIGTERM)
    app, kiosk = make_kiosk(tmp_path, idle)
    try:
        play = weakref.ref(start_visit(app, kiosk))
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler) and handler is not before
        handler(signal.SIGTERM, None)  # type: ignore[operator]
        assert not app.running
    finally:
        app.close()
    assert signal.getsignal(signal.SIGTERM) is before
    del app, kiosk, handler
    gc.collect()
    assert play() is None  # this app's play screen: nothing holds it any more
