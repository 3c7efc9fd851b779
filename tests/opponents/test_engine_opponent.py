"""The engine as a source of moves: real processes, a crash mid-search, a clean close."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import chess
import chess.engine
import pytest

from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest, OpponentUnavailableError
from game.opponents.engine import EngineOpponent, builtin_command, resolve_engine
from game.opponents.levels import LevelPlan
from tests.opponents.cues import Cues

pytestmark = pytest.mark.slow


def planner(seconds: float):  # type: ignore[no-untyped-def]
    plan = LevelPlan({}, chess.engine.Limit(time=seconds))
    return lambda level, **_: plan


def wait_for_reply(opponent: EngineOpponent, limit_s: float = 30.0) -> MoveReply:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        reply = opponent.poll()
        if reply is not None:
            return reply
        time.sleep(0.01)
    raise AssertionError("no reply in time")


@pytest.fixture
def cues(tmp_path: Path) -> Iterator[Cues]:
    cues = Cues(tmp_path)
    yield cues
    cues.close()


def test_unknown_engines_are_refused_with_the_fix() -> None:
    with pytest.raises(OpponentUnavailableError, match="not found"):
        resolve_engine("/no/such/engine")
    with pytest.raises(OpponentUnavailableError, match="not installed"):
        resolve_engine("no-such-engine-anywhere")
    assert resolve_engine("builtin") == builtin_command()


@pytest.mark.parametrize("moment", ["isready", "position", "go", "search"])
def test_a_crashed_engine_is_restarted_and_the_game_goes_on(cues: Cues, moment: str) -> None:
    """The engine dies while the analysis starts (``isready``: python-chess then cancels the
    start), as the position or ``go`` arrives, or mid-search; a new one answers."""
    opponent = EngineOpponent(cues.command(moment), level=8, planner=planner(0.3))
    try:
        board = chess.Board()
        board.push_san("e4")
        opponent.request_move(MoveRequest("g", 1, board.copy()))
        reply = wait_for_reply(opponent)
        assert reply.author is MoveAuthor.ENGINE and board.is_legal(reply.move)
        assert (reply.game_id, reply.ply) == ("g", 1)
        assert cues.count(f"died {moment}") == 1 and cues.count("start") == 2
    finally:
        opponent.close()


def test_an_engine_that_dies_every_time_is_restarted_once_then_given_up(cues: Cues) -> None:
    opponent = EngineOpponent(cues.command("isready", deaths=99), level=3,
                              planner=planner(0.1))
    try:
        opponent.request_move(MoveRequest("g", 0, chess.Board()))
        with pytest.raises(OpponentUnavailableError, match="stopped twice"):
            wait_for_reply(opponent)
        assert cues.count("died isready") == 2 and cues.count("start") == 2
    finally:
        opponent.close()


@pytest.mark.expect_error_log  # python-chess may log the engine's death
def test_an_engine_that_keeps_crashing_is_given_up_with_a_reason(tmp_path: Path) -> None:
    script = tmp_path / "dies.py"
    script.write_text("import sys\nprint('id name Dies', flush=True)\nsys.exit(3)\n")
    opponent = EngineOpponent([sys.executable, str(script)], level=3, planner=planner(0.1))
    try:
        opponent.request_move(MoveRequest("g", 0, chess.Board()))
        deadline = time.monotonic() + 30
        with pytest.raises(OpponentUnavailableError):
            while time.monotonic() < deadline:
                if opponent.poll() is not None:
                    break
                time.sleep(0.01)
    finally:
        opponent.close()


def engine_pid(opponent: EngineOpponent) -> int:
    deadline = time.monotonic() + 20
    while opponent._engine is None:  # the test looks inside to find the process to kill
        assert time.monotonic() < deadline, "the engine did not start"
        time.sleep(0.01)
    return int(opponent._engine.transport.get_pid())


def test_closing_mid_search_stops_the_engine_process() -> None:
    opponent = EngineOpponent(builtin_command(), level=8, planner=planner(20.0))
    opponent.request_move(MoveRequest("g", 0, chess.Board()))
    pid = engine_pid(opponent)
    time.sleep(0.3)
    opponent.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    # A zombie (exited, not yet reaped by python-chess's watcher) also counts as stopped.
    with open(f"/proc/{pid}/status") as status:
        assert "zombie" in status.read().lower(), "the engine still runs after close()"
