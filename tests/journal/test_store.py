"""The journal on disk: a move is in its file before the match reports it, games come back
after a crash, a torn last line is ignored, damage is reported and kept aside, every ended
game is archived exactly once whatever step a crash interrupts, and a disk that fails is
logged once while play goes on."""

from __future__ import annotations

import errno
import logging
import os
import random
from pathlib import Path

import chess
import pytest

from game import journal_store
from game.journal_store import JournalStore
from game.match import Crew, MovePlayed
from game.model.journal import read_journal
from game.model.records import MoveAuthor
from game.model.reveal import TurkMode
from tests.journal.helpers import (
    archived_games,
    crash_at,
    journal_files,
    journaled_match,
    make_store,
    play_moves,
    turk_reply,
)

CRASH_STEPS = ("ended", "written", "renamed", "archived", "removed")
"""The steps of closing a game: its end line flushed, the PGN's temporary file written, renamed
into place, (the folder synced,) then the journal removed."""


def file_text(path: Path) -> str:
    return path.read_text(encoding="ascii")


def test_every_move_is_in_the_file_before_the_match_reports_it(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    path = journal_files(tmp_path)[0]
    events = match.play_visitor_move(chess.Move.from_uci("e2e4"))
    assert isinstance(events[0], MovePlayed)
    # No flush, no waiting on the worker: the line is in the file as the event comes out.
    game = read_journal(file_text(path))
    assert game is not None and [r.uci for r in game.session.records] == ["e2e4"]
    events = turk_reply(match)
    played = [e for e in events if isinstance(e, MovePlayed)]
    game = read_journal(file_text(path))
    assert game is not None and game.session.records == match.session.records
    assert game.session.records[-1] == played[0].record
    assert game.session.records[-1].author is MoveAuthor.SCRIPTED
    store.flush()
    assert match.is_journaled
    store.close()


def test_a_crashed_game_resumes_where_it_stood_with_its_records_and_crew(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store, visitor=chess.BLACK)
    match.crew = Crew(TurkMode.OPERATOR, operator_name="Mouret", engine_name="The Turk")
    match.operator_seconds = 42.5
    play_moves(match, 9, random.Random(5))
    match.take_back()
    play_moves(match, 11, random.Random(6))
    store.flush()  # the program dies here: no close, nothing more written

    again = make_store(tmp_path)
    resumed = again.recover(resume=True)
    assert resumed is not None
    assert resumed.session.game_id == match.session.game_id
    assert resumed.session.position == match.session.position
    assert resumed.session.records == match.session.records
    assert resumed.session.visitor_color == chess.BLACK
    assert resumed.session.headers == {"VisitFormat": "full"}
    assert resumed.crew == match.crew and resumed.lever_s == 42.5
    assert resumed.setup.color == "black" and resumed.setup.level == 2
    again.close()
    store.close()


def test_a_torn_last_line_is_ignored_with_a_log_line_and_the_rest_resumes(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 6, random.Random(2))
    store.flush()
    store.close()
    path = journal_files(tmp_path)[0]
    whole = path.read_bytes()
    last_start = whole.rstrip(b"\n").rfind(b"\n") + 1
    for offset in range(last_start, len(whole)):  # every cut inside the last line
        path.write_bytes(whole[:offset])
        caplog.clear()
        again = make_store(tmp_path)
        resumed = again.recover(resume=True)
        again.close()
        assert resumed is not None, offset
        assert resumed.session.records == match.session.records[:5], offset
        torn = offset > last_start
        assert any("torn" in r.getMessage() for r in caplog.records) == torn, offset


@pytest.mark.expect_error_log
def test_a_damaged_journal_is_reported_with_its_line_kept_aside_and_archived_as_far_as_it_reads(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 6, random.Random(3))
    store.flush()
    store.close()
    path = journal_files(tmp_path)[0]
    lines = file_text(path).splitlines(keepends=True)
    path.write_text("".join(lines[:4]) + "{garbage\n" + "".join(lines[4:]), encoding="ascii")
    again = make_store(tmp_path)
    assert again.recover(resume=True) is None
    again.close()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "line 5" in errors[0] and path.name in errors[0]
    assert not path.exists() and path.with_suffix(".damaged").is_file()
    games = archived_games(tmp_path / "games")[match.session.game_id]
    assert len(games) == 1 and games[0].headers["Termination"] == "abandoned"
    assert [m.uci() for m in games[0].mainline_moves()] == \
        [r.uci for r in match.session.records[:3]]


def end_a_game(store: JournalStore, how: str) -> tuple[str, list[str], str]:
    match = journaled_match(store, seed=len(how))
    play_moves(match, 8, random.Random(len(how)))
    if how == "resign":
        match.resign()
    elif how == "abandon":
        match.abandon()
    else:
        match.adjudicate(chess.BLACK, note="material: -3")
    ending = match.session.ending
    assert ending is not None
    return match.session.game_id, [r.uci for r in match.session.records], ending.termination.value


@pytest.mark.parametrize("how", ["resign", "abandon", "adjudicate"])
@pytest.mark.parametrize("step", CRASH_STEPS)
def test_an_ended_game_is_archived_exactly_once_whatever_step_a_crash_interrupts(
        tmp_path: Path, step: str, how: str) -> None:
    store = make_store(tmp_path, crash_at(step))
    game_id, moves, termination = end_a_game(store, how)
    store.flush()  # the worker died at ``step``; what is on the disk stays
    store.close()
    for attempt in range(2):  # start-up crashes at the same step, then starts again cleanly
        again = make_store(tmp_path, crash_at(step) if attempt == 0 else crash_at("never"))
        assert again.recover(resume=True) is None
        again.flush()
        again.close()
    games = archived_games(tmp_path / "games")
    assert list(games) == [game_id] and len(games[game_id]) == 1
    archived = games[game_id][0]
    assert archived.headers["Termination"] == termination
    assert [m.uci() for m in archived.mainline_moves()] == moves
    if how == "adjudicate":
        assert archived.headers["Adjudication"] == "material: -3"
    assert journal_files(tmp_path) == []
    assert not [p for p in (tmp_path / "games").iterdir() if p.suffix != ".pgn"]


def test_the_play_screens_save_and_the_journal_make_one_file(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 4, random.Random(9))
    saved = store.archive.save(match.session)  # the Save button, mid-game
    match.resign()
    again = store.archive.save(match.session)  # the play screen saves every finished game
    store.flush()
    assert saved.result() == again.result()
    store.close()
    store.archive.close()
    games = archived_games(tmp_path / "games")
    assert len(games[match.session.game_id]) == 1
    assert games[match.session.game_id][0].headers["Termination"] == "resignation"


def test_a_game_archived_as_ended_but_still_journaled_in_progress_is_not_resumed(
        tmp_path: Path) -> None:
    """The play screen's own save of a finished game can reach the disk before the journal's
    end line; the archive knows the game ended, so it is not resumed (or archived again)."""
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 4, random.Random(4))
    store.flush()
    path = journal_files(tmp_path)[0]
    in_progress = path.read_bytes()
    match.resign()
    store.flush()
    store.close()
    path.write_bytes(in_progress)  # as if the end line never reached the disk
    again = make_store(tmp_path)
    assert again.recover(resume=True) is None
    again.flush()
    again.close()
    games = archived_games(tmp_path / "games")
    assert len(games[match.session.game_id]) == 1
    assert games[match.session.game_id][0].headers["Termination"] == "resignation"
    assert journal_files(tmp_path) == []


def test_older_games_in_progress_are_closed_as_abandoned_and_the_newest_resumes(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)
    old, new = journaled_match(store, seed=1), journaled_match(store, seed=2)
    play_moves(old, 3, random.Random(1))
    play_moves(new, 5, random.Random(2))
    store.flush()
    store.close()
    again = make_store(tmp_path)
    resumed = again.recover(resume=True)
    again.flush()
    again.close()
    assert resumed is not None and resumed.session.game_id == new.session.game_id
    games = archived_games(tmp_path / "games")
    assert list(games) == [old.session.game_id]
    assert games[old.session.game_id][0].headers["Termination"] == "abandoned"


def test_abandoning_at_start_up_archives_every_game_in_progress(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 7, random.Random(8))
    store.flush()
    store.close()
    again = make_store(tmp_path)
    assert again.recover(resume=False) is None
    again.flush()
    again.close()
    archived = archived_games(tmp_path / "games")[match.session.game_id]
    assert len(archived) == 1 and archived[0].headers["Termination"] == "abandoned"
    assert [m.uci() for m in archived[0].mainline_moves()] == \
        [r.uci for r in match.session.records]
    assert journal_files(tmp_path) == []


def test_a_replaced_game_is_archived_as_abandoned_and_an_unplayed_one_leaves_nothing(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)
    played, unplayed = journaled_match(store, seed=1), journaled_match(store, seed=2)
    play_moves(played, 4, random.Random(1))
    played.close()
    unplayed.close()
    store.flush()
    store.close()
    assert journal_files(tmp_path) == []
    games = archived_games(tmp_path / "games")
    assert list(games) == [played.session.game_id]
    assert games[played.session.game_id][0].headers["Termination"] == "abandoned"
    assert played.session.ending is None  # the live session is left as it was


def test_a_stopping_program_keeps_the_game_in_progress(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 4, random.Random(1))
    store.keep_open_games()
    match.close()
    store.close()
    assert len(journal_files(tmp_path)) == 1
    resumed = make_store(tmp_path).recover(resume=True)
    assert resumed is not None and resumed.session.records == match.session.records


@pytest.mark.expect_error_log
def test_a_journal_folder_that_cannot_be_made_is_logged_once_and_play_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "journal").write_text("not a folder", encoding="utf-8")
    store = make_store(tmp_path)
    for seed in (1, 2):  # two games: still one ERROR
        match = journaled_match(store, seed=seed)
        play_moves(match, 10, random.Random(seed))
        assert match.session.ply == 10
        match.resign()
        store.flush()
        assert match.is_journaled  # nothing to wait for
    store.close()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "journal" in errors[0].getMessage()
    assert len(archived_games(tmp_path / "games")) == 2  # the archive still works


@pytest.mark.expect_error_log
def test_a_full_disk_mid_game_is_logged_once_and_play_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    match = journaled_match(store)
    play_moves(match, 4, random.Random(1))
    store.flush()
    real_write = os.write

    def full(handle: int, data: bytes | memoryview) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_store.os, "write", full)
    play_moves(match, 20, random.Random(2))
    assert match.session.ply >= 20 or match.session.is_over
    store.flush()
    assert match.is_journaled
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "No space left" in errors[0].getMessage()
    monkeypatch.setattr(journal_store.os, "write", real_write)
    # The journal keeps the moves it had, with no gap: they still resume.
    game = read_journal(file_text(journal_files(tmp_path)[0]))
    assert game is not None and game.session.records == match.session.records[:4]
    # The disk has room again: the next game is journaled, and that is said once.
    caplog.clear()
    caplog.set_level(logging.INFO, logger="game.journal_store")
    after = journaled_match(store, seed=7)
    play_moves(after, 2, random.Random(7))
    store.flush()
    assert any("works again" in r.getMessage() for r in caplog.records)
    assert read_journal(file_text(store.folder / f"{after.session.game_id}.journal")) is not None
    store.close()

