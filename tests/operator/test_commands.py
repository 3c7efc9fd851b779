"""`turk host`, `turk operator` and `turk duo` on the command line: their options, and start-up
problems answered with one clear line; and the host built from the [operator] settings."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import chess
import pytest

from game.cli import build_parser, session_settings
from game.config import Settings
from game.match import GameSetup
from game.model.records import MoveAuthor
from game.operator_host import host_from_settings
from game.opponents.base import MoveReply, MoveRequest
from game.opponents.engine import EngineOpponent, builtin_command
from game.opponents.operator import OperatorOpponent


@pytest.mark.parametrize(("text", "address"), [
    ("192.168.1.20:1771", ("192.168.1.20", 1771)),
    ("kiosk.local", ("kiosk.local", 1770)),
    ("[::1]:1800", ("::1", 1800)),
    ("[fe80::1]", ("fe80::1", 1770)),
])
def test_the_operator_names_the_kiosk_as_host_and_port(text: str,
                                                       address: tuple[str, int]) -> None:
    args = build_parser().parse_args(["operator", text, "--name", "Anna"])
    assert args.kiosk == address and args.name == "Anna"


def test_host_and_duo_options() -> None:
    args = build_parser().parse_args(["host", "--listen", "192.168.1.20", "--port", "1771",
                                      "--pairing-code", "K7MX-4RWD", "--hybrid", "--level", "2"])
    assert (args.listen, args.port, args.pairing_code, args.hybrid, args.level) == (
        "192.168.1.20", 1771, "K7MX-4RWD", True, 2)
    duo = build_parser().parse_args(["duo", "--display", "1", "--name", "Anna"])
    assert (duo.display, duo.name, duo.port) == (1, "Anna", None)


def test_hidden_operator_sessions_take_the_command_line_and_allow_no_takebacks() -> None:
    solo = Settings()
    assert solo.takeback  # solo play keeps its one-step takeback
    host = session_settings(solo, build_parser().parse_args(
        ["host", "--listen", "192.168.1.20", "--hybrid"]), duo=False)
    assert (host.takeback, host.operator_listen, host.hybrid) == (False, "192.168.1.20", True)
    duo = session_settings(solo, build_parser().parse_args(["duo"]), duo=True)
    assert not duo.takeback and not duo.hybrid
    assert duo.operator_listen == solo.operator_listen  # duo always uses loopback itself


def run_turk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=60, check=False,
                          env={**os.environ, "SDL_VIDEODRIVER": "dummy",
                               "SDL_AUDIODRIVER": "dummy", **(env or {})})


def test_a_bad_operator_address_or_code_gets_one_clear_line(tmp_path: Path) -> None:
    done = run_turk("operator", "kiosk:99999")
    assert done.returncode == 2 and "is not HOST or HOST:PORT" in done.stderr
    done = run_turk("host", "--pairing-code", "no!", "--data-dir", str(tmp_path))
    assert done.returncode == 2 and "pairing code is 1-64 ASCII letters" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_in_use_gets_one_clear_line(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = run_turk("host", "--port", str(port), "--data-dir", str(tmp_path))
    assert done.returncode == 2
    assert f"cannot listen for the operator on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_duo_refuses_a_display_that_is_not_there(tmp_path: Path) -> None:
    done = run_turk("duo", "--display", "7", "--data-dir", str(tmp_path),
                    env={"TURK_PAIRING_CODE": "ABCD-2345"})
    assert done.returncode == 2 and "--display: there is no display 7" in done.stderr


def ask(standby: EngineOpponent, board: chess.Board) -> MoveReply:
    standby.request_move(MoveRequest("g", len(board.move_stack), board))
    deadline = time.monotonic() + 30
    while (reply := standby.poll()) is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return reply


def test_the_host_follows_the_operator_settings() -> None:
    settings = Settings().replace(operator_port=1771, standin_after_s=12.0, hybrid=True)
    host = host_from_settings(settings, pairing_code="K7MX-4RWD", engine=builtin_command(),
                              port=0)
    assert host.director.settings.standin_after_s == 12.0 and host.mode == "hybrid"
    opponent = host.opponent_for(GameSetup("white", 1))
    try:
        assert isinstance(opponent, OperatorOpponent) and opponent.is_hybrid
        standby = opponent.standby
        assert isinstance(standby, EngineOpponent) and "level 1" in standby.description
        assert ask(standby, chess.Board()).author is MoveAuthor.BOOK  # the book's, truly
        board = chess.Board()
        for uci in ("g1f3", "g8f6", "f3g1", "f6g8") * 4 + ("g1f3", "g8f6"):
            board.push_uci(uci)  # past the book's plies
        assert ask(standby, board).author is MoveAuthor.ENGINE_STANDIN
    finally:
        opponent.close()


def test_the_staff_screen_reads_the_code_and_makes_a_new_one(
        caplog: pytest.LogCaptureFixture) -> None:
    host = host_from_settings(Settings(), pairing_code="K7MX-4RWD", engine=builtin_command(),
                              port=0, code_chosen_by_staff=True)
    try:
        with caplog.at_level(logging.INFO, logger="game.operator_host"):
            host.start()
            assert host.pairing_code == "K7MX-4RWD"
            assert "K7MX" not in caplog.text  # staff chose it: never logged
            fresh = host.new_pairing_code()
        assert host.pairing_code == fresh != "K7MX-4RWD"
        assert f"pairing code: {fresh}" in caplog.text  # one the kiosk made: logged
    finally:
        host.close()
