"""The engine answers a GUI through chess.engine and plays legal moves."""

from __future__ import annotations

import chess
import chess.engine


def test_identifies_itself_and_plays_a_legal_move(uci_engine: chess.engine.SimpleEngine) -> None:
    assert uci_engine.id["name"].startswith("The Turk")
    board = chess.Board()
    board.push_san("e4")
    result = uci_engine.play(board, chess.engine.Limit(time=0.2))
    assert result.move in board.legal_moves


def test_finds_mate_in_one(uci_engine: chess.engine.SimpleEngine) -> None:
    board = chess.Board("6k1/5ppp/8/8/8/8/5PPP/3R2K1 w - - 0 1")
    result = uci_engine.play(board, chess.engine.Limit(depth=3))
    assert result.move == chess.Move.from_uci("d1d8")
