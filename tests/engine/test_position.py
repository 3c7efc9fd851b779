"""``position`` commands as GUIs send them: the whole game again every move. The session
plays only the new moves, and must end up exactly where a full reading would."""

from __future__ import annotations

import io
import random

import chess

from game.engine.uci import UciSession, parse_position


def _random_game(plies: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    board = chess.Board()
    moves: list[str] = []
    while len(moves) < plies and not board.is_game_over():
        move = rng.choice(list(board.legal_moves))
        board.push(move)
        moves.append(move.uci())
    return moves


def test_a_growing_game_gives_the_same_board_as_reading_it_whole() -> None:
    out = io.StringIO()
    session = UciSession(out)
    moves = _random_game(160, seed=11)
    for ply in range(len(moves) + 1):
        args = ["startpos", "moves", *moves[:ply]] if ply else ["startpos"]
        session.handle("position " + " ".join(args))
        board = session.board
        expected = parse_position(args)
        assert board == expected and board.move_stack == expected.move_stack
    assert "info string" not in out.getvalue()


def test_a_takeback_a_new_start_and_a_bad_move_are_read_correctly() -> None:
    out = io.StringIO()
    session = UciSession(out)
    moves = _random_game(40, seed=12)
    session.handle("position startpos moves " + " ".join(moves))
    session.handle("position startpos moves " + " ".join(moves[:30]))  # taken back
    assert session.board.move_stack == parse_position(["startpos", "moves", *moves[:30]]).move_stack
    fen = "4k3/8/8/8/8/8/4P3/4K3 w - - 0 1"
    session.handle(f"position fen {fen} moves e2e4")
    assert session.board.fen() == "4k3/8/8/8/4P3/8/8/4K3 b - - 0 1"
    before = session.board
    session.handle(f"position fen {fen} moves e2e4 e8e9")  # a new move that is no move
    assert "info string position ignored: illegal move 'e8e9'" in out.getvalue()
    assert session.board == before and session.board.move_stack == before.move_stack
    session.handle(f"position fen {fen} moves e2e4 e8d7")  # and play goes on from there
    assert session.board.fen() == "8/3k4/8/8/4P3/8/8/4K3 w - - 1 2"
