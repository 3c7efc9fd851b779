"""Animation from model diffs: easing, and the plan that moves pieces between two positions.

Owns: easing functions, ``plan_move`` (which piece slides from where to where, which fade out —
worked out from the piece maps before and after, so castling, en passant and promotion need no
special cases) and ``MoveAnimation`` (a plan running over time). Pure arithmetic: no pygame, no
clock — time arrives as ``update(dt)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import chess

MOVE_ANIMATION_S = 0.25


def ease_in_out_cubic(t: float) -> float:
    """Slow start, slow end (the curve lichess's board uses for moves)."""
    t = min(1.0, max(0.0, t))
    return 4 * t * t * t if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2


def ease_out_cubic(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return 1 - (1 - t) ** 3


def ease_in_out_sine(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return -(math.cos(math.pi * t) - 1) / 2


@dataclass(frozen=True)
class PieceMotion:
    """A piece that slides from one square to another (it may change kind on the way)."""

    piece: chess.Piece
    """The piece as it is after the move (a promoted pawn arrives as its new piece)."""
    from_square: chess.Square
    to_square: chess.Square


@dataclass(frozen=True)
class PieceFade:
    """A piece that leaves the board (captured) and fades out where it stood."""

    piece: chess.Piece
    square: chess.Square


@dataclass(frozen=True)
class MovePlan:
    motions: tuple[PieceMotion, ...]
    fades: tuple[PieceFade, ...]

    @property
    def arriving(self) -> frozenset[chess.Square]:
        """Squares whose piece is drawn in motion rather than at rest."""
        return frozenset(m.to_square for m in self.motions)


def _distance(a: chess.Square, b: chess.Square) -> float:
    return math.hypot(chess.square_file(a) - chess.square_file(b),
                      chess.square_rank(a) - chess.square_rank(b))


def plan_move(before: Mapping[chess.Square, chess.Piece],
              after: Mapping[chess.Square, chess.Piece]) -> MovePlan:
    """Match pieces that appeared to pieces that vanished.

    Each appeared piece takes the nearest vanished piece of the same kind; what is left is
    matched by colour (a promotion: the pawn slides and arrives as the new piece); vanished
    pieces with no match fade out (captures, including en passant).
    """
    appeared = {sq: p for sq, p in after.items() if before.get(sq) != p}
    vanished = {sq: p for sq, p in before.items() if after.get(sq) != p}
    motions: list[PieceMotion] = []
    for same_kind in (True, False):
        for square, piece in sorted(appeared.items()):
            if square in {m.to_square for m in motions}:
                continue
            candidates = [v for v, vp in vanished.items()
                          if (vp == piece if same_kind else vp.color == piece.color)]
            if not candidates:
                continue
            source = min(candidates, key=lambda v: (_distance(v, square), v))
            motions.append(PieceMotion(piece, source, square))
            del vanished[source]
    fades = tuple(PieceFade(p, sq) for sq, p in sorted(vanished.items()))
    return MovePlan(tuple(motions), fades)


@dataclass
class MoveAnimation:
    """A plan playing over ``duration_s`` seconds."""

    plan: MovePlan
    duration_s: float = MOVE_ANIMATION_S
    elapsed_s: float = 0.0

    def update(self, dt: float) -> None:
        self.elapsed_s = min(self.duration_s, self.elapsed_s + dt)

    @property
    def is_done(self) -> bool:
        return self.elapsed_s >= self.duration_s

    def progress(self, extra_s: float = 0.0) -> float:
        """Eased progress 0…1, optionally looking ``extra_s`` ahead (render interpolation)."""
        if self.duration_s <= 0:
            return 1.0
        return ease_in_out_cubic((self.elapsed_s + extra_s) / self.duration_s)
