"""A minimal operator client written only from docs/operator-protocol.md.

It proves the document is enough: it uses nothing but ``socket``, ``json``, ``hmac``,
``hashlib`` and ``time`` and must never import the game. It connects, answers the challenge,
waits for a state in which the Turk is to move, sends the move a caller chooses, and waits for
the kiosk's answer to it — once (``play_one_move``), or for every Turk move until the game is
over (``play_game``, keeping the heartbeat).

Run by hand against a kiosk:
``python tests/net/minimal_client.py HOST PORT CODE NAME UCI``
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import sys
import time
from collections.abc import Callable

MAX_KIOSK_LINE = 32768


class KioskConversation:
    """One connection to a kiosk, one line at a time (blocking, with a timeout)."""

    def __init__(self, host: str, port: int, *, timeout_s: float = 5.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout_s)
        self.timeout_s = timeout_s
        self.buffer = b""
        self.state: dict[str, object] | None = None
        self.lines_sent = 0
        self.sent_at = time.monotonic()
        self.hello: dict[str, object] = {}

    def read(self) -> dict[str, object]:
        """The next message from the kiosk, heartbeats included."""
        while b"\n" not in self.buffer:
            data = self.sock.recv(4096)
            if not data:
                raise ConnectionError("the kiosk closed the connection")
            self.buffer += data
            if len(self.buffer) > MAX_KIOSK_LINE:
                raise ConnectionError("the kiosk sent an over-long line")
        line, self.buffer = self.buffer.split(b"\n", 1)
        message: dict[str, object] = json.loads(line.decode("utf-8"))
        if message["v"] != 1:
            raise ConnectionError(f"unknown protocol version {message['v']}")
        if message["type"] == "state":
            self.state = message
        return message

    def read_until(self, *types: str) -> dict[str, object]:
        """Skip messages (heartbeats, lifts…) until one of ``types`` arrives."""
        while True:
            message = self.read()
            if message["type"] in types:
                return message

    def read_or_none(self, wait_s: float) -> dict[str, object] | None:
        """The next message, or ``None`` if none came within ``wait_s`` seconds."""
        self.sock.settimeout(wait_s)
        try:
            return self.read()
        except TimeoutError:
            return None
        finally:
            self.sock.settimeout(self.timeout_s)

    def send(self, message_type: str, **fields: object) -> int:
        """Send one message stamped with the latest state; its line number."""
        state = self.state or {}
        message = {"v": 1, "type": message_type, "game_id": state.get("game_id"),
                   "ply": state.get("ply", 0)}
        message.update(fields)
        self.sock.sendall(json.dumps(message).encode("utf-8") + b"\n")
        self.lines_sent += 1
        self.sent_at = time.monotonic()
        return self.lines_sent

    def close(self) -> None:
        """Hang up."""
        self.sock.close()


def proof_for(code: str, salt_hex: str, nonce_hex: str) -> str:
    """The answer to the kiosk's challenge (section 4 of the document)."""
    normalized = code.replace(" ", "").replace("-", "").upper()
    key = hashlib.pbkdf2_hmac("sha256", normalized.encode("ascii"), bytes.fromhex(salt_hex),
                              200000)
    return hmac.new(key, b"turk-operator-v1\n" + nonce_hex.encode("ascii"),
                    hashlib.sha256).hexdigest()


def authenticate(conversation: KioskConversation, code: str, name: str) -> dict[str, object]:
    """Read the hello, answer it; the kiosk's ``auth_ok`` or ``auth_refused``."""
    hello = conversation.read_until("hello", "auth_refused")
    if hello["type"] == "auth_refused":
        return hello
    conversation.hello = hello
    conversation.send("auth", name=name,
                      proof=proof_for(code, str(hello["salt"]), str(hello["nonce"])))
    return conversation.read_until("auth_ok", "auth_refused")


def turk_to_move(state: dict[str, object]) -> bool:
    """Whether the state asks the operator for a move."""
    return state["status"] == "playing" and state["turn"] == state["turk_color"]


def play_one_move(host: str, port: int, code: str, name: str,
                  choose: Callable[[dict[str, object]], str]) -> dict[str, object]:
    """Authenticate, wait until the Turk is to move, send ``choose(state)`` and return the
    kiosk's answer to that move (an ``ack`` or an ``error``)."""
    conversation = KioskConversation(host, port)
    try:
        answer = authenticate(conversation, code, name)
        if answer["type"] != "auth_ok":
            return answer
        state = conversation.read_until("state")
        while not turk_to_move(state):
            state = conversation.read_until("state")
        line = conversation.send("move", uci=choose(state), from_hint=False)
        while True:
            reply = conversation.read_until("ack", "error")
            if reply["type"] == "ack" or reply["ref_line"] == line:
                return reply
    finally:
        conversation.close()


def play_game(host: str, port: int, code: str, name: str,
              choose: Callable[[dict[str, object]], str], *,
              heard: list[dict[str, object]] | None = None,
              within_s: float = 900.0) -> dict[str, object]:
    """Authenticate and make every Turk move with ``choose(state)`` until the kiosk says the
    game is over; that ``game_over`` (or an ``auth_refused``, the first ``error``, or
    ``{"type": "gave_up"}`` after ``within_s`` seconds). Every message from the kiosk is also
    appended to ``heard``, if given."""
    conversation = KioskConversation(host, port)
    try:
        answer = authenticate(conversation, code, name)
        if answer["type"] != "auth_ok":
            return answer
        heartbeat_s = float(conversation.hello["heartbeat_s"])  # type: ignore[arg-type]
        answered: set[tuple[object, object]] = set()
        give_up_at = time.monotonic() + within_s
        while time.monotonic() < give_up_at:
            if time.monotonic() - conversation.sent_at >= heartbeat_s / 2:
                conversation.send("heartbeat")  # section 6: never quiet for heartbeat_s
            message = conversation.read_or_none(heartbeat_s / 4)
            if message is None:
                continue
            if heard is not None:
                heard.append(message)
            if message["type"] in ("game_over", "error"):
                return message
            if message["type"] != "state" or not turk_to_move(message):
                continue
            turn = (message["game_id"], message["ply"])
            if turn not in answered:  # a state may repeat the same turn (section 5)
                answered.add(turn)
                conversation.send("move", uci=choose(message), from_hint=False)
        return {"type": "gave_up"}
    finally:
        conversation.close()


def main(argv: list[str]) -> int:
    """``HOST PORT CODE NAME UCI``: play UCI as the Turk's next move; print the answer."""
    host, port, code, name, uci = argv
    print(json.dumps(play_one_move(host, int(port), code, name, lambda state: uci)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
