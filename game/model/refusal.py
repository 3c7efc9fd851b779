"""Why a move is not allowed, in words a visitor can act on.

Owns: ``Refusal`` (the reasons: a pinned piece, a king left in check, a king walking into
check, a piece that does not move like that, castling that is not possible now, a piece with
no free square) and the two questions the board asks: ``why_illegal`` (this piece may not go
to that square — why?) and ``why_stuck`` (this piece has no legal move at all — why?). The
rules themselves are python-chess's; this module only names the rule that said no.

Must not import: pygame or anything above ``game.model`` (it is part of the pure core).
"""

from __future__ import annotations

import enum

import chess


class Refusal(enum.Enum):
    """The rule that forbids a move (the value is the key's last part in ``board.refusal``)."""

    NOT_HOW_IT_MOVES = "not_how_it_moves"
    """The piece does not move that way (or something stands in its path)."""
    OWN_PIECE = "own_piece"
    """The square holds one of the player's own pieces."""
    PINNED = "pinned"
    """The piece shields its king: moving it off the line would expose the king."""
    IN_CHECK = "in_check"
    """The king is in check and this move does not answer it."""
    INTO_CHECK = "into_check"
    """The king would step onto an attacked square."""
    EXPOSES_KING = "exposes_king"
    """The move would leave the king in check another way (an en passant capture)."""
    CASTLING_IN_CHECK = "castling_in_check"
    CASTLING_RIGHTS = "castling_rights"
    """The king or that rook has moved before."""
    CASTLING_BLOCKED = "castling_blocked"
    CASTLING_THROUGH_CHECK = "castling_through_check"
    STUCK_IN_CHECK = "stuck_in_check"
    """No move of this piece answers the check."""
    STUCK_PINNED = "stuck_pinned"
    STUCK_KING = "stuck_king"
    """The king has no square that is not attacked."""
    STUCK_BLOCKED = "stuck_blocked"
    """Every square the piece could go to is taken or out of its reach."""


def _move_for(board: chess.Board, from_square: chess.Square, to_square: chess.Square,
              piece: chess.Piece) -> chess.Move:
    promotion = None
    if piece.piece_type == chess.PAWN and chess.square_rank(to_square) in (0, 7):
        promotion = chess.QUEEN
    return chess.Move(from_square, to_square, promotion=promotion)


def why_illegal(board: chess.Board, from_square: chess.Square,
                to_square: chess.Square) -> Refusal:
    """The rule that forbids the side to move's piece on ``from_square`` to go to
    ``to_square`` (the move is assumed not to be legal).

    :raises ValueError: if no piece of the side to move stands on ``from_square``.
    """
    piece = board.piece_at(from_square)
    if piece is None or piece.color != board.turn:
        raise ValueError(f"no piece of the side to move on {chess.square_name(from_square)}")
    if piece.piece_type == chess.KING and _is_castling_attempt(from_square, to_square):
        return _why_no_castling(board, from_square, to_square)
    target = board.piece_at(to_square)
    if target is not None and target.color == piece.color:
        return Refusal.OWN_PIECE
    move = _move_for(board, from_square, to_square, piece)
    if not board.is_pseudo_legal(move):
        return Refusal.NOT_HOW_IT_MOVES
    if piece.piece_type == chess.KING:
        return Refusal.INTO_CHECK
    if board.is_check():
        return Refusal.IN_CHECK
    if board.is_pinned(piece.color, from_square):
        return Refusal.PINNED
    return Refusal.EXPOSES_KING


def why_stuck(board: chess.Board, square: chess.Square) -> Refusal:
    """Why the side to move's piece on ``square`` has no legal move.

    :raises ValueError: if no piece of the side to move stands there.
    """
    piece = board.piece_at(square)
    if piece is None or piece.color != board.turn:
        raise ValueError(f"no piece of the side to move on {chess.square_name(square)}")
    has_pseudo = any(move.from_square == square for move in board.pseudo_legal_moves)
    if piece.piece_type == chess.KING:
        return Refusal.STUCK_KING if has_pseudo else Refusal.STUCK_BLOCKED
    if board.is_check() and has_pseudo:
        return Refusal.STUCK_IN_CHECK
    if board.is_pinned(piece.color, square) and has_pseudo:
        return Refusal.STUCK_PINNED
    return Refusal.STUCK_BLOCKED


def _is_castling_attempt(from_square: chess.Square, to_square: chess.Square) -> bool:
    return (chess.square_rank(from_square) == chess.square_rank(to_square)
            and chess.square_file(from_square) == 4
            and abs(chess.square_file(to_square) - 4) == 2)


def _why_no_castling(board: chess.Board, from_square: chess.Square,
                     to_square: chess.Square) -> Refusal:
    color = board.turn
    rank = chess.square_rank(from_square)
    if rank != (0 if color == chess.WHITE else 7):
        return Refusal.NOT_HOW_IT_MOVES
    kingside = chess.square_file(to_square) > 4
    rook_square = chess.square(7 if kingside else 0, rank)
    has_right = (board.has_kingside_castling_rights(color) if kingside
                 else board.has_queenside_castling_rights(color))
    if not has_right:
        return Refusal.CASTLING_RIGHTS
    if board.is_check():
        return Refusal.CASTLING_IN_CHECK
    between = chess.SquareSet(chess.between(from_square, rook_square))
    if any(board.piece_at(sq) is not None for sq in between):
        return Refusal.CASTLING_BLOCKED
    return Refusal.CASTLING_THROUGH_CHECK
