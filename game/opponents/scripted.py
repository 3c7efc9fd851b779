"""A fixed list of moves as the Turk's player: attract loop, historical replays, tests.

Owns: ``ScriptedOpponent``. Replies at once (the match's pacing decides when a move shows).

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

from collections.abc import Sequence

import chess

from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest, OpponentError


class ScriptedOpponent:
    """Plays the moves of a script, by ply: the move at index ``ply`` of ``moves``.

    :param moves: the whole game's moves (both sides) from its start position; the opponent
        answers with the move whose index equals the requested ply.
    """

    def __init__(self, moves: Sequence[chess.Move]) -> None:
        self._moves = list(moves)
        self._reply: MoveReply | None = None
        self._error: OpponentError | None = None

    @property
    def description(self) -> str:
        return f"script of {len(self._moves)} plies"

    def start(self) -> None:
        """Nothing to start."""

    def request_move(self, request: MoveRequest) -> None:
        self._reply, self._error = None, None
        if request.ply >= len(self._moves):
            self._error = OpponentError(f"the script has no move for ply {request.ply}")
            return
        move = self._moves[request.ply]
        if not request.board.is_legal(move):
            self._error = OpponentError(
                f"scripted move {move.uci()} is illegal at ply {request.ply}")
            return
        self._reply = MoveReply(request.game_id, request.ply, move, MoveAuthor.SCRIPTED, "script")

    def poll(self) -> MoveReply | None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        reply, self._reply = self._reply, None
        return reply

    def cancel(self) -> None:
        self._reply, self._error = None, None

    def close(self) -> None:
        self.cancel()
