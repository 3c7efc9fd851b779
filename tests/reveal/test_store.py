"""The kiosk's memory: the anonymous tally and the roll, on disk, across restarts."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path

import pytest

from game import reveal_store
from game.model.reveal import Guess, TurkMode
from game.reveal_store import (
    ROLL_FILE,
    TALLY_FILE,
    GuessTally,
    RevealStore,
    StoreFormatError,
    TallyCount,
    clean_name,
)
from tests.reveal.conftest import DAY


def reopen(folder: Path, day: dt.date = DAY) -> RevealStore:
    return RevealStore(folder, today=lambda: day)


def test_guesses_are_counted_per_mode_and_day(store: RevealStore) -> None:
    assert store.record_guess(TurkMode.ENGINE, Guess.MACHINE) == TallyCount(1, 0)
    assert store.record_guess(TurkMode.ENGINE, Guess.PERSON) == TallyCount(1, 1)
    assert store.record_guess(TurkMode.OPERATOR, Guess.PERSON) == TallyCount(0, 1)
    assert store.today_count(TurkMode.ENGINE) == TallyCount(1, 1)
    assert store.today_count(TurkMode.HYBRID) == TallyCount(0, 0)
    assert store.tally.count(DAY - dt.timedelta(days=1), TurkMode.ENGINE) == TallyCount()


def test_the_tally_survives_a_restart_and_holds_no_personal_data(tmp_path: Path) -> None:
    first = reopen(tmp_path)
    for guess in (Guess.MACHINE, Guess.MACHINE, Guess.PERSON):
        first.record_guess(TurkMode.HYBRID, guess)
    first.close()
    second = reopen(tmp_path)
    try:
        assert second.today_count(TurkMode.HYBRID) == TallyCount(2, 1)
    finally:
        second.close()
    data = json.loads((tmp_path / TALLY_FILE).read_text(encoding="utf-8"))
    assert data == {"version": 1, "days": {"2024-05-01": {"hybrid": {"machine": 2,
                                                                     "person": 1}}}}
    assert not list(tmp_path.glob("*.tmp"))


def test_a_new_day_starts_a_new_count(tmp_path: Path) -> None:
    first = reopen(tmp_path)
    first.record_guess(TurkMode.ENGINE, Guess.PERSON)
    first.close()
    later = reopen(tmp_path, DAY + dt.timedelta(days=1))
    try:
        assert later.today_count(TurkMode.ENGINE) == TallyCount()
        later.record_guess(TurkMode.ENGINE, Guess.MACHINE)
        assert later.tally.days == ("2024-05-01", "2024-05-02")
    finally:
        later.close()


def test_old_days_are_dropped_when_written() -> None:
    tally = GuessTally()
    tally.add(DAY, TurkMode.ENGINE, Guess.PERSON)
    text = tally.to_json(today=DAY + dt.timedelta(days=reveal_store.KEEP_DAYS + 1))
    assert json.loads(text)["days"] == {}


@pytest.mark.parametrize(("machine", "person", "percents"), [
    (0, 0, (0, 0)), (1, 0, (100, 0)), (1, 2, (33, 67)), (2, 1, (67, 33)), (1, 1, (50, 50))])
def test_percentages_add_up_to_a_hundred(machine: int, person: int,
                                         percents: tuple[int, int]) -> None:
    assert TallyCount(machine, person).percents == percents


@pytest.mark.parametrize("text", [
    "{not json", "[]", '{"version": 2, "days": {}}', '{"version": 1}',
    '{"version": 1, "days": {"yesterday": {}}}',
    '{"version": 1, "days": {"2024-05-01": {"puppet": {"machine": 1}}}}',
    '{"version": 1, "days": {"2024-05-01": {"engine": {"machine": -1}}}}',
    '{"version": 1, "days": {"2024-05-01": {"engine": {"machine": true}}}}'])
def test_a_malformed_tally_is_refused(text: str) -> None:
    with pytest.raises(StoreFormatError):
        GuessTally.from_json(text)


def test_a_corrupt_file_is_logged_set_aside_and_replaced(tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    (tmp_path / TALLY_FILE).write_text("{ half a file", encoding="utf-8")
    (tmp_path / ROLL_FILE).write_bytes(b"\xff\xfe not utf-8")
    with caplog.at_level(logging.WARNING):
        store = reopen(tmp_path)
    try:
        assert store.today_count(TurkMode.ENGINE) == TallyCount()
        assert store.operators == ()
        assert "damaged" in caplog.text
        assert (tmp_path / f"{TALLY_FILE}.corrupt").read_text(encoding="utf-8") == \
            "{ half a file"
        store.record_guess(TurkMode.ENGINE, Guess.MACHINE)
        store.flush()
        assert GuessTally.from_json((tmp_path / TALLY_FILE).read_text(encoding="utf-8")) \
            .count(DAY, TurkMode.ENGINE) == TallyCount(1, 0)
    finally:
        store.close()


def test_writes_happen_off_the_calling_thread(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    original = reveal_store._write_quietly

    def spy(path: Path, text: str) -> None:
        threads.append(threading.current_thread().name)
        original(path, text)

    monkeypatch.setattr(reveal_store, "_write_quietly", spy)
    store = reopen(tmp_path)
    try:
        store.record_guess(TurkMode.ENGINE, Guess.PERSON)
        store.add_operator("Ada", moves=3, game_id="g1")
        store.flush()
    finally:
        store.close()
    assert len(threads) == 2
    assert all(name.startswith("reveal-store") for name in threads)
    assert threading.current_thread().name not in threads


def test_an_unwritable_folder_is_a_warning_not_a_crash(tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = RevealStore(blocker / "data", today=lambda: DAY)
    try:
        with caplog.at_level(logging.WARNING):
            store.record_guess(TurkMode.ENGINE, Guess.PERSON)
            store.flush()
        assert "could not write" in caplog.text
        assert store.today_count(TurkMode.ENGINE) == TallyCount(0, 1)  # still counted today
    finally:
        store.close()


def test_the_roll_keeps_each_operator_once_in_order_across_restarts(tmp_path: Path) -> None:
    first = reopen(tmp_path)
    first.add_operator("Clara", moves=12, game_id="g1")
    first.add_operator("Clara", moves=12, game_id="g1")  # the same game again
    first.add_operator("", moves=4, game_id="g2")
    first.close()
    second = reopen(tmp_path)
    try:
        assert [(o.name, o.day, o.moves, o.game_id) for o in second.operators] == [
            ("Clara", "2024-05-01", 12, "g1"), ("", "2024-05-01", 4, "g2")]
    finally:
        second.close()


def test_names_are_cleaned_for_the_roll() -> None:
    assert clean_name("  Ada \n\t Lovelace  ") == "Ada Lovelace"
    assert clean_name("x" * 100) == "x" * reveal_store.NAME_LIMIT
    assert clean_name("\x00\x07") == ""
