"""The operator side's background thread: connect, prove the code, follow the game, reconnect.

Owns: :class:`ClientLoop` — a ``selectors`` loop over at most one connection to the kiosk and
the waker. It answers the hello with the pairing proof, passes the kiosk's messages on as
:data:`ClientEvent` values (as the protocol defines them), sends the operator's moves and
letter-board texts, keeps the heartbeat, and after a drop reconnects with backoff. A move not
yet acknowledged is sent again after a reconnection if the fresh state shows it is still
wanted; the kiosk's gate makes a repeat harmless, so no move is lost or played twice.

Must not import: pygame or anything from ``game`` above ``game.net``. Runs only on the
client thread.
"""

from __future__ import annotations

import errno
import logging
import os
import queue
import selectors
import socket
from collections.abc import Callable

from game.net import events as ev
from game.net import protocol
from game.net.commands import ClientCommand, ClientSettings, SendMove, Stop
from game.net.conn import Connection, OutputOverflowError, Waker
from game.net.framing import OversizedLine
from game.net.logbook import Tally, loggable

log = logging.getLogger(__name__)

MAX_SELECT_S = 0.1
MAX_OUT_BYTES = 64 * 1024
BACKOFF_S = (0.2, 0.5, 1.0, 2.0, 4.0)
RATE_RETRY_S = 0.5
"""After the kiosk dropped our move as over its rate limit, wait this long and resend."""


class ClientLoop:
    """Everything the client thread does; :meth:`run` is the thread's body."""

    def __init__(self, *, settings: ClientSettings, clock: Callable[[], float],
                 commands: queue.SimpleQueue[ClientCommand],
                 events: queue.SimpleQueue[ev.ClientEvent], waker: Waker) -> None:
        self._settings = settings
        self._clock = clock
        self._commands = commands
        self._events = events
        self._waker = waker
        self._selector = selectors.DefaultSelector()
        self._conn: Connection | None = None
        self._phase = "idle"  # idle, connecting, hello, auth, ready, stopped
        self._retry_at = clock()
        self._failures = 0
        self._keys: dict[str, bytes] = {}
        self._heartbeat_s = settings.heartbeat_s
        self._lines_out = 0
        self._state: protocol.GameState | None = None
        self._unacked: protocol.OperatorMove | None = None
        self._unacked_line: int | None = None
        self._resend_at: float | None = None
        self._running = True
        self._bad_lines = Tally(window_s=60.0)
        """A kiosk sending nothing but bad lines costs our log one line a minute."""

    def run(self) -> None:
        """Connect and serve until a :class:`Stop` command arrives."""
        self._selector.register(self._waker.reader, selectors.EVENT_READ, "waker")
        try:
            while self._running:
                self._step()
        except Exception:  # a bug: say so, and let the console show "disconnected"
            log.exception("operator client thread failed")
            self._events.put(ev.Disconnected("the operator client failed", will_retry=False))
        finally:
            self._close_conn()
            self._selector.close()
            self._waker.close()

    def _step(self) -> None:
        if self._phase == "idle" and self._clock() >= self._retry_at:
            self._connect()
        ready = self._selector.select(self._select_timeout())
        for key, mask in ready:
            if key.data == "waker":
                self._waker.drain()
            elif self._conn is not None:
                self._service(mask)
        self._run_commands()
        self._tick()
        self._flush()

    def _select_timeout(self) -> float:
        now = self._clock()
        due = now + MAX_SELECT_S
        if self._phase == "idle":
            due = min(due, self._retry_at)
        elif self._conn is not None:
            due = min(due, self._conn.last_send + self._heartbeat_s,
                      self._conn.last_recv + self._settings.timeout_s)
        return min(MAX_SELECT_S, max(0.0, due - now))

    # --- the connection --------------------------------------------------------------------

    def _connect(self) -> None:
        settings = self._settings
        try:
            family, kind, proto, _, address = socket.getaddrinfo(
                settings.host, settings.port, type=socket.SOCK_STREAM)[0]
            sock = socket.socket(family, kind, proto)
        except OSError as error:
            self._lost(f"cannot reach {settings.host}:{settings.port} "
                       f"({error.strerror or error})")
            return
        sock.setblocking(False)
        code = sock.connect_ex(address)
        if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
            sock.close()
            self._lost(f"cannot connect to {settings.host}:{settings.port} "
                       f"({os.strerror(code)})")
            return
        self._conn = Connection(sock, peer=(settings.host, settings.port),
                                max_line_bytes=protocol.MAX_KIOSK_LINE_BYTES,
                                max_out_bytes=MAX_OUT_BYTES, now=self._clock())
        self._selector.register(sock, selectors.EVENT_WRITE, "conn")
        self._conn.mask = selectors.EVENT_WRITE
        self._phase = "connecting"
        self._lines_out = 0

    def _service(self, mask: int) -> None:
        conn = self._conn
        assert conn is not None
        if self._phase == "connecting":
            error = conn.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error:
                self._lost(f"cannot connect to {self._settings.host}:{self._settings.port} "
                           f"({os.strerror(error)})")
                return
            self._phase = "hello"
            now = self._clock()
            conn.last_recv = conn.last_send = now
            self._events.put(ev.Connected(conn.peer))
        if mask & selectors.EVENT_READ:
            try:
                items = conn.receive(self._clock())
            except OSError as error:
                self._lost(f"the connection failed ({error.strerror or error})")
                return
            if items is None:
                self._lost("the kiosk closed the connection")
                return
            for item in items:
                if self._conn is not conn:
                    break
                self._on_line(item)

    def _send(self, message: protocol.OperatorMessage) -> int | None:
        """Queue ``message``; its line number on this connection, or ``None`` if lost."""
        conn = self._conn
        if conn is None:
            return None
        try:
            conn.queue(protocol.encode(message), self._clock())
        except OutputOverflowError:
            self._lost("the kiosk stopped reading")
            return None
        self._lines_out += 1
        self._flush()
        return self._lines_out

    def _flush(self) -> None:
        conn = self._conn
        if conn is None or self._phase == "connecting":
            return
        try:
            conn.flush()
        except OSError as error:
            self._lost(f"the connection failed ({error.strerror or error})")
            return
        conn.sync_selector(self._selector, "conn")

    def _lost(self, reason: str, *, retry: bool = True) -> None:
        """End the connection (if any), report it, and plan the next attempt."""
        self._close_conn()
        will_retry = retry and self._settings.reconnect and self._running
        if will_retry:
            delay = BACKOFF_S[min(self._failures, len(BACKOFF_S) - 1)]
            self._failures += 1
            self._retry_at = self._clock() + delay
            self._phase = "idle"
        else:
            self._phase = "stopped"
        log.info("operator client disconnected: %s", loggable(reason))
        self._events.put(ev.Disconnected(reason, will_retry=will_retry))

    def _close_conn(self) -> None:
        if self._conn is not None:
            self._conn.close(self._selector)
            self._conn = None
        self._unacked_line = None

    # --- lines from the kiosk --------------------------------------------------------------

    def _on_line(self, item: bytes | OversizedLine) -> None:
        if isinstance(item, OversizedLine):
            self._report("too_long", f"the kiosk sent a line of {item.size} bytes", None)
            return
        try:
            message = protocol.decode_kiosk(item)
        except protocol.ProtocolError as error:
            if self._bad_lines.note("bad lines from the kiosk", self._clock()):
                log.warning("operator client ignored a bad line from the kiosk: %s",
                            loggable(error))
            self._report(error.code, f"the kiosk sent a bad line: {error.reason}",
                         error.ref_type)
            return
        if self._phase == "hello":
            self._on_hello(message)
        elif self._phase == "auth":
            self._on_auth_answer(message)
        else:
            self._on_game_message(message)

    def _on_hello(self, message: protocol.KioskMessage) -> None:
        if isinstance(message, protocol.AuthRefused):
            self._on_auth_answer(message)
            return
        if not isinstance(message, protocol.Hello):
            return  # a heartbeat, or something out of place: wait for the hello
        key = self._keys.get(message.salt)
        if key is None:
            key = self._keys[message.salt] = protocol.derive_key(self._settings.pairing_code,
                                                                 message.salt)
        self._heartbeat_s = min(self._settings.heartbeat_s, message.timeout_s / 3)
        self._phase = "auth"
        self._send(protocol.Auth(game_id=message.game_id, ply=message.ply,
                                 name=self._settings.name,
                                 proof=protocol.compute_proof(key, message.nonce)))

    def _on_auth_answer(self, message: protocol.KioskMessage) -> None:
        if isinstance(message, protocol.AuthOk):
            self._phase = "ready"
            self._failures = 0
            log.info("operator client authenticated as %s", message.name)
            self._events.put(message)
        elif isinstance(message, protocol.AuthRefused):
            self._events.put(message)  # a Disconnected saying whether we retry follows
            self._lost(f"the kiosk refused us: {message.reason}",
                       retry=message.code == "busy")
        elif isinstance(message, protocol.ErrorReply):
            self._on_game_message(message)

    def _on_game_message(self, message: protocol.KioskMessage) -> None:
        if isinstance(message, protocol.GameState):
            self._state = message
            self._events.put(message)
            self._resend_if_wanted(message)
            return
        if isinstance(message, protocol.MoveAck) and self._unacked is not None and (
                message.game_id, message.ply, message.uci) == (
                self._unacked.game_id, self._unacked.ply, self._unacked.uci):
            self._unacked = self._unacked_line = None
        if isinstance(message, protocol.ErrorReply) and message.ref_line is not None and \
                message.ref_line == self._unacked_line:
            if message.code == "rate_limited":  # dropped unread: quietly try again soon
                self._unacked_line = None
                self._resend_at = self._clock() + RATE_RETRY_S
                return
            self._unacked = self._unacked_line = None
        if isinstance(message, ev.KIOSK_NEWS):  # not heartbeats, nor a hello out of place
            self._events.put(message)

    def _resend_if_wanted(self, state: protocol.GameState) -> None:
        move = self._unacked
        if move is None or self._unacked_line is not None:
            return
        if (move.game_id, move.ply) == (state.game_id, state.ply) and state.is_turk_to_move:
            self._unacked_line = self._send(move)
        else:
            self._unacked = None  # played already, or the game moved on without it

    def _report(self, code: str, reason: str, ref_type: str | None) -> None:
        self._events.put(ev.ErrorReported(code, protocol.clip_reason(reason), ref_type))

    # --- commands and time -----------------------------------------------------------------

    def _run_commands(self) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            if isinstance(command, Stop):
                self._running = False
            elif isinstance(command, SendMove):
                self._unacked = command.move
                self._unacked_line = self._resend_at = None
                if self._phase == "ready":
                    self._unacked_line = self._send(command.move)
            elif self._phase == "ready":
                state = self._state
                self._send(protocol.Say(game_id=state.game_id if state else None,
                                        ply=state.ply if state else 0, text=command.text))
            else:
                self._report("not_connected", "not connected to the kiosk; the text was not "
                             "sent", protocol.Say.TYPE)

    def _tick(self) -> None:
        for summary in self._bad_lines.due(self._clock()):
            log.warning("operator client ignored %d more %s in the last minute", summary.count,
                        summary.key)
        conn = self._conn
        if conn is None:
            return
        now = self._clock()
        if self._phase == "connecting":
            if now - conn.opened_at > self._settings.timeout_s:
                self._lost(f"cannot connect to {self._settings.host}:{self._settings.port} "
                           "(timed out)")
            return
        silent = now - conn.last_recv
        if silent > self._settings.timeout_s:
            self._lost(f"no word from the kiosk for {silent:.1f} s")
            return
        if self._resend_at is not None and now >= self._resend_at:
            self._resend_at = None
            if self._phase == "ready" and self._unacked is not None and \
                    self._unacked_line is None:
                self._unacked_line = self._send(self._unacked)
        elif now - conn.last_send >= self._heartbeat_s:
            state = self._state
            self._send(protocol.Heartbeat(game_id=state.game_id if state else None,
                                          ply=state.ply if state else 0))

