"""Static evaluation: a tapered middlegame/endgame score in centipawns.

Owns: :class:`Evaluator`, which adds to the board's incremental material-and-placement
score the terms that depend on several pieces at once: pawn structure (cached by the
board's pawn key), passed pawns, mobility, king safety, bishop pair, rooks on open files,
and endgame knowledge (insufficient material, driving a lone king to the edge).

Every term is computed from White's point of view and tapered by the game phase; the result
is from the side to move's point of view, as negamax wants it.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

from game.engine.board import BISHOP, KING, KNIGHT, PAWN, QUEEN, ROOK, WHITE, Board
from game.engine.pawns import PawnInfo, pawn_info
from game.engine.pst import PHASE_TOTAL
from game.engine.tables import FILE_A, FILE_H, FULL

# Mobility per number of reachable squares (safe from enemy pawns), middlegame/endgame.
_MOB_MG = {KNIGHT: [-28, -16, -6, 0, 4, 8, 12, 15, 18],
           BISHOP: [-24, -12, -2, 4, 9, 14, 18, 21, 24, 26, 28, 30, 31, 32],
           ROOK: [-16, -10, -6, -3, 0, 2, 4, 6, 8, 10, 11, 12, 13, 14, 15],
           QUEEN: [-12, -8, -5, -3, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                   12, 12, 12, 12, 12, 12, 12]}
_MOB_EG = {KNIGHT: [-30, -18, -8, 0, 5, 9, 12, 14, 16],
           BISHOP: [-30, -18, -8, 0, 6, 11, 15, 19, 22, 24, 26, 28, 29, 30],
           ROOK: [-30, -18, -8, 0, 6, 12, 17, 22, 26, 30, 33, 35, 37, 38, 39],
           QUEEN: [-24, -16, -10, -6, -2, 1, 4, 7, 10, 13, 15, 17, 19, 21, 22, 23, 24, 25,
                   26, 27, 28, 29, 30, 30, 30, 30, 30, 30]}
# Weight of one attacker of the enemy king's surroundings, by piece type.
_KING_ATTACK_WEIGHT = (0, 0, 20, 20, 40, 80, 0)
_BISHOP_PAIR = (28, 48)
_ROOK_OPEN = (28, 10)
_ROOK_HALF_OPEN = (12, 6)
_TEMPO = 12
_LAZY_MARGIN = 400
_LAZY_OFF = 1 << 20
_SHIELD = (0, 14, 8)  # pawn directly in front of the castled king, one further


class Evaluator:
    """Scores positions; keeps a pawn-structure cache between calls."""

    def __init__(self) -> None:
        self._pawn_cache: dict[int, PawnInfo] = {}

    def clear(self) -> None:
        """Forget cached pawn structures."""
        self._pawn_cache.clear()

    def evaluate(self, board: Board, alpha: int = -_LAZY_OFF, beta: int = _LAZY_OFF) -> int:
        """The score of ``board`` for the side to move, in centipawns.

        Given a window, a position whose material and placement alone put it far outside
        the window is scored by those alone: the finer terms could not bring it back.
        """
        bb = board.bb
        info = self._pawn_cache.get(board.pawn_hash)
        if info is None:
            info = pawn_info(bb[PAWN], bb[PAWN | 8])
            if len(self._pawn_cache) > 65536:
                self._pawn_cache.clear()
            self._pawn_cache[board.pawn_hash] = info
        mg = board.mg + info.mg
        eg = board.eg + info.eg
        phase = min(board.phase, PHASE_TOTAL)
        if beta < _LAZY_OFF and bb[PAWN] | bb[PAWN | 8]:
            quick = _div(mg * phase + eg * (PHASE_TOTAL - phase), PHASE_TOTAL)
            quick = (quick if board.side == WHITE else -quick) + _TEMPO
            if quick - _LAZY_MARGIN >= beta or quick + _LAZY_MARGIN <= alpha:
                return quick
        white = _side_terms(board, WHITE, info)
        black = _side_terms(board, 1, info)
        mg += white[0] - black[0]
        eg += white[1] - black[1]
        if info.passed_white or info.passed_black:
            eg += _passer_terms(board, info)
        score = _div(mg * phase + eg * (PHASE_TOTAL - phase), PHASE_TOTAL)
        score = _scale_endgame(board, score)
        return (score if board.side == WHITE else -score) + _TEMPO


def _side_terms(board: Board, side: int, info: PawnInfo) -> tuple[int, int]:  # noqa: PLR0912
    """Mobility, king attack, bishop pair and rook files of ``side``: (mg, eg)."""
    t, bb = board.t, board.bb
    base, enemy_base = side << 3, (side ^ 1) << 3
    occupied = board.occ[0] | board.occ[1]
    enemy_pawns = bb[PAWN | enemy_base]
    if side == WHITE:
        pawn_guard = ((enemy_pawns & ~FILE_A) >> 9) | ((enemy_pawns & ~FILE_H) >> 7)
        half_open = info.half_open_white
    else:
        pawn_guard = ((enemy_pawns & ~FILE_A) << 7 | (enemy_pawns & ~FILE_H) << 9) & FULL
        half_open = info.half_open_black
    area = ~(pawn_guard | bb[PAWN | base] | bb[KING | base]) & FULL
    enemy_king = board.kings[side ^ 1]
    zone = t.king[enemy_king] | 1 << enemy_king
    mg = eg = attackers = danger = 0
    for kind in (KNIGHT, BISHOP, ROOK, QUEEN):
        pieces = bb[kind | base]
        mob_mg, mob_eg = _MOB_MG[kind], _MOB_EG[kind]
        while pieces:
            low = pieces & -pieces
            square = low.bit_length() - 1
            pieces ^= low
            if kind == KNIGHT:
                attacks = t.knight[square]
            else:
                attacks = 0
                if kind != BISHOP:
                    attacks = (t.rank_attacks[square][occupied & t.rank_mask[square]]
                               | t.file_attacks[square][occupied & t.file_mask[square]])
                    if kind == ROOK:
                        file_bit = 1 << (square & 7)
                        if info.open_files & file_bit:
                            mg += _ROOK_OPEN[0]
                            eg += _ROOK_OPEN[1]
                        elif half_open & file_bit:
                            mg += _ROOK_HALF_OPEN[0]
                            eg += _ROOK_HALF_OPEN[1]
                if kind != ROOK:
                    attacks |= (t.diag_attacks[square][occupied & t.diag_mask[square]]
                                | t.anti_attacks[square][occupied & t.anti_mask[square]])
            count = (attacks & area).bit_count()
            mg += mob_mg[count]
            eg += mob_eg[count]
            near = attacks & zone
            if near:
                attackers += 1
                danger += _KING_ATTACK_WEIGHT[kind] + 6 * near.bit_count()
    if attackers >= 2 and bb[QUEEN | base]:
        danger += _shield_gap(board, side ^ 1)
        mg += danger * danger // 160 if danger < 400 else 1000
    if bb[BISHOP | base] & (bb[BISHOP | base] - 1):
        mg += _BISHOP_PAIR[0]
        eg += _BISHOP_PAIR[1]
    return mg, eg


def _shield_gap(board: Board, side: int) -> int:
    """Extra danger for missing pawns in front of ``side``'s king (0 = full shield)."""
    king = board.kings[side]
    file, rank = king & 7, king >> 3
    pawns = board.bb[PAWN | side << 3]
    step = 8 if side == WHITE else -8
    gap = 0
    for f in range(max(0, file - 1), min(7, file + 1) + 1):
        square = rank * 8 + f
        near, far = square + step, square + 2 * step
        if 0 <= near < 64 and pawns >> near & 1:
            continue
        if 0 <= far < 64 and pawns >> far & 1:
            gap += _SHIELD[2]
        else:
            gap += _SHIELD[1] + 6
    return gap


def _passer_terms(board: Board, info: PawnInfo) -> int:
    """Endgame bonus of passed pawns by their path and the kings' distances to it."""
    squares = board.squares
    wk, bk = board.kings
    score = 0
    for side, pawns, sign in ((WHITE, info.passed_white, 1), (1, info.passed_black, -1)):
        own_king, enemy_king = (wk, bk) if side == WHITE else (bk, wk)
        passed = pawns
        while passed:
            low = passed & -passed
            square = low.bit_length() - 1
            passed ^= low
            rank = square >> 3 if side == WHITE else 7 - (square >> 3)
            if rank < 3:
                continue
            weight = (rank - 2) * (rank - 2)
            front = square + 8 if side == WHITE else square - 8
            bonus = 0 if squares[front] else 4 * weight
            bonus += weight * (2 * _distance(enemy_king, front) - _distance(own_king, front))
            score += sign * bonus
    return score


def _div(value: int, by: int) -> int:
    """Division rounding towards zero, so both colours are treated alike."""
    return value // by if value >= 0 else -(-value // by)


def _distance(a: int, b: int) -> int:
    return max(abs((a & 7) - (b & 7)), abs((a >> 3) - (b >> 3)))


def _scale_endgame(board: Board, score: int) -> int:
    """Draw-ish material pulls the score towards zero; a lone king is driven to the edge."""
    bb = board.bb
    if bb[PAWN] | bb[PAWN | 8]:
        return score
    strong = WHITE if score > 0 else 1
    base, weak_base = strong << 3, (strong ^ 1) << 3
    heavy = bb[ROOK | base] | bb[QUEEN | base]
    minors = (bb[KNIGHT | base] | bb[BISHOP | base]).bit_count()
    weak_material = (bb[KNIGHT | weak_base] | bb[BISHOP | weak_base] | bb[ROOK | weak_base]
                     | bb[QUEEN | weak_base])
    if not heavy and minors < 2:
        return 0
    if not heavy and minors == 2 and not bb[BISHOP | base]:
        return 0  # two knights cannot force mate
    if weak_material and not heavy:
        return _div(score, 8)
    if weak_material:
        return _div(score, 2) if abs(score) < 400 else score
    weak_king, strong_king = board.kings[strong ^ 1], board.kings[strong]
    file, rank = weak_king & 7, weak_king >> 3
    edge = max(3 - file, file - 4) + max(3 - rank, rank - 4)
    mop = 20 * edge + 8 * (7 - _distance(weak_king, strong_king)) + 200
    return score + (mop if strong == WHITE else -mop)
