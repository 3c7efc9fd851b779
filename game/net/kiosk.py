"""The kiosk side's background thread: accepts, authenticates and serves one operator.

Owns: :class:`KioskLoop` — a ``selectors`` loop over the listening socket, the waker and the
connections. It sends the hello, checks the pairing proof, refuses addresses that guess,
makes room for every newcomer (idle connections cannot keep the operator out), keeps one
operator at a time, answers every bad line with an error and a reason (counted, not logged
one by one: ``game.net.logbook``), passes current and legal moves to the game once (through
the :class:`GameFeed`'s gate), sends the latest state on change and on every (re)connection,
and keeps the heartbeat. It talks to the main thread only through two queues.
docs/operator-protocol.md says what goes on the wire.

Must not import: pygame or anything from ``game`` above ``game.net``. Runs only on the link
thread; nothing here is called from the main thread.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import selectors
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.net import protocol
from game.net.admission import Pending, crowded_out
from game.net.code_file import write_code_file
from game.net.commands import LinkCommand, LinkSettings, Publish, Rekey, Stop
from game.net.conn import Connection, OutputOverflowError, Waker
from game.net.events import Address, LinkEvent, OperatorJoined, OperatorLeft, PairingRefused
from game.net.feed import GameFeed
from game.net.framing import OversizedLine, TokenBucket
from game.net.guard import AddressGuard
from game.net.logbook import LinkLog, Refusals

log = logging.getLogger(__name__)

MAX_OUT_BYTES = 1 << 20
CLOSE_GRACE_S = 1.0
"""How long a connection being refused may take to receive its last line."""
MAX_SELECT_S = 0.1
"""Longest wait in ``select``, so an injected clock that jumps is noticed soon."""


@dataclass(eq=False)
class _Peer:
    conn: Connection
    bucket: TokenBucket
    nonce: str
    name: str | None = None
    closing_until: float | None = None
    refusals: Refusals = dataclasses.field(default_factory=Refusals.none)

    @property
    def is_authenticating(self) -> bool:
        """Connected, not yet the operator, not being closed: it holds a slot."""
        return self.name is None and self.closing_until is None


class KioskLoop:
    """Everything the link thread does; :meth:`run` is the thread's body."""

    def __init__(self, *, listener: socket.socket, key: bytes, salt: str,
                 settings: LinkSettings, clock: Callable[[], float],
                 commands: queue.SimpleQueue[LinkCommand], events: queue.SimpleQueue[LinkEvent],
                 waker: Waker, code_file: Path | None = None) -> None:
        self._listener = listener
        self._key = key
        self._salt = salt
        self._settings = settings
        self._clock = clock
        self._commands = commands
        self._events = events
        self._waker = waker
        self._code_file = code_file
        self._guard = self._new_guard()
        self._feed = GameFeed()
        self._log = LinkLog(log)
        self._peers: list[_Peer] = []
        self._operator: _Peer | None = None
        self._running = True
        self._selector = selectors.DefaultSelector()

    def run(self) -> None:
        """Serve until a :class:`Stop` command arrives."""
        self._listener.setblocking(False)
        self._selector.register(self._listener, selectors.EVENT_READ, "listener")
        self._selector.register(self._waker.reader, selectors.EVENT_READ, "waker")
        try:
            while self._running:
                self._step()
        except Exception:  # a bug: close cleanly so the game falls back to the engine
            log.exception("operator link thread failed; the link is closed")
        finally:
            self._shutdown()

    def _step(self) -> None:
        ready = self._selector.select(self._select_timeout())
        # The game's commands first: a move read in this round is judged against the
        # newest state the game had published by then.
        self._run_commands()
        for key, mask in ready:
            if key.data == "listener":
                self._accept()
            elif key.data == "waker":
                self._waker.drain()
            elif isinstance(key.data, _Peer) and key.data in self._peers:
                self._service(key.data, mask)
        self._tick()
        for peer in list(self._peers):
            self._flush(peer)

    def _select_timeout(self) -> float:
        now = self._clock()
        due = now + MAX_SELECT_S
        for peer in self._peers:
            if peer.closing_until is not None:
                due = min(due, peer.closing_until)
            else:
                due = min(due, peer.conn.last_send + self._settings.heartbeat_s,
                          peer.conn.last_recv + self._settings.timeout_s)
        return min(MAX_SELECT_S, max(0.0, due - now))

    # --- connections ---------------------------------------------------------------------

    def _accept(self) -> None:
        while True:
            try:
                sock, raw_address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:  # e.g. out of file descriptors: try again next round
                self._log.connection_refused(("?", 0), f"cannot accept: {error}", self._clock())
                return
            self._admit(sock, (str(raw_address[0]), int(raw_address[1])))

    def _admit(self, sock: socket.socket, address: Address) -> None:
        now = self._clock()
        peer = _Peer(conn=Connection(sock, peer=address, max_line_bytes=(
                         protocol.MAX_OPERATOR_LINE_BYTES), max_out_bytes=MAX_OUT_BYTES, now=now),
                     bucket=TokenBucket(rate=self._settings.lines_per_s,
                                        burst=self._settings.burst, now=now),
                     nonce=protocol.new_nonce())
        self._peers.append(peer)
        refused_for = self._guard.refused_for(address[0], now)
        if refused_for > 0:
            self._refuse(peer, "blocked", "too many wrong pairing codes from this address; "
                         f"try again in {refused_for:.0f} s", retry_after_s=refused_for)
            return
        self._make_room(peer)
        game_id, ply = self._stamp()
        self._send(peer, protocol.Hello(
            game_id=game_id, ply=ply, nonce=peer.nonce, salt=self._salt,
            heartbeat_s=self._settings.heartbeat_s, timeout_s=self._settings.timeout_s,
            max_line_bytes=protocol.MAX_OPERATOR_LINE_BYTES))

    def _make_room(self, newcomer: _Peer) -> None:
        """Idle connections must not keep the real operator out: a newcomer always gets its
        slot, and when the slots are full the crowd's oldest makes room (game.net.admission)."""
        pending = [p for p in self._peers if p is not newcomer and p.is_authenticating]
        index = crowded_out([Pending(p.conn.peer[0], p.conn.opened_at) for p in pending],
                            newcomer.conn.peer[0], max_total=protocol.MAX_PENDING_CONNECTIONS,
                            max_per_address=protocol.MAX_PENDING_PER_ADDRESS)
        if index is not None:
            crowded = pending[index]
            self._drop(crowded, "closed to make room for a newer connection")
            self._report_refusal(crowded.conn.peer, "closed while authenticating, to make "
                                 "room for a newer connection")

    def _service(self, peer: _Peer, mask: int) -> None:
        if mask & selectors.EVENT_READ:
            try:
                items = peer.conn.receive(self._clock())
            except OSError as error:
                self._drop(peer, f"the connection failed ({error.strerror or error})")
                return
            if items is None:
                self._drop(peer, "the operator closed the connection")
                return
            for item in items:
                if peer not in self._peers or peer.closing_until is not None:
                    break
                self._on_line(peer, item)
        if mask & selectors.EVENT_WRITE:
            self._flush(peer)

    def _send(self, peer: _Peer, message: protocol.KioskMessage) -> None:
        try:
            peer.conn.queue(protocol.encode(message), self._clock())
        except OutputOverflowError:
            self._drop(peer, "the operator stopped reading")
            return
        self._flush(peer)

    def _flush(self, peer: _Peer) -> None:
        if peer not in self._peers:
            return
        try:
            peer.conn.flush()
        except OSError as error:
            self._drop(peer, f"the connection failed ({error.strerror or error})")
            return
        if peer.closing_until is not None and not peer.conn.wants_write:
            self._drop(peer, "closed by the kiosk")
            return
        peer.conn.sync_selector(self._selector, peer)

    def _drop(self, peer: _Peer, reason: str) -> None:
        if peer not in self._peers:
            return
        self._peers.remove(peer)
        peer.conn.close(self._selector)
        self._log.connection_closed(peer.refusals, address=peer.conn.peer,
                                    authenticated=peer.name is not None, now=self._clock())
        if peer is self._operator:
            self._operator = None
            self._feed.operator_left()
            log.info("operator %s left: %s", peer.name, reason)
            self._events.put(OperatorLeft(reason))

    def _close_after_flush(self, peer: _Peer) -> None:
        peer.closing_until = self._clock() + CLOSE_GRACE_S
        self._flush(peer)

    # --- lines -----------------------------------------------------------------------------

    def _on_line(self, peer: _Peer, item: bytes | OversizedLine) -> None:
        peer.conn.lines_in += 1
        line_no = peer.conn.lines_in
        if not peer.bucket.take(self._clock()):
            self._error(peer, "rate_limited", f"more than {self._settings.lines_per_s:g} lines "
                        "per second; this line was dropped", line_no, None)
            return
        if isinstance(item, OversizedLine):
            self._error(peer, "too_long", f"a line may be at most "
                        f"{protocol.MAX_OPERATOR_LINE_BYTES} bytes, got {item.size}",
                        line_no, None)
            return
        try:
            message = protocol.decode_operator(item)
        except protocol.ProtocolError as error:
            self._error(peer, error.code, error.reason, line_no, error.ref_type)
            return
        try:
            if peer.name is None:
                self._on_stranger(peer, message, line_no)
            else:
                self._on_operator(peer, message, line_no)
        except Exception:  # a bug must not end the link; the visitor must see nothing
            log.exception("operator link failed to handle a '%s' line", message.TYPE)
            self._error(peer, "internal", "the kiosk could not handle this line", line_no,
                        message.TYPE)

    def _on_stranger(self, peer: _Peer, message: protocol.OperatorMessage,
                     line_no: int) -> None:
        if isinstance(message, protocol.Heartbeat):
            return
        if not isinstance(message, protocol.Auth):
            self._error(peer, "not_authenticated", "answer the hello with an 'auth' "
                        "message first", line_no, message.TYPE)
            return
        address = peer.conn.peer
        if not protocol.is_valid_proof(self._key, peer.nonce, message.proof):
            now = self._clock()
            reason = "wrong pairing code"
            retry_after = None
            if self._guard.record_failure(address[0], now):
                retry_after = self._settings.refuse_for_s
                reason += f"; this address is refused for {retry_after:g} s"
            self._refuse(peer, "bad_proof", reason, retry_after_s=retry_after)
            return
        self._guard.record_success(address[0])
        if self._operator is not None:
            self._refuse(peer, "busy", "another operator is connected", retry_after_s=None)
            return
        self._welcome(peer, message.name)

    def _welcome(self, peer: _Peer, name: str) -> None:
        peer.name = name
        self._operator = peer
        game_id, ply = self._stamp()
        self._send(peer, protocol.AuthOk(game_id=game_id, ply=ply, name=name))
        for message in self._feed.on_joining(self._clock()):
            self._send(peer, message)
        log.info("operator %s joined from %s:%d", name, *peer.conn.peer)
        self._events.put(OperatorJoined(name, peer.conn.peer))

    def _on_operator(self, peer: _Peer, message: protocol.OperatorMessage,
                     line_no: int) -> None:
        if isinstance(message, protocol.Auth):
            self._error(peer, "already_authenticated", "this connection is already "
                        "authenticated", line_no, message.TYPE)
        elif isinstance(message, protocol.OperatorMove):
            judgement = self._feed.gate.judge(message)
            if judgement.code is not None:
                self._error(peer, judgement.code, judgement.reason or judgement.code, line_no,
                            message.TYPE)
                return
            self._send(peer, protocol.MoveAck(game_id=message.game_id, ply=message.ply,
                                              uci=message.uci))
            if judgement.is_new:
                self._events.put(message)
        elif isinstance(message, protocol.Say):
            state = self._feed.state
            if state is None:
                self._error(peer, "no_game", "there is no game yet", line_no, message.TYPE)
            elif message.game_id != state.game_id:
                self._error(peer, "wrong_game", f"game {message.game_id} is not the current "
                            f"game ({state.game_id})", line_no, message.TYPE)
            else:
                self._events.put(message)

    def _error(self, peer: _Peer, code: str, reason: str, line_no: int | None,
               ref_type: str | None) -> None:
        game_id, ply = self._stamp()
        self._log.line_refused(peer.refusals, address=peer.conn.peer,
                               authenticated=peer.name is not None, line_no=line_no, code=code,
                               reason=reason)
        self._send(peer, protocol.ErrorReply(game_id=game_id, ply=ply, code=code,
                                             reason=protocol.clip_reason(reason),
                                             ref_line=line_no, ref_type=ref_type))

    def _refuse(self, peer: _Peer, code: str, reason: str, *,
                retry_after_s: float | None) -> None:
        game_id, ply = self._stamp()
        self._send(peer, protocol.AuthRefused(game_id=game_id, ply=ply, code=code,
                                              reason=reason, retry_after_s=retry_after_s))
        self._close_after_flush(peer)
        self._report_refusal(peer.conn.peer, reason)

    def _report_refusal(self, address: Address, reason: str) -> None:
        self._log.connection_refused(address, reason, self._clock())
        self._events.put(PairingRefused(address, reason))

    # --- commands from the game and time ---------------------------------------------------

    def _run_commands(self) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            if isinstance(command, Stop):
                self._running = False
            elif isinstance(command, Publish):
                news = self._feed.publish(command.state, at=command.at, now=self._clock())
                if self._operator is not None and news is not None:
                    self._send(self._operator, news)
            elif isinstance(command, Rekey):
                self._rekey(command.pairing_code)
            else:
                if isinstance(command.message, protocol.Hints):
                    self._feed.keep_hints(command.message)
                if self._operator is not None:
                    self._send(self._operator, command.message)

    def _new_guard(self) -> AddressGuard:
        settings = self._settings
        return AddressGuard(refuse_after=settings.refuse_after,
                            window_s=settings.refuse_window_s, refuse_for_s=settings.refuse_for_s)

    def _rekey(self, code: str) -> None:
        """A new pairing code: new hellos carry a fresh salt; a pending proof of the old
        code fails; wrong guesses of the old one are forgotten (so staff can end a lock-out).
        The slow key derivation happens here, off the game's thread."""
        self._guard = self._new_guard()
        self._salt = protocol.new_salt()
        self._key = protocol.derive_key(code, self._salt)
        if self._code_file is not None:
            try:
                write_code_file(self._code_file, code)
            except OSError as error:
                log.warning("cannot write the new pairing code to %s: %s", self._code_file,
                            error.strerror or error)

    def _tick(self) -> None:
        now = self._clock()
        self._log.flush(now)
        for peer in list(self._peers):
            if peer.closing_until is not None:
                if now >= peer.closing_until:
                    self._drop(peer, "closed by the kiosk")
                continue
            silent = now - peer.conn.last_recv
            if peer.name is not None and silent > self._settings.timeout_s:
                self._error(peer, "timeout", f"nothing heard for {silent:.1f} s", None, None)
                self._drop(peer, f"no word from the operator for {silent:.1f} s")
            elif peer.name is None and now - peer.conn.opened_at > self._settings.timeout_s:
                self._error(peer, "timeout", "no 'auth' in time", None, None)
                self._drop(peer, "no auth in time")
            elif now - peer.conn.last_send >= self._settings.heartbeat_s:
                game_id, ply = self._stamp()
                self._send(peer, protocol.Heartbeat(game_id=game_id, ply=ply))

    def _stamp(self) -> tuple[str | None, int]:
        return self._feed.stamp

    def _shutdown(self) -> None:
        for peer in list(self._peers):
            self._drop(peer, "the operator link was closed")
        self._log.flush(self._clock(), closing=True)
        self._selector.close()
        self._listener.close()
        self._waker.close()
