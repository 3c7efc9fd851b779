"""A TCP relay between an operator and a kiosk that a test can sabotage: hold back what one
side sends (a network that swallows packets) or cut every connection at once."""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading


class Relay:
    """Forwards connections from its own port to ``target`` on a thread of its own."""

    def __init__(self, target: tuple[str, int]) -> None:
        self._target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ, None)
        self._pairs: dict[socket.socket, tuple[socket.socket, str]] = {}
        self._lock = threading.Lock()
        self._swallow: set[str] = set()
        self._cut_requested = False
        self._running = True
        self._thread = threading.Thread(target=self._run, name="test-relay", daemon=True)
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._listener.getsockname()[:2]
        return str(host), int(port)

    def swallow(self, direction: str) -> None:
        """Drop what goes ``"up"`` (operator → kiosk) or ``"down"`` (kiosk → operator)."""
        with self._lock:
            self._swallow.add(direction)

    def heal(self) -> None:
        """Forward everything again."""
        with self._lock:
            self._swallow.clear()

    def cut(self) -> None:
        """Close every relayed connection (both ends) at the next chance."""
        with self._lock:
            self._cut_requested = True

    @property
    def connections(self) -> int:
        with self._lock:
            return len(self._pairs) // 2

    def close(self) -> None:
        self._running = False
        self._thread.join(2.0)
        for sock in list(self._pairs):
            sock.close()
        self._listener.close()
        self._selector.close()

    def _run(self) -> None:
        while self._running:
            for key, _ in self._selector.select(0.02):
                if key.fileobj is self._listener:
                    self._accept()
                else:
                    self._forward(key.fileobj)  # type: ignore[arg-type]
            with self._lock:
                if self._cut_requested:
                    self._cut_requested = False
                    for sock in list(self._pairs):
                        self._close(sock)

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        server = socket.create_connection(self._target)
        with self._lock:
            self._pairs[client] = (server, "up")
            self._pairs[server] = (client, "down")
        for sock in (client, server):
            self._selector.register(sock, selectors.EVENT_READ, None)

    def _forward(self, sock: socket.socket) -> None:
        with self._lock:
            if sock not in self._pairs:
                return
            other, direction = self._pairs[sock]
            swallowed = direction in self._swallow
        try:
            data = sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            with self._lock:
                self._close(sock)
            return
        if not swallowed:
            try:
                other.sendall(data)
            except OSError:
                with self._lock:
                    self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        other, _ = self._pairs.pop(sock, (None, ""))
        for end in (sock, other):
            if end is None:
                continue
            self._pairs.pop(end, None)
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(end)
            end.close()
