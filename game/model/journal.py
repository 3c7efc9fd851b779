"""The move journal's format: what a game's journal says, line by line, and the game it replays.

Owns: the journal's entries (``GameLine``, ``MoveLine``, ``CrewLine``, ``TakeBackLine``,
``EndLine``), ``encode``/``decode`` of one line, ``read_journal`` (a whole journal's text →
``JournalGame``: a ``GameSession`` with the very same move records, who played the Turk, the
operator's time at the lever, and how the game ended), and ``copy_session``.

A journal is UTF-8 text, one JSON object per line, each line ending in ``\\n``:

- ``game`` (first line): game id, start FEN, the visitor's colour, the colour and level that
  were asked for, the session's extra PGN headers, and when it started;
- ``move``: every ``MoveRecord`` field (the true author, its detail, the thinking time) and the
  operator's seconds at the lever so far;
- ``crew``: who plays the Turk changed (mode, operator's name, engine's name and authors);
- ``back``: the last N journaled plies were withdrawn (a takeback, or a Turk move journaled
  but never shown because the game took another turn first);
- ``end``: how the game ended (termination, winner, the adjudication's note).

Only the last line can be torn (a power cut in the middle of an append): a last piece without
its ``\\n`` was never confirmed durable, so nothing built on it, and it is dropped (and said so
in ``JournalGame.torn``). Anything else that does not read or does not replay is damage,
reported as ``JournalDamagedError`` with its line number and the game as far as it replayed.

Must not import: pygame or anything above ``game.model`` (pure: chess and the standard library).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import chess

from game.model.records import MoveAuthor, MoveRecord
from game.model.reveal import TurkMode
from game.model.session import DrawClaim, Ending, GameError, GameSession, Termination

FORMAT_VERSION = 1
_EXCERPT = 60
"""How much of a damaged line an error message quotes (a file is outside input)."""
_AUTOMATIC = {Termination.CHECKMATE, Termination.STALEMATE, Termination.INSUFFICIENT_MATERIAL,
              Termination.SEVENTYFIVE_MOVES, Termination.FIVEFOLD_REPETITION}


@dataclass(frozen=True)
class GameLine:
    """The first line: the game and how it was set up."""

    game_id: str
    start_fen: str
    visitor_color: chess.Color
    color: str = "white"
    """The colour the visitor asked for (``white``, ``black`` or ``random``), for "play again"."""
    level: int = 3
    headers: tuple[tuple[str, str], ...] = ()
    """The session's extra PGN headers (the visit's format) when the game began."""
    started: str = ""
    """When the game began (local ISO time; for people, and to pick the newest game)."""


@dataclass(frozen=True)
class MoveLine:
    """A move, exactly as recorded, and the operator's time at the lever so far."""

    record: MoveRecord
    lever_s: float = 0.0


@dataclass(frozen=True)
class CrewLine:
    """Who plays the Turk from here on (sealed: only the reveal shows it)."""

    mode: str = "engine"
    operator_name: str = ""
    engine_name: str = ""
    engine_author: str = ""


@dataclass(frozen=True)
class TakeBackLine:
    """The last ``plies`` journaled plies are withdrawn."""

    plies: int


@dataclass(frozen=True)
class EndLine:
    """How the game ended."""

    termination: Termination
    winner: chess.Color | None
    note: str = ""
    """What an adjudication rested on (the ``Adjudication`` header)."""
    lever_s: float = 0.0


Entry = GameLine | MoveLine | CrewLine | TakeBackLine | EndLine


class JournalLineError(ValueError):
    """One line of a journal cannot be read."""


class JournalDamagedError(ValueError):
    """A journal is damaged before its last line: it names the line and keeps the game as far
    as it replayed (``partial``; ``None`` when even the first line is unusable)."""

    def __init__(self, line: int, reason: str, partial: JournalGame | None) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason
        self.partial = partial


@dataclass
class JournalGame:
    """A game replayed from its journal."""

    header: GameLine
    session: GameSession
    crew: CrewLine = dataclasses.field(default_factory=CrewLine)
    lever_s: float = 0.0
    end: EndLine | None = None
    """The journal's ``end`` line, once read."""
    torn: str = ""
    """What was dropped from the end as a torn line (empty when nothing was)."""

    @property
    def is_over(self) -> bool:
        return self.session.is_over


# -- one line ---------------------------------------------------------------------------------

def _color_name(color: chess.Color | None) -> str | None:
    if color is None:
        return None
    return "white" if color == chess.WHITE else "black"


def encode(entry: Entry) -> str:
    """One journal line (ASCII, ending in ``\\n``)."""
    data: dict[str, object]
    if isinstance(entry, GameLine):
        data = {"k": "game", "v": FORMAT_VERSION, "id": entry.game_id, "fen": entry.start_fen,
                "visitor": _color_name(entry.visitor_color), "color": entry.color,
                "level": entry.level, "headers": dict(entry.headers), "started": entry.started}
    elif isinstance(entry, MoveLine):
        data = {"k": "move"}
        for field in dataclasses.fields(MoveRecord):
            value = getattr(entry.record, field.name)
            data[field.name] = value.value if isinstance(value, MoveAuthor) else value
        data["lever_s"] = entry.lever_s
    elif isinstance(entry, CrewLine):
        data = {"k": "crew", **dataclasses.asdict(entry)}
    elif isinstance(entry, TakeBackLine):
        data = {"k": "back", "plies": entry.plies}
    else:
        data = {"k": "end", "termination": entry.termination.value,
                "winner": _color_name(entry.winner), "note": entry.note, "lever_s": entry.lever_s}
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")) + "\n"


def _get(data: Mapping[str, object], key: str, kind: type | tuple[type, ...]) -> object:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
        raise JournalLineError(f"{key!r} is missing or not a {getattr(kind, '__name__', kind)}")
    return value


def _text(data: Mapping[str, object], key: str) -> str:
    value = _get(data, key, str)
    assert isinstance(value, str)
    return value


def _integer(data: Mapping[str, object], key: str) -> int:
    value = _get(data, key, int)
    assert isinstance(value, int)
    return value


def _number(data: Mapping[str, object], key: str) -> float:
    value = _get(data, key, (int, float))
    assert isinstance(value, (int, float))
    return float(value)


def _color(data: Mapping[str, object], key: str, *, optional: bool = False) -> chess.Color | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if value not in ("white", "black"):
        raise JournalLineError(f"{key!r} is not white or black")
    return value == "white"


_E = TypeVar("_E", MoveAuthor, Termination, TurkMode)


def _enum_value(kind: type[_E], value: str) -> _E:
    try:
        return kind(value)
    except ValueError as exc:
        raise JournalLineError(f"{value[:_EXCERPT]!r} is not a known {kind.__name__}") from exc


def _decode_game(data: Mapping[str, object]) -> GameLine:
    if data.get("v") != FORMAT_VERSION:
        raise JournalLineError(f"journal format {data.get('v')!r} is not {FORMAT_VERSION}")
    headers = data.get("headers")
    if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
        raise JournalLineError("'headers' is not a table of texts")
    visitor = _color(data, "visitor")
    assert visitor is not None
    return GameLine(game_id=_text(data, "id"), start_fen=_text(data, "fen"),
                    visitor_color=visitor, color=_text(data, "color"),
                    level=_integer(data, "level"), headers=tuple(headers.items()),
                    started=_text(data, "started"))


def _decode_move(data: Mapping[str, object]) -> MoveLine:
    level = data.get("level")
    record = MoveRecord(ply=_integer(data, "ply"), uci=_text(data, "uci"), san=_text(data, "san"),
                        author=_enum_value(MoveAuthor, _text(data, "author")),
                        detail=_text(data, "detail"), think_s=_number(data, "think_s"),
                        engine_name=_text(data, "engine_name"),
                        level=None if level is None else _integer(data, "level"))
    return MoveLine(record, lever_s=_number(data, "lever_s"))


def decode(line: str) -> Entry:
    """The entry on one line (with or without its ``\\n``).

    :raises JournalLineError: if the line is not a journal entry, saying why.
    """
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise JournalLineError(f"not JSON ({exc.__class__.__name__}: {exc})") from exc
    if not isinstance(data, dict):
        raise JournalLineError("not a JSON object")
    kind = data.get("k")
    if kind == "game":
        return _decode_game(data)
    if kind == "move":
        return _decode_move(data)
    if kind == "crew":
        return CrewLine(mode=_enum_value(TurkMode, _text(data, "mode")).value,
                        operator_name=_text(data, "operator_name"),
                        engine_name=_text(data, "engine_name"),
                        engine_author=_text(data, "engine_author"))
    if kind == "back":
        plies = _integer(data, "plies")
        if plies < 1:
            raise JournalLineError("'plies' must be at least 1")
        return TakeBackLine(plies)
    if kind == "end":
        return EndLine(termination=_enum_value(Termination, _text(data, "termination")),
                       winner=_color(data, "winner", optional=True), note=_text(data, "note"),
                       lever_s=_number(data, "lever_s"))
    raise JournalLineError(f"unknown kind {str(kind)[:_EXCERPT]!r}")


# -- a whole journal --------------------------------------------------------------------------

def _excerpt(line: str) -> str:
    return line[:_EXCERPT] + ("…" if len(line) > _EXCERPT else "")


def read_journal(text: str) -> JournalGame | None:
    """The game a journal's text holds, replayed; ``None`` when it holds no complete line.

    :raises JournalDamagedError: if a complete line does not read or does not replay.
    """
    lines = text.split("\n")
    torn = lines.pop()  # what follows the last "\n": empty, or a line cut short
    game: JournalGame | None = None
    for number, line in enumerate(lines, start=1):
        try:
            entry = decode(line)
        except JournalLineError as exc:
            raise JournalDamagedError(number, f"{exc} in {_excerpt(line)!r}", game) from exc
        try:
            game = _replay(game, entry)
        except (JournalLineError, GameError, chess.IllegalMoveError, ValueError) as exc:
            raise JournalDamagedError(number, str(exc), game) from exc
    if game is None:
        return None  # not even the first line was written whole: no game began
    if torn:
        game.torn = f"a torn last line of {len(torn)} characters ({_excerpt(torn)!r})"
    return game


def _replay(game: JournalGame | None, entry: Entry) -> JournalGame:
    if game is None:
        if not isinstance(entry, GameLine):
            raise JournalLineError("the first line must describe the game")
        session = GameSession(visitor_color=entry.visitor_color, start_fen=entry.start_fen,
                              game_id=entry.game_id, headers=dict(entry.headers))
        return JournalGame(entry, session)
    if isinstance(entry, GameLine):
        raise JournalLineError("a second game line")
    session = game.session
    if (game.end is not None and not isinstance(entry, CrewLine)) or (
            session.is_over and isinstance(entry, MoveLine | TakeBackLine)):
        raise JournalLineError("an entry after the game ended")
    if isinstance(entry, MoveLine):
        session.apply_record(entry.record)
        game.lever_s = entry.lever_s
    elif isinstance(entry, CrewLine):
        game.crew = entry
    elif isinstance(entry, TakeBackLine):
        game.session = _withdrawn(session, entry.plies)
    else:
        _end(session, entry)
        game.end = entry
        game.lever_s = entry.lever_s
    return game


def _withdrawn(session: GameSession, plies: int) -> GameSession:
    """The session without its last ``plies`` moves (withdrawn plies need not be the
    visitor's, so this replays rather than taking back)."""
    records = session.records
    if plies > len(records):
        raise JournalLineError(f"{plies} plies withdrawn from a game of {len(records)}")
    return copy_session(session, records[:len(records) - plies])


def _end(session: GameSession, end: EndLine) -> None:
    termination = end.termination
    if termination in _AUTOMATIC:
        expected = Ending(termination, end.winner)
        if session.ending != expected:
            raise JournalLineError(f"the moves do not end in {termination.value}")
    elif termination.is_claim:
        session.claim_draw(DrawClaim(termination.value))
    elif termination is Termination.RESIGNATION:
        if end.winner is None:
            raise JournalLineError("a resignation without a winner")
        session.resign(not end.winner)
    elif termination is Termination.ADJUDICATED:
        session.adjudicate(end.winner, note=end.note)
    else:
        session.abandon()
    if session.ending != Ending(termination, end.winner):
        raise JournalLineError(f"the ending {termination.value} does not fit the game")


def copy_session(session: GameSession,
                 records: tuple[MoveRecord, ...] | None = None) -> GameSession:
    """A new session for the same game with ``records`` (default: all of them) played, the
    very same records; without its ending."""
    copy = GameSession(visitor_color=session.visitor_color, start_fen=session.start_fen,
                       game_id=session.game_id, headers=session.headers)
    for record in session.records if records is None else records:
        copy.apply_record(record)
    return copy


def lines_for(header: GameLine, session: GameSession, *, crew: CrewLine | None = None,
              lever_s: float = 0.0) -> list[Entry]:
    """The entries that journal ``session`` as it stands (a game continued from a file, or a
    resumed one written afresh): its header, every move, and the crew when there is one."""
    entries: list[Entry] = [header]
    if crew is not None and crew != CrewLine():
        entries.append(crew)
    entries += [MoveLine(record, lever_s=lever_s) for record in session.records]
    return entries
