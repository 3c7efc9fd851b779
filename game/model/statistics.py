"""Anonymous statistics of the kiosk's games: one summary per game, and the totals staff see.

Owns: ``GameSummary`` — what is kept of one finished or abandoned game: its date (no time of
day), format, result, who was set up to play the Turk, its length in moves and minutes, the
visitor's guess and whether it was abandoned. Nothing about the visitor or the operator — no
names, no free text, no times of day — so the file and its CSV export hold no personal data.
Also ``Statistics`` (the totals for a period: games, results, formats, average length,
guesses by mode, abandoned games), the JSON-lines form of a summary, and its CSV row.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.model.formats import VisitFormat
from game.model.reveal import Guess, TurkMode
from game.model.session import GameSession, Termination

LINE_VERSION = 1
NO_GUESS = "none"
"""How a game without a guess (abandoned, or the visitor skipped it) is written."""
CSV_FIELDS = ("date", "format", "result", "turk_mode", "moves", "minutes", "guess",
              "abandoned")
"""The CSV export's header, in column order."""
_KEYS = frozenset({"v", "day", "format", "result", "mode", "moves", "minutes", "guess",
                   "abandoned"})


class GameResult(enum.StrEnum):
    """How a game ended, from the kiosk's point of view."""

    VISITOR = "visitor"
    """The visitor won."""
    TURK = "turk"
    """The Turk won."""
    DRAW = "draw"
    NONE = "none"
    """No result: the game was abandoned."""


@dataclass(frozen=True)
class GameSummary:
    """One game, as the statistics keep it."""

    day: dt.date
    format: VisitFormat
    result: GameResult
    mode: TurkMode
    """Who was set up to play the Turk."""
    moves: int
    """Full moves played (a move of each side counts once)."""
    minutes: float
    guess: Guess | None
    """The visitor's answer to "machine or person?" (``None``: no answer)."""
    abandoned: bool

    def __post_init__(self) -> None:
        if self.moves < 0 or not 0 <= self.minutes < 100_000:
            raise ValueError("moves and minutes must be positive and sensible")

    @classmethod
    def from_session(cls, session: GameSession, *, mode: TurkMode, guess: Guess | None,
                     minutes: float, day: dt.date) -> GameSummary:
        """The summary of ``session`` (a game still running counts as abandoned)."""
        ending = session.ending
        abandoned = ending is None or ending.termination is Termination.ABANDONED
        if ending is None or abandoned:
            result = GameResult.NONE
        elif ending.winner is None:
            result = GameResult.DRAW
        else:
            result = GameResult.VISITOR if ending.winner == session.visitor_color \
                else GameResult.TURK
        visit = VisitFormat(session.headers.get("VisitFormat", VisitFormat.FULL.value))
        moves = (session.ply + 1) // 2
        return cls(day, visit, result, mode, moves, round(max(0.0, minutes), 1),
                   guess, abandoned)

    def to_line(self) -> str:
        """One line of the statistics file (JSON, no newline)."""
        return json.dumps({
            "v": LINE_VERSION, "day": self.day.isoformat(), "format": self.format.value,
            "result": self.result.value, "mode": self.mode.value, "moves": self.moves,
            "minutes": self.minutes, "guess": self.guess.value if self.guess else NO_GUESS,
            "abandoned": self.abandoned}, separators=(",", ":"))

    @classmethod
    def from_line(cls, line: str) -> GameSummary:
        """Read one line of the statistics file.

        :raises ValueError: if the line is damaged or not a summary of this version.
        """
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("v") != LINE_VERSION or set(data) != _KEYS:
            raise ValueError("not a game summary of version 1")
        moves, minutes, abandoned = data["moves"], data["minutes"], data["abandoned"]
        if (isinstance(moves, bool) or not isinstance(moves, int)
                or isinstance(minutes, bool) or not isinstance(minutes, int | float)
                or not isinstance(abandoned, bool)):
            raise ValueError("moves, minutes or abandoned have the wrong type")
        guess = data["guess"]
        return cls(dt.date.fromisoformat(str(data["day"])), VisitFormat(data["format"]),
                   GameResult(data["result"]), TurkMode(data["mode"]), moves, float(minutes),
                   None if guess == NO_GUESS else Guess(guess), abandoned)

    def csv_row(self) -> tuple[str, ...]:
        """The game's row in the CSV export (columns ``CSV_FIELDS``)."""
        return (self.day.isoformat(), self.format.value, self.result.value, self.mode.value,
                str(self.moves), f"{self.minutes:.1f}",
                self.guess.value if self.guess else NO_GUESS,
                "yes" if self.abandoned else "no")


def _frozen(counts: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(counts))


@dataclass(frozen=True)
class Statistics:
    """The totals over a set of games."""

    games: int = 0
    abandoned: int = 0
    results: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    """Games by ``GameResult`` value."""
    formats: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    """Games by ``VisitFormat`` value."""
    average_moves: float | None = None
    """Over finished games (abandoned ones would only pull it down); ``None`` if none."""
    average_minutes: float | None = None
    guesses: Mapping[str, Mapping[str, int]] = field(default_factory=lambda: MappingProxyType({}))
    """``TurkMode`` value → guess value (``machine``, ``person``, ``none``) → games."""

    @classmethod
    def of(cls, summaries: Iterable[GameSummary], *, since: dt.date | None = None) -> Statistics:
        """The totals of the games on or after ``since`` (all when ``None``)."""
        chosen = [s for s in summaries if since is None or s.day >= since]
        finished = [s for s in chosen if not s.abandoned]
        guesses: dict[str, Counter[str]] = {}
        for summary in chosen:
            answer = summary.guess.value if summary.guess else NO_GUESS
            guesses.setdefault(summary.mode.value, Counter())[answer] += 1
        return cls(
            games=len(chosen),
            abandoned=len(chosen) - len(finished),
            results=_frozen(Counter(s.result.value for s in chosen)),
            formats=_frozen(Counter(s.format.value for s in chosen)),
            average_moves=(sum(s.moves for s in finished) / len(finished)) if finished
            else None,
            average_minutes=(sum(s.minutes for s in finished) / len(finished)) if finished
            else None,
            guesses=MappingProxyType({mode.value: _frozen(guesses[mode.value])
                                      for mode in TurkMode if mode.value in guesses}))

