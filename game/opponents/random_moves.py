"""A source of moves that answers at once with a random legal move: for soak runs, benchmarks
and tests that need games of any length from any position without an engine process.

Owns: ``RandomOpponent``.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import random

import chess

from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest


class RandomOpponent:
    """Replies to every request with a random legal move, chosen by a seeded generator (the
    same seed and the same positions give the same game).

    :param seed: the generator's seed, or a generator to share.
    :param author: who the records say played the moves.
    """

    def __init__(self, seed: int | random.Random = 0, *,
                 author: MoveAuthor = MoveAuthor.SCRIPTED,
                 description: str = "random legal moves") -> None:
        self._rng = seed if isinstance(seed, random.Random) else random.Random(seed)
        self._author = author
        self._description = description
        self._reply: MoveReply | None = None

    @property
    def description(self) -> str:
        return self._description

    def start(self) -> None:
        """Nothing to start."""

    def request_move(self, request: MoveRequest) -> None:
        moves = sorted(request.board.legal_moves, key=chess.Move.uci)
        self._reply = MoveReply(request.game_id, request.ply, self._rng.choice(moves),
                                self._author)

    def poll(self) -> MoveReply | None:
        reply, self._reply = self._reply, None
        return reply

    def cancel(self) -> None:
        self._reply = None

    def close(self) -> None:
        """Nothing to close."""
