"""One non-blocking TCP connection as both link threads use it.

Owns: :class:`Connection` — framed reading through a :class:`LineReader`, a bounded output
buffer flushed when the socket can take it, the selector interest that follows from it, and
the times of the last traffic each way (for heartbeats and timeouts).

Must not import: pygame or anything from ``game`` above ``game.net``. Used only on a link's
background thread; never blocks.
"""

from __future__ import annotations

import contextlib
import selectors
import socket

from game.net.events import Address
from game.net.framing import LineReader, OversizedLine

RECV_BYTES = 65536


class OutputOverflowError(OSError):
    """The peer is not reading: its output buffer passed the bound."""


class Connection:
    """A connected, non-blocking socket with line framing and buffered output."""

    def __init__(self, sock: socket.socket, *, peer: Address, max_line_bytes: int,
                 max_out_bytes: int, now: float) -> None:
        sock.setblocking(False)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            # Moves are tiny and latency matters more than packet count.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = sock
        self.peer = peer
        self.opened_at = now
        self.last_recv = now
        self.last_send = now
        self.lines_in = 0
        self.mask = 0
        self._reader = LineReader(max_line_bytes)
        self._out = bytearray()
        self._max_out = max_out_bytes

    def fileno(self) -> int:
        """The socket's descriptor (for the selector)."""
        return self.sock.fileno()

    def receive(self, now: float) -> list[bytes | OversizedLine] | None:
        """The lines completed by what the socket has; ``None`` once the peer has closed.

        :raises OSError: if the connection failed (reset, unreachable…).
        """
        try:
            data = self.sock.recv(RECV_BYTES)
        except (BlockingIOError, InterruptedError):
            return []
        if not data:
            return None
        self.last_recv = now
        return self._reader.feed(data)

    def queue(self, line: bytes, now: float) -> None:
        """Add ``line`` to the output; :meth:`flush` sends it.

        :raises OutputOverflowError: if the peer has left too much unread.
        """
        if len(self._out) + len(line) > self._max_out:
            raise OutputOverflowError(f"{len(self._out)} bytes unread by the peer")
        self._out += line
        self.last_send = now

    def flush(self) -> None:
        """Send what the socket takes now without blocking.

        :raises OSError: if the connection failed.
        """
        while self._out:
            try:
                sent = self.sock.send(self._out)
            except (BlockingIOError, InterruptedError):
                return
            del self._out[:sent]

    @property
    def wants_write(self) -> bool:
        """Whether output is waiting for the socket."""
        return bool(self._out)

    def sync_selector(self, selector: selectors.BaseSelector, owner: object) -> None:
        """Register, or update, this connection's interest (always read, write if output
        waits), with ``owner`` as the selector key's data."""
        mask = selectors.EVENT_READ | (selectors.EVENT_WRITE if self._out else 0)
        if mask == self.mask:
            return
        if self.mask:
            selector.modify(self.sock, mask, owner)
        else:
            selector.register(self.sock, mask, owner)
        self.mask = mask

    def close(self, selector: selectors.BaseSelector | None = None) -> None:
        """Unregister and close; safe to call twice."""
        if selector is not None and self.mask:
            selector.unregister(self.sock)
        self.mask = 0
        self.sock.close()


class Waker:
    """Lets another thread interrupt the link thread's ``select``: a socket pair whose
    reading end sits in the selector."""

    def __init__(self) -> None:
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)

    @property
    def reader(self) -> socket.socket:
        """The end to register with the selector."""
        return self._reader

    def wake(self) -> None:
        """Make the selector return soon; never blocks (a full pipe is already a wake-up)."""
        # A full pipe will wake it anyway; a closed one means nobody waits any more.
        with contextlib.suppress(OSError):
            self._writer.send(b"\0")

    def drain(self) -> None:
        """Swallow the wake-up bytes."""
        try:
            while self._reader.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def close(self) -> None:
        """Close both ends."""
        self._reader.close()
        self._writer.close()
