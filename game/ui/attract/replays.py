"""The games the attract loop replays, read from ``assets/content/attract.toml``.

Owns: ``Replay`` (one game or opening line, checked move by move with python-chess, with what
the screen says about it) and ``load_replays``. A replay is either a game from a PGN file of
``assets/content`` (the 1809 Napoleon score, labelled as a doubtful record) or a named line of
the opening book's source file (``assets/books/openings.toml``). Every entry is checked when
it is read; one that cannot be played is left out and named in the returned problems, so the
loop goes on with the others and never shows an error.

Must not import: pygame (this is data, read once and shared).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable

import chess
import chess.pgn

from game.content.openings import Opening, OpeningsError, load_table
from game.content.sources import ContentError, Fields, assets_root, check_source_id, read_toml

ATTRACT_FILE = "content/attract.toml"
_FIELDS = frozenset({"id", "pgn", "white", "black", "opening", "turk", "title", "notes",
                     "doubtful", "sources", "max_plies"})


@dataclass(frozen=True)
class Replay:
    """One game the Turk replays by itself."""

    id: str
    moves: tuple[chess.Move, ...]
    """Every half-move to play, both sides, checked legal from ``start_fen``."""
    turk_color: chess.Color
    """The side the automaton plays (its hand carries these pieces)."""
    start_fen: str = chess.STARTING_FEN
    title_key: str = ""
    """String key of the title (games); openings are titled by their own name."""
    note_keys: tuple[str, ...] = ()
    doubtful: bool = False
    """Whether the record is doubted by historians (the screen says so)."""
    sources: tuple[str, ...] = ()
    opening: Opening | None = field(default=None, compare=False)
    """The named line, for an opening replay."""
    headers: Mapping[str, str] = field(default_factory=dict, compare=False)
    """The PGN headers of a game (Source and Authenticity notes kept)."""

    @property
    def key(self) -> str:
        """The act's name in the attract loop's programme."""
        return f"replay:{self.id}"


@dataclass(frozen=True)
class ReplayTable:
    replays: tuple[Replay, ...]
    problems: tuple[str, ...]
    """One line per entry that was left out, naming the file, the entry and the fix."""


def load_replays(root: Traversable | None = None, *,
                 openings: Sequence[Opening] | None = None) -> ReplayTable:
    """Every playable replay of ``attract.toml``, and why any other was left out.

    :param root: the assets folder; the installed ``game.assets`` when omitted.
    :param openings: the named lines (the opening book's source file when omitted).
    :raises ContentError: if the file itself is missing or is not valid TOML.
    """
    folder = root if root is not None else assets_root()
    data = read_toml(folder, ATTRACT_FILE)
    entries = data.get("replay", [])
    origin = f"assets/{ATTRACT_FILE}"
    if not isinstance(entries, list):
        raise ContentError(f"{origin}: [[replay]] must be an array of tables")
    replays: list[Replay] = []
    problems: list[str] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{origin} [[replay]] #{index + 1}"
        try:
            replay = _replay(entry, where, folder, openings)
        except (ContentError, OpeningsError) as exc:
            problems.append(str(exc))
            continue
        if replay.id in seen:
            problems.append(f"{where}: id {replay.id!r} appears twice; ids are unique")
            continue
        seen.add(replay.id)
        replays.append(replay)
    return ReplayTable(tuple(replays), tuple(problems))


def _replay(entry: object, where: str, folder: Traversable,
            openings: Sequence[Opening] | None) -> Replay:
    fields = Fields(entry, where=where, known=_FIELDS)
    replay_id = fields.text("id", required=True)
    where = f"{where} ({replay_id})"
    turk = fields.text("turk", required=True)
    if turk not in ("white", "black"):
        raise ContentError(f'{where}: turk must be "white" or "black", not {turk!r}')
    sources = tuple(check_source_id(s, where=where) for s in fields.texts("sources"))
    limit = _max_plies(entry, where)
    notes, doubtful = fields.texts("notes"), fields.flag("doubtful")
    if fields.text("pgn") and fields.text("opening"):
        raise ContentError(f"{where}: give either pgn or opening, not both")
    if fields.text("pgn"):
        game = _game(folder, fields, where)
        return Replay(replay_id, tuple(game.mainline_moves())[:limit], turk == "white",
                      start_fen=game.board().fen(), title_key=fields.text("title", required=True),
                      note_keys=notes, doubtful=doubtful, sources=sources,
                      headers=dict(game.headers))
    name = fields.text("opening")
    if not name:
        raise ContentError(f"{where}: needs a pgn file or an opening name")
    opening = _opening(name, openings, where)
    return Replay(replay_id, _san_moves(opening.moves, where)[:limit], turk == "white",
                  note_keys=notes, doubtful=doubtful, sources=sources or opening.source_ids,
                  opening=opening)


def _max_plies(entry: object, where: str) -> int | None:
    value = entry.get("max_plies") if isinstance(entry, Mapping) else None
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentError(f"{where}: max_plies must be a whole number of half-moves, 1 or more")
    return value


def _game(folder: Traversable, fields: Fields, where: str) -> chess.pgn.Game:
    name = fields.text("pgn")
    if "/" in name or "\\" in name:
        raise ContentError(f"{where}: pgn names a file in assets/content, without folders")
    try:
        text = folder.joinpath("content", name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ContentError(f"{where}: assets/content/{name} not found") from exc
    white, black = fields.text("white"), fields.text("black")
    stream = io.StringIO(text)
    while (game := chess.pgn.read_game(stream, Visitor=_QuietBuilder)) is not None:
        if white and game.headers.get("White") != white:
            continue
        if black and game.headers.get("Black") != black:
            continue
        if game.errors:
            raise ContentError(f"{where}: the game in {name} has errors: {game.errors[0]}")
        if not any(True for _ in game.mainline_moves()):
            raise ContentError(f"{where}: the game in {name} has no moves")
        return game
    raise ContentError(f"{where}: no game in {name} with White {white!r} and Black {black!r}")


class _QuietBuilder(chess.pgn.GameBuilder[chess.pgn.Game]):
    """Keeps a game's errors for our own message instead of logging them as errors: a broken
    replay is a warning, and the loop goes on with the others."""

    def handle_error(self, error: Exception) -> None:
        self.game.errors.append(error)


def _opening(name: str, openings: Sequence[Opening] | None, where: str) -> Opening:
    known = openings if openings is not None else load_table().openings
    for opening in known:
        if opening.name == name:
            return opening
    raise ContentError(f"{where}: no [[opening]] named {name!r} in assets/books/openings.toml "
                       "(use its English name)")


def _san_moves(sans: Sequence[str], where: str) -> tuple[chess.Move, ...]:
    board = chess.Board()
    moves = []
    for san in sans:
        try:
            moves.append(board.push_san(san))
        except ValueError as exc:
            raise ContentError(f"{where}: {san!r} is not a legal move here: {exc}") from exc
    if not moves:
        raise ContentError(f"{where}: the line has no moves")
    return tuple(moves)
