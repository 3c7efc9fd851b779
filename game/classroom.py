"""The classroom's side of a crowd game: the platform, the web server and the match, joined.

Owns: ``ClassroomHost`` — one per classroom session. It owns the ``Platform`` (the pure core)
and the ``CrowdServer`` (the web layer), makes the ``CrowdOpponent`` of every game (the app's
opponent factory), and each fixed step carries what happened between them: joins, resumes,
answers and lost pages in from the server, checked again by the platform; tasks posted,
answers counted, tasks closed (with each worker's pay) and the room's state out. A worker's
answer thus travels page → server (checked at the edge) → platform (checked in the core) →
crowd opponent → match → model (checked once more). When a game ends the host keeps its typed
``CrowdSummary`` for the reveal and sends every worker their receipt. The teacher's controls
(open or close the room, pause, the settings, hide a pseudonym, end) are methods here;
``view`` is the snapshot the projector's overlay draws — counts only, never who is answering.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import logging
import secrets
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Protocol, TypeVar

from game.config import Settings
from game.crowd.names import NameRefusedError, load_blocklist
from game.crowd.platform import (
    CrowdSettings,
    Platform,
    RoomChanged,
    RoomClosedError,
    TaskClosed,
    TaskPosted,
)
from game.crowd.roster import RoomFullError, Roster
from game.crowd.summary import CrowdSummary, TurkMove, receipt, summarize
from game.crowd.tasks import TaskKind
from game.match import GameSetup, Match
from game.model.records import MoveAuthor
from game.opponents.base import Opponent
from game.opponents.crowd import CandidateSource, CrowdOpponent
from game.opponents.engine import EngineOpponent
from game.opponents.hints import HintAnalyser
from game.web import events as web
from game.web.pages import load_pages
from game.web.server import DEFAULT_PORT, CrowdServer

log = logging.getLogger(__name__)

ROOM_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters of a room code: no I, O, 0 or 1, which a class would mix up."""
ENGINE_AUTHORS = frozenset({MoveAuthor.ENGINE, MoveAuthor.ENGINE_STANDIN, MoveAuthor.BOOK})

_Event = TypeVar("_Event")
StandbyFactory = Callable[[GameSetup], Opponent]
AnalyserFactory = Callable[[], CandidateSource]


def new_room_code(length: int = 4) -> str:
    return "".join(secrets.choice(ROOM_LETTERS) for _ in range(length))


def join_url(host: str, port: int, room: str) -> str:
    """The address a class opens (the QR code's text). A server listening on every address
    is reached by this computer's name."""
    if host in ("0.0.0.0", "::", ""):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = socket.gethostname()
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?room={room}"


class PlayView(Protocol):
    """What the host needs of the play screen (``PlayScene`` has it)."""

    match: Match


@dataclass(frozen=True)
class WorkerEntry:
    """A worker as the teacher's list of names shows them (no activity, no pay)."""

    worker_id: str
    number: int
    name: str
    hidden: bool
    connected: bool


@dataclass(frozen=True)
class ClassroomView:
    """What the projector's overlay shows: how to join, and counts."""

    room: str
    url: str
    is_open: bool
    paused: bool
    ended: bool
    joined: int
    present: int
    tasks_done: int
    open_kind: TaskKind | None
    seconds_left: float | None
    answers_now: int
    """Answers to the open task so far (a number: never who)."""
    settings: CrowdSettings
    workers: tuple[WorkerEntry, ...]


class ClassroomHost:
    """Runs a classroom session beside the projector's game.

    :param platform: the session's platform.
    :param server: the web server (started by :meth:`start`).
    :param standby: makes, per game, the engine that stands in (recording ``ENGINE_STANDIN``).
    :param analyser: makes, per game, the engine that offers candidates for rating.
    """

    def __init__(self, platform: Platform, server: CrowdServer, *, standby: StandbyFactory,
                 analyser: AnalyserFactory | None = None) -> None:
        self.platform = platform
        self.server = server
        self._standby = standby
        self._analyser = analyser
        self._play: PlayView | None = None
        self._ended_games: set[str] = set()
        self.summaries: dict[str, CrowdSummary] = {}
        """The crowd's work in each finished game, by game id (for the reveal)."""
        self.url = ""

    def start(self) -> None:
        """Serve the worker page.

        :raises WebError: if the address cannot be bound.
        """
        self.server.start()
        host, port = self.server.address
        self.url = join_url(host, port, self.server.room)
        log.info("classroom open: %s", self.url)

    def opponent_for(self, setup: GameSetup) -> CrowdOpponent:
        """The source of the Turk's moves for a new game (the app's opponent factory)."""
        return CrowdOpponent(self.platform, self._standby(setup),
                             analyser=self._analyser() if self._analyser else None)

    # -- the app's companion ------------------------------------------------------------------

    def attach(self, play: PlayView) -> None:
        self._play = play

    def claim(self, events: list[_Event]) -> list[_Event]:
        """The host has no window: every event stays with the game's."""
        return events

    def update(self, dt: float) -> None:
        """Advance ``dt`` seconds: take in what the pages sent, send out what changed."""
        self.platform.update(dt)
        for event in self.server.poll():
            self._on_web_event(event)
        self._send_platform_news()
        if self._play is not None:
            self._follow(self._play.match)

    def frame(self, frame_s: float) -> None:
        """Nothing to draw (the overlay draws the view)."""

    def close(self) -> None:
        self.server.close()

    # -- the teacher --------------------------------------------------------------------------

    def set_open(self, is_open: bool) -> None:
        self.platform.set_open(is_open)
        self._send_platform_news()

    def set_paused(self, paused: bool) -> None:
        self.platform.set_paused(paused)
        self._send_platform_news()

    def configure(self, settings: CrowdSettings) -> None:
        self.platform.configure(settings)

    def set_hidden(self, worker_id: str, hidden: bool) -> None:
        self.platform.roster.set_hidden(worker_id, hidden)

    def end(self) -> None:
        """End the session: open tasks are withdrawn, every worker gets their receipt."""
        self.platform.end()
        self._send_platform_news()
        self._send_receipts()

    # -- in from the pages ----------------------------------------------------------------------

    def _on_web_event(self, event: web.WebEvent) -> None:
        if isinstance(event, web.AnswerArrived):
            refusal = self.platform.answer(event.worker_id, event.task_id,
                                           game_id=event.game_id, ply=event.ply,
                                           answer=event.answer)
            if refusal is None:
                self.server.send(web.Counted(event.worker_id, event.task_id))
            else:
                self.server.send(web.Refuse(event.conn, refusal.reason, event.task_id))
        elif isinstance(event, web.JoinAsked):
            try:
                worker = self.platform.join(event.name)
            except (NameRefusedError, RoomClosedError, RoomFullError) as refused:
                reason = getattr(refused, "reason", str(refused))
                self.server.send(web.Refuse(event.conn, reason, "join"))
                return
            log.info("worker %s joined (%d in the room)", worker.worker_id,
                     len(self.platform.roster.present()))
            self._bind(event.conn, worker.worker_id)
        elif isinstance(event, web.ResumeAsked):
            back = self.platform.resume(event.token)
            if back is None:
                self.server.send(web.Refuse(event.conn, "unknown_token", "resume"))
            else:
                self._bind(event.conn, back.worker_id)
        elif isinstance(event, web.ConnectionLost):
            self.platform.leave(event.worker_id)

    def _bind(self, conn: int, worker_id: str) -> None:
        worker = self.platform.roster.get(worker_id)
        if worker is None:
            return
        answered = frozenset(t.task_id for t in self.platform.open_tasks()
                             if self.platform.has_answered(worker_id, t.task_id))
        self.server.send(web.Bind(conn, worker_id, worker.name, worker.token,
                                  self.platform.ledger.earned(worker_id), answered))

    # -- out to the pages -----------------------------------------------------------------------

    def _send_platform_news(self) -> None:
        platform = self.platform
        for event in platform.take_events():
            if isinstance(event, TaskPosted):
                self.server.send(web.PostTask(event.task, event.task.window_s))
            elif isinstance(event, TaskClosed):
                result = event.result
                earned = {p.worker_id: p.earned for p in result.payments}
                outcomes = {a.worker_id: web.Outcome(a.accepted, earned.get(a.worker_id, 0),
                                                     platform.ledger.earned(a.worker_id))
                            for a in result.answers}
                self.server.send(web.CloseTask(result.task.task_id, outcomes))
            elif isinstance(event, RoomChanged):
                self.server.send(web.RoomState(event.open, event.paused, event.ended))
                if not event.paused:
                    self._repost()

    def _repost(self) -> None:
        """After a pause the open tasks' windows run again: new countdowns for the pages."""
        for task in self.platform.open_tasks():
            deadline = self.platform.deadline(task.task_id)
            if deadline is not None:
                self.server.send(web.PostTask(task, deadline - self.platform.now))

    def _send_receipts(self) -> None:
        for worker in self.platform.roster.workers:
            mine = receipt(self.platform, worker.worker_id)
            if mine is not None:
                self.server.send(web.SendReceipt(worker.worker_id, mine))

    # -- the game ---------------------------------------------------------------------------

    def _follow(self, match: Match) -> None:
        session = match.session
        if session.ending is None or session.game_id in self._ended_games:
            return
        self._ended_games.add(session.game_id)
        moves = [TurkMove(r.ply, r.san, r.author in ENGINE_AUTHORS)
                 for r in session.records if r.author is not MoveAuthor.VISITOR]
        self.summaries[session.game_id] = summarize(self.platform, game_id=session.game_id,
                                                    turk_moves=moves)
        self._send_platform_news()
        self._send_receipts()

    def summary(self, game_id: str) -> CrowdSummary | None:
        """The crowd's work in the finished game ``game_id``."""
        return self.summaries.get(game_id)

    def view(self) -> ClassroomView:
        platform = self.platform
        open_tasks = platform.open_tasks()
        current = open_tasks[-1] if open_tasks else None
        deadline = platform.deadline(current.task_id) if current else None
        workers = tuple(WorkerEntry(w.worker_id, w.number, w.name, w.hidden, w.connected)
                        for w in platform.roster.workers)
        return ClassroomView(
            room=self.server.room, url=self.url, is_open=platform.is_open,
            paused=platform.is_paused, ended=platform.has_ended, joined=len(platform.roster),
            present=len(platform.roster.present()),
            tasks_done=sum(1 for r in platform.results if not r.cancelled),
            open_kind=current.kind if current else None,
            seconds_left=None if deadline is None else max(0.0, deadline - platform.now),
            answers_now=platform.answers_to(current.task_id) if current else 0,
            settings=platform.settings, workers=workers)


def classroom_from_settings(settings: Settings, *, crowd: CrowdSettings,
                            engine: Sequence[str], listen: str = "127.0.0.1",
                            port: int = DEFAULT_PORT, room: str | None = None) -> ClassroomHost:
    """The host of a classroom session: the worker page served on ``listen``:``port``
    (loopback unless the teacher names an address), a new room code, pseudonyms checked
    against the shipped blocklist, the engine standing in at the game's level (with the
    opening book when the settings allow it) and offering candidates at full strength.

    :raises OSError: if the page's files cannot be read.
    """
    assets = Path(str(files("game.assets")))
    pages = load_pages(assets / "web", assets / "i18n")
    blocked = (assets / "web" / "blocked-names.txt").read_text(encoding="utf-8").splitlines()
    server = CrowdServer(room=room or new_room_code(), pages=pages, host=listen, port=port)
    platform = Platform(crowd, roster=Roster(load_blocklist(blocked)))
    book_file = assets / "books" / "turk.bin"
    book = book_file if settings.book and book_file.is_file() else None

    def standby(setup: GameSetup) -> Opponent:
        return EngineOpponent(engine, level=setup.level, author=MoveAuthor.ENGINE_STANDIN,
                              book_path=book)

    def analyser() -> CandidateSource:
        return HintAnalyser(engine, think_s=0.5)

    return ClassroomHost(platform, server, standby=standby, analyser=analyser)
