"""The move-animation plan comes from piece-map diffs: no special cases for special moves."""

from __future__ import annotations

import chess

from game.ui.animation import MoveAnimation, ease_in_out_cubic, plan_move


def plan_for(fen: str, san: str):  # type: ignore[no-untyped-def]
    board = chess.Board(fen)
    before = board.piece_map()
    board.push_san(san)
    return plan_move(before, board.piece_map())


def test_a_quiet_move_slides_one_piece() -> None:
    plan = plan_for(chess.STARTING_FEN, "Nf3")
    assert [(m.from_square, m.to_square) for m in plan.motions] == [(chess.G1, chess.F3)]
    assert plan.fades == ()


def test_castling_slides_king_and_rook() -> None:
    plan = plan_for("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1", "O-O-O")
    moved = {(m.piece.piece_type, m.from_square, m.to_square) for m in plan.motions}
    assert moved == {(chess.KING, chess.E1, chess.C1), (chess.ROOK, chess.A1, chess.D1)}


def test_en_passant_fades_the_captured_pawn() -> None:
    plan = plan_for("4k3/8/8/3pP3/8/8/8/4K3 w - d6 0 2", "exd6")
    assert [(m.from_square, m.to_square) for m in plan.motions] == [(chess.E5, chess.D6)]
    assert [(f.piece.symbol(), f.square) for f in plan.fades] == [("p", chess.D5)]


def test_promotion_slides_the_pawn_in_as_its_new_piece() -> None:
    plan = plan_for("1n2k3/P7/8/8/8/8/8/4K3 w - - 0 1", "axb8=N")
    assert len(plan.motions) == 1
    motion = plan.motions[0]
    assert (motion.from_square, motion.to_square) == (chess.A7, chess.B8)
    assert motion.piece == chess.Piece(chess.KNIGHT, chess.WHITE)
    assert [f.square for f in plan.fades] == [chess.B8]


def test_a_capture_slides_the_taker_and_fades_the_taken() -> None:
    plan = plan_for("4k3/8/8/3p4/4P3/8/8/4K3 w - - 0 1", "exd5")
    assert [(m.from_square, m.to_square) for m in plan.motions] == [(chess.E4, chess.D5)]
    assert [f.square for f in plan.fades] == [chess.D5]
    assert plan.arriving == {chess.D5}


def test_animation_runs_its_duration_with_easing() -> None:
    animation = MoveAnimation(plan_for(chess.STARTING_FEN, "e4"), 0.25)
    assert animation.progress() == 0.0
    animation.update(0.125)
    assert animation.progress() == 0.5
    assert not animation.is_done
    animation.update(0.2)
    assert animation.is_done and animation.progress() == 1.0
    assert ease_in_out_cubic(0.25) < 0.25
    assert ease_in_out_cubic(0.75) > 0.75
