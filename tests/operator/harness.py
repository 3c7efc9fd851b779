"""A kiosk without a window for the operator tests: a real ``OperatorHost`` and ``OperatorLink``
on 127.0.0.1, a real ``Match`` with the ``OperatorOpponent`` the host made, wired as the app
wires them and stepped by hand; and a watcher for a real ``OperatorClient``."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import chess

from game.match import GameSetup, Match
from game.model.director import Director, DirectorSettings
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.session import GameSession
from game.net import protocol
from game.net.client import ClientEvent, OperatorClient
from game.net.link import OperatorLink
from game.operator_host import OperatorHost
from game.opponents.base import MoveReply, MoveRequest, Opponent
from game.opponents.hints import HintAnalyser
from game.ui.scenes.play import PlayObserver

CODE = "TEST-CODE"
NAME = "Johann Allgaier"
STEP = 1 / 60


class QuickEngine:
    """A standby that answers at once with the first legal move in UCI order, as an engine."""

    def __init__(self) -> None:
        self._reply: MoveReply | None = None
        self.requests = 0
        self.closed = False

    @property
    def description(self) -> str:
        return "quick engine"

    def start(self) -> None:
        """Nothing to start."""

    def request_move(self, request: MoveRequest) -> None:
        self.requests += 1
        move = min(request.board.legal_moves, key=chess.Move.uci)
        self._reply = MoveReply(request.game_id, request.ply, move, MoveAuthor.ENGINE, "quick")

    def poll(self) -> MoveReply | None:
        reply, self._reply = self._reply, None
        return reply

    def cancel(self) -> None:
        self._reply = None

    def close(self) -> None:
        self.closed = True


class FakePlay:
    """The parts of the play screen the host uses."""

    def __init__(self, match: Match) -> None:
        self.match = match
        self.observer: PlayObserver | None = None
        self.spelled: list[str] = []

    def spell(self, text: str) -> None:
        self.spelled.append(text)


class Kiosk:
    """A hidden-operator kiosk stepped by the test."""

    def __init__(self, *, limit_s: float = 5.0, visitor: chess.Color = chess.WHITE,
                 standby: Callable[[GameSetup], Opponent] | None = None,
                 hints: Callable[[], HintAnalyser] | None = None,
                 pacing: Pacing | None = None) -> None:
        self.link = OperatorLink(host="127.0.0.1", port=0, pairing_code=CODE,
                                 heartbeat_s=0.2, timeout_s=1.0)
        self.director = Director(DirectorSettings(standin_after_s=limit_s), now=0.0)
        pacing = pacing or Pacing.instant()
        self.host = OperatorHost(self.link, director=self.director,
                                 standby=standby or (lambda setup: QuickEngine()),
                                 hints=hints, pacing=pacing, rng=random.Random(1))
        self.host.start()
        opponent = self.host.opponent_for(GameSetup("white", 3))
        self.session = GameSession(visitor_color=visitor)
        self.match = Match(self.session, opponent, pacing=pacing, rng=random.Random(2))
        self.host.follow(self.match)
        self.play = FakePlay(self.match)
        self.play.observer = self.host  # as the app wires the play screen
        self.host.letter_board = self.play.spell
        self.match.start()

    @property
    def address(self) -> tuple[str, int]:
        return self.link.address

    def step(self, count: int = 1) -> None:
        """``count`` loop steps, as the app runs them (the host first, then the match)."""
        for _ in range(count):
            self.host.update(STEP)
            self.match.update(STEP)

    def run_until(self, done: Callable[[], bool], *, timeout_s: float = 10.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError("the kiosk timed out waiting")
            self.step()
            time.sleep(0.002)

    def visitor_plays(self, uci: str) -> None:
        self.match.play_visitor_move(chess.Move.from_uci(uci))

    def authors(self) -> list[MoveAuthor]:
        return [record.author for record in self.session.records]

    def close(self) -> None:
        self.match.close()
        self.host.close()


class ClientWatch:
    """A real operator client and every event it reported."""

    def __init__(self, address: tuple[str, int], *, code: str = CODE, name: str = NAME) -> None:
        self.client = OperatorClient(host=address[0], port=address[1], pairing_code=code,
                                     name=name, heartbeat_s=0.2, timeout_s=1.0)
        self.client.start()
        self.events: list[ClientEvent] = []

    def pump(self) -> list[ClientEvent]:
        self.events.extend(self.client.poll())
        return self.events

    def has(self, predicate: Callable[[ClientEvent], bool]) -> bool:
        return any(predicate(event) for event in self.pump())

    def latest_state(self) -> protocol.GameState | None:
        states = [e for e in self.pump() if isinstance(e, protocol.GameState)]
        return states[-1] if states else None

    def close(self) -> None:
        self.client.close()
