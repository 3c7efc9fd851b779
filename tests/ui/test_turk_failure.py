"""When the Turk's player fails (an engine that died twice in one move, say), nobody at a
kiosk can press New game: the play screen says so, asks the player again a few seconds later,
and the game goes on once it answers. A kiosk whose Turk keeps failing ends the visit as an
untouched one ends, and goes back to its attract loop."""

from __future__ import annotations

from pathlib import Path

import chess
import pytest

from game.kiosk import Phase
from game.opponents.base import MoveReply, MoveRequest, OpponentError
from game.opponents.scripted import ScriptedOpponent
from game.ui.scenes.play import RETRY_FAILED_S
from tests.kiosk.helpers import make_kiosk, run_for
from tests.kiosk.test_controller import start_visit
from tests.ui.helpers import click, make_app, play_scene, steps

pytestmark = pytest.mark.expect_error_log  # the failures are logged as errors


class FailsFirst(ScriptedOpponent):
    """Fails the first ``failures`` requests, then plays its script."""

    def __init__(self, moves: list[chess.Move], failures: int) -> None:
        super().__init__(moves)
        self.failures = failures
        self.requests = 0

    def request_move(self, request: MoveRequest) -> None:
        self.requests += 1
        super().request_move(request)

    def poll(self) -> MoveReply | None:
        if self.failures > 0:
            self.failures -= 1
            raise OpponentError("the engine died twice")
        return super().poll()


MOVES = [chess.Move.from_uci(u) for u in ("e2e4", "e7e5", "g1f3", "b8c6")]


def test_the_turks_player_is_asked_again_after_it_failed(tmp_path: Path) -> None:
    turk = FailsFirst(MOVES, failures=2)
    app = make_app(tmp_path, lambda setup: turk)
    try:
        play = play_scene(app)
        click(app, chess.E2)
        click(app, chess.E4)
        steps(app, 10)
        assert play.turk_failed and play.match.session.ply == 1
        steps(app, round(RETRY_FAILED_S * 60) + 10)
        assert play.turk_failed and turk.requests == 2  # asked again, failed again
        steps(app, round(RETRY_FAILED_S * 60) + 10)
        assert turk.requests == 3
        steps(app, 240)  # the arm carries the answer
        assert not play.turk_failed and play.match.session.ply == 2
    finally:
        app.close()


def test_a_kiosk_whose_turk_keeps_failing_goes_back_to_its_attract_loop(
        tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, lambda setup: FailsFirst(MOVES, failures=10**6),
                            idle_s=30, still_there_s=20)
    try:
        play = start_visit(app, kiosk)
        click(app, chess.E2)
        click(app, chess.E4)
        run_for(app, 60)
        assert kiosk.phase is Phase.ATTRACT
        assert play.match.session.ending is not None
    finally:
        app.close()


def test_the_visitor_is_told_the_mechanism_jammed_and_not_why(tmp_path: Path) -> None:
    """The failure's reason names the engine and the position: it goes to the log. Shown on
    the status line it would tell the visitor a machine plays, before the reveal."""
    turk = FailsFirst(MOVES, failures=10**6)
    app = make_app(tmp_path, lambda setup: turk)
    try:
        play = play_scene(app)
        click(app, chess.E2)
        click(app, chess.E4)
        steps(app, 10)
        assert play.turk_failed
        for language, engine in (("en", "engine"), ("de", "maschine"), ("fr", "moteur")):
            play.set_language(language)
            main, quiet = play.status.lines(play.match.session, typed="")
            assert main == app.services.strings.get("ui.status.turk_jammed")
            assert "died twice" not in main + quiet
            assert engine not in (main + quiet).lower()
    finally:
        app.close()
