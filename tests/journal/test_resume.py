"""The journal in the real app: after a crash the game in progress comes back where it stood
(solo and kiosk) with its authors and crew, so the reveal tells the same truth; a kiosk set to
``abandon`` archives it and starts afresh; ``--pgn`` still continues a saved game; a journal
that cannot be written is an ERROR once and the visit goes on."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import chess
import pytest

from game.app import App, Launch
from game.config import Settings
from game.kiosk import Phase
from game.match import Crew, GameSetup
from game.model.journal import read_journal
from game.model.pgn import read_pgn
from game.opponents.random_moves import RandomOpponent
from game.ui.reveal.facts import facts_from_match
from game.ui.scenes.play import PlayScene
from tests.journal.helpers import archived_games, journal_files
from tests.kiosk.helpers import TouchToStart, make_kiosk
from tests.reveal.test_flow_e2e import CREWS, GAME, TURK, AuthoredScript
from tests.ui.helpers import click, click_at, make_app, play_scene, settle


def random_mover(setup: GameSetup) -> RandomOpponent:
    return RandomOpponent(seed=3)


def visitor_moves(app: App, count: int) -> None:
    """The visitor taps ``count`` moves on the board (the first legal one in UCI order); the
    Turk answers each."""
    for _ in range(count):
        settle(app, 0.1)
        session = play_scene(app).match.session
        if session.is_over:
            return
        move = sorted(session.board().legal_moves, key=chess.Move.uci)[0]
        click(app, move.from_square)
        click(app, move.to_square)
        settle(app, 0.3)


def crash(app: App) -> None:
    """The process dies: what its journal wrote is on the disk; nothing is closed."""
    app.journal.flush()


def test_a_solo_game_comes_back_where_it_stood_after_a_crash(tmp_path: Path) -> None:
    app = make_app(tmp_path, random_mover, color="black", level=2)
    visitor_moves(app, 3)
    before = play_scene(app).match.session
    assert before.ply == 7 and before.is_visitor_turn
    crash(app)
    again = make_app(tmp_path, random_mover, color="white", level=5)
    try:
        play = play_scene(again)
        session = play.match.session
        assert session.game_id == before.game_id
        assert session.position == before.position and session.is_visitor_turn
        assert session.visitor_color == chess.BLACK  # the game's, not today's settings
        assert session.records == before.records
        assert [type(s) for s in again.stack.scenes] == [PlayScene]  # no show, no greeting
        visitor_moves(again, 1)  # and it goes on
        assert session.ply == 9
        again.journal.flush()
        journaled = read_journal(journal_files(tmp_path)[0].read_text(encoding="ascii"))
        assert journaled is not None and journaled.session.records == session.records
    finally:
        again.close()


def test_a_quit_game_also_comes_back_at_the_next_start(tmp_path: Path) -> None:
    app = make_app(tmp_path, random_mover)
    visitor_moves(app, 2)
    records = play_scene(app).match.session.records
    app.close()
    again = make_app(tmp_path, random_mover)
    try:
        assert play_scene(again).match.session.records == records
    finally:
        again.close()


def play_authored(app: App, mode: str, *, visitor_moves_from: int, to: int,
                  lever_base: int) -> None:
    """The visitor plays GAME's moves ``visitor_moves_from`` to ``to`` (by index of the
    visitor's moves); before each, a host would have counted the operator's time at the lever
    since this process started."""
    play = play_scene(app)
    for index in range(visitor_moves_from, to):
        play.match.operator_seconds = 30.0 * (index - lever_base)
        move = chess.Move.from_uci(GAME[2 * index])
        click(app, move.from_square)
        click(app, move.to_square)
        settle(app, 0.6)


@pytest.mark.parametrize("mode", list(TURK))
def test_a_resumed_games_reveal_facts_equal_the_uninterrupted_games(
        tmp_path: Path, mode: str) -> None:
    def factory(setup: GameSetup) -> AuthoredScript:
        return AuthoredScript(GAME, TURK[mode])

    whole = make_app(tmp_path / "whole", factory)
    try:
        play_scene(whole).match.crew = CREWS[mode]
        play_authored(whole, mode, visitor_moves_from=0, to=7, lever_base=0)
        assert play_scene(whole).match.session.is_over
        expected = facts_from_match(play_scene(whole).match)
    finally:
        whole.close()

    first = make_app(tmp_path / "cut", factory)
    play_scene(first).match.crew = CREWS[mode]
    play_authored(first, mode, visitor_moves_from=0, to=3, lever_base=0)
    crash(first)
    again = make_app(tmp_path / "cut", factory)
    try:
        match = play_scene(again).match
        assert match.session.ply == 6
        if mode != "engine":  # the host after a restart: the operator has not come back yet
            match.crew = Crew(CREWS[mode].mode, engine_name=CREWS[mode].engine_name)
        play_authored(again, mode, visitor_moves_from=3, to=7, lever_base=2)
        assert match.session.is_over
        facts = facts_from_match(match)
    finally:
        again.close()
    assert dataclasses.replace(facts, game_id="") == dataclasses.replace(expected, game_id="")
    assert facts.operator_name == CREWS[mode].operator_name
    assert facts.operator_seconds == 180.0  # 60 s before the crash, 120 s after


def kiosk_visit_with_moves(tmp_path: Path,
                           **settings: object) -> tuple[App, str, tuple[object, ...]]:
    app, kiosk = make_kiosk(tmp_path, random_mover, **settings)
    click_at(app, (600, 300))  # a visitor touches the attract loop
    assert kiosk.phase is Phase.PLAYING
    visitor_moves(app, 3)
    session = play_scene(app).match.session
    return app, session.game_id, session.records


def test_a_kiosk_visit_comes_back_after_a_crash(tmp_path: Path) -> None:
    first, game_id, records = kiosk_visit_with_moves(tmp_path)
    crash(first)
    app, kiosk = make_kiosk(tmp_path, random_mover)
    try:
        assert kiosk.phase is Phase.PLAYING and kiosk.play is not None
        session = kiosk.play.match.session
        assert session.game_id == game_id and session.records == records
        assert session.headers["VisitFormat"] == "full"  # the visit's format is kept
        visitor_moves(app, 1)
        assert session.ply == len(records) + 2
    finally:
        app.close()


def test_a_kiosk_set_to_abandon_archives_the_interrupted_game_and_starts_afresh(
        tmp_path: Path) -> None:
    first, game_id, records = kiosk_visit_with_moves(tmp_path, resume="abandon")
    crash(first)
    app, kiosk = make_kiosk(tmp_path, random_mover, resume="abandon")
    try:
        assert kiosk.phase is Phase.ATTRACT and isinstance(app.stack.top, TouchToStart)
        app.journal.flush()
        games = archived_games(tmp_path / "games")
        assert list(games) == [game_id] and len(games[game_id]) == 1
        archived = games[game_id][0]
        assert archived.headers["Termination"] == "abandoned"
        assert archived.headers["VisitFormat"] == "full"
        assert [m.uci() for m in archived.mainline_moves()] == [r.uci for r in records]
        assert journal_files(tmp_path) == []
        click_at(app, (600, 300))  # the next visitor gets a new game
        assert kiosk.play is not None and kiosk.play.match.session.game_id != game_id
    finally:
        app.close()


def test_a_solo_game_continued_from_a_pgn_file_is_journaled_and_an_interrupted_one_archived(
        tmp_path: Path) -> None:
    first = make_app(tmp_path, random_mover)
    visitor_moves(first, 2)
    interrupted = play_scene(first).match.session.game_id
    crash(first)
    saved = read_pgn('[Event "?"]\n[VisitorColor "white"]\n\n1. d4 d5 2. c4 *\n')
    settings = Settings(data_dir=tmp_path, window_size=(1280, 720), pacing=False,
                        greeting=False, mute=True, show=False)
    app = App(Launch(settings, saved), opponent_factory=random_mover)
    try:
        app.start_play()
        session = play_scene(app).match.session
        assert session is saved and [r.san for r in session.records] == ["d4", "d5", "c4"]
        app.journal.flush()
        games = archived_games(tmp_path / "games")
        assert games[interrupted][0].headers["Termination"] == "abandoned"
        journaled = read_journal(
            (tmp_path / "journal" / f"{saved.game_id}.journal").read_text(encoding="ascii"))
        assert journaled is not None and journaled.session.records == session.records
    finally:
        app.close()


@pytest.mark.expect_error_log
def test_a_kiosk_whose_journal_cannot_be_written_logs_once_and_the_visit_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "journal").write_text("a file where the folder should be", encoding="utf-8")
    app, kiosk = make_kiosk(tmp_path, random_mover)
    try:
        for _ in range(2):  # two visits
            click_at(app, (600, 300))
            assert kiosk.phase is Phase.PLAYING
            visitor_moves(app, 4)
            play = play_scene(app)
            assert play.match.session.ply == 8  # the Turk answered every move
            play.press("resign")
            play.press("resign")
            assert play.match.session.is_over
            kiosk.to_attract()
        app.journal.flush()
        app.archive.close()
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "journal" in errors[0].getMessage()
        games = archived_games(tmp_path / "games")
        assert len(games) == 2
        assert all(g[0].headers["Termination"] == "resignation" for g in games.values())
    finally:
        app.close()
