"""A whole game through the real input path against the real engine process."""

from __future__ import annotations

import random
import time
from pathlib import Path

import chess
import chess.engine
import pytest

from game.match import GameSetup
from game.model.records import MoveAuthor
from game.model.session import Termination
from game.opponents.engine import EngineOpponent, builtin_command
from game.opponents.levels import LevelPlan
from game.ui.scenes.game_over import GameOverScene
from game.ui.scenes.promotion import CHOICES, PromotionScene
from tests.ui.helpers import click, click_at, drag, is_still, make_app, play_scene, steps

pytestmark = pytest.mark.slow


def quick_engine(movetime: float):  # type: ignore[no-untyped-def]
    def planner(level: int, **_: object) -> LevelPlan:
        return LevelPlan({}, chess.engine.Limit(time=movetime))

    def factory(setup: GameSetup) -> EngineOpponent:
        return EngineOpponent(builtin_command(), level=setup.level, planner=planner)
    return factory


@pytest.mark.timeout(240)
def test_a_complete_game_against_the_engine_through_mouse_events(tmp_path: Path) -> None:
    app = make_app(tmp_path, quick_engine(0.05))
    rng = random.Random(7)
    try:
        scene = play_scene(app)
        session = scene.match.session
        while not session.is_over:
            if not session.is_visitor_turn or not is_still(app):
                steps(app)
                time.sleep(0.002)  # the engine process needs the CPU more than the test
                continue
            board = session.board()
            move = rng.choice(list(board.legal_moves))
            if rng.random() < 0.5:
                drag(app, move.from_square, move.to_square)
            else:
                click(app, move.from_square)
                click(app, move.to_square)
            chooser = app.stack.top
            if isinstance(chooser, PromotionScene):
                index = CHOICES.index(move.promotion or chess.QUEEN)
                click_at(app, chooser.option_rects[index].center)
            assert session.board().move_stack[len(board.move_stack)] == move
        assert session.ending is not None, "the game did not finish"
        assert session.ending.termination not in (Termination.RESIGNATION,
                                                  Termination.ABANDONED)
        while not isinstance(app.stack.top, GameOverScene):
            steps(app)
        authors = {r.author for r in session.records}
        assert authors <= {MoveAuthor.VISITOR, MoveAuthor.ENGINE, MoveAuthor.BOOK}
        assert MoveAuthor.ENGINE in authors
    finally:
        app.close()


@pytest.mark.timeout(60)
def test_the_loop_keeps_rendering_while_the_engine_thinks(tmp_path: Path) -> None:
    app = make_app(tmp_path, quick_engine(1.5))
    try:
        scene = play_scene(app)
        drag(app, chess.E2, chess.E4)
        steps(app, 3)
        opponent = scene.match.opponent
        assert isinstance(opponent, EngineOpponent)
        frames = app.frames
        for _ in range(30):
            app.step(1 / 60)
            assert scene.match.is_turk_thinking
        assert app.frames == frames + 30
        # Had a frame waited for the engine, its 1.5 s search would be over by now.
        assert opponent.is_thinking
        assert scene.status.lines(scene.match.session, typed="")[0].startswith("The Turk")
        while scene.match.session.ply < 2:
            steps(app)
            time.sleep(0.002)
        assert scene.match.session.records[1].author is MoveAuthor.ENGINE
    finally:
        app.close()
