"""The internal board agrees with python-chess: perft, legal moves, keys, make/unmake."""

from __future__ import annotations

import random

import chess
import chess.polyglot
import pytest

from game.engine.board import Board, decode, encode
from game.engine.movegen import captures, is_pseudo_legal, legal_moves, quiets

from .helpers import random_positions

# Standard perft positions and their published node counts.
PERFT = [
    (chess.STARTING_FEN, [20, 400, 8902, 197281]),
    ("r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", [48, 2039, 97862]),
    ("8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1", [14, 191, 2812, 43238]),
    ("r3k2r/Pppp1ppp/1b3nbN/nP6/BBP1P3/q4N2/Pp1P2PP/R2Q1RK1 w kq - 0 1", [6, 264, 9467]),
    ("rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8", [44, 1486, 62379]),
    ("r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
     [46, 2079, 89890]),
]


def perft(board: Board, depth: int) -> int:
    count = 0
    for move in captures(board) + quiets(board):
        board.make(move)
        if not board.left_in_check():
            count += perft(board, depth - 1) if depth > 1 else 1
        board.unmake()
    return count


@pytest.mark.slow
@pytest.mark.parametrize(("fen", "counts"), PERFT)
def test_perft_matches_published_counts(fen: str, counts: list[int]) -> None:
    board = Board.from_chess(chess.Board(fen))
    for depth, expected in enumerate(counts, start=1):
        assert perft(board, depth) == expected, f"depth {depth}"


@pytest.mark.slow
def test_legal_moves_and_keys_match_python_chess_on_random_positions() -> None:
    for board in random_positions(3000, seed=1770):
        ours = Board.from_chess(board)
        assert {decode(m) for m in legal_moves(ours)} == set(board.legal_moves), board.fen()
        assert ours.hash == chess.polyglot.zobrist_hash(board), board.fen()
        assert ours.in_check() == board.is_check(), board.fen()


def test_make_then_unmake_restores_everything() -> None:
    for board in random_positions(300, seed=1809):
        ours = Board.from_chess(board)
        before = (list(ours.squares), list(ours.bb), list(ours.occ), list(ours.kings),
                  ours.side, ours.castling, ours.ep, ours.halfmove, ours.hash,
                  ours.pawn_hash, ours.mg, ours.eg, ours.phase)
        for move in captures(ours) + quiets(ours):
            ours.make(move)
            if not ours.left_in_check():
                after = board.copy()
                after.push(decode(move))
                assert ours.hash == chess.polyglot.zobrist_hash(after), (board.fen(), move)
                fresh = Board.from_chess(chess.Board(after.fen()))
                assert (ours.mg, ours.eg, ours.phase, ours.pawn_hash) == (
                    fresh.mg, fresh.eg, fresh.phase, fresh.pawn_hash)
            ours.unmake()
            assert before == (list(ours.squares), list(ours.bb), list(ours.occ),
                              list(ours.kings), ours.side, ours.castling, ours.ep,
                              ours.halfmove, ours.hash, ours.pawn_hash, ours.mg, ours.eg,
                              ours.phase)


def test_pseudo_legality_check_agrees_with_generation() -> None:
    positions = random_positions(400, seed=1820)
    pool = sorted({encode(m) for b in positions for m in b.legal_moves})
    rng = random.Random(5)
    for board in positions:
        ours = Board.from_chess(board)
        generated = set(captures(ours) + quiets(ours))
        for move in rng.sample(pool, 60) + list(generated):
            assert is_pseudo_legal(ours, move) == (move in generated), (board.fen(), move)


def test_null_move_flips_side_and_key() -> None:
    board = chess.Board("rnbqkbnr/ppp1pppp/8/8/3pP3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 3")
    ours = Board.from_chess(board)
    key = ours.hash
    ours.make_null()
    board.push(chess.Move.null())
    assert ours.hash == chess.polyglot.zobrist_hash(board)
    ours.unmake_null()
    assert ours.hash == key


def test_repetition_is_seen_through_the_game_history() -> None:
    board = chess.Board()
    for san in ["Nf3", "Nf6", "Ng1", "Ng8", "Nf3", "Nf6", "Ng1"]:
        board.push_san(san)
    ours = Board.from_chess(board)
    ours.make(encode(board.parse_san("Ng8")))
    assert ours.is_repetition()
