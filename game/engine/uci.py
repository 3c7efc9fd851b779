"""The UCI protocol: read commands on stdin, answer on stdout.

Owns: the command loop, the current position and options, starting and stopping the search
thread, and the opening book at the root. Every malformed or unknown command is answered
with an ``info string`` and otherwise ignored; nothing a GUI sends may end the process
except ``quit`` or the end of input.

Must not import: anything but ``chess`` and the standard library (and ``game.engine``).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
import threading
from collections.abc import Sequence
from typing import TextIO

import chess

from game import __version__
from game.engine import ENGINE_AUTHOR, ENGINE_NAME
from game.engine.book import Book
from game.engine.control import SearchControl, SearchResult
from game.engine.limits import GoLimits, budget_for, parse_go
from game.engine.options import SPECS, OptionError, Options
from game.engine.searcher import Searcher
from game.engine.skill import level_for_elo, skill_for_level
from game.engine.tables import tables


class UciSession:
    """One conversation with a GUI; call :meth:`handle` for each line it sends."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._out_lock = threading.Lock()
        self._options = Options()
        self._searcher = Searcher(self._options.spin("Hash"))
        self._book = Book()
        self._board = chess.Board()
        self._position_args: tuple[list[str], list[str]] = (["startpos"], [])
        """The last ``position`` accepted, as (start words, moves): the board it made."""
        self._thread: threading.Thread | None = None
        self._control: SearchControl | None = None
        self._limits = GoLimits()

    @property
    def board(self) -> chess.Board:
        """A copy of the position the last accepted ``position`` command set up."""
        return self._board.copy()

    def send(self, line: str) -> None:
        """Write one line to the GUI at once (the search thread writes too)."""
        with self._out_lock:
            self._out.write(line + "\n")
            self._out.flush()

    def handle(self, line: str) -> bool:
        """Act on one line of input; return False when the session should end."""
        tokens = line.split()
        if not tokens:
            return True
        command, args = tokens[0], tokens[1:]
        if command == "quit":
            self._stop_search()
            return False
        handler = _HANDLERS.get(command)
        if handler is None:
            self.send(f"info string unknown command '{command}' ignored")
            return True
        try:
            handler(self, args)
        except Exception as error:  # a GUI must never see the engine die
            self.send(f"info string error in '{command}': {error!r}")
        return True

    # -- commands -------------------------------------------------------------------

    def _uci(self, _args: list[str]) -> None:
        self.send(f"id name {ENGINE_NAME} {__version__}")
        self.send(f"id author {ENGINE_AUTHOR}")
        for spec in SPECS:
            self.send(spec.declaration())
        self.send("uciok")

    def _isready(self, _args: list[str]) -> None:
        self.send("readyok")

    def _ignore(self, _args: list[str]) -> None:
        """``debug`` and ``register`` are accepted and change nothing."""

    def _ucinewgame(self, _args: list[str]) -> None:
        self._stop_search()
        self._searcher.clear()
        self._board = chess.Board()
        self._position_args = (["startpos"], [])

    def _setoption(self, args: list[str]) -> None:
        if not args or args[0] != "name":
            self.send("info string setoption: expected 'setoption name <id> [value <x>]'")
            return
        words = args[1:]
        value: str | None = None
        if "value" in words:
            cut = words.index("value")
            words, value = words[:cut], " ".join(words[cut + 1:])
        try:
            name = self._options.set(" ".join(words), value)
        except OptionError as error:
            self.send(f"info string setoption: {error}")
            return
        if name == "Hash":
            self._searcher.resize(self._options.spin("Hash"))
        elif name == "Clear Hash":
            self._searcher.clear()

    def _position(self, args: list[str]) -> None:
        head, moves = split_position(args)
        known_head, known_moves = self._position_args
        try:
            if head == known_head and moves[:len(known_moves)] == known_moves:
                # A GUI repeats the whole game every move: play only the moves that are
                # new, so a long game does not cost the clock more with every move.
                board = self._board.copy()
                push_moves(board, moves[len(known_moves):])
            else:
                board = parse_position(args)
        except ValueError as error:
            self.send(f"info string position ignored: {error}")
            return
        self._board = board
        self._position_args = (head, moves)

    def _go(self, args: list[str]) -> None:
        if self._thread is not None:
            if self._control is not None and not self._control.finished:
                self.send("info string go ignored: already searching (send stop first)")
                return
            self._thread.join()  # it has sent its bestmove and is just ending
            self._thread = None
        limits, warnings = parse_go(args)
        for warning in warnings:
            self.send(f"info string {warning}")
        board = self._board.copy(stack=True)
        book_move = self._book_move(board, limits)
        if book_move is not None:
            self.send(f"info string book move {book_move.uci()}")
            self.send(SearchResult(book_move.uci()).line())
            return
        self._limits = limits
        budget = budget_for(limits, white_to_move=board.turn == chess.WHITE,
                            overhead_ms=self._options.spin("Move Overhead"), ply=board.ply())
        control = SearchControl(budget, pondering=limits.ponder)
        self._control = control
        self._thread = threading.Thread(target=self._search, args=(board, limits, control),
                                        name="search", daemon=True)
        self._thread.start()

    def _stop(self, _args: list[str]) -> None:
        self._stop_search()

    def _ponderhit(self, _args: list[str]) -> None:
        control = self._control
        if control is None or not control.pondering:
            self.send("info string ponderhit ignored: not pondering")
            return
        limits = dataclasses.replace(self._limits, ponder=False)
        control.ponderhit(budget_for(limits, white_to_move=self._board.turn == chess.WHITE,
                                     overhead_ms=self._options.spin("Move Overhead"),
                                     ply=self._board.ply()))

    # -- helpers --------------------------------------------------------------------

    def _level(self) -> int:
        if self._options.check("UCI_LimitStrength"):
            return level_for_elo(self._options.spin("UCI_Elo"))
        return self._options.spin("Skill Level")

    def _book_move(self, board: chess.Board, limits: GoLimits) -> chess.Move | None:
        if (not self._options.check("OwnBook") or limits.is_analysis or limits.ponder
                or self._options.spin("MultiPV") > 1
                or board.ply() >= skill_for_level(self._level()).book_plies):
            return None
        path = self._options.string("BookFile")
        problem = self._book.open(path)
        if problem:
            self.send(f"info string book: {problem}")
        return self._book.pick(board)

    def _search(self, board: chess.Board, limits: GoLimits, control: SearchControl) -> None:
        try:
            result = self._searcher.search(
                board, limits=limits, control=control, skill=skill_for_level(self._level()),
                multipv=self._options.spin("MultiPV"), report=lambda i: self.send(i.line()))
        except Exception as error:  # always answer with a legal move
            self.send(f"info string search failed: {error!r}")
            fallback = next(iter(board.legal_moves), None)
            result = SearchResult(fallback.uci() if fallback else None)
        control.finished = True
        self.send(result.line())

    def _stop_search(self) -> None:
        if self._control is not None:
            self._control.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def split_position(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """The arguments of ``position`` as (the start position's words, the moves)."""
    if "moves" in args:
        cut = list(args).index("moves")
        return list(args[:cut]), list(args[cut + 1:])
    return list(args), []


def push_moves(board: chess.Board, moves: Sequence[str]) -> None:
    """Play UCI moves on ``board``.

    :raises ValueError: at the first illegal move, naming it (the moves before it stay
        played: pass a copy when that matters).
    """
    for text in moves:
        try:
            board.push_uci(text)
        except ValueError:
            raise ValueError(f"illegal move '{text}' in {board.fen()}") from None


def parse_position(args: Sequence[str]) -> chess.Board:
    """Read the arguments of ``position`` into a board.

    :raises ValueError: for a malformed command, an invalid FEN or an illegal move; the
        message says which.
    """
    if not args:
        raise ValueError("expected 'startpos' or 'fen'")
    head, moves = split_position(args)
    if head == ["startpos"]:
        board = chess.Board()
    elif head and head[0] == "fen" and len(head) > 1:
        board = chess.Board(" ".join(head[1:]))
        if not board.is_valid():
            raise ValueError(f"not a playable position: {' '.join(head[1:])}")
    else:
        raise ValueError(f"expected 'startpos' or 'fen <fen>', not '{' '.join(head)}'")
    push_moves(board, moves)
    return board


_HANDLERS = {
    "uci": UciSession._uci,
    "isready": UciSession._isready,
    "debug": UciSession._ignore,
    "register": UciSession._ignore,
    "ucinewgame": UciSession._ucinewgame,
    "setoption": UciSession._setoption,
    "position": UciSession._position,
    "go": UciSession._go,
    "stop": UciSession._stop,
    "ponderhit": UciSession._ponderhit,
}


def main(argv: list[str] | None = None) -> int:
    """Run the engine on stdin/stdout until ``quit`` or end of input; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m game.engine",
        description=f"{ENGINE_NAME} {__version__}: a UCI chess engine. Speaks UCI on "
                    "stdin/stdout; load it in any UCI chess GUI.")
    parser.add_argument("--version", action="version", version=f"{ENGINE_NAME} {__version__}")
    parser.parse_args(argv)
    session = UciSession(sys.stdout)
    tables()  # build the attack tables now, not during the first search
    # The long-lived tables never become garbage: keep the collector from walking them, and
    # let the reading thread take the interpreter from the search quickly on "stop".
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(0.001)
    for line in sys.stdin:
        if not session.handle(line):
            break
    else:
        session.handle("quit")
    return 0
