"""Anonymous statistics: one summary per game, the totals, the file and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import chess
import pytest

from game import atomic
from game.model.formats import VisitFormat
from game.model.records import MoveAuthor
from game.model.reveal import Guess, TurkMode
from game.model.session import GameSession
from game.model.statistics import CSV_FIELDS, GameResult, GameSummary, Statistics
from game.statistics_store import StatisticsStore, csv_text, export_targets

DAY = dt.date(2026, 5, 12)
FOOLS_MATE = ["f2f3", "e7e5", "g2g4", "d8h4"]


def session_with(moves: list[str], *, visitor: chess.Color = chess.WHITE,
                 headers: dict[str, str] | None = None) -> GameSession:
    session = GameSession(visitor_color=visitor, headers=headers)
    for uci in moves:
        author = MoveAuthor.VISITOR if session.is_visitor_turn else MoveAuthor.OPERATOR
        session.apply(chess.Move.from_uci(uci), author)
    return session


def summary(result: GameResult = GameResult.TURK, *, mode: TurkMode = TurkMode.ENGINE,
            guess: Guess | None = Guess.MACHINE, moves: int = 20, minutes: float = 6.0,
            day: dt.date = DAY, visit: VisitFormat = VisitFormat.FULL) -> GameSummary:
    return GameSummary(day, visit, result, mode, moves, minutes, guess,
                       result is GameResult.NONE)


def test_a_finished_game_is_summed_up_from_the_visitors_side() -> None:
    lost = GameSummary.from_session(session_with(FOOLS_MATE), mode=TurkMode.OPERATOR,
                                    guess=Guess.PERSON, minutes=1.26, day=DAY)
    assert (lost.result, lost.moves, lost.minutes, lost.abandoned) == (
        GameResult.TURK, 2, 1.3, False)
    won = GameSummary.from_session(session_with(FOOLS_MATE, visitor=chess.BLACK),
                                   mode=TurkMode.ENGINE, guess=None, minutes=2, day=DAY)
    assert won.result is GameResult.VISITOR


def test_an_abandoned_game_has_no_result_and_its_format_comes_from_the_headers() -> None:
    session = session_with(["e2e4", "e7e5", "g1f3"], headers={"VisitFormat": "odds"})
    session.abandon()
    abandoned = GameSummary.from_session(session, mode=TurkMode.HYBRID, guess=None,
                                         minutes=3, day=DAY)
    assert (abandoned.result, abandoned.abandoned, abandoned.format, abandoned.moves) == (
        GameResult.NONE, True, VisitFormat.ODDS, 2)


def test_the_totals_count_results_formats_guesses_by_mode_and_abandoned_games() -> None:
    games = [summary(GameResult.TURK, moves=30, minutes=9),
             summary(GameResult.VISITOR, mode=TurkMode.OPERATOR, guess=Guess.MACHINE,
                     moves=10, minutes=3, visit=VisitFormat.ENDGAME),
             summary(GameResult.NONE, mode=TurkMode.OPERATOR, guess=None, moves=2, minutes=2),
             summary(GameResult.DRAW, guess=Guess.PERSON, day=DAY - dt.timedelta(days=9))]
    totals = Statistics.of(games)
    assert (totals.games, totals.abandoned) == (4, 1)
    assert dict(totals.results) == {"turk": 1, "visitor": 1, "none": 1, "draw": 1}
    assert dict(totals.formats) == {"full": 3, "endgame": 1}
    assert totals.average_moves == pytest.approx((30 + 10 + 20) / 3)  # finished games only
    assert totals.average_minutes == pytest.approx((9 + 3 + 6) / 3)
    assert {mode: dict(c) for mode, c in totals.guesses.items()} == {
        "engine": {"machine": 1, "person": 1}, "operator": {"machine": 1, "none": 1}}
    week = Statistics.of(games, since=DAY - dt.timedelta(days=6))
    assert week.games == 3 and "draw" not in week.results
    assert Statistics.of([]).average_moves is None


def test_each_game_is_one_line_in_the_file(tmp_path: Path) -> None:
    store = StatisticsStore(tmp_path)
    try:
        games = [summary(), summary(GameResult.NONE, guess=None), summary(GameResult.DRAW)]
        for game in games:
            store.record(game).result(timeout=10)
        assert store.load().result(timeout=10) == games
        assert len((tmp_path / "statistics.jsonl").read_text().splitlines()) == 3
    finally:
        store.close()


def test_damaged_lines_are_skipped_with_a_warning(tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    store = StatisticsStore(tmp_path)
    try:
        store.record(summary()).result(timeout=10)
        with open(store.path, "a", encoding="utf-8") as handle:
            handle.write('{"v":1,"day":"2026-05-12","format":"fu')  # a power cut mid-append
        store.record(summary(GameResult.VISITOR)).result(timeout=10)
        with open(store.path, "a", encoding="utf-8") as handle:
            handle.write('{"v":1,"name":"Anna"}\n' + "x" * 5000 + "\n")
        games = store.read_all()
    finally:
        store.close()
    assert [g.result for g in games] == [GameResult.TURK, GameResult.VISITOR]
    assert caplog.text.count("damaged line skipped") == 3
    assert "x" * 200 not in caplog.text  # bounded


def test_the_csv_has_a_header_and_one_row_per_game(tmp_path: Path) -> None:
    store = StatisticsStore(tmp_path)
    games = [summary(), summary(GameResult.NONE, mode=TurkMode.OPERATOR, guess=None),
             summary(GameResult.VISITOR, visit=VisitFormat.ENDGAME, minutes=4.0)]
    try:
        for game in games:
            store.record(game)
        export = store.export_csv(tmp_path / "usb", today=DAY).result(timeout=10)
    finally:
        store.close()
    assert export.games == 3 and export.path.name == "turk-statistics-2026-05-12.csv"
    with open(export.path, encoding="utf-8", newline="") as handle:
        raw = handle.read()
    assert raw.count("\r\n") == 4  # CSV's own line ends, for spreadsheets everywhere
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert rows[0] == list(CSV_FIELDS) == ["date", "format", "result", "turk_mode", "moves",
                                           "minutes", "guess", "abandoned"]
    assert rows[1:] == [["2026-05-12", "full", "turk", "engine", "20", "6.0", "machine", "no"],
                        ["2026-05-12", "full", "none", "operator", "20", "6.0", "none", "yes"],
                        ["2026-05-12", "endgame", "visitor", "engine", "20", "4.0", "machine",
                         "no"]]


COLUMN = {"date": r"\d{4}-\d\d-\d\d", "format": "full|endgame|odds",
          "result": "visitor|turk|draw|none", "turk_mode": "engine|operator|hybrid",
          "moves": r"\d+", "minutes": r"\d+\.\d", "guess": "machine|person|none",
          "abandoned": "yes|no"}


def test_the_csv_holds_no_personal_data() -> None:
    """No operator names, no free text, no times of day: every cell is a date, a word from a
    fixed list, or a number — whatever the game's record held."""
    session = session_with(FOOLS_MATE, headers={
        "VisitFormat": "full", "White": "Anna Lindqvist", "Annotator": "visitor said hello",
        "Operator": "Ben Okafor", "Site": "Room 3"})
    game = GameSummary.from_session(session, mode=TurkMode.OPERATOR, guess=Guess.PERSON,
                                    minutes=2.5, day=DAY)
    text = csv_text([game, summary(GameResult.NONE, guess=None)])
    for secret in ("Anna", "Lindqvist", "hello", "Ben", "Okafor", "Room"):
        assert secret not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 2
    for row in rows:
        assert set(row) == set(COLUMN)
        for column, pattern in COLUMN.items():
            assert re.fullmatch(pattern, row[column]), (column, row[column])


def test_a_failed_export_leaves_no_half_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = StatisticsStore(tmp_path)
    try:
        store.record(summary()).result(timeout=10)
        target = tmp_path / "usb"
        target.mkdir()

        def full(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic.os, "fsync", full)
        with pytest.raises(OSError):
            store.export_csv(target, today=DAY).result(timeout=10)
    finally:
        store.close()
    assert list(target.iterdir()) == []


def test_export_targets_are_the_mounted_drives_then_the_data_folder(tmp_path: Path) -> None:
    media, run_media = tmp_path / "media", tmp_path / "run-media"
    for drive in (media / "staff" / "USB STICK", media / "staff" / "BACKUP",
                  run_media / "kiosk" / "KINGSTON"):
        drive.mkdir(parents=True)
    (media / "staff" / "notes.txt").write_text("")
    data = tmp_path / "data"
    targets = export_targets(data, roots=(media, run_media, tmp_path / "absent"))
    assert targets == [media / "staff" / "BACKUP", media / "staff" / "USB STICK",
                       run_media / "kiosk" / "KINGSTON", data]
