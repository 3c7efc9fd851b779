"""A UCI engine as a source of Turk moves: the built-in engine, Stockfish, or any other.

Owns: ``EngineOpponent`` and ``resolve_engine``. The engine runs as its own process, driven
by python-chess's ``chess.engine`` on one worker thread, so the frame loop only ever polls a
future. Opening-book moves are looked up here with ``chess.polyglot`` (on the worker too), so
the record can say that a move came from the book. A crashed engine is restarted once per
request; if it will not come back, ``poll`` raises ``OpponentUnavailableError`` with the reason.

Must not import: pygame or ``game.ui``; it starts ``game.engine`` as a program, never imports it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import chess
import chess.engine
import chess.polyglot

from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest, OpponentError, OpponentUnavailableError
from game.opponents.levels import LevelPlan, plan_for_level

log = logging.getLogger(__name__)

BUILTIN = "builtin"
_STARTUP_TIMEOUT_S = 20.0
ENGINE_NICENESS = 5
"""How much lower the engine process's scheduling priority is than the game's: the frames
come first, the search takes what is left (all of a core while the screen is idle)."""


ENGINE_DIED = (chess.engine.EngineTerminatedError, concurrent.futures.CancelledError)
"""How python-chess reports a dead engine process: ``EngineTerminatedError`` (also for a call
made after its event loop ended), or a cancelled call when the process dies while a command
is starting (its loop ends and cancels what it was still waiting for, e.g. ``readyok``)."""

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


def find_stockfish() -> str | None:
    """The path of an installed Stockfish, or ``None``."""
    try:
        return resolve_engine("stockfish")[0]
    except OpponentUnavailableError:
        return None


class EngineOpponent:
    """The Turk's moves from a UCI engine process, at a level.

    :param command: the engine program and its arguments.
    :param level: 1 (a child can win) to 8 (full strength).
    :param planner: maps a level to options and a move limit for the engine at hand.
    :param book_path: a Polyglot opening book consulted first, or ``None``.
    :param author: recorded as the author of the engine's moves (the engine standing in for
        an operator records ``MoveAuthor.ENGINE_STANDIN``).
    """

    def __init__(self, command: Sequence[str], *, level: int, planner: Planner = plan_for_level,
                 book_path: Path | None = None, author: MoveAuthor = MoveAuthor.ENGINE,
                 book_plies: int = 16) -> None:
        self._command = list(command)
        self._level = level
        self._planner = planner
        self._book_path = book_path
        self._book_plies = book_plies
        self._author = author
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="engine")
        self._engine: chess.engine.SimpleEngine | None = None
        self._limit = chess.engine.Limit(time=1.0)
        self._name = Path(self._command[-1]).name
        self._future: concurrent.futures.Future[MoveReply] | None = None
        self._start_future: concurrent.futures.Future[None] | None = None
        self._closed = False
        self._search_lock = threading.Lock()
        self._search: chess.engine.SimpleAnalysisResult | None = None

    @property
    def description(self) -> str:
        return f"{self._name} (level {self._level})"

    @property
    def engine_name(self) -> str:
        """The name the engine gives itself (``id name``), once it has started."""
        return self._name

    @property
    def engine_author(self) -> str:
        """The author the engine names (``id author``), or an empty string."""
        engine = self._engine
        return engine.id.get("author", "") if engine is not None else ""

    @property
    def is_thinking(self) -> bool:
        return self._future is not None and not self._future.done()

    def start(self) -> None:
        if self._start_future is None:
            self._start_future = self._executor.submit(self._open)

    def request_move(self, request: MoveRequest) -> None:
        self.start()
        self._future = self._executor.submit(self._choose, request)

    def poll(self) -> MoveReply | None:
        future = self._future
        if future is None or not future.done():
            return None
        self._future = None
        error = future.exception()
        if error is not None:
            if isinstance(error, OpponentError):
                raise error
            raise OpponentUnavailableError(f"{self._name}: {error}") from error
        return future.result()

    def cancel(self) -> None:
        self._future = None
        self._stop_search()

    def close(self) -> None:
        """Stop any search and quit the engine (on the worker; this returns at once)."""
        if self._closed:
            return
        self._closed = True
        for pending in (self._future, self._start_future):
            if pending is not None:
                pending.cancel()  # only cancels what has not started yet
        self._future = None
        self._stop_search()
        self._executor.submit(self._quit)  # after a running job, before nothing else
        self._executor.shutdown(wait=False)

    def _stop_search(self) -> None:
        with self._search_lock:
            if self._search is not None:
                self._search.stop()

    # -- worker thread ---------------------------------------------------------------------

    def _quit(self) -> None:
        engine, self._engine = self._engine, None
        if engine is None:
            return
        try:
            engine.quit()
        except (chess.engine.EngineError, TimeoutError, OSError) as exc:
            log.info("engine %s did not quit cleanly (%s); closing it", self._name, exc)
            engine.close()

    def _open(self) -> None:
        if self._closed:
            return
        try:
            engine = chess.engine.SimpleEngine.popen_uci(self._command, timeout=_STARTUP_TIMEOUT_S)
        except (OSError, chess.engine.EngineError, TimeoutError) as exc:
            raise OpponentUnavailableError(
                f"the engine {' '.join(self._command)!r} could not be started: {exc}") from exc
        _yield_to_the_game(engine)
        quiet_dead_engine_futures(engine)
        self._name = engine.id.get("name", self._name)
        plan = self._planner(self._level, engine_name=self._name,
                             engine_options=engine.options)
        settable = {k: v for k, v in plan.options.items() if k in engine.options}
        if "OwnBook" in engine.options:
            # The game reads the book itself, so the record can say a move was the book's.
            settable["OwnBook"] = False
        if settable:
            engine.configure(settable)
        self._limit = plan.limit
        self._engine = engine
        log.info("engine %s started for level %d: %s, %s", self._name, self._level,
                 settable, self._limit)

    def _book_move(self, board: chess.Board) -> chess.Move | None:
        if self._book_path is None or len(board.move_stack) >= self._book_plies:
            return None
        try:
            with chess.polyglot.open_reader(self._book_path) as reader:
                return reader.weighted_choice(board).move
        except IndexError:
            return None
        except OSError as exc:
            log.warning("opening book %s unreadable: %s", self._book_path, exc)
            self._book_path = None
            return None

    def _choose(self, request: MoveRequest) -> MoveReply:
        book = self._book_move(request.board)
        if book is not None:
            return MoveReply(request.game_id, request.ply, book, MoveAuthor.BOOK, "opening book")
        for attempt in (1, 2):
            if self._engine is None:
                self._open()
            engine = self._engine
            if engine is None or self._closed:
                raise OpponentUnavailableError("the engine was closed")
            try:
                move = self._search_move(engine, request.board)
            except ENGINE_DIED as exc:
                if self._closed:
                    raise OpponentUnavailableError("the engine was closed") from exc
                log.warning("engine %s stopped (%s); restarting (attempt %d)", self._name,
                            exc or type(exc).__name__, attempt)
                self._engine = None
                engine.close()  # ends python-chess's thread for the dead process
                continue
            if move is None:
                raise OpponentError(f"{self._name} gave no move in {request.board.fen()!r}")
            return MoveReply(request.game_id, request.ply, move, self._author,
                             f"{self._name} level {self._level}")
        raise OpponentUnavailableError(f"the engine {self._name} stopped twice and was given up")

    def _search_move(self, engine: chess.engine.SimpleEngine,
                     board: chess.Board) -> chess.Move | None:
        """Search with a stoppable analysis (``cancel`` and ``close`` can end it early)."""
        search = engine.analysis(board, self._limit)
        with self._search_lock:
            self._search = search
        try:
            return search.wait().move
        finally:
            with self._search_lock:
                self._search = None
            with contextlib.suppress(*ENGINE_DIED):  # a dead engine needs no stopping
                search.stop()


def quiet_dead_engine_futures(engine: chess.engine.SimpleEngine) -> None:
    """Log at INFO, not ERROR, what a dead engine leaves unread in python-chess's event loop.

    When the process dies while an analysis is starting, python-chess stores the error in an
    analysis object it never hands out; asyncio then reports "Future exception was never
    retrieved" as an ERROR when that object is collected, though the death was handled here.
    """
    loop = engine.protocol.loop

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        if isinstance(context.get("exception"), chess.engine.EngineTerminatedError):
            log.info("engine %s: %s", engine, context.get("message"))
        else:
            loop.default_exception_handler(context)

    loop.call_soon_threadsafe(loop.set_exception_handler, handler)


def _yield_to_the_game(engine: chess.engine.SimpleEngine) -> None:
    """Lower the engine process's priority a little (POSIX), so a search never slows frames."""
    if not hasattr(os, "setpriority"):
        return
    try:
        pid = engine.transport.get_pid()
        current = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, pid, min(19, current + ENGINE_NICENESS))
    except (OSError, AttributeError) as exc:
        log.info("could not lower the engine's priority: %s", exc)
