"""The life of a UCI engine process: open, analyse, stop, restart and quit, in one place.

Owns: ``EngineLoop`` (one asyncio event loop on one thread, shared by every engine process of
the program), ``EngineProcess`` (one engine program: opened on first use at a lower
priority, restarted once per analysis when it dies, quit on request), ``Search`` (the stop
button of one analysis) and ``Analysed`` (what an analysis found). The users of an engine
(the Turk's opponent, the operator's hints) submit coroutines to the loop and get
``concurrent.futures.Future`` objects back, which the game's loop polls with ``done()``; no
call here blocks the caller. Everything that touches a process runs on the loop's thread.

python-chess's asynchronous engine API does the talking (``chess.engine.popen_uci``). Two of
its habits are handled here: when the process dies while ``analysis()`` waits for
``readyok`` that call never returns (so the start is raced against the process's exit), and
the error it then stores in an analysis it never hands out would be logged by asyncio as an
ERROR (the loop logs it at INFO instead: the death was handled).

Must not import: pygame or ``game.ui``; it starts engines as programs, never imports
``game.engine``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import threading
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import chess
import chess.engine

from game.opponents.base import OpponentUnavailableError

log = logging.getLogger(__name__)

T = TypeVar("T")

ENGINE_NICENESS = 5
"""How much lower the engine process's scheduling priority is than the game's: the frames
come first, the search takes what is left (all of a core while the screen is idle)."""

STARTUP_TIMEOUT_S = 20.0
"""Longest wait for a new process to finish the UCI handshake (a cold start on a slow disk)."""

ANSWER_TIMEOUT_S = 10.0
"""Longest wait, beyond the search's own time, for an engine to start or end a search; an
engine silent for longer is taken for hung, killed and restarted."""

QUIT_TIMEOUT_S = 5.0
"""How long a process may take to obey ``quit`` before it is killed."""


@dataclass(frozen=True)
class EngineIdentity:
    """What a started engine says about itself."""

    name: str
    author: str
    options: Mapping[str, chess.engine.Option] = field(default_factory=dict)


@dataclass(frozen=True)
class Analysed:
    """What one analysis found: the best move (``None`` if it was stopped before it began)
    and the engine's last report for each principal variation, best first."""

    move: chess.Move | None
    multipv: tuple[chess.engine.InfoDict, ...] = ()


Setup = Callable[[EngineIdentity], Mapping[str, chess.engine.ConfigValue]]
"""Called on the loop with each new process's identity; returns the options to set on it."""


class EngineClosedError(OpponentUnavailableError):
    """The engine was asked to quit; nothing more is analysed."""


class EngineLoop:
    """One asyncio event loop on a thread of its own, driving every engine process.

    Use :meth:`shared` (one per program); a separate loop is for tests that want one.
    """

    _shared: ClassVar[EngineLoop | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._loop.set_exception_handler(_quiet_about_dead_engines)
        self._endings: set[asyncio.Task[None]] = set()
        # A daemon: a program that exits while engines run still exits, and its engines, their
        # input closed, quit too (UCI engines end at the end of their input).
        self._thread = threading.Thread(target=self._loop.run_forever, name="engines",
                                        daemon=True)
        self._thread.start()

    @classmethod
    def shared(cls) -> EngineLoop:
        """The program's engine loop, started on first use."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run ``coroutine`` on the loop; its result or error arrives in the future."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def call(self, function: Callable[[], object]) -> None:
        """Run ``function`` on the loop soon (from any thread; returns at once)."""
        self._loop.call_soon_threadsafe(function)

    def keep_until_done(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """On the loop: run ``coroutine`` as a task nobody waits for (kept until it ends)."""
        task = self._loop.create_task(coroutine)
        self._endings.add(task)  # the loop itself keeps only weak references to tasks
        task.add_done_callback(self._endings.discard)


def _quiet_about_dead_engines(loop: asyncio.AbstractEventLoop,
                              context: dict[str, Any]) -> None:
    if isinstance(context.get("exception"), chess.engine.EngineTerminatedError):
        log.info("after an engine's death: %s", context.get("message"))
    else:
        loop.default_exception_handler(context)


class Search:
    """The stop button of one analysis; press it from any thread, before or during it."""

    def __init__(self, loop: EngineLoop) -> None:
        self._loop = loop
        self._pressed = False
        self._running: chess.engine.AnalysisResult | None = None

    def stop(self) -> None:
        """End the analysis soon (it answers with its best move so far); returns at once."""
        self._loop.call(self._stop_now)

    @property
    def is_stopped(self) -> bool:
        return self._pressed

    def _stop_now(self) -> None:
        self._pressed = True
        if self._running is not None:
            self._running.stop()

    def _attach(self, running: chess.engine.AnalysisResult | None) -> None:
        self._running = running
        if running is not None and self._pressed:
            running.stop()  # stopped while the analysis was starting


class EngineProcess:
    """One UCI engine program, started when first needed and restarted when it dies.

    :param command: the program and its arguments.
    :param loop: the loop that drives it (the program's shared loop by default).
    :param setup: the options each new process gets, from what it says about itself.
    :param role: how the logs name it ("engine", "hint engine").
    """

    def __init__(self, command: Sequence[str], *, loop: EngineLoop | None = None,
                 setup: Setup | None = None, role: str = "engine") -> None:
        self._command = list(command)
        self._loop = loop or EngineLoop.shared()
        self._setup = setup
        self._role = role
        self._fallback_name = Path(self._command[-1]).name
        self.identity: EngineIdentity | None = None
        """What the running (or last) process said about itself; written on the loop."""
        self._transport: asyncio.SubprocessTransport | None = None
        self._protocol: chess.engine.UciProtocol | None = None
        self._turn: asyncio.Lock | None = None
        self._current: Search | None = None
        self._closed = False

    @property
    def loop(self) -> EngineLoop:
        return self._loop

    @property
    def name(self) -> str:
        """The engine's ``id name`` once started, else its program's file name."""
        identity = self.identity
        return identity.name if identity is not None else self._fallback_name

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run a coroutine of the caller's (that awaits :meth:`analyse`) on this loop."""
        return self._loop.submit(coroutine)

    def open(self) -> concurrent.futures.Future[EngineIdentity]:
        """Start the process now rather than at the first analysis."""
        return self._loop.submit(self._identify())

    def quit(self) -> None:
        """Stop any analysis and quit the process (killed if it does not obey); returns at
        once. Nothing is analysed afterwards."""
        self._loop.call(self._begin_quit)

    async def analyse(self, board: chess.Board, limit: chess.engine.Limit, search: Search, *,
                      multipv: int | None = None) -> Analysed:
        """Analyse ``board`` (a copy nobody else changes) until ``limit`` or ``search`` is
        stopped. A running analysis is stopped first: one process, one search at a time.
        If the process dies it is restarted once and the analysis begins again.

        :raises OpponentUnavailableError: the engine cannot be started, died twice, or was
            quit (:class:`EngineClosedError`).
        """
        self._check_open()
        if self._current is not None:
            self._current._stop_now()
        self._current = search
        async with self._lock():
            try:
                for attempt in (1, 2):
                    if search.is_stopped:
                        return Analysed(None)
                    try:
                        protocol = await self._open_now()
                        return await self._analyse_once(protocol, board, limit, search,
                                                        multipv)
                    except chess.engine.EngineTerminatedError as exc:
                        if self._closed:
                            raise EngineClosedError(f"the {self._role} was closed") from exc
                        log.warning("%s %s stopped (%s); restarting (attempt %d)", self._role,
                                    self.name, exc, attempt)
                        self._forget_process()
            finally:
                if self._current is search:
                    self._current = None
        raise OpponentUnavailableError(
            f"the {self._role} {self.name} stopped twice and was given up")

    # -- on the loop ---------------------------------------------------------------------

    def _lock(self) -> asyncio.Lock:
        if self._turn is None:
            self._turn = asyncio.Lock()
        return self._turn

    async def _identify(self) -> EngineIdentity:
        async with self._lock():
            await self._open_now()
        assert self.identity is not None  # set by every successful start
        return self.identity

    def _check_open(self) -> None:
        if self._closed:
            raise EngineClosedError(f"the {self._role} was closed")

    async def _open_now(self) -> chess.engine.UciProtocol:
        running = self._protocol
        if running is not None and not running.returncode.done():
            return running
        self._forget_process()
        self._check_open()
        try:
            transport, protocol = await asyncio.wait_for(
                chess.engine.popen_uci(self._command), STARTUP_TIMEOUT_S)
        except (OSError, chess.engine.EngineError, TimeoutError) as exc:
            raise OpponentUnavailableError(
                f"the {self._role} {' '.join(self._command)!r} could not be started: "
                f"{exc or type(exc).__name__}") from exc
        self._transport, self._protocol = transport, protocol
        if self._closed:  # quit while it was starting
            self._forget_process()
            self._check_open()
        _lower_priority(transport.get_pid())
        identity = EngineIdentity(protocol.id.get("name", self._fallback_name),
                                  protocol.id.get("author", ""), dict(protocol.options))
        self.identity = identity
        options = dict(self._setup(identity)) if self._setup is not None else {}
        if options:
            await asyncio.wait_for(protocol.configure(options), ANSWER_TIMEOUT_S)
        log.info("%s %s started (pid %s) with %s", self._role, identity.name,
                 transport.get_pid(), options)
        return protocol

    async def _analyse_once(self, protocol: chess.engine.UciProtocol, board: chess.Board,
                            limit: chess.engine.Limit, search: Search,
                            multipv: int | None) -> Analysed:
        starting = asyncio.ensure_future(protocol.analysis(board, limit, multipv=multipv))
        # If the process dies before it says readyok, python-chess never ends analysis():
        # whichever comes first, the start or the exit, decides.
        either: set[asyncio.Future[Any]] = {starting, protocol.returncode}
        done, _ = await asyncio.wait(either, timeout=ANSWER_TIMEOUT_S,
                                     return_when=asyncio.FIRST_COMPLETED)
        if not done:
            self._hung("did not start the search")
        if not starting.done():
            starting.cancel()
            await asyncio.wait({protocol.returncode})  # at once, unless it was hung and killed
            raise chess.engine.EngineTerminatedError(
                f"the engine process ended while the search started "
                f"(exit code {protocol.returncode.result()})")
        running = starting.result()  # raises EngineTerminatedError if it had died before
        search._attach(running)
        try:
            finishing = asyncio.ensure_future(running.wait())
            budget = None if limit.time is None else limit.time + ANSWER_TIMEOUT_S
            done, _ = await asyncio.wait({finishing}, timeout=budget)
            if not done:
                self._hung("did not end the search")
            best = await finishing  # raises EngineTerminatedError once the process is dead
        finally:
            search._attach(None)
        return Analysed(best.move, tuple(running.multipv))

    def _hung(self, what: str) -> None:
        """Kill a process that gave no answer in time (its death then ends what waits)."""
        log.warning("%s %s %s within %.0f s; killing it as hung", self._role, self.name, what,
                    ANSWER_TIMEOUT_S)
        if self._transport is not None and self._transport.get_returncode() is None:
            self._transport.kill()

    def _forget_process(self) -> None:
        transport, self._transport, self._protocol = self._transport, None, None
        if transport is not None:
            transport.close()  # kills the process if it still runs, and frees its pipes

    def _begin_quit(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._current is not None:
            self._current._stop_now()
        self._loop.keep_until_done(self._quit_process())

    async def _quit_process(self) -> None:
        protocol, transport = self._protocol, self._transport
        if protocol is None or transport is None:
            return
        try:
            await asyncio.wait_for(protocol.quit(), QUIT_TIMEOUT_S)
        except (chess.engine.EngineError, TimeoutError, OSError) as exc:
            log.info("%s %s did not quit cleanly (%s); killing it", self._role, self.name,
                     exc or type(exc).__name__)
        finally:
            if self._transport is transport:
                self._forget_process()
            else:
                transport.close()


def _lower_priority(pid: int) -> None:
    """Lower the engine process's priority a little (POSIX), so a search never slows frames."""
    if not hasattr(os, "setpriority"):
        return
    try:
        current = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, pid, min(19, current + ENGINE_NICENESS))
    except OSError as exc:
        log.info("could not lower the engine's priority: %s", exc)
