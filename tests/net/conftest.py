"""Helpers for the operator-link tests: live links on 127.0.0.1, a hand-driven clock, a raw
line-level operator, and game states."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator

import chess
import pytest

from game.net import protocol
from game.net.link import LinkEvent, OperatorLink

CODE = "TEST-CODE"
NAME = "Johann Allgaier"


class FakeClock:
    """A clock that moves only when told to (read from the link thread, set from the test)."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


def state_after(*ucis: str, game_id: str = "g1", turk_color: chess.Color = chess.BLACK,
                status: str = "playing", countdown_s: float | None = None,
                fen: str = chess.STARTING_FEN) -> protocol.GameState:
    """The state after playing ``ucis`` from ``fen``."""
    board = chess.Board(fen)
    for uci in ucis:
        board.push_uci(uci)
    result = board.result(claim_draw=True) if status == "over" else None
    return protocol.GameState.from_board(board, game_id=game_id, turk_color=turk_color,
                                         status=status, result=result,
                                         countdown_s=countdown_s)


class RawOperator:
    """An operator speaking the protocol line by line over a blocking socket."""

    def __init__(self, address: tuple[str, int], *, timeout_s: float = 3.0,
                 source: str | None = None) -> None:
        self.sock = socket.create_connection(
            address, timeout=timeout_s, source_address=None if source is None else (source, 0))
        self._buffer = b""
        self.lines_sent = 0
        self.hello: dict[str, object] | None = None

    def read(self) -> dict[str, object]:
        """The next kiosk message as a dict (decoded and checked by the real decoder too)."""
        while b"\n" not in self._buffer:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("closed by the kiosk")
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        protocol.decode_kiosk(line)  # every kiosk line must pass the real decoder
        message: dict[str, object] = json.loads(line)
        return message

    def read_until(self, *types: str) -> dict[str, object]:
        """Skip heartbeats and other lines until one of ``types``; an unexpected ``error``
        fails the test at once."""
        while True:
            message = self.read()
            if message["type"] in types:
                return message
            if message["type"] == "error":
                raise AssertionError(f"unexpected error from the kiosk: {message}")

    def is_closed(self) -> bool:
        """Whether the kiosk has closed the connection (after what is still buffered)."""
        try:
            while True:
                self.read()
        except (ConnectionError, OSError):
            return True

    def send_line(self, line: bytes) -> int:
        """Send raw bytes as one line; its line number."""
        self.sock.sendall(line + b"\n")
        self.lines_sent += 1
        return self.lines_sent

    def send(self, message: protocol.OperatorMessage) -> int:
        """Send a message through the real encoder; its line number."""
        self.sock.sendall(protocol.encode(message))
        self.lines_sent += 1
        return self.lines_sent

    def send_dict(self, **fields: object) -> int:
        """Send any JSON object as one line; its line number."""
        return self.send_line(json.dumps(fields).encode())

    def read_hello(self) -> dict[str, object]:
        """The kiosk's first line (a ``hello``, or an ``auth_refused``), read once."""
        if self.hello is None:
            self.hello = self.read_until("hello", "auth_refused")
        return self.hello

    def authenticate(self, code: str = CODE, name: str = NAME) -> dict[str, object]:
        """Answer the hello; the ``auth_ok`` or ``auth_refused``."""
        hello = self.read_hello()
        if hello["type"] == "auth_refused":
            return hello
        key = protocol.derive_key(code, str(hello["salt"]))
        self.send(protocol.Auth(game_id=None, ply=0, name=name,
                                proof=protocol.compute_proof(key, str(hello["nonce"]))))
        return self.read_until("auth_ok", "auth_refused")

    def error_for(self, line_no: int) -> dict[str, object]:
        """Read until the error about ``line_no``."""
        while True:
            message = self.read_until("error")
            if message["ref_line"] == line_no:
                return message

    def close(self) -> None:
        self.sock.close()


def wait_for_events(link: OperatorLink, predicate: Callable[[list[LinkEvent]], bool], *,
                    timeout_s: float = 3.0) -> list[LinkEvent]:
    """Poll ``link`` until the events so far satisfy ``predicate``; all of them."""
    events: list[LinkEvent] = []
    deadline = time.monotonic() + timeout_s
    while True:
        events.extend(link.poll())
        if predicate(events):
            return events
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting; events so far: {events}")
        time.sleep(0.005)


def settle(link: OperatorLink, seconds: float = 0.1) -> list[LinkEvent]:
    """Everything the link reports within ``seconds`` (to show nothing more happens)."""
    events: list[LinkEvent] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        events.extend(link.poll())
        time.sleep(0.005)
    return events + link.poll()


LinkFactory = Callable[..., OperatorLink]


@pytest.fixture
def make_link() -> Iterator[LinkFactory]:
    """Start links on 127.0.0.1, port 0, with the test code; closed after the test."""
    links: list[OperatorLink] = []

    def make(**overrides: object) -> OperatorLink:
        settings: dict[str, object] = {"host": "127.0.0.1", "port": 0, "pairing_code": CODE}
        settings.update(overrides)
        link = OperatorLink(**settings)  # type: ignore[arg-type]
        link.start()
        links.append(link)
        return link

    yield make
    for link in links:
        link.close()


@pytest.fixture
def operators() -> Iterator[Callable[[OperatorLink], RawOperator]]:
    """Raw operators connected to a link; closed after the test."""
    opened: list[RawOperator] = []

    def connect(link: OperatorLink) -> RawOperator:
        operator = RawOperator(link.address)
        opened.append(operator)
        return operator

    yield connect
    for operator in opened:
        operator.close()
