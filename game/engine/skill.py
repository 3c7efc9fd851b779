"""The engine's levels 1-8: how each one searches and how it picks among its moves.

Owns: the per-level settings (:class:`Skill`), the mapping from ``UCI_Elo`` to a level,
the choice of the pieces a weak level overlooks this move (:func:`overlooked_squares`),
and the choice among root moves with a temperature (:func:`choose`).

Weak levels err the way people do. They look fewer moves ahead; each move they overlook
some pieces — they do not see those pieces' captures, their own or the opponent's — and
they misjudge positions a little (noise) and pick among the moves they like with some
randomness. But some things every level notices: the piece that just moved, anything that
gives check or attacks their queen or rooks, and their own pieces that can take back on the
square of the last move, or can take something that simply hangs; and when their queen or
a rook is attacked they look at every enemy piece before moving it. So they recapture,
answer direct threats to big pieces and take free material most of the time, and never play
random moves.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import chess

T = TypeVar("T")

LEVEL_MIN = 1
LEVEL_MAX = 8

LEVEL_ELO: tuple[int, ...] = (110, 270, 440, 690, 980, 1340, 1660, 2020)
"""Measured rating of each level on the scale of Stockfish 15.1's ``UCI_Elo`` at one second
a move, used for ``UCI_Elo``: level 8 from 142 games against Stockfish at 1600, 1800 and
2000, each level below chained down from 40 games against the level above
(``benchmarks/ladder.py``; the table with its error bars is in docs/engine.md). The same
numbers are ``game.opponents.levels._RATINGS``."""

_WORTH = (0, 1, 3, 3, 5, 9, 100)
"""Piece values by python-chess piece type, for "worth more than the taker"."""

_OVERLOOK_WEIGHT = (0.0, 0.3, 1.0, 1.2, 0.8, 0.6, 0.0)
"""How easily each piece type (by python-chess number) is overlooked, relative to a knight:
a pawn next door is seldom missed, a bishop far away on a long diagonal often is."""

ELO_MIN = LEVEL_ELO[0]
ELO_MAX = LEVEL_ELO[-1]


@dataclass(frozen=True, kw_only=True)
class Skill:
    """How one level searches and chooses (every field by name: nine numbers in a row say
    nothing)."""

    level: int
    max_depth: int | None
    """Deepest main search, in plies; ``None`` for no limit."""
    temperature: float = 0.0
    """Centipawns; 0 always plays the best move found."""
    margin: int = 0
    """Only moves scoring within this many centipawns of the best are candidates."""
    candidates: int = 1
    """How many best root moves the search scores exactly, to choose among."""
    overlook_theirs: float = 0.0
    """Chance that an opponent's piece goes unnoticed this move."""
    overlook_ours: float = 0.0
    """Chance that one of our own pieces goes unnoticed this move."""
    noise: int = 0
    """Centipawns of misjudgement added to every evaluation."""
    max_nodes: int | None = None
    """Nodes per move at most, so a weak level answers at once on any machine."""

    @property
    def book_plies(self) -> int:
        """How far into the game this level still plays from the opening book."""
        return 4 + 3 * self.level

    @property
    def is_full_strength(self) -> bool:
        """True for the level that plays its best."""
        return self.level == LEVEL_MAX


_LEVELS: dict[int, Skill] = {
    1: Skill(level=1, max_depth=1, temperature=30.0, margin=70, candidates=6,
             overlook_theirs=0.70, overlook_ours=0.35, noise=25, max_nodes=4_000),
    2: Skill(level=2, max_depth=2, temperature=30.0, margin=70, candidates=6,
             overlook_theirs=0.40, overlook_ours=0.20, noise=25, max_nodes=6_000),
    3: Skill(level=3, max_depth=2, temperature=35.0, margin=90, candidates=5,
             overlook_theirs=0.22, overlook_ours=0.10, noise=30, max_nodes=10_000),
    4: Skill(level=4, max_depth=3, temperature=30.0, margin=80, candidates=5,
             overlook_theirs=0.12, overlook_ours=0.05, noise=25, max_nodes=20_000),
    5: Skill(level=5, max_depth=4, temperature=22.0, margin=60, candidates=4,
             overlook_theirs=0.06, overlook_ours=0.02, noise=20, max_nodes=40_000),
    6: Skill(level=6, max_depth=5, temperature=15.0, margin=45, candidates=4,
             overlook_theirs=0.02, overlook_ours=0.0, noise=12, max_nodes=80_000),
    7: Skill(level=7, max_depth=6, temperature=8.0, margin=25, candidates=3,
             overlook_theirs=0.0, overlook_ours=0.0, noise=6, max_nodes=None),
    8: Skill(level=8, max_depth=None),
}


def skill_for_level(level: int) -> Skill:
    """The settings of one level (clamped into 1-8)."""
    return _LEVELS[min(LEVEL_MAX, max(LEVEL_MIN, level))]


def level_for_elo(elo: int) -> int:
    """The level whose rating is nearest to ``elo``."""
    return min(range(LEVEL_MIN, LEVEL_MAX + 1), key=lambda lv: abs(LEVEL_ELO[lv - 1] - elo))


def overlooked_squares(board: chess.Board, skill: Skill, rng: random.Random) -> int:
    """Bitboard of the squares whose pieces this level does not notice this move."""
    if not skill.overlook_theirs and not skill.overlook_ours:
        return 0
    us = board.turn
    noticed = board.kings
    noticed |= int(board.checkers())
    # With the queen or a rook attacked, anyone looks twice.
    theirs = 0.0 if big_piece_attacked(board) else skill.overlook_theirs
    if board.move_stack:
        last = board.peek().to_square
        noticed |= chess.BB_SQUARES[last]
        noticed |= int(board.attackers(us, last))
    noticed |= _takers_of_free_material(board)
    blind = 0
    for square, piece in board.piece_map().items():
        if noticed & chess.BB_SQUARES[square]:
            continue
        chance = skill.overlook_ours if piece.color == us else theirs
        if rng.random() < chance * _OVERLOOK_WEIGHT[piece.piece_type]:
            blind |= chess.BB_SQUARES[square]
    return blind


def takes_free_material(board: chess.Board, move: chess.Move) -> bool:
    """True when ``move`` simply wins material: it takes an undefended piece, or a piece
    worth more than the taker. Even a beginner sees these (the combination behind a capture
    is another matter)."""
    if not board.is_capture(move):
        return False
    victim = board.piece_type_at(move.to_square) or chess.PAWN  # en passant
    taker = board.piece_type_at(move.from_square) or chess.PAWN
    return not board.attackers(not board.turn, move.to_square) or _WORTH[victim] > _WORTH[taker]


def _takers_of_free_material(board: chess.Board) -> int:
    """Squares of our pieces that can take something that simply hangs."""
    takers = 0
    for move in board.generate_legal_captures():
        if takes_free_material(board, move):
            takers |= chess.BB_SQUARES[move.from_square]
    return takers


def big_piece_attacked(board: chess.Board) -> bool:
    """True if the side to move has its queen or a rook attacked."""
    us = board.turn
    return any(board.is_attacked_by(not us, square)
               for square in board.pieces(chess.QUEEN, us) | board.pieces(chess.ROOK, us))


def depth_for(skill: Skill, board: chess.Board) -> int | None:
    """How deep this level looks in this position: one ply more when a big piece is attacked."""
    if skill.max_depth is None:
        return None
    return skill.max_depth + 1 if big_piece_attacked(board) else skill.max_depth


def choose(scored: Sequence[tuple[int, T]], skill: Skill, rng: random.Random) -> T:
    """Pick from ``(score, item)`` pairs, best first, the way this level would.

    Moves far below the best are never considered, so a weak level still plays a move it
    likes; among those it prefers better ones, with some temperature.

    :raises ValueError: if ``scored`` is empty.
    """
    if not scored:
        raise ValueError("no moves to choose from")
    if skill.temperature <= 0.0:
        return scored[0][1]
    best = max(score for score, _ in scored)  # lines of an unfinished depth may be unsorted
    pool = [(score, item) for score, item in scored if score >= best - skill.margin]
    weights = [math.exp((score - best) / skill.temperature) for score, _ in pool]
    return rng.choices([item for _, item in pool], weights=weights)[0]
