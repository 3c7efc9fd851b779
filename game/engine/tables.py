"""Precomputed tables of the engine's internal board: attacks, rays, keys, placement values.

Owns: :class:`Tables` and :func:`tables`, which builds them once per process (on first use,
not at import). Squares are numbered as in python-chess (a1 = 0 ... h8 = 63); bitboards are
Python ints with bit ``square`` set. Piece codes are ``piece_type | side << 3`` with
python-chess piece types (PAWN = 1 ... KING = 6) and side 0 = White, 1 = Black.

Sliding attacks are looked up per line (rank, file, diagonal, anti-diagonal): each table
maps the occupied squares on that line to the attacked squares, so a rook's attacks are two
dictionary look-ups instead of a walk along four rays.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import chess.polyglot

from game.engine.pst import PHASE_WEIGHT, white_tables

FULL = (1 << 64) - 1
FILE_A = 0x0101010101010101
FILE_H = FILE_A << 7
RANK_1 = 0xFF
RANK_2 = RANK_1 << 8
RANK_3 = RANK_1 << 16
RANK_6 = RANK_1 << 40
RANK_7 = RANK_1 << 48
RANK_8 = RANK_1 << 56

WHITE_KINGSIDE, WHITE_QUEENSIDE, BLACK_KINGSIDE, BLACK_QUEENSIDE = 1, 2, 4, 8


def _walk(square: int, steps: tuple[tuple[int, int], ...], occupied: int,
          slide: bool) -> int:
    """Squares reached from ``square`` by the (file, rank) steps, stopping at a blocker."""
    result = 0
    file0, rank0 = square & 7, square >> 3
    for dfile, drank in steps:
        f, r = file0 + dfile, rank0 + drank
        while 0 <= f < 8 and 0 <= r < 8:
            target = r * 8 + f
            result |= 1 << target
            if not slide or occupied >> target & 1:
                break
            f, r = f + dfile, r + drank
    return result


def _subsets(mask: int) -> list[int]:
    """Every subset of the bits in ``mask`` (Carry-Rippler enumeration)."""
    out = [0]
    subset = (-mask) & mask
    while subset:
        out.append(subset)
        subset = (subset - mask) & mask
    return out


def _line_tables(steps: tuple[tuple[int, int], ...]) -> tuple[list[int], list[dict[int, int]]]:
    masks: list[int] = []
    attacks: list[dict[int, int]] = []
    for square in range(64):
        mask = _walk(square, steps, 0, True)
        masks.append(mask)
        attacks.append({sub: _walk(square, steps, sub, True) for sub in _subsets(mask)})
    return masks, attacks


def _keys() -> tuple[list[list[int]], list[int], list[int], int]:
    array = chess.polyglot.POLYGLOT_RANDOM_ARRAY
    piece_keys = [[0] * 64 for _ in range(16)]
    for piece_type in range(1, 7):
        for side in (0, 1):
            kind = (piece_type - 1) * 2 + (1 if side == 0 else 0)
            piece_keys[piece_type | side << 3] = [array[64 * kind + sq] for sq in range(64)]
    castle_keys = []
    for rights in range(16):
        key = 0
        for bit in range(4):
            if rights >> bit & 1:
                key ^= array[768 + bit]
        castle_keys.append(key)
    return piece_keys, castle_keys, [array[772 + f] for f in range(8)], array[780]


def _placement() -> tuple[list[list[int]], list[list[int]], list[int]]:
    """Material + placement per piece code and square, White positive, Black negative."""
    white_mg, white_eg = white_tables()
    mg = [[0] * 64 for _ in range(16)]
    eg = [[0] * 64 for _ in range(16)]
    phase = [0] * 16
    for piece_type in range(1, 7):
        mg[piece_type] = list(white_mg[piece_type])
        eg[piece_type] = list(white_eg[piece_type])
        mg[piece_type | 8] = [-white_mg[piece_type][sq ^ 56] for sq in range(64)]
        eg[piece_type | 8] = [-white_eg[piece_type][sq ^ 56] for sq in range(64)]
        phase[piece_type] = phase[piece_type | 8] = PHASE_WEIGHT[piece_type]
    return mg, eg, phase


@dataclass(frozen=True)
class Tables:
    """Everything the board, move generator and evaluation look up."""

    knight: list[int]
    king: list[int]
    pawn_attacks: list[list[int]]
    """``pawn_attacks[side][square]``: squares a pawn of ``side`` on ``square`` attacks."""
    rank_mask: list[int]
    rank_attacks: list[dict[int, int]]
    file_mask: list[int]
    file_attacks: list[dict[int, int]]
    diag_mask: list[int]
    diag_attacks: list[dict[int, int]]
    anti_mask: list[int]
    anti_attacks: list[dict[int, int]]
    rook_rays: list[int]
    bishop_rays: list[int]
    between: list[list[int]]
    """Squares strictly between two squares on a common line, else 0."""
    piece_keys: list[list[int]]
    castle_keys: list[int]
    ep_keys: list[int]
    turn_key: int
    castle_mask: list[int]
    """Castling rights that survive a move from or to each square."""
    mg: list[list[int]]
    eg: list[list[int]]
    phase: list[int]


_KNIGHT_STEPS = ((1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2))
_KING_STEPS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))


def _between() -> list[list[int]]:
    rows = []
    for a in range(64):
        row = []
        for b in range(64):
            bits = 0
            for steps in (((1, 0), (-1, 0), (0, 1), (0, -1)),
                          ((1, 1), (-1, -1), (1, -1), (-1, 1))):
                for step in steps:
                    ray = _walk(a, (step,), 1 << b, True)
                    if ray >> b & 1:
                        bits = ray & ~(1 << b)
            row.append(bits)
        rows.append(row)
    return rows


def _castle_mask() -> list[int]:
    mask = [15] * 64
    mask[chess.E1] = 15 & ~(WHITE_KINGSIDE | WHITE_QUEENSIDE)
    mask[chess.H1] = 15 & ~WHITE_KINGSIDE
    mask[chess.A1] = 15 & ~WHITE_QUEENSIDE
    mask[chess.E8] = 15 & ~(BLACK_KINGSIDE | BLACK_QUEENSIDE)
    mask[chess.H8] = 15 & ~BLACK_KINGSIDE
    mask[chess.A8] = 15 & ~BLACK_QUEENSIDE
    return mask


@functools.cache
def tables() -> Tables:
    """The tables, built on first use and shared for the life of the process."""
    rank_mask, rank_attacks = _line_tables(((1, 0), (-1, 0)))
    file_mask, file_attacks = _line_tables(((0, 1), (0, -1)))
    diag_mask, diag_attacks = _line_tables(((1, 1), (-1, -1)))
    anti_mask, anti_attacks = _line_tables(((1, -1), (-1, 1)))
    piece_keys, castle_keys, ep_keys, turn_key = _keys()
    mg, eg, phase = _placement()
    return Tables(
        knight=[_walk(sq, _KNIGHT_STEPS, 0, False) for sq in range(64)],
        king=[_walk(sq, _KING_STEPS, 0, False) for sq in range(64)],
        pawn_attacks=[[_walk(sq, ((-1, 1), (1, 1)), 0, False) for sq in range(64)],
                      [_walk(sq, ((-1, -1), (1, -1)), 0, False) for sq in range(64)]],
        rank_mask=rank_mask, rank_attacks=rank_attacks,
        file_mask=file_mask, file_attacks=file_attacks,
        diag_mask=diag_mask, diag_attacks=diag_attacks,
        anti_mask=anti_mask, anti_attacks=anti_attacks,
        rook_rays=[rank_mask[sq] | file_mask[sq] for sq in range(64)],
        bishop_rays=[diag_mask[sq] | anti_mask[sq] for sq in range(64)],
        between=_between(),
        piece_keys=piece_keys, castle_keys=castle_keys, ep_keys=ep_keys, turn_key=turn_key,
        castle_mask=_castle_mask(),
        mg=mg, eg=eg, phase=phase,
    )
