"""The kiosk's end of the operator link, as the game's main loop sees it.

Owns: :class:`OperatorLink` — binds the listening socket, derives the pairing key, runs the
one background thread (:class:`~game.net.kiosk.KioskLoop`) and exchanges commands and
:data:`LinkEvent` values with it through queues. Every method the game calls returns at once;
only :meth:`OperatorLink.close` may wait (about a second, at shutdown).

Must not import: pygame or anything from ``game`` above ``game.net``.
"""

from __future__ import annotations

import logging
import queue
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from game.net import protocol
from game.net.code_file import write_code_file
from game.net.commands import LinkCommand, LinkSettings, Publish, Rekey, Send, Stop
from game.net.conn import Waker
from game.net.events import LinkEvent, OperatorJoined, OperatorLeft, PairingRefused
from game.net.kiosk import KioskLoop

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 1.0


class LinkError(RuntimeError):
    """The link cannot start (address not available, port in use…)."""


class OperatorLink:
    """Listens for one hidden operator and passes their moves to the game.

    Loopback only unless ``host`` names a LAN address. ``port=0`` picks a free port
    (see :attr:`address`). The operator must prove knowledge of ``pairing_code``; after
    ``refuse_after`` wrong answers from one address within ``refuse_window_s``, that address
    is refused for ``refuse_for_s``. Lines beyond ``lines_per_s`` (after a ``burst``) are
    answered ``rate_limited``. ``clock`` drives heartbeats, timeouts and refusals. With
    ``code_file``, the current pairing code is kept in that file, readable by its owner only.
    The link never writes the code to the log: showing it is its owner's choice.

    :raises ValueError: for a malformed pairing code or inconsistent timings.
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, pairing_code: str,
                 code_file: Path | None = None, heartbeat_s: float = 2.0, timeout_s: float = 6.0,
                 refuse_after: int = 5, refuse_window_s: float = 60.0,
                 refuse_for_s: float = 120.0,
                 lines_per_s: float = protocol.OPERATOR_LINES_PER_S,
                 burst: int = protocol.OPERATOR_BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        protocol.normalize_pairing_code(pairing_code)
        if not 0 < heartbeat_s < timeout_s:
            raise ValueError("heartbeat_s must be positive and shorter than timeout_s")
        if refuse_after < 1 or refuse_window_s <= 0 or refuse_for_s <= 0 or lines_per_s <= 0 \
                or burst < 1:
            raise ValueError("refusal and rate limits must be positive")
        self._host = host
        self._port = port
        self._pairing_code = pairing_code
        self._code_file = code_file
        self._settings = LinkSettings(heartbeat_s=heartbeat_s, timeout_s=timeout_s,
                                      refuse_after=refuse_after,
                                      refuse_window_s=refuse_window_s,
                                      refuse_for_s=refuse_for_s, lines_per_s=lines_per_s,
                                      burst=burst)
        self._clock = clock
        self._commands: queue.SimpleQueue[LinkCommand] = queue.SimpleQueue()
        self._events: queue.SimpleQueue[LinkEvent] = queue.SimpleQueue()
        self._waker: Waker | None = None
        self._thread: threading.Thread | None = None
        self._address: tuple[str, int] | None = None

    def start(self) -> None:
        """Bind, listen, write the code file (if any) and start the background thread.

        :raises LinkError: if the address cannot be bound or the code file not written (the
            message says why), or the link was started before.
        """
        if self._thread is not None:
            raise LinkError("the operator link is already started")
        if self._code_file is not None:
            try:
                write_code_file(self._code_file, self._pairing_code)
            except OSError as error:
                raise LinkError(f"cannot write the pairing code to {self._code_file}: "
                                f"{error.strerror or error}") from error
        listener = _listen(self._host, self._port)
        self._address = (str(listener.getsockname()[0]), int(listener.getsockname()[1]))
        salt = protocol.new_salt()
        key = protocol.derive_key(self._pairing_code, salt)
        self._waker = Waker()
        loop = KioskLoop(listener=listener, key=key, salt=salt, settings=self._settings,
                         clock=self._clock, commands=self._commands, events=self._events,
                         waker=self._waker, code_file=self._code_file)
        self._thread = threading.Thread(target=loop.run, name="operator-link", daemon=True)
        self._thread.start()

    @property
    def pairing_code(self) -> str:
        """The code an operator must prove now (as given or made; not normalised)."""
        return self._pairing_code

    @property
    def code_file(self) -> Path | None:
        """The owner-only file that holds the current code, if staff named one."""
        return self._code_file

    def new_pairing_code(self) -> str:
        """Make a fresh one-time code and return it. Connections from now on must prove it
        (with a fresh salt; the link thread derives the key, so this never blocks); a
        connected operator stays connected. The code file, if any, is rewritten."""
        code = protocol.new_pairing_code()
        self._pairing_code = code
        if self._thread is not None:
            self._command(Rekey(code))
        return code

    @property
    def address(self) -> tuple[str, int]:
        """The bound host and port (the real port when 0 was asked for).

        :raises LinkError: before :meth:`start`.
        """
        if self._address is None:
            raise LinkError("the operator link is not started")
        return self._address

    def publish_state(self, state: protocol.GameState) -> None:
        """Make ``state`` the one moves are judged against; the operator gets it if it
        changed, and on every (re)connection. A move passed on for a ply is not passed on
        again (nor a different one) until a state with another game id or ply comes.
        Thread-safe; never blocks."""
        self._command(Publish(state, self._clock()))

    def send(self, message: protocol.KioskMessage) -> None:
        """Pass ``message`` (lift, drop, hints, stood_in, visitor_left, game_over…) to the
        operator if one is connected; otherwise it is dropped, except the latest hints,
        which a (re)joining operator receives while they are current. Never blocks."""
        self._command(Send(message))

    def poll(self) -> list[LinkEvent]:
        """What happened since the last call, oldest first. Never blocks."""
        events: list[LinkEvent] = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def close(self) -> None:
        """Stop the thread and close every socket; waits up to about a second."""
        thread = self._thread
        if thread is None or not thread.is_alive():
            return
        self._command(Stop())
        thread.join(JOIN_TIMEOUT_S)
        if thread.is_alive():
            log.warning("operator link thread did not stop within %.1f s", JOIN_TIMEOUT_S)

    def _command(self, command: LinkCommand) -> None:
        self._commands.put(command)
        if self._waker is not None:
            self._waker.wake()


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=8)
    except OSError as error:
        raise LinkError(f"cannot listen for the operator on {host}:{port}: "
                        f"{error.strerror or error}") from error


__all__ = [
    "LinkError", "LinkEvent", "OperatorJoined", "OperatorLeft", "OperatorLink", "PairingRefused",
]
