"""The operator's end of the link, as the operator console's main loop sees it.

Owns: :class:`OperatorClient` — checks what the console passes in, runs the one background
thread (:class:`~game.net.operator_loop.ClientLoop`) and exchanges commands and
:data:`ClientEvent` values with it through queues: the kiosk's messages as the protocol
defines them, and the few events of the connection itself. Every method returns at once; only
:meth:`OperatorClient.close` may wait (about a second).

Must not import: pygame or anything from ``game`` above ``game.net``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

from game.net import protocol
from game.net.commands import ClientCommand, ClientSettings, SayText, SendMove, Stop
from game.net.conn import Waker
from game.net.events import ClientEvent, Connected, Disconnected, ErrorReported
from game.net.operator_loop import ClientLoop

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 1.0


class OperatorClient:
    """Connects to a kiosk's operator link as ``name`` and keeps the connection.

    With ``reconnect`` it reconnects by itself (with backoff) after a drop, proves the code
    again and receives the full state; a move sent but not yet acknowledged goes out again
    if that state shows it is still wanted. ``clock`` drives heartbeats and timeouts.

    :raises ValueError: for a malformed pairing code or inconsistent timings.
    :raises ProtocolError: for a name the protocol does not allow (see
        :func:`game.net.protocol.check_name`).
    """

    def __init__(self, *, host: str, port: int, pairing_code: str, name: str,
                 heartbeat_s: float = 2.0, timeout_s: float = 6.0, reconnect: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        protocol.normalize_pairing_code(pairing_code)
        if not 0 < heartbeat_s < timeout_s:
            raise ValueError("heartbeat_s must be positive and shorter than timeout_s")
        name = protocol.check_name("name", protocol.normalize_text(name))
        self._settings = ClientSettings(host=host, port=port, pairing_code=pairing_code,
                                        name=name, heartbeat_s=heartbeat_s,
                                        timeout_s=timeout_s, reconnect=reconnect)
        self._clock = clock
        self._commands: queue.SimpleQueue[ClientCommand] = queue.SimpleQueue()
        self._events: queue.SimpleQueue[ClientEvent] = queue.SimpleQueue()
        self._waker: Waker | None = None
        self._thread: threading.Thread | None = None

    @property
    def name(self) -> str:
        """The name sent to the kiosk (normalised)."""
        return self._settings.name

    def start(self) -> None:
        """Start the background thread, which connects at once.

        :raises RuntimeError: if the client was started before.
        """
        if self._thread is not None:
            raise RuntimeError("the operator client is already started")
        self._waker = Waker()
        loop = ClientLoop(settings=self._settings, clock=self._clock, commands=self._commands,
                          events=self._events, waker=self._waker)
        self._thread = threading.Thread(target=loop.run, name="operator-client", daemon=True)
        self._thread.start()

    def poll(self) -> list[ClientEvent]:
        """What happened since the last call, oldest first. Never blocks."""
        events: list[ClientEvent] = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def send_move(self, *, game_id: str, ply: int, uci: str, from_hint: bool = False) -> None:
        """Play ``uci`` as move ``ply`` of ``game_id``; the kiosk's ``MoveAck`` (or its
        ``ErrorReply`` with ``ref_type`` ``"move"``) follows. Never blocks.

        :raises ProtocolError: if a field is malformed (not if the move is illegal; the
            kiosk judges that).
        """
        move = protocol.OperatorMove(game_id=game_id, ply=ply, uci=uci, from_hint=from_hint)
        self._command(SendMove(move))

    def say(self, text: str) -> None:
        """Have the Turk spell ``text`` on its letter board. Never blocks.

        :raises ProtocolError: if ``text`` holds characters the letter board does not have
            or is too long (see :func:`game.net.protocol.check_say_text`).
        """
        self._command(SayText(protocol.check_say_text("text", protocol.normalize_text(text))))

    def close(self) -> None:
        """Disconnect and stop the thread; waits up to about a second."""
        thread = self._thread
        if thread is None or not thread.is_alive():
            return
        self._command(Stop())
        thread.join(JOIN_TIMEOUT_S)
        if thread.is_alive():
            log.warning("operator client thread did not stop within %.1f s", JOIN_TIMEOUT_S)

    def _command(self, command: ClientCommand) -> None:
        self._commands.put(command)
        if self._waker is not None:
            self._waker.wake()


__all__ = ["ClientEvent", "Connected", "Disconnected", "ErrorReported", "OperatorClient"]
