"""Why a move is refused: each rule python-chess applies gets its own, right name."""

from __future__ import annotations

import chess
import pytest

from game.model.refusal import Refusal, why_illegal, why_stuck

# White's knight on d2 is pinned to its king by the bishop on b4.
PIN = "rnbqk1nr/pppp1ppp/8/4p3/1b1P4/8/PPPNPPPP/R1BQKBNR w KQkq - 2 3"
# White is in check along the first rank; the knight on g1 cannot block it.
CHECK = "4k3/8/8/8/8/8/8/r3K1N1 w - - 0 1"
# White may castle kingside, but f1 is attacked by the bishop on c4.
THROUGH = "4k3/8/8/8/2b5/8/8/4K2R w K - 0 1"


@pytest.mark.parametrize(("fen", "move", "refusal"), [
    (chess.STARTING_FEN, "e2e5", Refusal.NOT_HOW_IT_MOVES),
    (chess.STARTING_FEN, "g1g3", Refusal.NOT_HOW_IT_MOVES),
    (chess.STARTING_FEN, "f1c4", Refusal.NOT_HOW_IT_MOVES),  # the e2 pawn stands in the way
    (chess.STARTING_FEN, "d1d2", Refusal.OWN_PIECE),
    (PIN, "d2f3", Refusal.PINNED),
    (CHECK, "g1f3", Refusal.IN_CHECK),
    ("4k3/8/8/8/8/8/3r4/4K3 w - - 0 1", "e1e2", Refusal.INTO_CHECK),
    ("4k3/8/8/8/8/8/8/4K2R w - - 0 1", "e1g1", Refusal.CASTLING_RIGHTS),
    ("4k3/8/8/8/8/8/8/4KB1R w K - 0 1", "e1g1", Refusal.CASTLING_BLOCKED),
    ("4k3/8/8/8/8/8/4r3/4K2R w K - 0 1", "e1g1", Refusal.CASTLING_IN_CHECK),
    (THROUGH, "e1g1", Refusal.CASTLING_THROUGH_CHECK),
    # En passant that would open the fifth rank to the rook on h5.
    ("8/8/8/K2pP2r/8/8/8/4k3 w - d6 0 2", "e5d6", Refusal.EXPOSES_KING),
])
def test_the_rule_that_forbids_a_move_is_named(fen: str, move: str, refusal: Refusal) -> None:
    board = chess.Board(fen)
    parsed = chess.Move.from_uci(move)
    assert parsed not in board.legal_moves
    assert why_illegal(board, parsed.from_square, parsed.to_square) is refusal


@pytest.mark.parametrize(("fen", "square", "refusal"), [
    (chess.STARTING_FEN, chess.C1, Refusal.STUCK_BLOCKED),
    (chess.STARTING_FEN, chess.E1, Refusal.STUCK_BLOCKED),
    (PIN, chess.D2, Refusal.STUCK_PINNED),
    (CHECK, chess.G1, Refusal.STUCK_IN_CHECK),
    ("k5r1/8/8/8/8/8/r7/7K w - - 0 1", chess.H1, Refusal.STUCK_KING),
])
def test_a_piece_without_a_legal_move_is_explained(fen: str, square: chess.Square,
                                                    refusal: Refusal) -> None:
    board = chess.Board(fen)
    assert not any(m.from_square == square for m in board.legal_moves)
    assert why_stuck(board, square) is refusal


def test_only_the_side_to_move_can_be_asked_about() -> None:
    board = chess.Board()
    with pytest.raises(ValueError, match="e7"):
        why_illegal(board, chess.E7, chess.E5)
    with pytest.raises(ValueError, match="e4"):
        why_stuck(board, chess.E4)
