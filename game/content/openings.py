"""Named openings: which one a game followed, and who stands behind it.

Owns: reading ``assets/books/openings.toml`` (the project's own opening lines, also the
source of the engine's Polyglot book), and :func:`identify_opening`, which names the
longest opening line a game followed — for the reveal screen, which shows the people
inside the program: the players whose openings it plays.

A game "followed" a line when the position at the end of the line occurred in the game, so
a line reached by another move order counts too.

Must not import: pygame or anything above ``game.content`` (part of the pure core).
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import chess
import chess.polyglot

OPENINGS_FILE = "openings.toml"


class OpeningsError(ValueError):
    """The openings file is malformed: a bad move, an unknown source, a missing field."""


@dataclass(frozen=True)
class OpeningSource:
    """Where a fact about an opening comes from."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class BookLine:
    """A line of moves with the weight the opening book gives it."""

    moves: tuple[str, ...]
    """SAN moves from the standard starting position."""
    weight: int


@dataclass(frozen=True)
class Opening:
    """A named opening line and the facts the reveal shows about it."""

    names: Mapping[str, str] = field(hash=False)
    """The name in each language of the game (``en`` always present)."""
    people: tuple[str, ...]
    era: str
    source_ids: tuple[str, ...]
    ply: int
    """How many half-moves define the opening (the start of :attr:`moves`)."""
    moves: tuple[str, ...]
    """The whole line, of which the book plays the rest as a continuation."""
    note: str = ""

    @property
    def name(self) -> str:
        """The English name."""
        return self.names["en"]

    def name_in(self, language: str) -> str:
        """The name in ``language``, or the English one if there is none."""
        return self.names.get(language, self.names["en"])


@dataclass(frozen=True)
class OpeningTable:
    """Everything in the openings file."""

    openings: tuple[Opening, ...]
    lines: tuple[BookLine, ...]
    """Every line with a weight (named or not), for the book builder."""
    sources: Mapping[str, OpeningSource] = field(hash=False)


def _final_key(moves: Sequence[str], origin: str) -> int:
    board = chess.Board()
    try:
        for san in moves:
            board.push_san(san)
    except ValueError as error:
        raise OpeningsError(f"{origin}: {error}") from None
    return chess.polyglot.zobrist_hash(board)


def parse_table(data: Mapping[str, object], origin: str = OPENINGS_FILE) -> OpeningTable:
    """Check and read the parsed TOML of an openings file.

    :raises OpeningsError: for a malformed entry, naming the entry and the problem.
    """
    raw_sources = data.get("sources", {})
    if not isinstance(raw_sources, Mapping):
        raise OpeningsError(f"{origin}: [sources] must be a table")
    sources = {key: OpeningSource(key, str(value["title"]), str(value["url"]))
               for key, value in raw_sources.items()}
    openings: list[Opening] = []
    lines: list[BookLine] = []
    for kind in ("opening", "line"):
        entries = data.get(kind, [])
        if not isinstance(entries, list):
            raise OpeningsError(f"{origin}: [[{kind}]] must be an array of tables")
        for index, entry in enumerate(entries):
            where = f"{origin}: [[{kind}]] #{index + 1}"
            try:
                moves = tuple(str(entry["moves"]).split())
                weight = int(entry.get("weight", 0))
            except (KeyError, TypeError, ValueError) as error:
                raise OpeningsError(f"{where}: {error!r}") from None
            _final_key(moves, where)
            if weight > 0:
                lines.append(BookLine(moves, weight))
            if kind == "opening":
                openings.append(_opening(entry, moves, sources, where))
    return OpeningTable(tuple(openings), tuple(lines), sources)


def _opening(entry: Mapping[str, object], moves: tuple[str, ...],
             sources: Mapping[str, OpeningSource], where: str) -> Opening:
    names = entry.get("names")
    if not isinstance(names, Mapping) or "en" not in names:
        raise OpeningsError(f"{where}: needs names with at least 'en'")
    source_ids = tuple(str(s) for s in entry.get("sources", []))  # type: ignore[attr-defined]
    unknown = [s for s in source_ids if s not in sources]
    if not source_ids or unknown:
        raise OpeningsError(f"{where}: sources missing or unknown: {unknown}")
    people = tuple(str(p) for p in entry.get("people", []))  # type: ignore[attr-defined]
    plies = entry.get("plies", len(moves))
    if not isinstance(plies, int) or not 0 < plies <= len(moves):
        raise OpeningsError(f"{where}: plies must be between 1 and the number of moves")
    return Opening(names={str(k): str(v) for k, v in names.items()}, people=people,
                   era=str(entry.get("era", "")), source_ids=source_ids, ply=plies,
                   moves=moves, note=str(entry.get("note", "")))


@functools.cache
def load_table() -> OpeningTable:
    """The openings file shipped with the game (read once).

    :raises OpeningsError: if the file is malformed.
    """
    resource = importlib.resources.files("game.assets") / "books" / OPENINGS_FILE
    with resource.open("rb") as stream:
        return parse_table(tomllib.load(stream))


@functools.cache
def _index() -> tuple[tuple[int, Opening], ...]:
    """(key of the final position, opening), longest lines first."""
    table = load_table()
    keyed = [(_final_key(o.moves[:o.ply], o.name), o) for o in table.openings]
    return tuple(sorted(keyed, key=lambda item: -item[1].ply))


def identify_opening(moves: Sequence[chess.Move], *,
                     start_fen: str = chess.STARTING_FEN) -> Opening | None:
    """The longest named opening whose final position the game reached, or None.

    :raises ValueError: if a move is illegal in the game (the game record is broken).
    """
    board = chess.Board(start_fen)
    seen = {chess.polyglot.zobrist_hash(board)}
    for move in moves:
        if move not in board.legal_moves:
            raise ValueError(f"illegal move {move.uci()} in {board.fen()}")
        board.push(move)
        seen.add(chess.polyglot.zobrist_hash(board))
    for key, opening in _index():
        if key in seen:
            return opening
    return None
