"""What the two ends of the operator link report to their main loops, besides the protocol's
own messages.

Owns: the few events that are not protocol messages — who joined, left or was turned away on
the kiosk's side; connecting, disconnecting and the client's own problems on the operator's
side — and the unions each end's ``poll`` returns. Every message that *is* in the protocol
travels on as the frozen, already-checked protocol message (``OperatorMove``, ``Say``,
``GameState``, ``MoveAck``…), never as a copy of it: one class, one meaning.

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.net.messages import (
    AuthOk,
    AuthRefused,
    ErrorReply,
    GameOver,
    GameState,
    Hints,
    MoveAck,
    OperatorMove,
    Say,
    StoodIn,
    VisitorDrop,
    VisitorLeft,
    VisitorLift,
)

Address = tuple[str, int]


# --- kiosk side ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OperatorJoined:
    """An operator proved the pairing code and now plays the Turk."""

    name: str
    address: Address


@dataclass(frozen=True)
class OperatorLeft:
    """The operator's connection ended (closed, silent too long, or the link stopped)."""

    reason: str


@dataclass(frozen=True)
class PairingRefused:
    """Someone at ``address`` was turned away: wrong code, refused address, or busy."""

    address: Address
    reason: str


LinkEvent = OperatorJoined | OperatorLeft | PairingRefused | OperatorMove | Say
"""What ``OperatorLink.poll`` returns. An ``OperatorMove`` was current and legal against the
latest published state and is passed on once (the game checks it again before playing it);
a ``Say`` is for the current game, its text checked and NFC."""


# --- operator side ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Connected:
    """The TCP connection to the kiosk is up; authentication follows."""

    address: Address


@dataclass(frozen=True)
class ErrorReported:
    """Something the client itself could not do or read: a letter-board text while not
    connected (``not_connected``), or a line from the kiosk that broke the protocol. (What
    the kiosk refuses arrives as its own ``ErrorReply``.) ``ref_type`` names the message
    concerned, when known."""

    code: str
    reason: str
    ref_type: str | None


@dataclass(frozen=True)
class Disconnected:
    """The connection ended (or could not be made); ``will_retry`` if the client reconnects
    by itself."""

    reason: str
    will_retry: bool


KioskNews = (AuthOk | AuthRefused | GameState | MoveAck | VisitorLift | VisitorDrop | Hints
             | StoodIn | VisitorLeft | GameOver | ErrorReply)
"""The kiosk's messages a client passes on to its console as they came (not the hello or
heartbeats, which only the client's thread needs)."""
KIOSK_NEWS: tuple[type[KioskNews], ...] = (
    AuthOk, AuthRefused, GameState, MoveAck, VisitorLift, VisitorDrop, Hints, StoodIn,
    VisitorLeft, GameOver, ErrorReply)

ClientEvent = Connected | Disconnected | ErrorReported | KioskNews
"""What ``OperatorClient.poll`` returns."""
