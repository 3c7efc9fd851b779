"""The classroom's web server: the worker page and its WebSocket, on one background thread.

Owns: ``CrowdServer`` — an aiohttp application (HTTP and WebSockets in one) run by its own
asyncio loop on one daemon thread. It serves only the page's own files (``game.web.pages``)
and one WebSocket endpoint, ``/ws``. Every browser message is checked at this edge: size,
rate, JSON shape and field types (``game.web.protocol``), then against what the platform last
published — the room code, the open task, its game and ply, an answer it accepts, one answer
per worker (``game.web.edge``) — and a bad one is answered ``refused`` with a reason and
changes nothing. What passes goes to the game loop as a ``WebEvent`` through a queue; the
game loop's decisions come back as ``WebCommand`` values, handed to the asyncio loop
thread-safely. Each connection has a
bounded outgoing queue drained by its own writer, so a slow phone never holds up the others
(one that falls too far behind is disconnected; its worker may come back).

Every method the game calls returns at once, except ``start`` (waits until the port is bound)
and ``close`` (waits about a second at most).

Must not import: pygame or anything from ``game`` above ``game.web`` (``game.crowd`` types only).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import itertools
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from game.crowd.tasks import Task
from game.web import protocol
from game.web.edge import judge_answer
from game.web.events import (
    AnswerArrived,
    Bind,
    CloseTask,
    ConnectionLost,
    Counted,
    JoinAsked,
    PostTask,
    Refuse,
    ResumeAsked,
    RoomState,
    SendReceipt,
    WebCommand,
    WebEvent,
)
from game.web.limits import MESSAGE_BURST, MESSAGES_PER_S, JoinLimiter, TokenBucket
from game.web.pages import Page

log = logging.getLogger(__name__)

DEFAULT_PORT = 8770
MAX_CONNECTIONS = 300
OUTBOX = 256
"""Messages waiting for one connection before it is considered stuck and closed."""
MAX_FRAME_BYTES = 64 * 1024
"""aiohttp closes a connection sending a bigger frame; smaller ones over the protocol's
limit are refused with a reason and the connection stays."""
START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 2.0
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; "
                               "script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class WebError(RuntimeError):
    """The server cannot start (address not available, port in use…)."""


@dataclass(eq=False)
class _Conn:
    number: int
    socket: web.WebSocketResponse
    address: str
    bucket: TokenBucket
    outbox: asyncio.Queue[str | None] = field(
        default_factory=lambda: asyncio.Queue(maxsize=OUTBOX))
    worker_id: str | None = None
    answered: set[str] = field(default_factory=set)
    joining: bool = False


@dataclass
class _OpenTask:
    task: Task
    closes_at: float
    """The server's monotonic time when the task's window runs out."""


class CrowdServer:
    """Serves the worker page and carries messages between the workers and the game.

    :param room: the room code a page must give to join.
    :param pages: the files to serve, by path (``game.web.pages.load_pages``).
    :param clock: the server's monotonic clock (rate limits, countdowns).
    """

    def __init__(self, *, room: str, pages: Mapping[str, Page], host: str = "127.0.0.1",
                 port: int = DEFAULT_PORT, joins: JoinLimiter | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.room = room
        self._pages = pages
        self._host = host
        self._port = port
        self._joins = joins or JoinLimiter()
        self._clock = clock
        self._events: queue.SimpleQueue[WebEvent] = queue.SimpleQueue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None
        self._address: tuple[str, int] | None = None
        self._conns: dict[int, _Conn] = {}
        self._workers: dict[str, _Conn] = {}
        self._tasks: dict[str, _OpenTask] = {}
        self._closed_tasks: set[str] = set()
        self._room = protocol.room(is_open=True, paused=False, ended=False)
        self._numbers = itertools.count(1)
        self._closing: set[asyncio.Future[bool]] = set()

    # -- the game's side ------------------------------------------------------------------------

    def start(self) -> None:
        """Bind and serve on the background thread.

        :raises WebError: if the address cannot be bound, or the server was started before.
        """
        if self._thread is not None:
            raise WebError("the web server is already started")
        listener = _listen(self._host, self._port)
        self._address = (str(listener.getsockname()[0]), int(listener.getsockname()[1]))
        serving: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, args=(listener, serving),
                                        name="crowd-web", daemon=True)
        self._thread.start()
        try:
            serving.result(timeout=START_TIMEOUT_S)
        except (OSError, RuntimeError) as error:
            raise WebError(f"the web server did not start: {error}") from error
        except concurrent.futures.TimeoutError:
            raise WebError("the web server did not start in time") from None
        log.info("worker page served on %s:%d (room %s)", *self._address, self.room)

    @property
    def address(self) -> tuple[str, int]:
        """The bound host and port (the real port when 0 was asked for).

        :raises WebError: before :meth:`start`.
        """
        if self._address is None:
            raise WebError("the web server is not started")
        return self._address

    def poll(self) -> list[WebEvent]:
        """What the workers did since the last call, oldest first. Never blocks."""
        events: list[WebEvent] = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def send(self, command: WebCommand) -> None:
        """Hand ``command`` to the server's thread. Never blocks; dropped after ``close``."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed since the check
            loop.call_soon_threadsafe(self._command, command)

    def close(self) -> None:
        """Close every connection and stop the thread; waits up to about two seconds."""
        thread, loop, stopped = self._thread, self._loop, self._stopped
        if thread is None or not thread.is_alive() or loop is None or stopped is None:
            return
        try:
            loop.call_soon_threadsafe(stopped.set)
        except RuntimeError:
            return
        thread.join(STOP_TIMEOUT_S)
        if thread.is_alive():
            log.warning("web server thread did not stop within %.1f s", STOP_TIMEOUT_S)

    # -- the server's thread --------------------------------------------------------------------

    def _run(self, listener: socket.socket, serving: concurrent.futures.Future[None]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(listener, serving))
        except Exception as exc:  # start-up failures go to start(); others are logged
            if not serving.done():
                serving.set_exception(exc)
            else:
                log.exception("the web server stopped")
        finally:
            listener.close()
            loop.close()

    async def _serve(self, listener: socket.socket,
                     serving: concurrent.futures.Future[None]) -> None:
        self._stopped = asyncio.Event()
        app = web.Application(client_max_size=4096)
        app.router.add_get("/ws", self._socket)
        app.router.add_get("/{path:.*}", self._file)
        runner = web.AppRunner(app, access_log=None, handle_signals=False,
                               shutdown_timeout=0.5)
        await runner.setup()
        try:
            await web.SockSite(runner, listener).start()
            serving.set_result(None)
            await self._stopped.wait()
            for conn in list(self._conns.values()):
                self._enqueue(conn, None)
                await conn.socket.close()
        finally:
            await runner.cleanup()

    async def _file(self, request: web.Request) -> web.StreamResponse:
        page = self._pages.get(request.path)
        if page is None:
            return web.Response(status=404, text="not found", headers=SECURITY_HEADERS)
        return web.Response(body=page.body, headers={**SECURITY_HEADERS,
                                                     "Content-Type": page.content_type})

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if len(self._conns) >= MAX_CONNECTIONS:
            return web.Response(status=503, text="the room is full", headers=SECURITY_HEADERS)
        socket = web.WebSocketResponse(heartbeat=15.0, max_msg_size=MAX_FRAME_BYTES)
        await socket.prepare(request)
        conn = _Conn(next(self._numbers), socket, request.remote or "?",
                     TokenBucket(rate=MESSAGES_PER_S, burst=MESSAGE_BURST, now=self._clock()))
        self._conns[conn.number] = conn
        writer = asyncio.ensure_future(self._write(conn))
        try:
            async for message in socket:
                if message.type is WSMsgType.TEXT:
                    self._receive(conn, message.data)
                elif message.type is WSMsgType.BINARY:
                    self._refuse(conn, "bad_json", "binary")
        finally:
            self._enqueue(conn, None)
            await writer
            self._drop(conn)
        return socket

    async def _write(self, conn: _Conn) -> None:
        while True:
            text = await conn.outbox.get()
            if text is None or conn.socket.closed:
                return
            try:
                await conn.socket.send_str(text)
            except (ConnectionError, RuntimeError):
                return

    def _enqueue(self, conn: _Conn, text: str | None) -> None:
        try:
            conn.outbox.put_nowait(text)
        except asyncio.QueueFull:
            log.warning("connection %d is too slow; closing it", conn.number)
            self._drop(conn)
            self._close_socket(conn)

    def _close_socket(self, conn: _Conn) -> None:
        closing = asyncio.ensure_future(conn.socket.close())
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    def _drop(self, conn: _Conn) -> None:
        if self._conns.pop(conn.number, None) is None:
            return
        worker_id = conn.worker_id
        if worker_id is not None and self._workers.get(worker_id) is conn:
            del self._workers[worker_id]
            self._events.put(ConnectionLost(conn.number, worker_id))

    # -- in from a browser ----------------------------------------------------------------------

    def _refuse(self, conn: _Conn, reason: str, ref: str | None = None) -> None:
        log.info("connection %d refused: %s", conn.number, reason)
        self._enqueue(conn, protocol.refused(reason, ref=ref))

    def _receive(self, conn: _Conn, text: str) -> None:
        now = self._clock()
        if not conn.bucket.take(now):
            self._refuse(conn, "rate_limited")
            return
        try:
            message = protocol.parse_browser(text)
        except protocol.ProtocolError as error:
            self._refuse(conn, error.reason, error.detail[:40] or None)
            return
        if isinstance(message, protocol.AnswerGiven):
            self._answer(conn, message, now)
        elif conn.worker_id is not None or conn.joining:
            self._refuse(conn, "already_joined", "join")
        elif message.room != self.room:
            self._refuse(conn, "wrong_room", "join")
        elif not self._joins.allow(conn.address, now):
            self._refuse(conn, "too_many_joins", "join")
        else:
            conn.joining = True
            if isinstance(message, protocol.Join):
                self._events.put(JoinAsked(conn.number, message.name, message.language))
            else:
                self._events.put(ResumeAsked(conn.number, message.token))

    def _answer(self, conn: _Conn, message: protocol.AnswerGiven, now: float) -> None:
        reason = self._judge(conn, message)
        if reason is not None:
            self._refuse(conn, reason, message.task_id)
            return
        worker_id = conn.worker_id
        if worker_id is None:  # _judge refuses a page that has not joined; never here
            return
        conn.answered.add(message.task_id)
        self._events.put(AnswerArrived(conn.number, worker_id, message.task_id,
                                       message.game_id, message.ply, message.answer, now))

    def _judge(self, conn: _Conn, message: protocol.AnswerGiven) -> str | None:
        open_task = self._tasks.get(message.task_id)
        return judge_answer(message, open_task.task if open_task else None,
                            joined=conn.worker_id is not None,
                            closed=message.task_id in self._closed_tasks,
                            answered=message.task_id in conn.answered)

    # -- out from the game ----------------------------------------------------------------------

    def _command(self, command: WebCommand) -> None:
        if isinstance(command, PostTask):
            self._post(command)
        elif isinstance(command, CloseTask):
            self._close_task(command)
        elif isinstance(command, Counted):
            conn = self._workers.get(command.worker_id)
            if conn is not None:
                self._enqueue(conn, protocol.counted(command.task_id))
        elif isinstance(command, Bind):
            self._bind(command)
        elif isinstance(command, Refuse):
            conn = self._conns.get(command.conn)
            if conn is not None:
                conn.joining = False
                self._refuse(conn, command.reason, command.ref)
        elif isinstance(command, RoomState):
            self._room = protocol.room(is_open=command.is_open, paused=command.paused,
                                       ended=command.ended)
            self._broadcast(self._room)
        elif isinstance(command, SendReceipt):
            conn = self._workers.get(command.worker_id)
            if conn is not None:
                self._enqueue(conn, protocol.receipt(command.receipt))

    def _post(self, command: PostTask) -> None:
        task = command.task
        self._tasks[task.task_id] = _OpenTask(task, self._clock() + command.seconds_left)
        text = protocol.task(task, seconds_left=command.seconds_left)
        for conn in self._workers.values():
            if task.task_id in conn.answered:
                self._enqueue(conn, protocol.task(task, seconds_left=command.seconds_left,
                                                  answered=True))
            else:
                self._enqueue(conn, text)

    def _close_task(self, command: CloseTask) -> None:
        if self._tasks.pop(command.task_id, None) is None:
            return
        self._closed_tasks.add(command.task_id)
        if len(self._closed_tasks) > 10_000:
            self._closed_tasks.clear()
        for worker_id, conn in self._workers.items():
            outcome = command.outcomes.get(worker_id)
            conn.answered.discard(command.task_id)
            if outcome is None:
                text = protocol.closed(command.task_id, answered=False, accepted=False,
                                       earned=0, points=-1)
            else:
                text = protocol.closed(command.task_id, answered=True,
                                       accepted=outcome.accepted, earned=outcome.earned,
                                       points=outcome.points)
            self._enqueue(conn, text)

    def _bind(self, command: Bind) -> None:
        conn = self._conns.get(command.conn)
        if conn is None:  # the page left before the game answered: the worker is not here
            self._events.put(ConnectionLost(command.conn, command.worker_id))
            return
        earlier = self._workers.get(command.worker_id)
        if earlier is not None and earlier is not conn:
            earlier.worker_id = None  # the same worker on a newer page: close the old one
            self._refuse(earlier, "replaced")
            self._enqueue(earlier, None)
            self._close_socket(earlier)
        conn.joining = False
        conn.worker_id = command.worker_id
        conn.answered = set(command.answered)
        self._workers[command.worker_id] = conn
        self._enqueue(conn, protocol.welcome(worker=command.worker_id, name=command.name,
                                             token=command.token, points=command.points,
                                             room=self.room))
        self._enqueue(conn, self._room)
        now = self._clock()
        for open_task in self._tasks.values():
            task = open_task.task
            self._enqueue(conn, protocol.task(task, seconds_left=open_task.closes_at - now,
                                              answered=task.task_id in conn.answered))

    def _broadcast(self, text: str) -> None:
        for conn in list(self._workers.values()):
            self._enqueue(conn, text)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=128)
    except OSError as error:
        raise WebError(f"cannot serve the worker page on {host}:{port}: "
                       f"{error.strerror or error}") from error
