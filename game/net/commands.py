"""What each side's main thread tells its link thread: settings and commands.

Owns: the frozen settings of the kiosk's link (:class:`LinkSettings`) and of the operator's
client (:class:`ClientSettings`), and the commands that travel to their threads through a
queue (:data:`LinkCommand`, :data:`ClientCommand`).

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.net import protocol


@dataclass(frozen=True)
class Stop:
    """Command: close everything and end the thread."""


# --- kiosk side ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LinkSettings:
    """The kiosk side's timing and limits (see ``OperatorLink``)."""

    heartbeat_s: float
    timeout_s: float
    refuse_after: int
    refuse_window_s: float
    refuse_for_s: float
    lines_per_s: float
    burst: int


@dataclass(frozen=True)
class Publish:
    """Command: the game's latest state, and the clock value when it was published."""

    state: protocol.GameState
    at: float


@dataclass(frozen=True)
class Send:
    """Command: pass a message to the operator, if one is connected."""

    message: protocol.KioskMessage


@dataclass(frozen=True)
class Rekey:
    """Command: from now on, connections must prove ``pairing_code`` (with a fresh salt);
    write it to ``code_file`` too, if staff named one."""

    pairing_code: str


LinkCommand = Publish | Send | Rekey | Stop


# --- operator side ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ClientSettings:
    """Where to connect and as whom; see ``OperatorClient``."""

    host: str
    port: int
    pairing_code: str
    name: str
    heartbeat_s: float
    timeout_s: float
    reconnect: bool


@dataclass(frozen=True)
class SendMove:
    """Command: play this move (kept until acknowledged)."""

    move: protocol.OperatorMove


@dataclass(frozen=True)
class SayText:
    """Command: spell this (already checked) text on the letter board."""

    text: str


ClientCommand = SendMove | SayText | Stop
