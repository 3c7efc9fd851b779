"""A source of moves that never answers: for screenshots, and for waiting on an operator.

Owns: ``IdleOpponent``.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

from game.opponents.base import MoveReply, MoveRequest


class IdleOpponent:
    """Takes requests and never replies."""

    @property
    def description(self) -> str:
        return "nobody"

    def start(self) -> None:
        """Nothing to start."""

    def request_move(self, request: MoveRequest) -> None:
        """Ignored."""

    def poll(self) -> MoveReply | None:
        return None

    def cancel(self) -> None:
        """Nothing to cancel."""

    def close(self) -> None:
        """Nothing to close."""
