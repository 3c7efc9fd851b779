"""A third-party client tested through a whole game, headless: ``turk host --visitor-engine 1``
runs as its own process, the built-in engine plays the visitor's side by tapping its moves into
the play screen, and the client written only from docs/operator-protocol.md plays the Turk
from the first move to the last."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import chess
import chess.pgn
import minimal_client
import pytest
from kiosk_process import KioskProcess

pytestmark = pytest.mark.slow

VALUES = {chess.PAWN: 1, chess.KNIGHT: 3, chess.BISHOP: 3, chess.ROOK: 5, chess.QUEEN: 9,
          chess.KING: 0}


def material(board: chess.Board, color: chess.Color) -> int:
    return sum(VALUES[piece.piece_type] * (1 if piece.color == color else -1)
               for piece in board.piece_map().values())


def two_plies(rng: random.Random) -> Callable[[dict[str, object]], str]:
    """Mate in one, else the move that keeps the most material after the visitor's best
    reply (a seeded pick among equals): enough to beat level 1 in good time."""
    def choose(state: dict[str, object]) -> str:
        board = chess.Board(str(state["fen"]))
        me = board.turn
        scored: list[tuple[int, chess.Move]] = []
        for move in board.legal_moves:
            board.push(move)
            if board.is_checkmate():
                board.pop()
                return move.uci()
            worst = 10_000 if not board.is_game_over() else 0
            for reply in board.legal_moves:
                board.push(reply)
                worst = min(worst, -1000 if board.is_checkmate() else material(board, me))
                board.pop()
            board.pop()
            scored.append((worst, move))
        best = max(score for score, _ in scored)
        return rng.choice(sorted(m.uci() for score, m in scored if score == best))
    return choose


@pytest.mark.timeout(600)
def test_the_minimal_client_plays_a_whole_game_against_an_engine_visitor(
        tmp_path: Path) -> None:
    kiosk = KioskProcess(tmp_path / "data", "--visitor-engine", "1", "--color", "black",
                         "--no-pacing")
    try:
        heard: list[dict[str, object]] = []
        end = minimal_client.play_game(*kiosk.address, kiosk.code_shown, "Minimal Client",
                                       two_plies(random.Random(1770)), heard=heard,
                                       within_s=450)
        assert end["type"] == "game_over", end
        assert end["reason"] in ("checkmate", "stalemate", "insufficient_material",
                                 "threefold_repetition", "fivefold_repetition",
                                 "fifty_moves", "seventyfive_moves"), end
        # The visitor's moves came in through the play screen's hand: each was lifted (the
        # operator sees the visitor pick the piece up) before it was played.
        lifted = {(m["ply"], m["square"]) for m in heard if m["type"] == "lift"}
        played = [m for m in heard if m["type"] == "state"][-1]["moves"]
        assert isinstance(played, list) and len(played) >= int(end["ply"]) - 1  # type: ignore[call-overload]
    finally:
        kiosk.stop()
    games = list((tmp_path / "data" / "games").glob("*.pgn"))
    assert len(games) == 1
    with games[0].open(encoding="utf-8") as file:
        game = chess.pgn.read_game(file)
    assert game is not None and game.headers["Termination"] == end["reason"]
    moves = [move.uci() for move in game.mainline_moves()]
    assert len(moves) == end["ply"] and moves[:len(played)] == played
    assert all((ply, moves[ply][:2]) in lifted for ply in range(1, len(moves), 2))
    comments = [node.comment for node in game.mainline()]
    assert all(c == "author: operator (Minimal Client)" for c in comments[0::2]), comments
