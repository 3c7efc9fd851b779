"""Games as PGN: writing finished and running games, reading a game to continue it.

Owns: ``session_to_pgn`` (standard seven-tag roster, set-up tags for other start positions, a
``Termination`` tag, and a comment on every Turk move naming who really made it) and
``read_pgn`` (with errors that name the problem). python-chess does the parsing and writing.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import chess
import chess.pgn

from game.model.records import MoveAuthor, MoveRecord
from game.model.session import GameSession

TURK_NAME = "The Turk (automaton)"
VISITOR_NAME = "Visitor"
_AUTHOR_RE = re.compile(r"\bauthor: ([a-z_]+)\b")
_MOVETEXT_NOISE = re.compile(r"\{[^}]*\}|;[^\n]*|\$\d+|\d+\.(\.\.)?|1-0|0-1|1/2-1/2|\*")
_SAN = re.compile(r"^([NBKRQ]?[a-h]?[1-8]?[\-x]?[a-h][1-8](=?[nbrqkNBRQK])?|[PNBRQK]?@[a-h][1-8]"
                  r"|--|Z0|0000|@@@@|O-O(-O)?|0-0(-0)?)[+#]?[!?]*$")


class _QuietBuilder(chess.pgn.GameBuilder[chess.pgn.Game]):
    """Collects parse errors without logging them: ``read_pgn`` reports them itself."""

    def handle_error(self, error: Exception) -> None:
        self.game.errors.append(error)


class PgnError(ValueError):
    """A PGN file cannot be used to continue a game."""


@dataclass(frozen=True)
class PgnMeta:
    """Header values that are not part of the session."""

    event: str = "The Mechanical Turk"
    site: str = "?"
    visitor_name: str = VISITOR_NAME
    date: dt.date | None = None


def session_to_pgn(session: GameSession, meta: PgnMeta | None = None) -> str:
    """The game as PGN text; a running game gets the result ``*``."""
    meta = meta or PgnMeta()
    board = chess.Board(session.start_fen)
    game = chess.pgn.Game()
    game.headers["Event"] = meta.event
    game.headers["Site"] = meta.site
    game.headers["Date"] = (meta.date or dt.date.today()).strftime("%Y.%m.%d")
    game.headers["Round"] = "-"
    white, black = (meta.visitor_name, TURK_NAME)
    if session.visitor_color == chess.BLACK:
        white, black = black, white
    game.headers["White"] = white
    game.headers["Black"] = black
    ending = session.ending
    game.headers["Result"] = ending.result if ending else "*"
    game.headers["VisitorColor"] = "white" if session.visitor_color == chess.WHITE else "black"
    if session.start_fen != chess.STARTING_FEN:
        game.setup(board)
    if ending is not None:
        game.headers["Termination"] = ending.termination.value
    for name, value in session.headers.items():
        game.headers[name] = value
    node: chess.pgn.GameNode = game
    for record in session.records:
        node = node.add_variation(chess.Move.from_uci(record.uci))
        if record.author is not MoveAuthor.VISITOR:
            note = _note(record)
            detail = f" ({note})" if note else ""
            node.comment = f"author: {record.author.value}{detail}"
    return str(game) + "\n"


def read_pgn(text: str, *, source: str = "<text>") -> GameSession:
    """The first game in ``text`` as a session to continue.

    The visitor keeps the colour the file records (``VisitorColor`` tag, or the side whose
    player is not the Turk); recorded move authors are restored from the comments.

    :raises PgnError: if there is no game, or a move is illegal or unreadable, naming it.
    """
    game = chess.pgn.read_game(io.StringIO(text), Visitor=_QuietBuilder)
    has_tags = re.search(r"^\s*\[\w+\s+\"", text, re.MULTILINE) is not None
    if game is None or (not has_tags and not list(game.mainline_moves())):
        raise PgnError(f"{source}: no game found; a PGN file starts with tags like "
                       '[Event "..."] followed by the moves')
    if game.errors:
        raise PgnError(f"{source}: {game.errors[0]}")
    unreadable = _first_unreadable_token(text)
    if unreadable is not None:
        raise PgnError(f"{source}: {unreadable!r} is not a move; fix or remove it")
    try:
        start = game.board()
    except ValueError as exc:
        raise PgnError(f"{source}: the FEN tag is not a valid position ({exc})") from exc
    moves = list(game.mainline_moves())
    authors = [_author_of(node.comment) for node in game.mainline()]
    session = GameSession.from_moves([], visitor_color=_visitor_color(game.headers),
                                     start_fen=start.fen())
    for index, move in enumerate(moves):
        author = authors[index] or (MoveAuthor.VISITOR if session.is_visitor_turn
                                    else MoveAuthor.ENGINE)
        try:
            session.apply(move, author)
        except (chess.IllegalMoveError, ValueError) as exc:
            number = index // 2 + 1
            raise PgnError(f"{source}: move {number} ({move.uci()}) cannot be played: "
                           f"{exc}") from exc
    return session


def load_pgn_file(path: Path) -> GameSession:
    """Read a saved game from ``path``.

    :raises PgnError: if the file cannot be read or holds no usable game.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PgnError(f"{path}: cannot read the file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise PgnError(f"{path}: not a text file (PGN is plain text)") from exc
    return read_pgn(text, source=str(path))


def _first_unreadable_token(text: str) -> str | None:
    """A word in the first game's moves that python-chess would silently skip."""
    lines = text.splitlines()
    body: list[str] = []
    started = False
    for line in lines:
        if line.lstrip().startswith("[") and not started:
            continue
        if line.lstrip().startswith("[") and started:
            break  # the next game's tags
        if line.strip():
            started = True
        body.append(line)
    movetext = _MOVETEXT_NOISE.sub(" ", "\n".join(body))
    depth = 0
    tokens: list[str] = re.findall(r"\(|\)|[^\s()]+", movetext)
    for token in tokens:
        if token in "()":
            depth += 1 if token == "(" else -1
            continue
        if depth == 0 and not _SAN.match(token):
            return token
    return None


def _note(record: MoveRecord) -> str:
    """What the comment says beside the author: the engine and its level, then free text."""
    engine = record.engine_name
    if engine and record.level is not None:
        engine = f"{engine} level {record.level}"
    return "; ".join(part for part in (engine, record.detail) if part)


def _visitor_color(headers: chess.pgn.Headers) -> chess.Color:
    recorded = headers.get("VisitorColor", "").lower()
    if recorded in ("white", "black"):
        return recorded == "white"
    return headers.get("White", "") != TURK_NAME


def _author_of(comment: str) -> MoveAuthor | None:
    match = _AUTHOR_RE.search(comment)
    if match is None:
        return None
    try:
        return MoveAuthor(match.group(1))
    except ValueError:
        return None
