"""The engine's three best moves for the hidden operator in hybrid play ("a human in the loop").

Owns: ``HintLine`` (one suggestion: move, SAN, score from the Turk's side) and
``HintAnalyser`` — its own UCI engine process at full strength, searching with MultiPV 3
through python-chess's stoppable ``analysis`` on one worker thread, so the frame loop only
polls. A failing engine costs the operator their hints, never the game: the failure is
logged and the analyser tries again at the next request.

Must not import: pygame, ``game.ui`` or ``game.net``; it starts the engine as a program and
never imports it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import chess
import chess.engine

from game.opponents.engine import ENGINE_DIED, quiet_dead_engine_futures

log = logging.getLogger(__name__)

HINT_COUNT = 3
_STARTUP_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class HintLine:
    """One engine suggestion for the position at ``ply`` of ``game_id``."""

    game_id: str
    ply: int
    uci: str
    san: str
    cp: int | None
    """Centipawns from the Turk's side, or ``None`` when ``mate`` is given."""
    mate: int | None
    """Moves to mate (negative: the Turk is being mated), or ``None``."""


class HintAnalyser:
    """Suggestions from a UCI engine process (started on first use).

    :param command: the engine program and its arguments.
    :param think_s: how long each analysis runs.
    """

    def __init__(self, command: Sequence[str], *, think_s: float = 1.0) -> None:
        self._command = list(command)
        self._limit = chess.engine.Limit(time=think_s)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="hints")
        self._engine: chess.engine.SimpleEngine | None = None
        self._future: concurrent.futures.Future[tuple[HintLine, ...]] | None = None
        self._lock = threading.Lock()
        self._search: chess.engine.SimpleAnalysisResult | None = None
        self._closed = False

    def start(self) -> None:
        """Start the engine process in the background."""
        if not self._closed:
            self._executor.submit(self._open)

    def analyse(self, game_id: str, ply: int, board: chess.Board) -> None:
        """Start looking for the best moves in ``board`` (a copy the analyser keeps); an
        analysis still running is stopped."""
        if self._closed:
            return
        self.cancel()
        self._future = self._executor.submit(self._analyse, game_id, ply, board.copy())

    def poll(self) -> tuple[HintLine, ...] | None:
        """The suggestions, once, when ready (best first); ``None`` until then, and after a
        failure (which is logged)."""
        future = self._future
        if future is None or not future.done():
            return None
        self._future = None
        error = future.exception()
        if error is not None:
            log.warning("the hint engine failed: %s", error)
            return None
        return future.result()

    def cancel(self) -> None:
        """Forget the current analysis (and stop it)."""
        self._future = None
        with self._lock:
            if self._search is not None:
                self._search.stop()

    def close(self) -> None:
        """Stop and quit the engine (on the worker; returns at once)."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        self._executor.submit(self._quit)
        self._executor.shutdown(wait=False)

    # -- worker thread ------------------------------------------------------------------------

    def _open(self) -> chess.engine.SimpleEngine:
        if self._engine is None:
            try:
                self._engine = chess.engine.SimpleEngine.popen_uci(
                    self._command, timeout=_STARTUP_TIMEOUT_S)
            except (OSError, chess.engine.EngineError, TimeoutError) as exc:
                raise RuntimeError(f"the hint engine {' '.join(self._command)!r} could not "
                                   f"be started: {exc}") from exc
            quiet_dead_engine_futures(self._engine)
            if "OwnBook" in self._engine.options:  # a book answer has no scores to offer
                self._engine.configure({"OwnBook": False})
        return self._engine

    def _quit(self) -> None:
        engine, self._engine = self._engine, None
        if engine is None:
            return
        try:
            engine.quit()
        except (chess.engine.EngineError, TimeoutError, OSError) as exc:
            log.info("the hint engine did not quit cleanly (%s); closing it", exc)
            engine.close()

    def _analyse(self, game_id: str, ply: int, board: chess.Board) -> tuple[HintLine, ...]:
        if self._closed:
            return ()
        engine = self._open()
        try:
            search = engine.analysis(board, self._limit, multipv=HINT_COUNT)
            with self._lock:
                self._search = search
            try:
                search.wait()
            finally:
                with self._lock:
                    self._search = None
                with contextlib.suppress(*ENGINE_DIED):
                    search.stop()
        except ENGINE_DIED as exc:
            self._engine = None  # started afresh at the next request
            engine.close()
            raise RuntimeError(f"the hint engine stopped ({exc or type(exc).__name__})") from exc
        return hint_lines(game_id, ply, board, search.multipv)


def hint_lines(game_id: str, ply: int, board: chess.Board,
               infos: Sequence[chess.engine.InfoDict]) -> tuple[HintLine, ...]:
    """The suggestions in an engine's MultiPV output, best first, without repeats."""
    lines: list[HintLine] = []
    seen: set[str] = set()
    for info in infos:
        pv = info.get("pv")
        score = info.get("score")
        if not pv or score is None or not board.is_legal(pv[0]) or pv[0].uci() in seen:
            continue
        move = pv[0]
        seen.add(move.uci())
        pov = score.pov(board.turn)
        mate = pov.mate()
        cp = None if mate is not None else pov.score()
        if mate is None and cp is None:
            continue
        lines.append(HintLine(game_id, ply, move.uci(), board.san(move), cp, mate))
    return tuple(lines[:HINT_COUNT])
