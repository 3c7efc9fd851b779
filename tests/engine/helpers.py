"""Helpers shared by the engine tests."""

from __future__ import annotations

import random

import chess


def random_positions(count: int, seed: int) -> list[chess.Board]:
    """Positions from random games (with a bias to captures so endings appear too)."""
    rng = random.Random(seed)
    found: list[chess.Board] = []
    while len(found) < count:
        board = chess.Board()
        for _ in range(rng.randrange(1, 160)):
            moves = list(board.legal_moves)
            if not moves:
                break
            captures_ = [m for m in moves if board.is_capture(m) or m.promotion]
            pool = captures_ if captures_ and rng.random() < 0.4 else moves
            board.push(rng.choice(pool))
            if rng.random() < 0.1:
                found.append(board.copy())
        found.append(board.copy())
    return found[:count]
