"""The labels of the tactical test set, made apart from the engine's rules (no Stockfish needed
here: the exchange evaluation is pure; Stockfish only made the ``kept`` numbers)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import chess
import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_tool() -> ModuleType:
    path = ROOT / "tools" / "make_tactics.py"
    spec = importlib.util.spec_from_file_location("make_tactics", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = load_tool()


@pytest.mark.parametrize(("fen", "san", "cp"), [
    ("4k3/8/8/3n4/8/4B3/8/3RK3 w - - 0 1", "Rxd5", 300),        # a knight that hangs
    ("4k3/8/4p3/3p4/8/8/3R4/3RK3 w - - 0 1", "Rxd5", -300),      # a pawn the pawn defends
    ("3rk3/3r4/8/3p4/8/8/3R4/3RK3 w - - 0 1", "Rxd5", -400),     # two rooks against two
    ("4k3/8/8/3p4/8/8/3R4/3RK3 w - - 0 1", "Rxd5", 100),         # an undefended pawn
    ("1k6/8/3p4/4n3/3b4/8/8/1K2R3 w - - 0 1", "Rxe5", -200),     # a defended knight
    ("4k3/4r3/8/8/8/8/4R3/4K3 w - - 0 1", "Rxe7+", 0),           # the king takes back
    ("4k3/4r3/8/8/1B6/8/4R3/4K3 w - - 0 1", "Rxe7+", 500),       # it cannot: e7 is guarded
    # The defender is pinned to its king: python-chess's legal moves see it, a count of
    # attackers (as the engine's "simply hangs" rule makes) does not.
    ("4k3/4n3/8/3p4/8/8/8/3RR1K1 w - - 0 1", "Rxd5", 100),
    ("rnbqkbnr/ppp1pppp/8/3p4/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2", "exd5", 0),  # Qxd5
    ("rnbqkbnr/ppp1pppp/8/3p4/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2", "e5", 0),
])
def test_the_exchange_evaluation_plays_the_recaptures_out(fen: str, san: str, cp: int) -> None:
    board = chess.Board(fen)
    assert TOOL.see(board, board.parse_san(san)) == cp


def test_every_test_position_is_labelled_and_the_labels_follow_their_rule() -> None:
    lines = (ROOT / "tests" / "data" / "tactics.epd").read_text(encoding="utf-8").splitlines()
    kinds = []
    for line in filter(str.strip, lines):
        board, ops = chess.Board.from_epd(line)
        best = ops["bm"]
        assert isinstance(best, list) and len(best) == 1, line
        assert ops["kind"] in ("free", "tactic"), line
        assert ops["see"] == TOOL.see(board, best[0]), line  # the stored value is this rule's
        is_free = ops["see"] >= TOOL.FREE_SEE_CP and ops["kept"] >= TOOL.FREE_SEE_CP
        assert (ops["kind"] == "free") == is_free, line
        kinds.append(ops["kind"])
    assert 10 <= kinds.count("free") <= len(kinds) - 10  # both kinds are measured
