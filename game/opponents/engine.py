"""A UCI engine as a source of Turk moves: the built-in engine, Stockfish, or any other.

Owns: ``EngineOpponent`` and ``resolve_engine``. The engine process's life (start at a lower
priority, restart once per request when it dies, give up with the reason, quit) belongs to
``game.opponents.process.EngineProcess``; this module decides what to ask it: the level's
options and limit, and the opening book first. The book is opened once, on the engine loop,
and closed with the opponent; its moves are recorded as ``MoveAuthor.BOOK``. Requests run on
the shared engine loop, so the frame loop only ever polls a future.

Must not import: pygame or ``game.ui``; it starts ``game.engine`` as a program, never imports it.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import chess
import chess.engine
import chess.polyglot

from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest, OpponentError, OpponentUnavailableError
from game.opponents.levels import LevelPlan, plan_for_level
from game.opponents.process import (
    EngineIdentity,
    EngineLoop,
    EngineProcess,
    Search,
)

log = logging.getLogger(__name__)

BUILTIN = "builtin"

Planner = Callable[..., LevelPlan]
"""``planner(level, engine_name=..., engine_options=...)`` → the plan for that engine."""


def builtin_command() -> list[str]:
    """The command that runs the built-in engine with the running Python."""
    return [sys.executable, "-m", "game.engine"]


def resolve_engine(spec: str) -> list[str]:
    """Turn ``builtin``, ``stockfish``, a program name on PATH, or a path into a command.

    :raises OpponentUnavailableError: if no such engine can be found, with the fix in the message.
    """
    if spec == BUILTIN:
        return builtin_command()
    if os.sep in spec or spec.startswith("."):
        path = Path(spec).expanduser()
        if not path.is_file():
            raise OpponentUnavailableError(
                f"engine {spec!r} not found: give the path of a UCI engine program, "
                "e.g. --engine /usr/games/stockfish, or --engine builtin")
        if not os.access(path, os.X_OK):
            raise OpponentUnavailableError(f"engine {spec!r} is not executable (chmod +x it)")
        return [str(path)]
    found = shutil.which(spec) or shutil.which(spec, path="/usr/games:/usr/local/games")
    if found is None:
        hint = " (on Debian: apt install stockfish)" if spec == "stockfish" else ""
        raise OpponentUnavailableError(
            f"engine {spec!r} is not installed or not on PATH{hint}; "
            "use --engine builtin or give a path")
    return [found]


class OpeningBook:
    """A Polyglot book, opened on first use and kept open until closed (on the engine loop).

    :param path: the book file, or ``None`` for no book.
    :param plies: how many plies into a game the book is consulted.
    """

    def __init__(self, path: Path | None, *, plies: int) -> None:
        self._path = path
        self._plies = plies
        self._reader: chess.polyglot.MemoryMappedReader | None = None
        self._closed = False

    def move(self, board: chess.Board) -> chess.Move | None:
        """A weighted choice among the book's moves for ``board``, or ``None``."""
        if self._path is None or self._closed or len(board.move_stack) >= self._plies:
            return None
        try:
            if self._reader is None:
                self._reader = chess.polyglot.open_reader(self._path)
            return self._reader.weighted_choice(board).move
        except IndexError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("opening book %s unreadable: %s", self._path, exc)
            self._path = None
            return None

    def close(self) -> None:
        self._closed = True
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()


class EngineOpponent:
    """The Turk's moves from a UCI engine process, at a level.

    :param command: the engine program and its arguments.
    :param level: 1 (a child can win) to 8 (full strength).
    :param planner: maps a level to options and a move limit for the engine at hand.
    :param book_path: a Polyglot opening book consulted first, or ``None``.
    :param author: recorded as the author of the engine's moves (the engine standing in for
        an operator records ``MoveAuthor.ENGINE_STANDIN``).
    :param book_plies: how many plies into a game the book is consulted.
    :param loop: the engine loop (the program's shared one by default).
    """

    def __init__(self, command: Sequence[str], *, level: int, planner: Planner = plan_for_level,
                 book_path: Path | None = None, author: MoveAuthor = MoveAuthor.ENGINE,
                 book_plies: int = 16, loop: EngineLoop | None = None) -> None:
        self._level = level
        self._planner = planner
        self._author = author
        self._limit = chess.engine.Limit(time=1.0)
        self._process = EngineProcess(command, loop=loop, setup=self._setup)
        self._book = OpeningBook(book_path, plies=book_plies)
        self._future: concurrent.futures.Future[MoveReply] | None = None
        self._search: Search | None = None
        self._started = False
        self._closed = False

    @property
    def description(self) -> str:
        return f"{self._process.name} (level {self._level})"

    @property
    def engine_name(self) -> str:
        """The name the engine gives itself (``id name``), once it has started."""
        return self._process.name

    @property
    def engine_author(self) -> str:
        """The author the engine names (``id author``), or an empty string."""
        identity = self._process.identity
        return identity.author if identity is not None else ""

    @property
    def is_thinking(self) -> bool:
        return self._future is not None and not self._future.done()

    def start(self) -> None:
        """Start the engine process in the background (a failure shows at the first move)."""
        if not self._started and not self._closed:
            self._started = True
            self._process.open()

    def request_move(self, request: MoveRequest) -> None:
        if self._closed:
            raise OpponentUnavailableError("the engine was closed")
        self._started = True
        if self._search is not None:
            self._search.stop()
        self._search = Search(self._process.loop)
        self._future = self._process.submit(self._choose(request, self._search))

    def poll(self) -> MoveReply | None:
        future = self._future
        if future is None or not future.done():
            return None
        self._future = self._search = None
        error = future.exception()
        if error is not None:
            if isinstance(error, OpponentError):
                raise error
            raise OpponentUnavailableError(f"{self._process.name}: {error}") from error
        return future.result()

    def cancel(self) -> None:
        self._future = None
        if self._search is not None:
            self._search.stop()
            self._search = None

    def close(self) -> None:
        """Stop any search, quit the engine and close the book; returns at once."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        self._process.quit()
        self._process.loop.call(self._book.close)

    # -- on the engine loop ------------------------------------------------------------------

    def _setup(self, identity: EngineIdentity) -> Mapping[str, chess.engine.ConfigValue]:
        plan = self._planner(self._level, engine_name=identity.name,
                             engine_options=identity.options)
        settable: dict[str, chess.engine.ConfigValue] = {
            k: v for k, v in plan.options.items() if k in identity.options}
        if "OwnBook" in identity.options:
            # The game reads the book itself, so the record can say a move was the book's.
            settable["OwnBook"] = False
        self._limit = plan.limit
        log.info("engine %s set up for level %d: %s", identity.name, self._level, self._limit)
        return settable

    async def _choose(self, request: MoveRequest, search: Search) -> MoveReply:
        book = self._book.move(request.board)
        if book is not None:
            return MoveReply(request.game_id, request.ply, book, MoveAuthor.BOOK)
        found = await self._process.analyse(request.board, self._limit, search)
        if found.move is None:
            raise OpponentError(f"{self._process.name} gave no move in {request.board.fen()!r}")
        return MoveReply(request.game_id, request.ply, found.move, self._author,
                         engine_name=self._process.name, level=self._level)
