"""A classroom without a window: platform, real web server on loopback, match, and workers
that are real WebSocket clients (aiohttp), with the game loop pumped in the test's loop."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import chess

from game.classroom import ClassroomHost
from game.crowd.platform import CrowdSettings, Platform
from game.crowd.roster import Roster
from game.match import GameSetup, Match
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.session import GameSession
from game.opponents.base import MoveReply, MoveRequest
from game.opponents.hints import HintLine
from game.ui.assets import asset_root
from game.web.limits import JoinLimiter
from game.web.pages import load_pages
from game.web.server import CrowdServer

STEP_S = 1 / 60
ROOM = "TEST"


class FirstLegalOpponent:
    """A stand-in engine that plays the first legal move (in UCI order) at once."""

    description = "first legal move"

    def __init__(self) -> None:
        self._reply: MoveReply | None = None
        self.asked = 0

    def start(self) -> None: ...

    def request_move(self, request: MoveRequest) -> None:
        self.asked += 1
        move = min(request.board.legal_moves, key=lambda m: m.uci())
        self._reply = MoveReply(request.game_id, request.ply, move, MoveAuthor.ENGINE, "test")

    def poll(self) -> MoveReply | None:
        reply, self._reply = self._reply, None
        return reply

    def cancel(self) -> None:
        self._reply = None

    def close(self) -> None: ...


class FirstThreeCandidates:
    """Offers the first three legal moves (in UCI order) as the engine's candidates."""

    def __init__(self) -> None:
        self._lines: tuple[HintLine, ...] | None = None

    def start(self) -> None: ...

    def analyse(self, game_id: str, ply: int, board: chess.Board) -> None:
        moves = sorted(board.legal_moves, key=lambda m: m.uci())[:3]
        self._lines = tuple(HintLine(game_id, ply, m.uci(), board.san(m), 0, None)
                            for m in moves)

    def poll(self) -> tuple[HintLine, ...] | None:
        lines, self._lines = self._lines, None
        return lines

    def cancel(self) -> None:
        self._lines = None

    def close(self) -> None: ...


@dataclass
class Classroom:
    host: ClassroomHost
    match: Match
    url: str
    standby: FirstLegalOpponent
    pump: asyncio.Task[None] | None = None
    steps: int = 0

    @property
    def platform(self) -> Platform:
        return self.host.platform

    def step(self) -> None:
        self.host.update(STEP_S)
        self.match.update(STEP_S)
        self.steps += 1


@dataclass
class _Play:
    match: Match


@asynccontextmanager
async def classroom(settings: CrowdSettings | None = None, *,
                    visitor_color: chess.Color = chess.WHITE,
                    tokens: Callable[[], str] | None = None,
                    joins: JoinLimiter | None = None) -> AsyncIterator[Classroom]:
    """A running classroom; the game loop runs at 60 steps a second in the test's loop."""
    pages = load_pages(asset_root() / "web", asset_root() / "i18n")
    server = CrowdServer(room=ROOM, pages=pages, port=0, joins=joins)
    roster = Roster(token=tokens) if tokens else Roster()
    platform = Platform(settings or CrowdSettings(window_s=30), roster=roster)
    standby = FirstLegalOpponent()
    host = ClassroomHost(platform, server, standby=lambda setup: standby,
                         analyser=FirstThreeCandidates)
    host.start()
    session = GameSession(visitor_color=visitor_color)
    match = Match(session, host.opponent_for(GameSetup("white", 1)), pacing=Pacing.instant(),
                  rng=random.Random(1))
    host.attach(_Play(match))
    room = Classroom(host, match, host.url, standby)

    async def pump() -> None:
        while True:
            room.step()
            await asyncio.sleep(0.002)

    room.pump = asyncio.ensure_future(pump())
    try:
        yield room
    finally:
        room.pump.cancel()
        host.close()


@dataclass
class Worker:
    """A worker's page, as a WebSocket client that keeps every message it received."""

    socket: aiohttp.ClientWebSocketResponse
    inbox: list[dict[str, Any]] = field(default_factory=list)
    seen: int = 0

    async def send(self, **message: Any) -> None:
        await self.socket.send_str(json.dumps({"v": 1, **message}))

    async def send_raw(self, text: str) -> None:
        await self.socket.send_str(text)

    async def next(self, kind: str | Sequence[str], *, timeout: float = 10.0) -> dict[str, Any]:
        """The next message of ``kind`` (earlier ones of other kinds are skipped over)."""
        kinds = (kind,) if isinstance(kind, str) else tuple(kind)
        while True:
            while self.seen < len(self.inbox):
                message = self.inbox[self.seen]
                self.seen += 1
                if message["type"] in kinds:
                    return message
            received = await self.socket.receive(timeout=timeout)
            if received.type is not aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"socket closed: {received.type}")
            self.inbox.append(json.loads(received.data))


@asynccontextmanager
async def worker(url: str) -> AsyncIterator[Worker]:
    ws_url = url.replace("http://", "ws://").split("?")[0].rstrip("/") + "/ws"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as socket:
        yield Worker(socket)


async def join(page: Worker, name: str) -> dict[str, Any]:
    await page.send(type="join", room=ROOM, name=name, language="en")
    return await page.next(("welcome", "refused"))
