"""Material values and piece-square tables, middlegame and endgame.

Owns: the numbers of the tapered evaluation's material and placement terms. Tables are
written as a board seen from White's side (rank 8 on top, a-file on the left) so they can
be read and edited by eye; :func:`square_table` turns one into a list indexed by
python-chess square numbers (a1 = 0 ... h8 = 63) for White. Black uses the mirror image.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence

# Indexed by python-chess piece type: 0 unused, PAWN=1 ... KING=6.
MATERIAL_MG: tuple[int, ...] = (0, 82, 325, 345, 470, 980, 0)
MATERIAL_EG: tuple[int, ...] = (0, 100, 300, 320, 530, 960, 0)
PHASE_WEIGHT: tuple[int, ...] = (0, 0, 1, 1, 2, 4, 0)
PHASE_TOTAL = 24

_PAWN_MG = (
    0, 0, 0, 0, 0, 0, 0, 0,
    45, 50, 50, 55, 55, 50, 50, 45,
    12, 16, 22, 30, 30, 22, 16, 12,
    0, 4, 10, 20, 20, 10, 4, 0,
    -6, -2, 4, 16, 16, 4, -2, -6,
    -6, -2, -2, 6, 6, -6, -2, -6,
    -6, 4, 4, -14, -14, 10, 10, -6,
    0, 0, 0, 0, 0, 0, 0, 0,
)
_PAWN_EG = (
    0, 0, 0, 0, 0, 0, 0, 0,
    70, 68, 62, 58, 58, 62, 68, 70,
    40, 38, 34, 30, 30, 34, 38, 40,
    20, 18, 14, 10, 10, 14, 18, 20,
    8, 6, 4, 2, 2, 4, 6, 8,
    0, 0, -2, -2, -2, -2, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
)
_KNIGHT_MG = (
    -60, -35, -25, -20, -20, -25, -35, -60,
    -30, -15, 0, 6, 6, 0, -15, -30,
    -20, 6, 16, 22, 22, 16, 6, -20,
    -14, 10, 20, 26, 26, 20, 10, -14,
    -14, 6, 18, 22, 22, 18, 6, -14,
    -20, 2, 14, 14, 14, 14, 2, -20,
    -30, -15, 0, 6, 6, 0, -15, -30,
    -55, -25, -25, -18, -18, -25, -25, -55,
)
_KNIGHT_EG = (
    -45, -30, -20, -15, -15, -20, -30, -45,
    -30, -12, 0, 4, 4, 0, -12, -30,
    -20, 0, 10, 14, 14, 10, 0, -20,
    -15, 4, 14, 18, 18, 14, 4, -15,
    -15, 4, 14, 18, 18, 14, 4, -15,
    -20, 0, 8, 12, 12, 8, 0, -20,
    -30, -12, 0, 2, 2, 0, -12, -30,
    -45, -30, -20, -15, -15, -20, -30, -45,
)
_BISHOP_MG = (
    -18, -10, -10, -10, -10, -10, -10, -18,
    -10, 0, 0, 0, 0, 0, 0, -10,
    -10, 2, 6, 10, 10, 6, 2, -10,
    -10, 6, 6, 12, 12, 6, 6, -10,
    -10, 2, 12, 12, 12, 12, 2, -10,
    -10, 10, 10, 8, 8, 10, 10, -10,
    -10, 14, 4, 6, 6, 4, 14, -10,
    -18, -10, -14, -10, -10, -14, -10, -18,
)
_BISHOP_EG = (
    -14, -10, -8, -6, -6, -8, -10, -14,
    -10, -4, 0, 0, 0, 0, -4, -10,
    -8, 0, 4, 6, 6, 4, 0, -8,
    -6, 0, 6, 8, 8, 6, 0, -6,
    -6, 0, 6, 8, 8, 6, 0, -6,
    -8, 0, 4, 6, 6, 4, 0, -8,
    -10, -4, 0, 0, 0, 0, -4, -10,
    -14, -10, -8, -6, -6, -8, -10, -14,
)
_ROOK_MG = (
    6, 6, 8, 10, 10, 8, 6, 6,
    16, 20, 20, 22, 22, 20, 20, 16,
    -4, 0, 2, 4, 4, 2, 0, -4,
    -6, -2, 0, 2, 2, 0, -2, -6,
    -8, -4, -2, 0, 0, -2, -4, -8,
    -8, -4, -2, 0, 0, -2, -4, -8,
    -12, -6, -2, 0, 0, -2, -6, -12,
    -6, -4, 2, 8, 8, 6, -4, -6,
)
_ROOK_EG = (
    8, 8, 8, 8, 8, 8, 8, 8,
    10, 12, 12, 12, 12, 12, 12, 10,
    4, 4, 4, 4, 4, 4, 4, 4,
    2, 2, 2, 2, 2, 2, 2, 2,
    0, 0, 0, 0, 0, 0, 0, 0,
    -2, -2, -2, -2, -2, -2, -2, -2,
    -4, -4, -4, -4, -4, -4, -4, -4,
    -6, -4, -2, -2, -2, -2, -4, -6,
)
_QUEEN_MG = (
    -16, -10, -6, -4, -4, -6, -10, -16,
    -10, -6, 0, 0, 0, 0, -6, -10,
    -8, 0, 4, 4, 4, 4, 0, -8,
    -4, 0, 4, 6, 6, 4, 0, -4,
    -4, 0, 4, 6, 6, 4, 0, -4,
    -8, 2, 4, 4, 4, 4, 2, -8,
    -10, -2, 2, 2, 2, 0, -2, -10,
    -18, -12, -8, 0, -4, -10, -12, -18,
)
_QUEEN_EG = (
    -20, -12, -8, -6, -6, -8, -12, -20,
    -12, -4, 0, 2, 2, 0, -4, -12,
    -8, 0, 6, 8, 8, 6, 0, -8,
    -6, 2, 8, 12, 12, 8, 2, -6,
    -6, 2, 8, 12, 12, 8, 2, -6,
    -8, 0, 6, 8, 8, 6, 0, -8,
    -12, -4, 0, 2, 2, 0, -4, -12,
    -20, -12, -8, -6, -6, -8, -12, -20,
)
_KING_MG = (
    -45, -50, -50, -55, -55, -50, -50, -45,
    -40, -45, -45, -50, -50, -45, -45, -40,
    -35, -40, -40, -45, -45, -40, -40, -35,
    -30, -35, -35, -40, -40, -35, -35, -30,
    -20, -25, -25, -30, -30, -25, -25, -20,
    -8, -12, -14, -18, -18, -14, -12, -8,
    12, 12, -8, -16, -16, -8, 12, 12,
    18, 32, 12, -12, 0, -10, 34, 20,
)
_KING_EG = (
    -50, -35, -25, -18, -18, -25, -35, -50,
    -30, -10, 0, 6, 6, 0, -10, -30,
    -25, 2, 16, 22, 22, 16, 2, -25,
    -22, 6, 22, 28, 28, 22, 6, -22,
    -24, 4, 18, 26, 26, 18, 4, -24,
    -26, -2, 10, 16, 16, 10, -2, -26,
    -32, -16, -2, 4, 4, -2, -16, -32,
    -52, -36, -26, -20, -20, -26, -36, -52,
)

_MG_TABLES = (_PAWN_MG, _KNIGHT_MG, _BISHOP_MG, _ROOK_MG, _QUEEN_MG, _KING_MG)
_EG_TABLES = (_PAWN_EG, _KNIGHT_EG, _BISHOP_EG, _ROOK_EG, _QUEEN_EG, _KING_EG)


def square_table(visual: Sequence[int]) -> list[int]:
    """Re-index a table written rank 8 first into python-chess square order (a1 = 0)."""
    return [visual[(7 - (square >> 3)) * 8 + (square & 7)] for square in range(64)]


def white_tables() -> tuple[list[list[int]], list[list[int]]]:
    """Middlegame and endgame value (material + placement) of a White piece on a square.

    Indexed ``[piece_type][square]``; index 0 is an empty table.
    """
    mg: list[list[int]] = [[0] * 64]
    eg: list[list[int]] = [[0] * 64]
    for piece_type in range(1, 7):
        mg.append([MATERIAL_MG[piece_type] + v
                   for v in square_table(_MG_TABLES[piece_type - 1])])
        eg.append([MATERIAL_EG[piece_type] + v
                   for v in square_table(_EG_TABLES[piece_type - 1])])
    return mg, eg
