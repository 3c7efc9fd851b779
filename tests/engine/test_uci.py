"""UCI conformance: the engine as a real process, driven by chess.engine like any GUI.

Timing goals (stop within 50 ms, no time losses) are measured by benchmarks/engine.py and
benchmarks/timeloss.py; these tests check behaviour.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import time
from pathlib import Path

import chess
import chess.engine
import chess.polyglot
import pytest

from .conftest import ENGINE_COMMAND

EXPECTED_OPTIONS = {"Hash", "Clear Hash", "Skill Level", "UCI_LimitStrength", "UCI_Elo",
                    "MultiPV", "OwnBook", "BookFile", "Move Overhead", "Ponder"}


def test_uci_declares_name_and_options(uci_engine: chess.engine.SimpleEngine) -> None:
    assert uci_engine.id["name"].startswith("The Turk ")
    assert set(uci_engine.options) >= EXPECTED_OPTIONS
    assert uci_engine.options["Skill Level"].min == 1
    assert uci_engine.options["Skill Level"].max == 8


def test_isready_and_ucinewgame(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.ping()  # isready / readyok
    uci_engine.protocol.send_line("ucinewgame")
    uci_engine.ping()


def test_position_fen_with_moves(uci_engine: chess.engine.SimpleEngine) -> None:
    board = chess.Board("r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
    for uci in ("f1b5", "a7a6", "b5a4"):
        board.push_uci(uci)
    result = uci_engine.play(board, chess.engine.Limit(time=0.2))
    assert result.move in board.legal_moves


def test_go_depth_reports_complete_info(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.configure({"OwnBook": False})
    board = chess.Board("r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
    info = uci_engine.analyse(board, chess.engine.Limit(depth=5))
    assert info["depth"] == 5
    for key in ("seldepth", "score", "nodes", "nps", "time", "hashfull", "pv", "multipv"):
        assert key in info, key
    assert info["pv"][0] in board.legal_moves


def test_go_nodes_stops_near_the_limit(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.configure({"OwnBook": False})
    info = uci_engine.analyse(chess.Board(), chess.engine.Limit(nodes=2000))
    assert info["nodes"] <= 2000 + 300


def test_mate_scores_are_reported_as_mate(uci_engine: chess.engine.SimpleEngine) -> None:
    board = chess.Board("6k1/5ppp/8/8/8/8/5PPP/3R2K1 w - - 0 1")
    info = uci_engine.analyse(board, chess.engine.Limit(depth=4))
    assert info["score"].white() == chess.engine.Mate(1)
    assert info["pv"][0] == chess.Move.from_uci("d1d8")


def test_clock_with_increment_and_movestogo(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.configure({"Move Overhead": 50})
    board = chess.Board()
    board.push_san("d4")
    limit = chess.engine.Limit(white_clock=5.0, black_clock=5.0, white_inc=0.1,
                               black_inc=0.1, remaining_moves=20)
    started = time.perf_counter()
    result = uci_engine.play(board, limit)
    assert result.move in board.legal_moves
    assert time.perf_counter() - started < 5.0  # it must not use the whole clock


@pytest.mark.slow
def test_infinite_analysis_stops_on_request(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.configure({"OwnBook": False})
    with uci_engine.analysis(chess.Board()) as analysis:
        for info in analysis:
            if info.get("depth", 0) >= 3:
                break
        analysis.stop()
        best = analysis.wait()
    assert best.move in chess.Board().legal_moves


def test_multipv_gives_distinct_lines(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.configure({"OwnBook": False})
    board = chess.Board("r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
    infos = uci_engine.analyse(board, chess.engine.Limit(depth=4), multipv=3)
    assert [i["multipv"] for i in infos] == [1, 2, 3]
    assert len({i["pv"][0] for i in infos}) == 3
    scores = [i["score"].relative.score(mate_score=100_000) for i in infos]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.slow
def test_ponder_then_ponderhit(uci_engine: chess.engine.SimpleEngine) -> None:
    uci_engine.configure({"OwnBook": False})
    board = chess.Board()
    first = uci_engine.play(board, chess.engine.Limit(time=0.3), ponder=True)
    assert first.move is not None and first.ponder is not None
    board.push(first.move)
    board.push(first.ponder)  # the expected reply: chess.engine sends ponderhit
    second = uci_engine.play(board, chess.engine.Limit(time=0.3), ponder=True)
    assert second.move in board.legal_moves


def test_own_book_answers_at_once_and_can_be_switched_off(
        uci_engine: chess.engine.SimpleEngine) -> None:
    result = uci_engine.play(chess.Board(), chess.engine.Limit(time=2.0),
                             info=chess.engine.INFO_ALL)
    assert result.info.get("string", "").startswith("book move")
    uci_engine.configure({"OwnBook": False})
    result = uci_engine.play(chess.Board(), chess.engine.Limit(time=0.2),
                             info=chess.engine.INFO_ALL)
    assert "depth" in result.info


def test_book_file_can_be_any_polyglot_book(uci_engine: chess.engine.SimpleEngine,
                                            tmp_path: Path) -> None:
    board = chess.Board()
    a2a3 = chess.square_file(chess.A3) | chess.square_rank(chess.A3) << 3 | (
        chess.square_file(chess.A2) << 6 | chess.square_rank(chess.A2) << 9)
    book = tmp_path / "odd.bin"
    book.write_bytes(struct.pack(">QHHI", chess.polyglot.zobrist_hash(board), a2a3, 1, 0))
    uci_engine.configure({"BookFile": str(book)})
    assert uci_engine.play(board, chess.engine.Limit(time=1.0)).move == chess.Move.from_uci(
        "a2a3")


def test_missing_book_file_still_plays(uci_engine: chess.engine.SimpleEngine,
                                       tmp_path: Path) -> None:
    uci_engine.configure({"BookFile": str(tmp_path / "nowhere.bin")})
    assert uci_engine.play(chess.Board(), chess.engine.Limit(time=0.2)).move is not None


def test_levels_and_elo_options_are_accepted(uci_engine: chess.engine.SimpleEngine) -> None:
    board = chess.Board("r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
    for level in range(1, 9):
        uci_engine.configure({"Skill Level": level, "OwnBook": False})
        assert uci_engine.play(board, chess.engine.Limit(time=0.1)).move in board.legal_moves
    uci_engine.configure({"UCI_LimitStrength": True, "UCI_Elo": 900, "Hash": 8})
    assert uci_engine.play(board, chess.engine.Limit(time=0.1)).move in board.legal_moves


def test_no_legal_move_answers_null_move() -> None:
    answer = _raw_session(["uci", "position fen 7k/5QQ1/8/8/8/8/8/K7 b - - 0 1",
                           "go movetime 100", "isready"], until="readyok")
    assert "bestmove 0000" in answer


def test_malformed_input_is_answered_and_ignored() -> None:
    lines = ["uci", "hello there", "position fen not/a/fen", "position startpos moves e2e5",
             "position", "go wtime x btime 100", "setoption name Nope value 3",
             "setoption name Hash value many", "setoption", "go depth", "stop", "ponderhit",
             "position startpos moves e2e4", "go depth 2", "isready"]
    answer = _raw_session(lines, until="readyok")
    assert answer.count("info string") >= 8
    assert "bestmove" in answer
    assert "Traceback" not in answer


def test_end_of_input_ends_the_engine() -> None:
    process = subprocess.run(ENGINE_COMMAND, input="uci\n", capture_output=True, text=True,
                             timeout=30, check=False)
    assert process.returncode == 0
    assert "uciok" in process.stdout


def _raw_session(lines: list[str], *, until: str, timeout: float = 30.0) -> str:
    """Send lines to a fresh engine process; return what it said up to ``until``."""
    process = subprocess.Popen(ENGINE_COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write("\n".join(lines) + "\n")
        process.stdin.flush()
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line.strip())
            if line.strip() == until:
                break
        return "\n".join(seen)
    finally:
        process.stdin.write("quit\n")
        process.stdin.flush()
        process.wait(timeout=10)


def test_main_module_help_exits_cleanly() -> None:
    process = subprocess.run([sys.executable, "-m", "game.engine", "--version"],
                             capture_output=True, text=True, timeout=30, check=False)
    assert process.returncode == 0
    assert "The Turk" in process.stdout


def test_searchmoves_restricts_the_root(uci_engine: chess.engine.SimpleEngine) -> None:
    board = chess.Board()
    only = chess.Move.from_uci("a2a3")
    info = uci_engine.analyse(board, chess.engine.Limit(depth=3), root_moves=[only])
    assert info["pv"][0] == only
