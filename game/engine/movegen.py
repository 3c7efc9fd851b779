"""Pseudo-legal move generation on the internal board, in two stages.

Owns: :func:`captures` (captures, en passant and promotions — what quiescence searches and
what the main search tries first), :func:`quiets` (everything else, castling included),
:func:`is_pseudo_legal` (to check a remembered hash or killer move before trying it) and
:func:`legal_moves`. Moves that leave the mover's king attacked are weeded out by the
caller after ``make`` (``Board.left_in_check``), which is cheaper in CPython than proving
legality up front for moves that a cut-off never reaches.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.board import BISHOP, KING, KNIGHT, PAWN, QUEEN, ROOK, WHITE, Board
from game.engine.tables import FILE_A, FILE_H, FULL, RANK_1, RANK_3, RANK_6, RANK_8

_PROMOTIONS = (QUEEN << 12, KNIGHT << 12, ROOK << 12, BISHOP << 12)
_QUEEN_ONLY = (QUEEN << 12,)
_LAST_RANKS = RANK_1 | RANK_8


def _pawn_targets(board: Board) -> tuple[int, int, int, int, int]:
    """Pawn target sets: single pushes, double pushes, left and right captures, direction."""
    side, pawns = board.side, board.bb[PAWN | board.side << 3]
    occupied = board.occ[0] | board.occ[1]
    empty = ~occupied & FULL
    enemies = board.occ[side ^ 1]
    if side == WHITE:
        one = (pawns << 8) & empty
        two = ((one & RANK_3) << 8) & empty
        left = ((pawns & ~FILE_A) << 7) & enemies
        right = ((pawns & ~FILE_H) << 9) & enemies
        return one, two, left, right, 1
    one = (pawns >> 8) & empty
    two = ((one & RANK_6) >> 8) & empty
    left = ((pawns & ~FILE_A) >> 9) & enemies
    right = ((pawns & ~FILE_H) >> 7) & enemies
    return one, two, left, right, -1


def captures(board: Board, *, underpromotions: bool = True) -> list[int]:
    """Captures (en passant too) and promotions of the side to move."""
    t, bb = board.t, board.bb
    side = board.side
    base = side << 3
    enemies = board.occ[side ^ 1]
    occupied = board.occ[0] | board.occ[1]
    moves: list[int] = []
    add = moves.append
    one, _, left, right, sign = _pawn_targets(board)
    promotions = _PROMOTIONS if underpromotions else _QUEEN_ONLY
    for target_set, step in ((left, 7 * sign if sign > 0 else -9),
                             (right, 9 if sign > 0 else -7), (one & _LAST_RANKS, 8 * sign)):
        targets = target_set
        while targets:
            low = targets & -targets
            to = low.bit_length() - 1
            targets ^= low
            move = (to - step) | to << 6
            if low & _LAST_RANKS:
                for promo in promotions:
                    add(move | promo)
            else:
                add(move)
    if board.ep >= 0:
        ep = board.ep
        attackers = t.pawn_attacks[side ^ 1][ep] & bb[PAWN | base]
        while attackers:
            low = attackers & -attackers
            attackers ^= low
            add(low.bit_length() - 1 | ep << 6)
    _piece_moves(board, enemies, occupied, add, base)
    return moves


def quiets(board: Board) -> list[int]:
    """Moves that capture nothing and promote nothing, castling included."""
    side = board.side
    base = side << 3
    occupied = board.occ[0] | board.occ[1]
    empty = ~occupied & FULL
    moves: list[int] = []
    add = moves.append
    one, two, _, _, sign = _pawn_targets(board)
    one &= ~_LAST_RANKS
    for target_set, step in ((one, 8 * sign), (two, 16 * sign)):
        targets = target_set
        while targets:
            low = targets & -targets
            to = low.bit_length() - 1
            targets ^= low
            add((to - step) | to << 6)
    _piece_moves(board, empty, occupied, add, base)
    if board.castling:
        _castling(board, occupied, add)
    return moves


def _piece_moves(board: Board, allowed: int, occupied: int, add: Callable[[int], None],
                 base: int) -> None:
    """Knight, bishop, rook, queen and king moves onto the squares in ``allowed``."""
    t, bb = board.t, board.bb
    append = add
    for kind in (KNIGHT, BISHOP, ROOK, QUEEN, KING):
        pieces = bb[kind | base]
        while pieces:
            low = pieces & -pieces
            fr = low.bit_length() - 1
            pieces ^= low
            if kind == KNIGHT:
                targets = t.knight[fr]
            elif kind == KING:
                targets = t.king[fr]
            else:
                targets = 0
                if kind != BISHOP:
                    targets = (t.rank_attacks[fr][occupied & t.rank_mask[fr]]
                               | t.file_attacks[fr][occupied & t.file_mask[fr]])
                if kind != ROOK:
                    targets |= (t.diag_attacks[fr][occupied & t.diag_mask[fr]]
                                | t.anti_attacks[fr][occupied & t.anti_mask[fr]])
            targets &= allowed
            while targets:
                tlow = targets & -targets
                targets ^= tlow
                append(fr | (tlow.bit_length() - 1) << 6)


def _castling(board: Board, occupied: int, add: Callable[[int], None]) -> None:
    side, rights = board.side, board.castling
    append = add
    them = side ^ 1
    if side == WHITE:
        king, kingside, queenside, shift = 4, 1, 2, 0
    else:
        king, kingside, queenside, shift = 60, 4, 8, 56
    if board.squares[king] != (KING | side << 3) or board.attacked(king, them):
        return
    if rights & kingside and not occupied & (0x60 << shift) and not board.attacked(king + 1,
                                                                                     them):
        append(king | (king + 2) << 6)
    if rights & queenside and not occupied & (0x0E << shift) and not board.attacked(king - 1,
                                                                                      them):
        append(king | (king - 2) << 6)


def is_pseudo_legal(board: Board, move: int) -> bool:
    """True if ``move`` (remembered from another position) can be played here.

    It may still leave the king in check; the caller tests that after ``make``.
    """
    fr, to, promo = move & 63, move >> 6 & 63, move >> 12
    squares, side = board.squares, board.side
    piece = squares[fr]
    if not piece or piece >> 3 != side or fr == to:
        return False
    target = squares[to]
    if target and target >> 3 == side:
        return False
    kind, t = piece & 7, board.t
    if kind == PAWN:
        if bool(promo) != bool(1 << to & _LAST_RANKS) or promo in (PAWN, KING):
            return False
        forward = 8 if side == WHITE else -8
        if to == fr + forward:
            return not target
        if to == fr + 2 * forward:
            start = 1 if side == WHITE else 6
            return fr >> 3 == start and not target and not squares[fr + forward]
        return bool(t.pawn_attacks[side][fr] >> to & 1) and (bool(target) or to == board.ep)
    if promo:
        return False
    occupied = board.occ[0] | board.occ[1]
    if kind == KNIGHT:
        return bool(t.knight[fr] >> to & 1)
    if kind == KING:
        if t.king[fr] >> to & 1:
            return True
        found: list[int] = []
        _castling(board, occupied, found.append)
        return move in found
    attacks = 0
    if kind != BISHOP:
        attacks = (t.rank_attacks[fr][occupied & t.rank_mask[fr]]
                   | t.file_attacks[fr][occupied & t.file_mask[fr]])
    if kind != ROOK:
        attacks |= (t.diag_attacks[fr][occupied & t.diag_mask[fr]]
                    | t.anti_attacks[fr][occupied & t.anti_mask[fr]])
    return bool(attacks >> to & 1)


def legal_moves(board: Board) -> list[int]:
    """All legal moves of the side to move (slow path: for the root and for tests)."""
    result = []
    for move in captures(board) + quiets(board):
        board.make(move)
        if not board.left_in_check():
            result.append(move)
        board.unmake()
    return result
