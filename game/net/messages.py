"""The operator protocol's messages as frozen dataclasses that check themselves.

Owns: one class per message type of docs/operator-protocol.md. Every message carries the
envelope's ``game_id`` and ``ply``; constructing a message with a bad field raises
:class:`~game.net.wire.ProtocolError`, so the decoder and the game share one set of checks.
Field names are the wire names, except that colours are ``chess.Color`` here and
``"white"``/``"black"`` on the wire.

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules (pure: chess + stdlib).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import chess

from game.net import wire
from game.net.wire import ProtocolError


def _check_stamp(game_id: object, ply: object, *, required: bool) -> None:
    if game_id is not None or required:
        wire.check_game_id("game_id", game_id)
    wire.check_int("ply", ply, low=0, high=wire.MAX_PLY)


# --- kiosk → operator ------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Hello:
    """The kiosk's first line: the challenge and the session's key-derivation salt."""

    TYPE: ClassVar[str] = "hello"
    game_id: str | None
    ply: int
    nonce: str
    salt: str
    heartbeat_s: float
    timeout_s: float
    max_line_bytes: int

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)
        wire.check_hex("nonce", self.nonce, chars=64)
        wire.check_hex("salt", self.salt, chars=32)
        wire.check_float("heartbeat_s", self.heartbeat_s, low=0.01, high=60.0)
        wire.check_float("timeout_s", self.timeout_s, low=0.03, high=600.0)
        wire.check_int("max_line_bytes", self.max_line_bytes, low=256, high=1 << 20)


@dataclass(frozen=True, kw_only=True)
class AuthOk:
    """The proof was right: this connection is now the operator's."""

    TYPE: ClassVar[str] = "auth_ok"
    game_id: str | None
    ply: int
    name: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)
        wire.check_name("name", self.name)


@dataclass(frozen=True, kw_only=True)
class AuthRefused:
    """The kiosk will not take this operator; it closes the connection after this line."""

    TYPE: ClassVar[str] = "auth_refused"
    game_id: str | None
    ply: int
    code: str
    reason: str
    retry_after_s: float | None

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)
        wire.check_choice("code", self.code, wire.REFUSAL_CODES)
        wire.check_reason("reason", self.reason)
        if self.retry_after_s is not None:
            wire.check_float("retry_after_s", self.retry_after_s, low=0.0, high=86400.0)


@dataclass(frozen=True, kw_only=True)
class GameState:
    """Everything an operator needs to take over a game: sent on change and on every
    (re)connection. ``ply`` is the number of moves played since ``start_fen``, so the next
    move is ``moves[ply]``."""

    TYPE: ClassVar[str] = "state"
    game_id: str
    ply: int
    start_fen: str
    fen: str
    moves: tuple[str, ...]
    turk_color: chess.Color
    turn: chess.Color
    status: str
    result: str | None
    countdown_s: float | None

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_fen("start_fen", self.start_fen)
        wire.check_fen("fen", self.fen)
        if type(self.moves) is not tuple:
            raise wire.field_error("moves", f"must be a list, got {wire.type_name(self.moves)}")
        for index, uci in enumerate(self.moves):
            wire.check_uci(f"moves[{index}]", uci)
        if len(self.moves) != self.ply:
            raise wire.field_error("moves", f"must hold 'ply' = {self.ply} moves, "
                                   f"got {len(self.moves)}")
        wire.check_bool("turk_color", self.turk_color)
        wire.check_bool("turn", self.turn)
        if (self.fen.split()[1] == "w") != self.turn:
            raise wire.field_error("turn", "does not match the side to move in 'fen'")
        wire.check_choice("status", self.status, wire.STATUSES)
        if (self.result is None) != (self.status != "over"):
            raise wire.field_error("result", "must be given exactly when 'status' is 'over'")
        if self.result is not None:
            wire.check_choice("result", self.result, wire.RESULTS)
        if self.countdown_s is not None:
            wire.check_float("countdown_s", self.countdown_s, low=0.0,
                             high=wire.MAX_COUNTDOWN_S)

    @classmethod
    def from_board(cls, board: chess.Board, *, game_id: str, turk_color: chess.Color,
                   status: str, result: str | None = None,
                   countdown_s: float | None = None) -> GameState:
        """The state of ``board`` (its root position and move stack).

        :raises ProtocolError: if a field is out of bounds (e.g. a bad game id).
        """
        return cls(game_id=game_id, ply=len(board.move_stack), start_fen=board.root().fen(),
                   fen=board.fen(), moves=tuple(move.uci() for move in board.move_stack),
                   turk_color=turk_color, turn=board.turn, status=status, result=result,
                   countdown_s=countdown_s)

    @property
    def is_turk_to_move(self) -> bool:
        """Whether the game is on and the Turk (the operator) is to move."""
        return self.status == "playing" and self.turn == self.turk_color

    def replay(self) -> chess.Board:
        """A board with the moves played from ``start_fen``, checked against ``fen``.

        :raises ProtocolError: (``bad_field``) if a move is illegal or the moves do not
            lead to ``fen``.
        """
        board = chess.Board(self.start_fen)
        for index, uci in enumerate(self.moves):
            move = chess.Move.from_uci(uci)
            if not board.is_legal(move):
                raise wire.field_error(f"moves[{index}]", f"{uci} is not legal there")
            board.push(move)
        if board.fen() != chess.Board(self.fen).fen():
            raise wire.field_error("fen", "is not where 'moves' lead from 'start_fen'")
        return board


@dataclass(frozen=True, kw_only=True)
class MoveAck:
    """The kiosk received the operator's move for ``ply`` and handed it to the game."""

    TYPE: ClassVar[str] = "ack"
    game_id: str
    ply: int
    uci: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_uci("uci", self.uci)


@dataclass(frozen=True, kw_only=True)
class VisitorLift:
    """The visitor picked up the piece on ``square``."""

    TYPE: ClassVar[str] = "lift"
    game_id: str
    ply: int
    square: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_square("square", self.square)


@dataclass(frozen=True, kw_only=True)
class VisitorDrop:
    """The visitor set the lifted piece down on ``to_square``, or put it back (``None``)."""

    TYPE: ClassVar[str] = "drop"
    game_id: str
    ply: int
    from_square: str
    to_square: str | None

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_square("from_square", self.from_square)
        if self.to_square is not None:
            wire.check_square("to_square", self.to_square)


@dataclass(frozen=True, kw_only=True)
class Hint:
    """One engine suggestion; the score is the Turk's, in centipawns or moves to mate."""

    uci: str
    san: str
    cp: int | None
    mate: int | None

    def __post_init__(self) -> None:
        wire.check_uci("uci", self.uci)
        wire.check_san("san", self.san)
        if (self.cp is None) == (self.mate is None):
            raise wire.field_error("cp", "exactly one of 'cp' and 'mate' must be given")
        if self.cp is not None:
            wire.check_int("cp", self.cp, low=-100_000, high=100_000)
        if self.mate is not None:
            wire.check_int("mate", self.mate, low=-500, high=500)


@dataclass(frozen=True, kw_only=True)
class Hints:
    """The engine's best moves for the position at ``ply`` (hybrid mode), best first."""

    TYPE: ClassVar[str] = "hints"
    game_id: str
    ply: int
    hints: tuple[Hint, ...]

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        if type(self.hints) is not tuple:
            raise wire.field_error("hints", f"must be a list, got {wire.type_name(self.hints)}")
        if len(self.hints) > wire.MAX_HINTS:
            raise wire.field_error("hints", f"must hold at most {wire.MAX_HINTS} hints")
        if not all(isinstance(hint, Hint) for hint in self.hints):
            raise wire.field_error("hints", "must hold hint objects")


@dataclass(frozen=True, kw_only=True)
class StoodIn:
    """The engine played ``uci`` at ``ply`` because the operator did not."""

    TYPE: ClassVar[str] = "stood_in"
    game_id: str
    ply: int
    uci: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_uci("uci", self.uci)


@dataclass(frozen=True, kw_only=True)
class VisitorLeft:
    """The visitor walked away; the kiosk is going back to its attract loop."""

    TYPE: ClassVar[str] = "visitor_left"
    game_id: str
    ply: int

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)


@dataclass(frozen=True, kw_only=True)
class GameOver:
    """The game ended with ``result`` for ``reason`` (e.g. ``checkmate``, ``time_cap``)."""

    TYPE: ClassVar[str] = "game_over"
    game_id: str
    ply: int
    result: str
    reason: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_choice("result", self.result, wire.RESULTS)
        wire.check_termination("reason", self.reason)


@dataclass(frozen=True, kw_only=True)
class ErrorReply:
    """The kiosk did nothing with the operator's line ``ref_line`` (1-based, per
    connection) of type ``ref_type``, for the reason given; ``None`` when not about a line."""

    TYPE: ClassVar[str] = "error"
    game_id: str | None
    ply: int
    code: str
    reason: str
    ref_line: int | None
    ref_type: str | None

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)
        wire.check_choice("code", self.code, wire.ERROR_CODES)
        wire.check_reason("reason", self.reason)
        if self.ref_line is not None:
            wire.check_int("ref_line", self.ref_line, low=1, high=2**53)
        if self.ref_type is not None:
            wire.check_str("ref_type", self.ref_type, max_chars=32)


@dataclass(frozen=True, kw_only=True)
class Heartbeat:
    """"Still here", sent by either side after ``heartbeat_s`` of saying nothing else."""

    TYPE: ClassVar[str] = "heartbeat"
    game_id: str | None = None
    ply: int = 0

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)


# --- operator → kiosk ------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Auth:
    """The operator's answer to the challenge, with the name the reveal will credit."""

    TYPE: ClassVar[str] = "auth"
    game_id: str | None
    ply: int
    name: str
    proof: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)
        wire.check_name("name", self.name)
        wire.check_hex("proof", self.proof, chars=64)


@dataclass(frozen=True, kw_only=True)
class OperatorMove:
    """The operator's move for ``ply`` of ``game_id``; ``from_hint`` if it was a hint."""

    TYPE: ClassVar[str] = "move"
    game_id: str
    ply: int
    uci: str
    from_hint: bool

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=True)
        wire.check_uci("uci", self.uci)
        wire.check_bool("from_hint", self.from_hint)


@dataclass(frozen=True, kw_only=True)
class Say:
    """Text for the Turk to spell on its letter board."""

    TYPE: ClassVar[str] = "say"
    game_id: str | None
    ply: int
    text: str

    def __post_init__(self) -> None:
        _check_stamp(self.game_id, self.ply, required=False)
        wire.check_say_text("text", self.text)


KioskMessage = (Hello | AuthOk | AuthRefused | GameState | MoveAck | VisitorLift | VisitorDrop
                | Hints | StoodIn | VisitorLeft | GameOver | ErrorReply | Heartbeat)
OperatorMessage = Auth | OperatorMove | Say | Heartbeat

KIOSK_TYPES: tuple[type[KioskMessage], ...] = (
    Hello, AuthOk, AuthRefused, GameState, MoveAck, VisitorLift, VisitorDrop, Hints, StoodIn,
    VisitorLeft, GameOver, ErrorReply, Heartbeat)
OPERATOR_TYPES: tuple[type[OperatorMessage], ...] = (Auth, OperatorMove, Say, Heartbeat)

__all__ = [
    "KIOSK_TYPES", "OPERATOR_TYPES", "Auth", "AuthOk", "AuthRefused", "ErrorReply", "GameOver",
    "GameState", "Heartbeat", "Hello", "Hint", "Hints", "KioskMessage", "MoveAck",
    "OperatorMessage", "OperatorMove", "ProtocolError", "Say", "StoodIn", "VisitorDrop",
    "VisitorLeft", "VisitorLift",
]
