"""The scripted visitor plays through the play screen's own hand: its moves are taps that the
input translator, the board and the promotion chooser see like a person's — it skips the
show and the Turk's words as an impatient visitor would, and never touches the session."""

from __future__ import annotations

from pathlib import Path

import chess
import pytest

from game.app import App
from game.model.records import MoveAuthor
from game.opponents.scripted import ScriptedOpponent
from game.ui.scenes.exhibition import ExhibitionScene
from game.ui.scripted_visitor import ScriptedVisitor
from tests.ui.helpers import STEP, make_app, play_scene


class Hand:
    """Records what the play screen reports of the visitor's hand."""

    def __init__(self) -> None:
        self.lifted: list[chess.Square] = []

    def piece_lifted(self, square: chess.Square) -> None:
        self.lifted.append(square)

    def piece_dropped(self, square: chess.Square | None) -> None:
        """Nothing to record."""


def script(*ucis: str) -> list[chess.Move]:
    return [chess.Move.from_uci(uci) for uci in ucis]


def seat(app: App, moves: list[chess.Move]) -> tuple[ScriptedVisitor, Hand]:
    visitor = ScriptedVisitor(ScriptedOpponent(moves))
    app.companions.append(visitor)
    play = play_scene(app)
    visitor.attach(play)
    hand = Hand()
    play.observer = hand
    return visitor, hand


def run_until_over(app: App, *, max_steps: int = 6000) -> None:
    session = play_scene(app).match.session
    for _ in range(max_steps):
        if session.is_over:
            return
        app.step(STEP)
    raise AssertionError(f"the game did not end; records: {session.records}")


def test_it_skips_the_show_and_the_words_and_taps_a_whole_game(tmp_path: Path) -> None:
    moves = script("e2e4", "f7f5", "e4f5", "g7g5", "d1h5")  # the visitor mates
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(moves), show=True, greeting=True)
    try:
        assert isinstance(app.stack.top, ExhibitionScene)
        visitor, hand = seat(app, moves)
        run_until_over(app)
        session = play_scene(app).match.session
        assert [r.uci for r in session.records] == [m.uci() for m in moves]
        assert [r.author for r in session.records] == [
            MoveAuthor.VISITOR, MoveAuthor.SCRIPTED] * 2 + [MoveAuthor.VISITOR]
        froms = (chess.E2, chess.E4, chess.D1)
        assert [s for s in hand.lifted if s in froms] == list(froms)
        assert visitor.moves_entered == 3
        assert not any(isinstance(s, ExhibitionScene) for s in app.stack.scenes)
    finally:
        app.close()


@pytest.mark.parametrize("piece", ["n", "q"])
def test_it_promotes_through_the_chooser(tmp_path: Path, piece: str) -> None:
    moves = script(f"e7e8{piece}", "a8b7")
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(moves),
                   fen="k7/4P3/8/8/8/8/8/K7 w - - 0 1")
    try:
        seat(app, moves)
        session = play_scene(app).match.session
        for _ in range(600):
            if session.ply >= 1:
                break
            app.step(STEP)
        assert session.records[0].uci == f"e7e8{piece}"
        assert session.records[0].author is MoveAuthor.VISITOR
    finally:
        app.close()
