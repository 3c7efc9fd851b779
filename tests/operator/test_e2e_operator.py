"""End to end, two real processes over a real socket: the kiosk (the real app, headless, its
visitor driven by mouse events) and hidden operators, each its own process.

One whole game: operator A makes the Turk's moves, then stalls and is killed with SIGKILL in
the middle of a move; the engine makes that move once the stand-in limit has passed, and the
next ones at once; a process with a wrong code is refused; operator B reconnects, receives
the full state and takes over; then the minimal client written only from
docs/operator-protocol.md authenticates and moves; operator C plays to the end (a mate, or
the visitor — who by then walks into mates — resigns a few moves later). Afterwards
every Turk move's recorded author — in the game and in its PGN file — is its true source,
and no move an operator sent was lost or played twice.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import chess
import chess.engine
import pygame
import pytest

from game.app import App, Launch
from game.config import Settings
from game.match import GameSetup
from game.model.director import Director, DirectorSettings
from game.model.pacing import Pacing
from game.model.pgn import load_pgn_file
from game.model.records import MoveAuthor
from game.model.session import Termination
from game.net import protocol
from game.net.link import OperatorLink
from game.operator_host import OperatorHost
from game.opponents.engine import EngineOpponent, builtin_command
from game.opponents.levels import LevelPlan
from game.ui.scenes.play import PlayScene
from game.ui.scenes.promotion import CHOICES, PromotionScene

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
MINIMAL_CLIENT = HERE.parent / "net" / "minimal_client.py"
CODE = "E2E-TEST-9"
LIMIT_S = 3.0
"""The stand-in limit, in the kiosk's seconds."""
SPEED = 4.0


class OperatorProcess:
    """``operator_process.py`` running as its own process; its report lines, as they come."""

    def __init__(self, address: tuple[str, int], name: str, *args: str,
                 code: str = CODE) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "operator_process.py"), address[0], str(address[1]),
             name, *args], stdout=subprocess.PIPE, text=True,
            env={**os.environ, protocol.PAIRING_CODE_ENV: code})
        self.lines: list[dict[str, object]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(json.loads(line))

    def saw(self, event: str) -> bool:
        return any(line["event"] == event for line in self.lines)

    def of(self, event: str) -> list[dict[str, object]]:
        return [line for line in self.lines if line["event"] == event]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self._reader.join(10)


class Visit:
    """The kiosk: the real app headless, with the operator host wired in, and a visitor who
    plays random legal moves by clicking — unless told to wait."""

    def __init__(self, tmp_path: Path) -> None:
        link = OperatorLink(host="127.0.0.1", port=0, pairing_code=CODE, heartbeat_s=0.3,
                            timeout_s=2.0)
        self.host = OperatorHost(
            link, director=Director(DirectorSettings(standin_after_s=LIMIT_S), now=0.0),
            standby=_quick_standby, pacing=Pacing.instant(), rng=random.Random(5))
        self.host.start()
        settings = Settings(data_dir=tmp_path, color="black", pacing=False, book=False,
                            show=False, greeting=False, mute=True)
        self.app = App(Launch(settings), host=self.host, rng=random.Random(6))
        self.play: PlayScene = self.app.start_play()
        self.rng = random.Random(1769)
        self.hold = False
        self.helpmate = False
        self.resign_at_ply = 400
        """The visitor resigns at this ply (so a long game still ends in good time)."""
        """Whether the visitor walks into mates (to end the game in good time)."""
        self._last = time.perf_counter()

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.play.match.session

    @property
    def address(self) -> tuple[str, int]:
        return self.host.link.address

    def step(self) -> None:
        now = time.perf_counter()
        # The kiosk's clock runs SPEED times faster than the real one, so the automaton's
        # arm and key take less of the test's time; operators answer in milliseconds.
        self.app.step(min(0.25, SPEED * (now - self._last)))
        self._last = now
        if not self.hold:
            self._visitor_moves()

    def run_until(self, done: Callable[[], bool], *, timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            assert time.monotonic() < deadline, f"timed out at ply {self.session.ply}"
            self.step()
            time.sleep(0.003)

    def _visitor_moves(self) -> None:
        session = self.session
        if not session.is_visitor_turn or not self.ready or self.app.stack.top is not self.play:
            return
        if session.ply >= self.resign_at_ply:
            self.play.press("resign")
            self.play.press("resign")
            return
        move = self._choose(session.board())
        for square in (move.from_square, move.to_square):
            x, y = self.play.board.geometry.square_center(square)
            for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                pygame.event.post(pygame.event.Event(kind, pos=(round(x), round(y)), button=1))
            self.app.step(0.0)
        chooser = self.app.stack.top
        if isinstance(chooser, PromotionScene):
            x, y = chooser.option_rects[CHOICES.index(move.promotion or chess.QUEEN)].center
            for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                pygame.event.post(pygame.event.Event(kind, pos=(x, y), button=1))
            self.app.step(0.0)
        assert session.records[-1].uci == move.uci(), "the visitor's click did not play"

    @property
    def ready(self) -> bool:
        """Whether the play screen takes the visitor's hand (no piece moving, no spelling)."""
        play = self.play
        return play.board.is_idle and not play.staging.is_busy and not play.automaton.spelling

    def _choose(self, board: chess.Board) -> chess.Move:
        """A random move; when ``helpmate``, one that lets the Turk mate at once if any."""
        moves = sorted(board.legal_moves, key=chess.Move.uci)
        if self.helpmate:
            for move in moves:
                board.push(move)
                mated = any(_mates(board, reply) for reply in board.legal_moves)
                board.pop()
                if mated:
                    return move
        return self.rng.choice(moves)

    def close(self) -> None:
        self.app.close()


def _mates(board: chess.Board, move: chess.Move) -> bool:
    board.push(move)
    mate = board.is_checkmate()
    board.pop()
    return mate


def _quick_standby(setup: GameSetup) -> EngineOpponent:
    def planner(level: int, **_: object) -> LevelPlan:
        return LevelPlan({}, chess.engine.Limit(time=0.05))
    return EngineOpponent(builtin_command(), level=setup.level, planner=planner,
                          author=MoveAuthor.ENGINE_STANDIN)


@pytest.fixture
def visit(tmp_path: Path) -> Iterator[Visit]:
    made = Visit(tmp_path)
    yield made
    made.close()


def minimal_client_moves(address: tuple[str, int], uci: str) -> subprocess.Popen[str]:
    """The client from the protocol document, in a process that cannot import the game."""
    bootstrap = ("import sys, runpy; sys.modules['game'] = None; "
                 f"sys.argv = [{str(MINIMAL_CLIENT)!r}, {address[0]!r}, '{address[1]}', "
                 f"{CODE!r}, 'Minimal Client', {uci!r}]; "
                 f"runpy.run_path({str(MINIMAL_CLIENT)!r}, run_name='__main__')")
    return subprocess.Popen([sys.executable, "-I", "-c", bootstrap], stdout=subprocess.PIPE,
                            text=True)


def operator_a_is_killed_mid_move(visit: Visit, processes: list[OperatorProcess]) -> int:
    """A plays three moves, stalls in the fourth and is killed; the engine stands in once the
    limit has passed, then at once while A stays away. Returns the stalled ply."""
    director = visit.host.director
    visit.hold = True
    a = OperatorProcess(visit.address, "Johann Allgaier", "--stall-after", "3")
    processes.append(a)
    visit.run_until(lambda: director.is_present)
    visit.hold = False
    visit.run_until(lambda: a.saw("stalling"))
    stalled_ply = int(str(a.of("stalling")[0]["ply"]))
    os.kill(a.process.pid, signal.SIGKILL)
    a.stop()
    visit.run_until(lambda: not director.is_present)
    visit.run_until(lambda: visit.session.ply > stalled_ply + 4)
    standin = visit.session.records[stalled_ply]
    assert standin.author is MoveAuthor.ENGINE_STANDIN
    assert standin.think_s >= LIMIT_S
    visit.hold = True
    visit.run_until(lambda: visit.session.is_visitor_turn)
    return stalled_ply


def a_wrong_code_is_refused(visit: Visit, processes: list[OperatorProcess]) -> None:
    wrong = OperatorProcess(visit.address, "Somebody Else", code="NOT-THE-CODE")
    processes.append(wrong)
    visit.run_until(lambda: wrong.process.poll() is not None)
    assert wrong.process.returncode == 3 and wrong.of("refused")[0]["code"] == "bad_proof"
    assert not visit.host.director.is_present


def operator_b_reconnects(visit: Visit, processes: list[OperatorProcess]) -> None:
    """B receives the whole game on joining, then plays three moves and hangs up."""
    director = visit.host.director
    b = OperatorProcess(visit.address, "William Lewis", "--moves", "3")
    processes.append(b)
    visit.run_until(lambda: director.is_present and b.saw("state"))
    state = b.of("state")[0]
    assert state["moves"] == [r.uci for r in visit.session.records]
    assert state["fen"] == visit.session.position.fen
    visit.hold = False
    visit.run_until(lambda: b.process.poll() is not None and not director.is_present)
    visit.hold = True
    visit.run_until(lambda: visit.session.is_visitor_turn and visit.ready)


def the_minimal_client_moves(visit: Visit) -> tuple[int, str]:
    """It joins while the visitor thinks and answers the visitor's move; (ply, uci)."""
    director = visit.host.director
    board = visit.session.board()
    visitor_move = min(board.legal_moves, key=chess.Move.uci)
    board.push(visitor_move)
    reply = min(board.legal_moves, key=chess.Move.uci).uci()
    minimal = minimal_client_moves(visit.address, reply)
    visit.run_until(lambda: director.is_present)
    visit.play.play(visitor_move, dragged=False)
    visit.run_until(lambda: minimal.poll() is not None and visit.session.ply > board.ply())
    assert minimal.stdout is not None
    assert json.loads(minimal.stdout.read().strip().splitlines()[-1])["type"] == "ack"
    visit.run_until(lambda: not director.is_present)
    return board.ply(), reply


def operator_c_plays_to_the_end(visit: Visit, processes: list[OperatorProcess]) -> None:
    c = OperatorProcess(visit.address, "Jacques Mouret")
    processes.append(c)
    visit.run_until(lambda: visit.host.director.is_present)
    visit.hold, visit.helpmate = False, True
    visit.resign_at_ply = visit.session.ply + 16  # unless the Turk mates first
    visit.run_until(lambda: visit.session.is_over, timeout_s=60)
    visit.run_until(lambda: c.process.poll() is not None)  # told the game is over


def operator_moves(processes: list[OperatorProcess],
                   minimal: tuple[int, str]) -> dict[int, tuple[str, str]]:
    """ply → (operator, uci) for every move an operator sent and was not told the engine
    played instead."""
    moves: dict[int, tuple[str, str]] = {minimal[0]: ("Minimal Client", minimal[1])}
    for process in processes:
        told = {int(str(line["ply"])) for line in process.of("stood_in")}
        for line in process.of("sent"):
            ply = int(str(line["ply"]))
            if ply not in told:
                assert ply not in moves, f"two operators answered ply {ply}"
                moves[ply] = (process.name, str(line["uci"]))
    return moves


@pytest.mark.timeout(120)
def test_a_whole_game_with_a_killed_operator_a_refused_code_and_two_reconnections(
        visit: Visit) -> None:
    processes: list[OperatorProcess] = []
    try:
        operator_a_is_killed_mid_move(visit, processes)
        a_wrong_code_is_refused(visit, processes)
        operator_b_reconnects(visit, processes)
        minimal = the_minimal_client_moves(visit)
        operator_c_plays_to_the_end(visit, processes)
    finally:
        for process in processes:
            process.stop()
    records = visit.session.records
    ending = visit.session.ending
    assert ending is not None and ending.termination is not Termination.ABANDONED
    expected = operator_moves(processes, minimal)
    # The true source of every Turk move: the operator who sent it, or the engine.
    for record in records:
        if record.author is MoveAuthor.VISITOR:
            continue
        if record.ply in expected:
            name, uci = expected[record.ply]
            assert (record.author, record.uci, record.detail) == (
                MoveAuthor.OPERATOR, uci, name), record
        else:
            assert record.author is MoveAuthor.ENGINE_STANDIN, record
    # Nothing lost: every move an operator sent and was not told about was played, once.
    assert all(records[ply].uci == uci for ply, (_, uci) in expected.items())
    by = [name for name, _ in expected.values()]
    assert by.count("Johann Allgaier") == 3 and by.count("William Lewis") == 3
    assert by.count("Minimal Client") == 1 and by.count("Jacques Mouret") >= 1
    assert sum(1 for r in records if r.author is MoveAuthor.ENGINE_STANDIN) >= 3
    assert visit.play.match.crew.operator_name == "Jacques Mouret"
    # The saved game carries the same authors in its comments.
    visit.app.archive.close()
    saved = load_pgn_file(next(Path(visit.app.settings.games_dir).glob("*.pgn")))
    assert [(r.uci, r.author) for r in saved.records] == [(r.uci, r.author) for r in records]
