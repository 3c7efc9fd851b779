"""What the two ends of the operator link report to their main loops, as frozen dataclasses.

Owns: the kiosk side's :data:`LinkEvent` (returned by ``OperatorLink.poll``) and the operator
side's :data:`ClientEvent` (returned by ``OperatorClient.poll``). Events are past tense and
carry snapshots only (strings, numbers, frozen protocol messages).

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.net.messages import GameState, Hint

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
class OperatorMoved:
    """A move that was legal and current against the latest published state; passed on once.
    The game checks it again before playing it."""

    game_id: str
    ply: int
    uci: str
    from_hint: bool


@dataclass(frozen=True)
class OperatorSaid:
    """Text the operator wants spelled on the letter board (already checked and NFC)."""

    game_id: str
    ply: int
    text: str


@dataclass(frozen=True)
class PairingRefused:
    """Someone at ``address`` was turned away: wrong code, refused address, or busy."""

    address: Address
    reason: str


LinkEvent = OperatorJoined | OperatorLeft | OperatorMoved | OperatorSaid | PairingRefused


# --- operator side ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Connected:
    """The TCP connection to the kiosk is up; authentication follows."""

    address: Address


@dataclass(frozen=True)
class Authenticated:
    """The kiosk accepted the pairing proof; ``name`` is how the reveal will credit us."""

    name: str


@dataclass(frozen=True)
class AuthRefused:
    """The kiosk refused us (``bad_proof``, ``blocked`` or ``busy``)."""

    code: str
    reason: str
    will_retry: bool


@dataclass(frozen=True)
class StateChanged:
    """The kiosk sent its full game state (on change and after every (re)connection)."""

    state: GameState


@dataclass(frozen=True)
class VisitorLifted:
    """The visitor picked up the piece on ``square``."""

    game_id: str
    ply: int
    square: str


@dataclass(frozen=True)
class VisitorDropped:
    """The visitor set the piece down on ``to_square``, or put it back (``None``)."""

    game_id: str
    ply: int
    from_square: str
    to_square: str | None


@dataclass(frozen=True)
class HintsReceived:
    """The engine's suggestions for ``ply`` (hybrid mode), best first."""

    game_id: str
    ply: int
    hints: tuple[Hint, ...]


@dataclass(frozen=True)
class MoveAcknowledged:
    """The kiosk received our move for ``ply`` and handed it to the game."""

    game_id: str
    ply: int
    uci: str


@dataclass(frozen=True)
class EngineStoodIn:
    """The engine played ``uci`` at ``ply`` for us, because we did not move in time."""

    game_id: str
    ply: int
    uci: str


@dataclass(frozen=True)
class VisitorLeft:
    """The visitor walked away from the kiosk."""

    game_id: str
    ply: int


@dataclass(frozen=True)
class GameEnded:
    """The game is over: ``result`` (``1-0``, ``0-1``, ``1/2-1/2``, ``*``) for ``reason``."""

    game_id: str
    ply: int
    result: str
    reason: str


@dataclass(frozen=True)
class ErrorReported:
    """Something we sent was not acted on: ``code`` and ``reason`` from the kiosk (or from
    the client itself, e.g. ``not_connected``); ``ref_type`` names the message concerned."""

    code: str
    reason: str
    ref_type: str | None


@dataclass(frozen=True)
class Disconnected:
    """The connection ended (or could not be made); ``will_retry`` if the client reconnects
    by itself."""

    reason: str
    will_retry: bool


ClientEvent = (Connected | Authenticated | AuthRefused | StateChanged | VisitorLifted
               | VisitorDropped | HintsReceived | MoveAcknowledged | EngineStoodIn | VisitorLeft
               | GameEnded | ErrorReported | Disconnected)
