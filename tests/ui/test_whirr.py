"""The clockwork whirrs while the Turk thinks and moves, and stops with it: a visitor who
resigns while the Turk is thinking must not leave it (and its caption) running through the
game-over panel, the guess and the reveal."""

from __future__ import annotations

from pathlib import Path

import chess

from game.opponents.idle import IdleOpponent
from tests.ui.helpers import click, make_app, play_scene, steps


def test_the_whirr_stops_when_the_visitor_resigns_while_the_turk_thinks(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent())
    try:
        play = play_scene(app)
        click(app, chess.E2)
        click(app, chess.E4)  # the Turk thinks (and never answers)
        steps(app, 30)
        sounds = app.services.sounds
        assert sounds.is_looping("whirr") and play.captions.lines
        play.press("resign")
        play.press("resign")
        steps(app, 30)
        assert play.match.session.is_over
        assert not sounds.is_looping("whirr")
        assert not play.automaton.captions.is_held("whirr")
    finally:
        app.close()
