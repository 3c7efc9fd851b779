"""The Knight's Tour: a knight visits all 64 squares, never landing on one twice.

Owns: ``knights_tour`` — Warnsdorff's rule (always go to the square with the fewest onward
moves), with ties broken towards the rim and, should a choice lead nowhere, a bounded search
that tries the next best choice. The Turk closed its shows with this trick (CONTENT.md §1.9).

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import chess

JUMPS = ((1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2))


def knight_moves(square: chess.Square) -> list[chess.Square]:
    file, rank = chess.square_file(square), chess.square_rank(square)
    return [chess.square(file + df, rank + dr) for df, dr in JUMPS
            if 0 <= file + df < 8 and 0 <= rank + dr < 8]


def _rim_distance(square: chess.Square) -> float:
    file, rank = chess.square_file(square), chess.square_rank(square)
    return -abs(file - 3.5) - abs(rank - 3.5)


def knights_tour(start: chess.Square, *, budget: int = 200_000) -> list[chess.Square]:
    """A tour of all 64 squares beginning on ``start``.

    :raises ValueError: if none is found within the search budget (never for 8×8 in tests).
    """
    path = [start]
    visited = {start}
    tries = [0]

    def onward(square: chess.Square) -> int:
        return sum(1 for s in knight_moves(square) if s not in visited)

    def extend() -> bool:
        if len(path) == 64:
            return True
        tries[0] += 1
        if tries[0] > budget:
            return False
        here = path[-1]
        options = sorted((s for s in knight_moves(here) if s not in visited),
                         key=lambda s: (onward(s), _rim_distance(s), s))
        for square in options:
            path.append(square)
            visited.add(square)
            if extend():
                return True
            path.pop()
            visited.discard(square)
        return False

    if not extend():
        raise ValueError(f"no knight's tour found from {chess.square_name(start)}")
    return path
