"""Pawn structure: doubled, isolated, backward, connected and passed pawns.

Owns: :func:`pawn_info`, which scores a pawn formation once; the evaluation caches the
result by the board's pawn key, so this code may be plain rather than fast.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

_FILE_A = 0x0101010101010101
_DOUBLED = (10, 20)
_ISOLATED = (12, 14)
_BACKWARD = (8, 10)
_PASSED_MG = (0, 0, 5, 10, 22, 40, 65, 0)
_PASSED_EG = (0, 0, 12, 20, 40, 70, 110, 0)
_CONNECTED = (0, 0, 6, 8, 12, 20, 32, 0)


@dataclass(frozen=True)
class PawnInfo:
    """What the evaluation needs to know about one pawn formation (White positive)."""

    mg: int
    eg: int
    passed_white: int
    passed_black: int
    open_files: int
    """Bit ``f`` set when file ``f`` has no pawn at all."""
    half_open_white: int
    """Bit ``f`` set when file ``f`` has no White pawn but a Black one."""
    half_open_black: int


@functools.cache
def _front_span(square: int, white: bool) -> int:
    """Squares ahead of ``square`` on its own and the neighbouring files."""
    file, rank = square & 7, square >> 3
    span = 0
    for f in (file - 1, file, file + 1):
        if 0 <= f < 8:
            ranks = range(rank + 1, 8) if white else range(rank)
            for r in ranks:
                span |= 1 << (r * 8 + f)
    return span


def _side(own: int, enemy: int, white: bool) -> tuple[int, int, int]:
    """(mg, eg, passed pawns) of one side's pawns."""
    mg = eg = passed = 0
    own_files = [(own >> f) & _FILE_A for f in range(8)]
    enemy_attacks = _attacks(enemy, not white)
    squares = [sq for sq in range(64) if own >> sq & 1]
    for f in range(8):
        count = bin(own_files[f]).count("1")
        if count > 1:
            mg -= _DOUBLED[0] * (count - 1)
            eg -= _DOUBLED[1] * (count - 1)
    for square in squares:
        file, rank = square & 7, square >> 3
        relative = rank if white else 7 - rank
        neighbours = (own_files[file - 1] if file > 0 else 0) | (
            own_files[file + 1] if file < 7 else 0)
        if not neighbours:
            mg -= _ISOLATED[0]
            eg -= _ISOLATED[1]
        elif _is_backward(square, own, enemy_attacks, white):
            mg -= _BACKWARD[0]
            eg -= _BACKWARD[1]
        if _attacks(1 << square, not white) & own or _phalanx(square, own):
            mg += _CONNECTED[relative]
            eg += _CONNECTED[relative] // 2
        if not _front_span(square, white) & enemy:
            ahead = _front_span(square, white) & ((_FILE_A << file) & own)
            if not ahead:  # the rear pawn of a doubled pair is not passed
                passed |= 1 << square
                mg += _PASSED_MG[relative]
                eg += _PASSED_EG[relative]
    return mg, eg, passed


def _attacks(pawns: int, white: bool) -> int:
    left = pawns & ~_FILE_A
    right = pawns & ~(_FILE_A << 7)
    if white:
        return ((left << 7) | (right << 9)) & ((1 << 64) - 1)
    return (left >> 9) | (right >> 7)


def _phalanx(square: int, own: int) -> bool:
    file = square & 7
    return bool((file > 0 and own >> (square - 1) & 1) or (file < 7 and own >> (square + 1) & 1))


def _is_backward(square: int, own: int, enemy_attacks: int, white: bool) -> bool:
    """No friendly pawn beside or behind on the neighbouring files, and the stop square is
    covered by an enemy pawn."""
    file, rank = square & 7, square >> 3
    for f in (file - 1, file + 1):
        if not 0 <= f < 8:
            continue
        for r in range(8):
            if own >> (r * 8 + f) & 1 and (r <= rank if white else r >= rank):
                return False
    stop = square + 8 if white else square - 8
    return 0 <= stop < 64 and bool(enemy_attacks >> stop & 1)


def pawn_info(white: int, black: int) -> PawnInfo:
    """Score the formation of White pawns ``white`` and Black pawns ``black``."""
    w_mg, w_eg, w_passed = _side(white, black, True)
    b_mg, b_eg, b_passed = _side(black, white, False)
    open_files = half_white = half_black = 0
    for f in range(8):
        has_white = bool((white >> f) & _FILE_A)
        has_black = bool((black >> f) & _FILE_A)
        if not has_white and not has_black:
            open_files |= 1 << f
        elif not has_white:
            half_white |= 1 << f
        elif not has_black:
            half_black |= 1 << f
    return PawnInfo(w_mg - b_mg, w_eg - b_eg, w_passed, b_passed, open_files,
                    half_white, half_black)
