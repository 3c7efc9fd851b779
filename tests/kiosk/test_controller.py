"""The kiosk's phases with the real app: a touch starts a visit; a visitor who walks away is
asked, then the game is closed as abandoned (archived) and the kiosk resets; the time cap
winds the Turk down and the position decides; formats set up their games."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chess
import chess.pgn
import pygame

from game.kiosk import KioskController, Phase
from game.model.formats import ODDS_FEN, endgame_named
from game.model.session import Termination
from game.opponents.idle import IdleOpponent
from game.ui.kiosk.overlays import StillThereScene, WindingDownScene
from game.ui.kiosk.visit_choice import VisitChoiceScene
from game.ui.scenes.play import PlayScene
from tests.kiosk.helpers import TouchToStart, make_kiosk, run_for
from tests.ui.helpers import click, click_at, steps


def idle(_setup: object) -> IdleOpponent:
    return IdleOpponent()


def archived(tmp_path: Path) -> list[chess.pgn.Game]:
    games = []
    for path in sorted((tmp_path / "games").glob("*.pgn")):
        with open(path, encoding="utf-8") as handle:
            game = chess.pgn.read_game(handle)
            assert game is not None
            games.append(game)
    return games


def start_visit(app: object, kiosk: KioskController) -> PlayScene:
    assert kiosk.phase is Phase.ATTRACT
    assert isinstance(app.stack.top, TouchToStart)  # type: ignore[attr-defined]
    click_at(app, (600, 300))  # type: ignore[arg-type]
    assert kiosk.phase is Phase.PLAYING and kiosk.play is not None
    return kiosk.play


def test_a_touch_on_the_attract_loop_starts_a_visit(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle)
    try:
        play = start_visit(app, kiosk)
        assert app.stack.scenes[0] is play and play.match.session.headers["VisitFormat"] == "full"
        assert play.match.session.headers["TimeCap"] == "600"
    finally:
        app.close()


def test_a_visitor_who_walks_away_is_asked_then_the_game_is_closed_and_archived(
        tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, idle_s=30, still_there_s=20, language="en")
    try:
        play = start_visit(app, kiosk)
        app.services.strings.language = "de"  # the visitor chose German
        click(app, chess.E2)
        click(app, chess.E4)  # the Turk (idle) never answers: the visitor is not to move
        run_for(app, 60)
        assert not any(isinstance(s, StillThereScene) for s in app.stack.scenes)
        game_id = play.match.session.game_id
        play.match.session.take_back()  # the visitor is to move again, and walks away
        run_for(app, 29)
        assert not isinstance(app.stack.top, StillThereScene)
        run_for(app, 2)
        assert isinstance(app.stack.top, StillThereScene)
        run_for(app, 19)
        assert kiosk.phase is Phase.PLAYING
        run_for(app, 2)
        assert kiosk.phase is Phase.ATTRACT and isinstance(app.stack.top, TouchToStart)
        assert app.services.strings.language == "en"  # the next visitor's choices are fresh
        assert play.match.session.ending is not None
        assert play.match.session.ending.termination is Termination.ABANDONED
        app.archive.close()
        games = archived(tmp_path)
        assert [g.headers["Result"] for g in games] == ["*"]
        assert game_id in sorted((tmp_path / "games").glob("*.pgn"))[0].name
    finally:
        app.close()


def test_a_touch_answers_still_playing_and_the_game_goes_on(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, idle_s=30, still_there_s=20)
    try:
        play = start_visit(app, kiosk)
        run_for(app, 31)
        assert isinstance(app.stack.top, StillThereScene)
        click_at(app, (20, 700))
        assert app.stack.top is play and kiosk.watch.quiet_s < 0.1
        run_for(app, 25)
        assert app.stack.top is play and not play.match.session.is_over
        run_for(app, 10)
        assert isinstance(app.stack.top, StillThereScene)  # idle again: asked again
    finally:
        app.close()


def test_the_time_cap_winds_down_and_material_decides(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, time_cap_min=1)
    try:
        play = start_visit(app, kiosk)
        run_for(app, 59)
        assert not play.match.session.is_over
        run_for(app, 1.2)
        assert isinstance(app.stack.top, WindingDownScene)
        click(app, chess.E2)  # the board is out of reach while the position is judged
        assert play.match.session.ply == 0
        run_for(app, 2)
        ending = play.match.session.ending
        assert ending is not None and ending.termination is Termination.ADJUDICATED
        assert ending.winner is None  # level material: a draw
        assert kiosk.phase is Phase.AFTER
        assert play.match.session.headers["Adjudication"] == "material: material +0"
    finally:
        app.close()


class Verdict:
    """An engine evaluation that arrives after a few polls."""

    def __init__(self, cp: int) -> None:
        self.cp, self.polls, self.closed = cp, 0, False

    def start(self, board: chess.Board) -> None:
        self.board = board

    def poll(self) -> int | None:
        self.polls += 1
        return self.cp if self.polls > 30 else None

    def close(self) -> None:
        self.closed = True


def test_the_time_cap_uses_the_engines_evaluation(tmp_path: Path) -> None:
    verdict = Verdict(-350)
    app, kiosk = make_kiosk(tmp_path, idle, time_cap_min=1, evaluator=lambda: verdict,
                            color="white")
    try:
        play = start_visit(app, kiosk)
        run_for(app, 61)
        steps(app, 40)
        ending = play.match.session.ending
        assert ending is not None and ending.winner == chess.BLACK and verdict.closed
        assert "evaluation -350 cp" in play.match.session.headers["Adjudication"]
    finally:
        app.close()


def test_formats_offered_let_the_visitor_choose_an_endgame_and_its_side(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, formats=["full", "endgame", "odds"])
    try:
        click_at(app, (600, 300))
        assert kiosk.phase is Phase.CHOOSING
        scene = app.stack.top
        assert isinstance(scene, VisitChoiceScene)
        endgame = scene.buttons.button("format:endgame").rect
        assert endgame is not None
        click_at(app, endgame.center)
        hold = scene.buttons.button("side:black").rect
        assert hold is not None and scene.choosing_side
        click_at(app, hold.center)
        assert kiosk.play is not None and kiosk.phase is Phase.PLAYING
        session = kiosk.play.match.session
        key = session.headers["Endgame"]
        assert session.start_fen == endgame_named(key).fen
        assert session.visitor_color == chess.BLACK and session.headers["VisitFormat"] == "endgame"
    finally:
        app.close()


def test_pawn_and_move_gives_the_visitor_white_and_the_first_move(tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle, formats=["odds", "full"], color="black")
    try:
        click_at(app, (600, 300))
        scene = app.stack.top
        assert isinstance(scene, VisitChoiceScene)
        odds = scene.buttons.button("format:odds").rect
        assert odds is not None
        click_at(app, odds.center)
        assert kiosk.play is not None
        session = kiosk.play.match.session
        assert session.start_fen == ODDS_FEN and session.visitor_color == chess.WHITE
        assert session.is_visitor_turn
    finally:
        app.close()


def test_after_the_reveal_nobody_there_means_attract_a_touch_means_play_again(
        tmp_path: Path) -> None:
    app, kiosk = make_kiosk(tmp_path, idle)
    try:
        first = start_visit(app, kiosk)
        run_for(app, 5)
        app.reveal.finish()  # the reveal finished by itself, nobody touched since
        assert kiosk.phase is Phase.ATTRACT
        start_visit(app, kiosk)
        post_touch = (pygame.MOUSEBUTTONDOWN, {"pos": (5, 5), "button": 1})
        pygame.event.post(pygame.event.Event(post_touch[0], post_touch[1]))
        steps(app)
        app.reveal.finish()  # "Play again", just touched
        assert kiosk.phase is Phase.PLAYING and kiosk.play is not first
    finally:
        app.close()


def test_outside_opening_hours_the_kiosk_shows_its_closed_card(tmp_path: Path) -> None:
    clock = [dt.datetime(2026, 12, 7, 8, 58)]  # a Monday, before opening

    class Closed(TouchToStart):
        pass

    def closed(services: object, hours: object, now: object) -> Closed:
        return Closed(("en",), lambda _language: None)

    app, kiosk = make_kiosk(tmp_path, idle, hours=["mon-fri 09:00-17:00"], closed=closed,
                            now=lambda: clock[0])
    try:
        assert kiosk.phase is Phase.CLOSED and isinstance(app.stack.top, Closed)
        click_at(app, (600, 300))
        assert kiosk.phase is Phase.CLOSED
        clock[0] = dt.datetime(2026, 12, 7, 9, 0)
        run_for(app, 25)
        assert kiosk.phase is Phase.ATTRACT
        clock[0] = dt.datetime(2026, 12, 7, 17, 0)
        run_for(app, 25)
        assert kiosk.phase is Phase.CLOSED
    finally:
        app.close()
