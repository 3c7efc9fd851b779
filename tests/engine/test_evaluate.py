"""The evaluation is symmetric and knows the basics."""

from __future__ import annotations

import chess

from game.engine.board import Board
from game.engine.evaluate import Evaluator

from .helpers import random_positions


def score(fen: str) -> int:
    return Evaluator().evaluate(Board.from_chess(chess.Board(fen)))


def test_mirrored_positions_score_the_same_for_the_side_to_move() -> None:
    evaluator = Evaluator()
    for board in random_positions(500, seed=1783):
        ours = evaluator.evaluate(Board.from_chess(chess.Board(board.fen())))
        mirrored = evaluator.evaluate(Board.from_chess(board.mirror()))
        assert ours == mirrored, board.fen()


def test_material_counts() -> None:
    assert score("4k3/8/8/8/8/8/8/R3K3 w - - 0 1") > 400
    assert score("4k3/8/8/8/8/8/8/R3K3 b - - 0 1") < -400


def test_insufficient_material_is_a_draw() -> None:
    assert score("4k3/8/8/8/8/8/8/2B1K3 w - - 0 1") == score("4k3/8/8/8/8/8/8/4K3 w - - 0 1")
    assert abs(score("4k3/8/8/8/8/8/8/1NN1K3 w - - 0 1")) <= 20


def test_lone_king_is_better_off_in_the_centre() -> None:
    assert score("8/8/8/3k4/8/8/8/R3K3 w - - 0 1") < score("k7/8/8/8/8/8/8/R3K3 w - - 0 1")


def test_advanced_passed_pawn_is_worth_more() -> None:
    assert score("4k3/1P6/8/8/8/8/8/4K3 w - - 0 1") > score("4k3/8/8/8/8/8/1P6/4K3 w - - 0 1")
