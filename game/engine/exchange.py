"""Static exchange evaluation: what a capture wins once all recaptures on its square are done.

Owns: :data:`SEE_VALUE` and :func:`see`. The search uses it to put losing captures after
the quiet moves and to skip them in quiescence.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

from game.engine.board import BISHOP, KING, KNIGHT, PAWN, QUEEN, ROOK, Board

SEE_VALUE = (0, 100, 320, 330, 500, 950, 20000, 0, 0, 100, 320, 330, 500, 950, 20000, 0)
"""Value of the piece with each piece code (both colours), for exchanges and ordering."""

_ORDER = (PAWN, KNIGHT, BISHOP, ROOK, QUEEN, KING)


def _attackers(board: Board, square: int, occupied: int) -> int:
    """Pieces of both sides that attack ``square`` when only ``occupied`` squares are full."""
    t, bb = board.t, board.bb
    rook_like = bb[ROOK] | bb[QUEEN] | bb[ROOK | 8] | bb[QUEEN | 8]
    bishop_like = bb[BISHOP] | bb[QUEEN] | bb[BISHOP | 8] | bb[QUEEN | 8]
    attackers = (t.knight[square] & (bb[KNIGHT] | bb[KNIGHT | 8])
                 | t.king[square] & (bb[KING] | bb[KING | 8])
                 | t.pawn_attacks[1][square] & bb[PAWN]
                 | t.pawn_attacks[0][square] & bb[PAWN | 8])
    if rook_like & t.rook_rays[square]:
        attackers |= (t.rank_attacks[square][occupied & t.rank_mask[square]]
                      | t.file_attacks[square][occupied & t.file_mask[square]]) & rook_like
    if bishop_like & t.bishop_rays[square]:
        attackers |= (t.diag_attacks[square][occupied & t.diag_mask[square]]
                      | t.anti_attacks[square][occupied & t.anti_mask[square]]) & bishop_like
    return attackers & occupied


def see(board: Board, move: int) -> int:
    """Material the side to move gains by ``move`` and the best sequence of recaptures."""
    fr, to = move & 63, move >> 6 & 63
    squares, bb = board.squares, board.bb
    victim = squares[to]
    gain = [SEE_VALUE[victim] if victim else (100 if squares[fr] & 7 == PAWN else 0)]
    if move >> 12:
        gain[0] += SEE_VALUE[move >> 12] - 100
    occupied = (board.occ[0] | board.occ[1]) ^ (1 << fr)
    if not victim and squares[fr] & 7 == PAWN and to == board.ep:
        occupied ^= 1 << (to - 8 if board.side == 0 else to + 8)
    on_square = SEE_VALUE[move >> 12] if move >> 12 else SEE_VALUE[squares[fr]]
    side = board.side ^ 1
    attackers = _attackers(board, to, occupied)
    while True:
        mine = attackers & board.occ[side]
        if not mine:
            break
        for kind in _ORDER:
            found = mine & bb[kind | side << 3]
            if found:
                break
        gain.append(on_square - gain[-1])
        if max(-gain[-2], gain[-1]) < 0:
            break
        on_square = SEE_VALUE[kind]
        occupied ^= found & -found
        attackers = _attackers(board, to, occupied)
        side ^= 1
    while len(gain) > 1:
        last = gain.pop()
        gain[-1] = -max(-gain[-1], last)
    return gain[0]
