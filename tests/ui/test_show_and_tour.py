"""The presenter's show and the Knight's Tour, headless through the real app."""

from __future__ import annotations

from pathlib import Path

import chess

from game.opponents.idle import IdleOpponent
from game.ui.captions import reading_seconds
from game.ui.scenes.exhibition import STEPS, ExhibitionScene
from game.ui.scenes.knights_tour import KnightsTourScene
from game.ui.scenes.play import PlayScene
from tests.ui.helpers import click_at, make_app, steps


def test_the_show_runs_its_steps_in_poes_order_then_the_game_begins(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), show=True)
    try:
        show = app.stack.top
        assert isinstance(show, ExhibitionScene)
        seen = []
        # Each step stays for its movement or its caption's reading time, whichever is longer.
        words = app.services.strings
        longest = sum(max(s.seconds, reading_seconds(
            f"{words.get('turk.exhibition.speaker')}: {words.get(f'turk.exhibition.{s.caption}')}"))
            for s in STEPS)
        for _ in range(round(longest * 60) + 120):
            if not isinstance(app.stack.top, ExhibitionScene):
                break
            if show.step.caption not in seen:
                seen.append(show.step.caption)
                layers = show.cabinet_parts
                if show.step.caption == "candle":
                    assert "cabinet_front_door1_open" in layers and show.step.candle
                if show.step.caption == "turn_round":
                    assert show.automaton.turned_round
            steps(app)
        assert seen == [step.caption for step in STEPS]
        assert isinstance(app.stack.top, PlayScene)
    finally:
        app.close()


def test_the_show_can_be_skipped(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), show=True)
    try:
        show = app.stack.top
        assert isinstance(show, ExhibitionScene)
        skip = show.buttons.button("skip")
        assert skip.rect is not None
        click_at(app, skip.rect.center)
        assert isinstance(app.stack.top, PlayScene)
    finally:
        app.close()


def test_the_knights_tour_visits_every_square_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent())
    try:
        tour = app.open_tour()
        assert isinstance(app.stack.top, KnightsTourScene)
        click_at(app, tuple(round(v) for v in tour.board.geometry.square_center(chess.G1)))
        assert tour.path[0] == chess.G1 and len(set(tour.path)) == 64
        for _ in range(60 * 200):
            if tour.visited == 64:
                break
            tour.update(1 / 60)
        assert tour.visited == 64
        assert tour.counters[chess.G1] == "white"
        assert sorted(c for s, c in tour.counters.items() if s != chess.G1) == ["red"] * 63
        assert tour.board.state.pieces == {tour.path[-1]: chess.Piece.from_symbol("N")}
        close = tour.buttons.button("close")
        assert close.rect is not None
        click_at(app, close.rect.center)
        assert isinstance(app.stack.top, PlayScene)
    finally:
        app.close()
