"""The kiosk's gate for operator moves: current, legal, and passed on at most once.

Owns: :class:`MoveGate`, which holds the latest published :class:`GameState` (and its
position) and judges each operator move against it. A move for the current game and ply,
legal in the position, with the Turk to move, is let through once; repeating the same move
for the same ply is recognised (so a resend after a lost acknowledgement is harmless) and a
different move for a ply already answered is refused. A state for another game or ply opens
the gate again.

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules (pure: chess + stdlib).
"""

from __future__ import annotations

from dataclasses import dataclass

import chess

from game.net.messages import GameState, OperatorMove
from game.net.wire import color_name


@dataclass(frozen=True)
class MoveJudgement:
    """What to do with one operator move: pass it on (``is_new``), acknowledge it again
    (``is_repeat``), or answer with ``code`` and ``reason``."""

    is_new: bool = False
    is_repeat: bool = False
    code: str | None = None
    reason: str | None = None


class MoveGate:
    """Judges operator moves against the latest published state."""

    def __init__(self) -> None:
        self._state: GameState | None = None
        self._board: chess.Board | None = None
        self._passed: OperatorMove | None = None

    @property
    def state(self) -> GameState | None:
        """The latest published state, if any."""
        return self._state

    def publish(self, state: GameState) -> None:
        """Judge later moves against ``state``. The move passed on for a ply stays that
        ply's answer while the game republishes the same game and ply (say, with a fresh
        countdown); a state with another game or ply opens the gate again."""
        previous = self._state
        if previous is None or (previous.game_id, previous.ply) != (state.game_id, state.ply):
            self._passed = None
        self._state = state
        self._board = chess.Board(state.fen)

    def judge(self, move: OperatorMove) -> MoveJudgement:
        """The verdict on ``move``; a new move is remembered as passed on."""
        state, board = self._state, self._board
        if state is None or board is None:
            return _refuse("no_game", "there is no game yet")
        if move.game_id != state.game_id:
            return _refuse("wrong_game", f"game {move.game_id} is not the current game "
                           f"({state.game_id})")
        passed = self._passed
        if passed is not None and passed.ply == move.ply:
            if passed.uci == move.uci:
                return MoveJudgement(is_repeat=True)
            return _refuse("already_moved", f"ply {move.ply} already has your move "
                           f"{passed.uci}")
        refusal = _refusal(state, board, move)
        if refusal is not None:
            return refusal
        self._passed = move
        return MoveJudgement(is_new=True)


def _refusal(state: GameState, board: chess.Board, move: OperatorMove) -> MoveJudgement | None:
    """Why ``move`` cannot be played now in ``state``, or ``None`` if it can."""
    if move.ply != state.ply:
        return _refuse("stale_ply", f"ply {move.ply} is not the current ply ({state.ply})")
    if state.status != "playing":
        return _refuse("not_playing", f"the game is not being played (status "
                       f"'{state.status}')")
    if state.turn != state.turk_color:
        return _refuse("not_your_turn", f"it is the visitor's turn ({color_name(state.turn)})")
    problem = _illegality(board, move.uci)
    return None if problem is None else _refuse("illegal_move", problem)


def _illegality(board: chess.Board, uci: str) -> str | None:
    move = chess.Move.from_uci(uci)
    if board.is_legal(move):
        return None
    if move.promotion is None and board.is_legal(
            chess.Move(move.from_square, move.to_square, promotion=chess.QUEEN)):
        return f"{uci} needs a promotion piece, e.g. {uci}q"
    piece = board.piece_at(move.from_square)
    if piece is None:
        return f"{uci} is not legal: there is no piece on {chess.square_name(move.from_square)}"
    return f"{uci} is not legal in this position"


def _refuse(code: str, reason: str) -> MoveJudgement:
    return MoveJudgement(code=code, reason=reason)
