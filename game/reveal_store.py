"""What the kiosk remembers between visits: today's guesses and its own roll of operators.

Owns: ``GuessTally`` (anonymous counts of "machine" and "person" answers per day and per mode
— no names, no times, nothing about a visitor), ``KioskOperator`` (a person who played the
Turk from the hidden seat here, by the name they gave), and ``RevealStore``, which keeps both
in two JSON files in the data directory. The files are read once at start-up; a missing file
starts empty, a corrupt one is logged, set aside as ``*.corrupt`` and replaced — never a crash.
Every change is written whole and renamed into place on a worker thread, so the frame loop
never waits on the disk and a power cut never leaves half a file.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from game.model.reveal import Guess, TurkMode

log = logging.getLogger(__name__)
_T = TypeVar("_T")

TALLY_FILE = "guesses.json"
ROLL_FILE = "operators.json"
FORMAT_VERSION = 1
KEEP_DAYS = 400
"""Days of tallies kept (older days are dropped when the file is written)."""
NAME_LIMIT = 40
"""Characters of an operator's name kept for the roll."""


class StoreFormatError(ValueError):
    """A store file is not what this version writes."""


@dataclass(frozen=True)
class TallyCount:
    """The guesses after games of one mode on one day."""

    machine: int = 0
    person: int = 0

    @property
    def total(self) -> int:
        return self.machine + self.person

    @property
    def percents(self) -> tuple[int, int]:
        """Whole percentages (machine, person) that add up to 100 (0, 0 with no guesses)."""
        if self.total == 0:
            return (0, 0)
        machine = round(100 * self.machine / self.total)
        return (machine, 100 - machine)


class GuessTally:
    """Counts of guesses by day (ISO date) and mode. Pure: no files, no clock."""

    def __init__(self) -> None:
        self._days: dict[str, dict[str, dict[str, int]]] = {}

    def add(self, day: dt.date, mode: TurkMode, guess: Guess) -> TallyCount:
        """Count one guess; returns the day's counts for that mode afterwards."""
        modes = self._days.setdefault(day.isoformat(), {})
        counts = modes.setdefault(mode.value, {g.value: 0 for g in Guess})
        counts[guess.value] = counts.get(guess.value, 0) + 1
        return self.count(day, mode)

    def count(self, day: dt.date, mode: TurkMode) -> TallyCount:
        counts = self._days.get(day.isoformat(), {}).get(mode.value, {})
        return TallyCount(counts.get(Guess.MACHINE.value, 0), counts.get(Guess.PERSON.value, 0))

    @property
    def days(self) -> tuple[str, ...]:
        return tuple(sorted(self._days))

    def to_json(self, *, today: dt.date) -> str:
        """The tally as the file holds it (days older than ``KEEP_DAYS`` left out)."""
        oldest = (today - dt.timedelta(days=KEEP_DAYS)).isoformat()
        days = {day: modes for day, modes in sorted(self._days.items()) if day >= oldest}
        return json.dumps({"version": FORMAT_VERSION, "days": days}, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> GuessTally:
        """Read a tally file.

        :raises StoreFormatError: if it is not a tally this version understands.
        """
        data = _document(text)
        days = data.get("days")
        if not isinstance(days, dict):
            raise StoreFormatError("'days' must be a table of dates")
        tally = cls()
        for day, modes in days.items():
            _check_day(day)
            if not isinstance(modes, dict):
                raise StoreFormatError(f"day {day}: expected a table of modes")
            for mode, counts in modes.items():
                tally._days.setdefault(day, {})[_mode(mode).value] = _counts(day, mode, counts)
        return tally


@dataclass(frozen=True)
class KioskOperator:
    """Someone who played the Turk from the hidden seat at this kiosk."""

    name: str
    """As they gave it (may be empty: the roll then says the name was not given)."""
    day: str
    """ISO date of the game."""
    moves: int
    game_id: str


def _document(text: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreFormatError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise StoreFormatError("expected a JSON object")
    if data.get("version") != FORMAT_VERSION:
        raise StoreFormatError(f"version {data.get('version')!r}, expected {FORMAT_VERSION}")
    return data


def _check_day(day: str) -> None:
    try:
        dt.date.fromisoformat(day)
    except (TypeError, ValueError):
        raise StoreFormatError(f"{day!r} is not a date like 2024-05-01") from None


def _mode(text: str) -> TurkMode:
    try:
        return TurkMode.parse(text)
    except ValueError as exc:
        raise StoreFormatError(str(exc)) from None


def _counts(day: str, mode: str, counts: object) -> dict[str, int]:
    if not isinstance(counts, dict):
        raise StoreFormatError(f"{day} {mode}: expected counts")
    result = {}
    for guess in Guess:
        value = counts.get(guess.value, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise StoreFormatError(f"{day} {mode} {guess.value}: {value!r} is not a count")
        result[guess.value] = value
    return result


def roll_to_json(operators: tuple[KioskOperator, ...]) -> str:
    entries = [{"name": o.name, "day": o.day, "moves": o.moves, "game": o.game_id}
               for o in operators]
    return json.dumps({"version": FORMAT_VERSION, "operators": entries}, indent=1,
                      ensure_ascii=False)


def roll_from_json(text: str) -> tuple[KioskOperator, ...]:
    """Read a roll file.

    :raises StoreFormatError: if it is not a roll this version understands.
    """
    entries = _document(text).get("operators")
    if not isinstance(entries, list):
        raise StoreFormatError("'operators' must be a list")
    roll = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise StoreFormatError(f"operator #{index + 1}: expected a table")
        name, day = entry.get("name"), entry.get("day")
        moves, game = entry.get("moves"), entry.get("game")
        if not (isinstance(name, str) and isinstance(day, str) and isinstance(game, str)
                and isinstance(moves, int) and not isinstance(moves, bool) and moves >= 0):
            raise StoreFormatError(f"operator #{index + 1}: needs name, day, moves and game")
        _check_day(day)
        roll.append(KioskOperator(name[:NAME_LIMIT], day, moves, game))
    return tuple(roll)


def clean_name(name: str) -> str:
    """An operator's name as the roll keeps it: printable, single-spaced, not too long."""
    printable = "".join(ch if ch.isprintable() else " " for ch in name)
    return " ".join(printable.split())[:NAME_LIMIT]


class RevealStore:
    """The tally and the roll, in ``folder``, written in the background.

    :param today: the local date (injected so tests choose the day).
    """

    def __init__(self, folder: Path, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.folder = folder
        self._today = today
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="reveal-store")
        self._pending: list[concurrent.futures.Future[None]] = []
        self.tally = _load(folder / TALLY_FILE, GuessTally.from_json, GuessTally())
        self._roll: tuple[KioskOperator, ...] = _load(folder / ROLL_FILE, roll_from_json, ())

    @property
    def operators(self) -> tuple[KioskOperator, ...]:
        """The kiosk's operators, oldest first."""
        return self._roll

    def today_count(self, mode: TurkMode) -> TallyCount:
        return self.tally.count(self._today(), mode)

    def record_guess(self, mode: TurkMode, guess: Guess) -> TallyCount:
        """Count a guess after a game of ``mode``; returns today's counts for that mode."""
        today = self._today()
        counts = self.tally.add(today, mode, guess)
        self._write(TALLY_FILE, self.tally.to_json(today=today))
        return counts

    def add_operator(self, name: str, *, moves: int, game_id: str) -> tuple[KioskOperator, ...]:
        """Put an operator on the roll (once per game); returns the roll."""
        if any(o.game_id == game_id for o in self._roll):
            return self._roll
        entry = KioskOperator(clean_name(name), self._today().isoformat(), moves, game_id)
        self._roll = (*self._roll, entry)
        self._write(ROLL_FILE, roll_to_json(self._roll))
        return self._roll

    def flush(self) -> None:
        """Wait for the writes so far (tests and shutdown only; never on the frame loop)."""
        pending, self._pending = self._pending, []
        concurrent.futures.wait(pending)

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def _write(self, name: str, text: str) -> None:
        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._executor.submit(_write_quietly, self.folder / name, text))


def _load(path: Path, parse: Callable[[str], _T], empty: _T) -> _T:
    """Read ``path`` with ``parse``; a missing file gives ``empty``, a bad one is set aside."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return empty
    except OSError as exc:
        log.warning("cannot read %s (%s); starting afresh", path, exc)
        return empty
    try:
        return parse(data.decode("utf-8"))
    except (StoreFormatError, UnicodeDecodeError) as exc:
        aside = path.with_suffix(path.suffix + ".corrupt")
        log.warning("%s is damaged (%s); kept as %s and started afresh", path, exc, aside.name)
        try:
            os.replace(path, aside)
        except OSError as move_error:
            log.warning("could not set %s aside: %s", path, move_error)
        return empty


def _write_quietly(path: Path, text: str) -> None:
    """Write ``text`` whole, then rename it into place; a failure is logged, not raised."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(path.suffix + ".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("could not write %s: %s", path, exc)
