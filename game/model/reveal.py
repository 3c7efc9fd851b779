"""What the reveal tells about one finished game: who really played the Turk, move by move.

Owns: ``RevealFacts`` — built from the session's sealed move records and the crew of the match
(who was set up to play the Turk, the operator's name, the program's name and authors, the
minutes at the lever) — with the counts the reveal shows: the operator's own moves, engine
suggestions accepted, moves the program made for an absent operator, book moves, minutes; the
ledger (every move with its true author and the position after it); the verdict on the
visitor's guess. Also ``OpeningNote`` (an opening the program followed, with the people it is
named after), supplied by the caller so the model needs no opening data.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import enum
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import chess

from game.model.records import MoveAuthor, MoveRecord


class TurkMode(enum.StrEnum):
    """Who was set up to play the Turk (the values of ``Crew.mode``)."""

    ENGINE = "engine"
    OPERATOR = "operator"
    HYBRID = "hybrid"

    @classmethod
    def parse(cls, text: str) -> TurkMode:
        """The mode named ``text``.

        :raises ValueError: if it is not ``engine``, ``operator`` or ``hybrid``.
        """
        try:
            return cls(text)
        except ValueError:
            raise ValueError(f"unknown Turk mode {text!r}; use engine, operator or "
                             "hybrid") from None


class Guess(enum.StrEnum):
    """The visitor's answer to "who was playing?"."""

    MACHINE = "machine"
    PERSON = "person"


class Verdict(enum.StrEnum):
    """How the visitor's guess compares with the truth (keys ``reveal.tally.<verdict>``)."""

    RIGHT = "right"
    FOOLED = "fooled"
    BOTH = "both"
    """A person and a program played together: either answer is right."""


MACHINE_AUTHORS = frozenset({MoveAuthor.ENGINE, MoveAuthor.ENGINE_STANDIN, MoveAuthor.BOOK,
                             MoveAuthor.SCRIPTED})
"""Authors of Turk moves that no person chose at the time."""
OPERATOR_AUTHORS = frozenset({MoveAuthor.OPERATOR, MoveAuthor.OPERATOR_HINT})
"""Authors of Turk moves that the hidden operator decided."""


@dataclass(frozen=True)
class OpeningNote:
    """An opening the program played from its book, and the people it is named after."""

    name: str
    """The English name (used when a language has none of its own)."""
    people: tuple[str, ...] = ()
    era: str = ""
    sources: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    """(language, name) pairs."""
    citations: tuple[tuple[str, str], ...] = ()
    """(source id, citation) for sources the game's own source list does not hold."""

    def name_in(self, language: str) -> str:
        return dict(self.names).get(language, self.name)


@dataclass(frozen=True)
class LedgerEntry:
    """One move of the game with its true author, and the position it led to."""

    ply: int
    san: str
    uci: str
    author: MoveAuthor
    by_turk: bool
    fen: str
    """The position after the move."""

    @property
    def move_number(self) -> int:
        """The move number as printed on a scoresheet (from the position before the move)."""
        return int(self.fen.split()[5]) - (0 if self.fen.split()[1] == "b" else 1)

    @property
    def is_white(self) -> bool:
        """Whether White made the move."""
        return self.fen.split()[1] == "b"


def minutes_at_lever(seconds: float) -> int:
    """Whole minutes for the credit: rounded, but at least 1 for any work at all."""
    if seconds <= 0:
        return 0
    return max(1, math.floor(seconds / 60 + 0.5))


def build_ledger(records: Sequence[MoveRecord], start_fen: str) -> tuple[LedgerEntry, ...]:
    """Replay the records from ``start_fen``: each move with its author and the position after.

    :raises ValueError: if a record's move is not legal where it was played.
    """
    board = chess.Board(start_fen)
    entries = []
    for record in records:
        move = chess.Move.from_uci(record.uci)
        if not board.is_legal(move):
            raise ValueError(f"record {record.ply} ({record.uci}) is not legal in {board.fen()}")
        board.push(move)
        entries.append(LedgerEntry(record.ply, record.san, record.uci, record.author,
                                   record.author is not MoveAuthor.VISITOR, board.fen()))
    return tuple(entries)


@dataclass(frozen=True)
class RevealFacts:
    """Everything the reveal says about one game. Build it with :func:`build_facts`."""

    game_id: str
    mode: TurkMode
    """Who really played: the crew's mode, or ``ENGINE`` when the operator made no move."""
    crew_mode: TurkMode
    """Who was set up to play the Turk."""
    start_fen: str
    visitor_color: chess.Color
    ledger: tuple[LedgerEntry, ...]
    operator_name: str = ""
    engine_name: str = ""
    engine_author: str = ""
    operator_seconds: float = 0.0
    opening: OpeningNote | None = None
    counts: Mapping[MoveAuthor, int] = field(default_factory=lambda: MappingProxyType({}))
    """How many of the Turk's moves each author made (visitor moves are not counted)."""

    def count(self, *authors: MoveAuthor) -> int:
        return sum(self.counts.get(author, 0) for author in authors)

    @property
    def turk_moves(self) -> int:
        return sum(self.counts.values())

    @property
    def operator_moves(self) -> int:
        """Moves the operator decided: their own and the suggestions they accepted."""
        return self.count(*OPERATOR_AUTHORS)

    @property
    def own_moves(self) -> int:
        return self.count(MoveAuthor.OPERATOR)

    @property
    def accepted_hints(self) -> int:
        return self.count(MoveAuthor.OPERATOR_HINT)

    @property
    def machine_moves(self) -> int:
        return self.count(*MACHINE_AUTHORS)

    @property
    def book_moves(self) -> int:
        return self.count(MoveAuthor.BOOK)

    @property
    def stand_in_moves(self) -> int:
        """Moves the program made in place of an operator (none when no operator was set
        up). A book move in an operator's game is the stand-in program's too."""
        if self.crew_mode is TurkMode.ENGINE:
            return 0
        return self.machine_moves

    @property
    def has_stand_in(self) -> bool:
        return self.mode is not TurkMode.ENGINE and self.stand_in_moves > 0

    @property
    def minutes(self) -> int:
        return minutes_at_lever(self.operator_seconds)

    @property
    def truth(self) -> Guess | None:
        """The right answer, or ``None`` when both are right (hybrid play)."""
        if self.mode is TurkMode.HYBRID:
            return None
        return Guess.MACHINE if self.mode is TurkMode.ENGINE else Guess.PERSON

    def verdict(self, guess: Guess | None) -> Verdict | None:
        """The verdict on ``guess``, or ``None`` when the visitor did not guess."""
        if guess is None:
            return None
        truth = self.truth
        if truth is None:
            return Verdict.BOTH
        return Verdict.RIGHT if guess is truth else Verdict.FOOLED

    @property
    def book_moves_played(self) -> tuple[chess.Move, ...]:
        """The game's moves up to the program's last book move and the reply to it: the
        opening its book followed (the reply can give the opening its name)."""
        last = max((e.ply for e in self.ledger if e.author is MoveAuthor.BOOK), default=-2)
        return tuple(chess.Move.from_uci(e.uci) for e in self.ledger if e.ply <= last + 1)


def effective_mode(crew_mode: TurkMode, counts: Mapping[MoveAuthor, int]) -> TurkMode:
    """Who really played: an operator who made no move at all did not play."""
    operator = sum(counts.get(a, 0) for a in OPERATOR_AUTHORS)
    machine = sum(counts.get(a, 0) for a in MACHINE_AUTHORS)
    if crew_mode is not TurkMode.ENGINE and operator == 0 and machine > 0:
        return TurkMode.ENGINE
    return crew_mode


def turk_counts(records: Iterable[MoveRecord]) -> dict[MoveAuthor, int]:
    """How many of the Turk's moves each author made."""
    counter: Counter[MoveAuthor] = Counter(
        r.author for r in records if r.author is not MoveAuthor.VISITOR)
    return dict(counter)


def build_facts(records: Sequence[MoveRecord], *, game_id: str, start_fen: str,
                visitor_color: chess.Color, mode: TurkMode, operator_name: str = "",
                engine_name: str = "", engine_author: str = "",
                operator_seconds: float = 0.0, opening: OpeningNote | None = None
                ) -> RevealFacts:
    """The facts of a finished game for the reveal. Without an ``engine_name``, the name
    the records give for the engine that made a move (if one did) is used.

    :raises ValueError: if the records do not replay from ``start_fen``.
    """
    counts = turk_counts(records)
    engine_name = engine_name.strip() or next(
        (r.engine_name for r in records if r.engine_name), "")
    return RevealFacts(
        game_id=game_id, mode=effective_mode(mode, counts), crew_mode=mode,
        start_fen=start_fen, visitor_color=visitor_color,
        ledger=build_ledger(records, start_fen), operator_name=operator_name.strip(),
        engine_name=engine_name.strip(), engine_author=engine_author.strip(),
        operator_seconds=max(0.0, operator_seconds), opening=opening,
        counts=MappingProxyType(counts))
