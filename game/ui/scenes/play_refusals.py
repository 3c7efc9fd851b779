"""The one answer to a move that is not allowed: what the status says and what the Turk does.

Owns: ``Refused`` and the two questions the play screen asks — ``answer_illegal`` (a piece
dropped, or a square tapped, where it may not go) and ``answer_stuck`` (a piece tapped that
cannot be picked up). The reason comes from ``game.model.refusal`` and is said in the
visitor's words (``board.refusal.*``); the Turk shakes its head, and puts back a piece that
was carried there.
"""

from __future__ import annotations

from dataclasses import dataclass

import chess

from game.model.refusal import Refusal, why_illegal, why_stuck
from game.model.session import GameSession
from game.ui.board_input import IllegalAttempt


@dataclass(frozen=True)
class Refused:
    key: str
    """The status line's string key."""
    item: int | None = None
    """Which text of a list key (the piece that does not move like that)."""
    put_back: bool = False
    """The Turk puts the carried piece back (after shaking its head)."""
    shake: bool = True
    """The Turk shakes its head."""


def _said(refusal: Refusal, piece: chess.Piece) -> tuple[str, int | None]:
    item = piece.piece_type - 1 if refusal is Refusal.NOT_HOW_IT_MOVES else None
    return f"board.refusal.{refusal.value}", item


def answer_illegal(session: GameSession, attempt: IllegalAttempt) -> Refused | None:
    """Why the visitor's piece may not go there (``None``: nothing of theirs to answer)."""
    board = session.board()
    piece = board.piece_at(attempt.from_square)
    if piece is None or piece.color != board.turn or piece.color != session.visitor_color:
        return None
    key, item = _said(why_illegal(board, attempt.from_square, attempt.to_square), piece)
    return Refused(key, item, put_back=attempt.dragged)


def answer_stuck(session: GameSession, square: chess.Square, *, busy: bool) -> Refused | None:
    """Why the piece on ``square`` cannot be picked up. The Turk's pieces, a finished game
    and a moment when the Turk's hand is at work on the board (``busy``) need no answer."""
    board = session.board()
    piece = board.piece_at(square)
    if piece is None or piece.color != session.visitor_color or session.is_over:
        return None
    if not session.is_visitor_turn:
        return Refused("ui.status.not_your_turn", shake=False)
    if busy and session.legal_moves_from(square):
        return None
    key, item = _said(why_stuck(board, square), piece)
    return Refused(key, item)
