"""The engine as a source of moves: real processes, a crash mid-search, a clean close."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import chess
import chess.engine
import chess.polyglot
import pytest

from game.model.records import MoveAuthor
from game.opponents import process
from game.opponents.base import MoveReply, MoveRequest, OpponentUnavailableError
from game.opponents.engine import EngineOpponent, builtin_command, resolve_engine
from game.opponents.levels import LevelPlan
from game.opponents.process import ENGINE_NICENESS, EngineLoop
from tests.opponents.cues import Cues, wait_until_gone

pytestmark = pytest.mark.slow

BOOK = Path(__file__).resolve().parents[2] / "assets" / "books" / "turk.bin"


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
def test_a_crashed_engine_is_restarted_and_the_game_goes_on(
        cues: Cues, moment: str, caplog: pytest.LogCaptureFixture) -> None:
    """The engine dies while the analysis starts (``isready``: python-chess would wait for
    ``readyok`` for ever), as the position or ``go`` arrives, or mid-search; a new one
    answers at once (the death is seen as a death, not waited out as a hang)."""
    opponent = EngineOpponent(cues.command(moment), level=8, planner=planner(0.3))
    try:
        board = chess.Board()
        board.push_san("e4")
        opponent.request_move(MoveRequest("g", 1, board.copy()))
        reply = wait_for_reply(opponent)
        assert reply.author is MoveAuthor.ENGINE and board.is_legal(reply.move)
        assert (reply.game_id, reply.ply) == ("g", 1)
        assert cues.count(f"died {moment}") == 1 and cues.count("start") == 2
        assert not [r for r in caplog.records if "killing" in r.getMessage()]
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


@pytest.mark.parametrize("moment", ["isready", "search"])
def test_a_hung_engine_is_killed_and_replaced(cues: Cues, moment: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine that goes silent while the search starts or runs is killed once it has had
    its time (shortened here) and a new one answers."""
    monkeypatch.setattr(process, "ANSWER_TIMEOUT_S", 2.0)  # ample for the new one
    opponent = EngineOpponent(cues.command(moment, hang=True), level=8, planner=planner(0.3))
    try:
        board = chess.Board()
        opponent.request_move(MoveRequest("g", 0, board))
        hung = int(cues.wait_for("start").split()[1])
        reply = wait_for_reply(opponent)
        assert board.is_legal(reply.move) and reply.author is MoveAuthor.ENGINE
        assert cues.count(f"hung {moment}") == 1 and cues.count("start") == 2
        assert wait_until_gone(hung)
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


def test_closing_mid_search_stops_the_engine_process(cues: Cues) -> None:
    opponent = EngineOpponent(cues.command("go", deaths=0), level=8, planner=planner(20.0))
    opponent.request_move(MoveRequest("g", 0, chess.Board()))
    pid = int(cues.wait_for("start").split()[1])
    cues.wait_for("go")
    opponent.close()
    assert wait_until_gone(pid), "the engine still runs after close()"


def test_closing_while_the_search_starts_stops_the_engine_process(cues: Cues) -> None:
    """close() before the engine has begun to search must stop that search too, not wait for
    its 20 seconds."""
    opponent = EngineOpponent(cues.command("go", deaths=0), level=8, planner=planner(20.0))
    opponent.request_move(MoveRequest("g", 0, chess.Board()))
    pid = int(cues.wait_for("start").split()[1])
    cues.wait_for("ucinewgame")  # analysis() has begun; the search is not running yet
    opponent.close()
    assert wait_until_gone(pid), "the engine still runs after close()"


EXIT_AFTER_CLOSE = """
import json, sys
import chess, chess.engine
from game.opponents.base import MoveRequest
from game.opponents.engine import EngineOpponent
from game.opponents.levels import LevelPlan
plan = LevelPlan({}, chess.engine.Limit(time=20.0))
opponent = EngineOpponent(json.loads(sys.argv[1]), level=8, planner=lambda level, **_: plan)
opponent.request_move(MoveRequest("g", 0, chess.Board()))
sys.stdin.readline()
opponent.close()
"""


def test_a_program_that_closes_its_engine_and_exits_at_once_leaves_no_engine_behind(
        cues: Cues) -> None:
    """The engine loop's thread does not keep a program alive, and no engine outlives it."""
    program = subprocess.Popen([sys.executable, "-c", EXIT_AFTER_CLOSE,
                                json.dumps(cues.command("go", deaths=0))],
                               stdin=subprocess.PIPE, text=True)
    try:
        pid = int(cues.wait_for("start").split()[1])
        cues.wait_for("go")
        assert program.stdin is not None
        program.stdin.write("close\n")
        program.stdin.flush()
        assert program.wait(timeout=30) == 0
    finally:
        program.kill()
    assert wait_until_gone(pid)


def test_the_engine_runs_at_a_lower_priority_than_the_game(cues: Cues) -> None:
    opponent = EngineOpponent(cues.command("go", deaths=0), level=8, planner=planner(0.2))
    try:
        opponent.request_move(MoveRequest("g", 0, chess.Board()))
        pid = int(cues.wait_for("start").split()[1])
        cues.wait_for("go")  # the priority is lowered before the first search
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(
            19, os.getpriority(os.PRIO_PROCESS, 0) + ENGINE_NICENESS)
        wait_for_reply(opponent)
    finally:
        opponent.close()


def test_the_book_is_opened_once_and_closed_with_the_opponent(
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[chess.polyglot.MemoryMappedReader] = []
    real_open = chess.polyglot.open_reader

    def counting_open(path: Path) -> chess.polyglot.MemoryMappedReader:
        opened.append(real_open(path))
        return opened[-1]

    monkeypatch.setattr(chess.polyglot, "open_reader", counting_open)
    opponent = EngineOpponent(builtin_command(), level=8, planner=planner(0.1), book_path=BOOK)
    board = chess.Board()
    try:
        for ply in range(4):
            opponent.request_move(MoveRequest("g", ply, board.copy()))
            reply = wait_for_reply(opponent)
            assert reply.author is MoveAuthor.BOOK
            board.push(reply.move)
            assert len(opened) == 1
    finally:
        opponent.close()
    # close() queues the book's closing on the engine loop: anything queued later runs after it.
    EngineLoop.shared().submit(_noop()).result(timeout=10)
    with pytest.raises(ValueError):  # a closed memory map
        opened[0].weighted_choice(board)


async def _noop() -> None:
    return None


def test_an_engine_move_says_which_engine_and_level() -> None:
    opponent = EngineOpponent(builtin_command(), level=5, planner=planner(0.1))
    try:
        board = chess.Board()
        board.push_san("e4")
        opponent.request_move(MoveRequest("g", 1, board))
        reply = wait_for_reply(opponent)
        assert reply.engine_name.startswith("The Turk") and reply.level == 5
        assert reply.engine_name == opponent.engine_name and opponent.engine_author
    finally:
        opponent.close()
