"""The operator's hints: three lines from a real engine, a crash survived, one loop for all."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import chess
import pytest

from game.opponents.base import MoveRequest
from game.opponents.engine import EngineOpponent, builtin_command
from game.opponents.hints import HINT_COUNT, HintAnalyser, HintLine
from tests.opponents.cues import Cues, wait_until_gone

pytestmark = pytest.mark.slow


@pytest.fixture
def cues(tmp_path: Path) -> Iterator[Cues]:
    cues = Cues(tmp_path)
    yield cues
    cues.close()


def wait_for_hints(analyser: HintAnalyser, limit_s: float = 30.0) -> tuple[HintLine, ...]:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        lines = analyser.poll()
        if lines is not None:
            return lines
        time.sleep(0.01)
    raise AssertionError("no hints in time")


@pytest.mark.parametrize("moment", ["isready", "search"])
def test_a_hint_engine_that_dies_is_restarted_within_the_same_request(
        cues: Cues, moment: str) -> None:
    analyser = HintAnalyser(cues.command(moment), think_s=0.3)
    try:
        board = chess.Board()
        board.push_san("e4")
        analyser.analyse("g", 1, board)
        lines = wait_for_hints(analyser)
        assert 1 <= len(lines) <= HINT_COUNT and {(h.game_id, h.ply) for h in lines} == {("g", 1)}
        assert all(board.is_legal(chess.Move.from_uci(h.uci)) for h in lines)
        assert cues.count(f"died {moment}") == 1 and cues.count("start") == 2
    finally:
        analyser.close()


def test_closing_the_analyser_mid_search_stops_its_process(cues: Cues) -> None:
    analyser = HintAnalyser(cues.command("go", deaths=0), think_s=20.0)
    analyser.analyse("g", 0, chess.Board())
    pid = int(cues.wait_for("start").split()[1])
    cues.wait_for("go")
    analyser.close()
    assert wait_until_gone(pid), "the hint engine still runs after close()"


def test_every_engine_is_driven_by_one_loop_thread() -> None:
    """Two opponents and a hint analyser: one engine loop thread between them, no thread of
    their own (asyncio's own process watchers aside)."""
    before = {thread.ident for thread in threading.enumerate()}
    users = [EngineOpponent(builtin_command(), level=level) for level in (2, 8)]
    analyser = HintAnalyser(builtin_command(), think_s=0.2)
    try:
        for opponent in users:
            opponent.request_move(MoveRequest("g", 0, chess.Board()))
        analyser.analyse("g", 0, chess.Board())
        assert wait_for_hints(analyser)
        for opponent in users:
            while opponent.poll() is None:
                time.sleep(0.01)
        new = [thread.name for thread in threading.enumerate() if thread.ident not in before
               and "waitpid" not in thread.name]
        loops = [thread.name for thread in threading.enumerate() if thread.name == "engines"]
        assert loops == ["engines"] and set(new) <= {"engines"}, new
    finally:
        for opponent in users:
            opponent.close()
        analyser.close()
