"""The engine's three best moves for the hidden operator in hybrid play ("a human in the loop").

Owns: ``HintLine`` (one suggestion: move, SAN, score from the Turk's side) and
``HintAnalyser`` — its own UCI engine process at full strength (its life owned by
``game.opponents.process.EngineProcess``, on the shared engine loop), searching with MultiPV 3,
so the frame loop only polls. A failing engine costs the operator their hints, never the
game: an engine that dies is restarted once per analysis; a failure is logged and the
analyser tries again at the next request.

Must not import: pygame, ``game.ui`` or ``game.net``; it starts the engine as a program and
never imports it.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import chess
import chess.engine

from game.opponents.process import EngineIdentity, EngineLoop, EngineProcess, Search

log = logging.getLogger(__name__)

HINT_COUNT = 3


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
    :param loop: the engine loop (the program's shared one by default).
    """

    def __init__(self, command: Sequence[str], *, think_s: float = 1.0,
                 loop: EngineLoop | None = None) -> None:
        self._limit = chess.engine.Limit(time=think_s)
        self._process = EngineProcess(command, loop=loop, setup=_no_book, role="hint engine")
        self._future: concurrent.futures.Future[tuple[HintLine, ...]] | None = None
        self._search: Search | None = None
        self._closed = False

    def start(self) -> None:
        """Start the engine process in the background."""
        if not self._closed:
            self._process.open()

    def analyse(self, game_id: str, ply: int, board: chess.Board) -> None:
        """Start looking for the best moves in ``board`` (a copy the analyser keeps); an
        analysis still running is stopped."""
        if self._closed:
            return
        self.cancel()
        self._search = Search(self._process.loop)
        self._future = self._process.submit(
            self._analyse(game_id, ply, board.copy(), self._search))

    def poll(self) -> tuple[HintLine, ...] | None:
        """The suggestions, once, when ready (best first); ``None`` until then, and after a
        failure (which is logged)."""
        future = self._future
        if future is None or not future.done():
            return None
        self._future = self._search = None
        error = future.exception()
        if error is not None:
            log.warning("the hint engine failed: %s", error)
            return None
        return future.result()

    def cancel(self) -> None:
        """Forget the current analysis (and stop it)."""
        self._future = None
        if self._search is not None:
            self._search.stop()
            self._search = None

    def close(self) -> None:
        """Stop and quit the engine; returns at once."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        self._process.quit()

    async def _analyse(self, game_id: str, ply: int, board: chess.Board,
                       search: Search) -> tuple[HintLine, ...]:
        found = await self._process.analyse(board, self._limit, search, multipv=HINT_COUNT)
        return hint_lines(game_id, ply, board, found.multipv)


def _no_book(identity: EngineIdentity) -> Mapping[str, chess.engine.ConfigValue]:
    """A book answer has no scores to offer: the hint engine always searches."""
    return {"OwnBook": False} if "OwnBook" in identity.options else {}


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
