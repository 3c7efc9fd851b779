"""Human-like pacing: bounded, varied, longer for harder positions."""

from __future__ import annotations

import random
import statistics

import chess

from game.model.pacing import Pacing, planned_think_s


def test_plan_stays_within_bounds_and_varies() -> None:
    pacing = Pacing()
    rng = random.Random(1)
    board = chess.Board("r1bqkb1r/pppp1ppp/2n2n2/4p3/2B1P3/5N2/PPPP1PPP/RNBQK2R w KQkq - 4 4")
    plans = [planned_think_s(board, rng, pacing) for _ in range(200)]
    assert all(pacing.min_think_s <= p <= pacing.max_think_s for p in plans)
    assert len({round(p, 3) for p in plans}) > 150


def test_forced_moves_are_quick_and_rich_positions_slow() -> None:
    pacing = Pacing(spread=0.0)
    rng = random.Random(2)
    forced = chess.Board("7k/8/8/8/8/8/6q1/7K w - - 0 1")
    assert forced.legal_moves.count() == 1
    rich = chess.Board("r1bq1rk1/pp2bppp/2n1pn2/3p4/2PP4/2N1PN2/PP2BPPP/R2QKB1R w KQ - 0 9")
    assert planned_think_s(forced, rng, pacing) == pacing.min_think_s
    assert planned_think_s(rich, rng, pacing) > 2 * pacing.min_think_s


def test_instant_pacing_never_waits() -> None:
    rng = random.Random(3)
    assert planned_think_s(chess.Board(), rng, Pacing.instant()) == 0.0


def test_median_plan_is_a_few_seconds() -> None:
    rng = random.Random(4)
    board = chess.Board("r2q1rk1/pp1nbppp/2p1pn2/3p4/2PP1B2/2N1PN2/PP3PPP/R2QKB1R w KQ - 2 9")
    median = statistics.median(planned_think_s(board, rng, Pacing()) for _ in range(100))
    assert 1.5 < median < 5.0
