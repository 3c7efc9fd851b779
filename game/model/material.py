"""Captured pieces and the material balance, for the pieces set beside the board.

Owns: ``Captures`` and ``captures_in`` (replays a game's moves and collects what each side
took, en passant included; a promoted piece counts as what it became).

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import chess

VALUES = {chess.PAWN: 1, chess.KNIGHT: 3, chess.BISHOP: 3, chess.ROOK: 5, chess.QUEEN: 9,
          chess.KING: 0}


@dataclass(frozen=True)
class Captures:
    """What each side has taken, in the order taken."""

    by_white: tuple[chess.Piece, ...] = ()
    by_black: tuple[chess.Piece, ...] = ()
    balance: int = field(default=0)
    """Material on the board, White minus Black, in pawns."""

    def taken_by(self, color: chess.Color) -> tuple[chess.Piece, ...]:
        return self.by_white if color == chess.WHITE else self.by_black


def captures_in(board: chess.Board) -> Captures:
    """The captures made in ``board``'s move stack, replayed from its root position."""
    replay = board.root()
    taken: dict[chess.Color, list[chess.Piece]] = {chess.WHITE: [], chess.BLACK: []}
    for move in board.move_stack:
        if replay.is_capture(move):
            square = move.to_square
            if replay.is_en_passant(move):
                square = chess.square(chess.square_file(move.to_square),
                                      chess.square_rank(move.from_square))
            victim = replay.piece_at(square)
            if victim is not None:
                taken[replay.turn].append(victim)
        replay.push(move)
    balance = sum(VALUES[p.piece_type] * (1 if p.color == chess.WHITE else -1)
                  for p in board.piece_map().values())
    return Captures(tuple(taken[chess.WHITE]), tuple(taken[chess.BLACK]), balance)
