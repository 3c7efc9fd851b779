"""The one interface every source of Turk moves implements.

Owns: ``Opponent`` (the protocol), ``MoveRequest`` and ``MoveReply`` (the snapshots that cross
into and out of a source), and the ``OpponentError`` tree. A source never blocks its caller:
``request_move`` hands over a snapshot and returns at once; ``poll`` answers at once with a
reply or ``None``. Replies carry the game id and ply they answer, so stale ones are dropped.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol

import chess

from game.model.records import MoveAuthor


class OpponentError(RuntimeError):
    """A source of moves failed."""


class OpponentUnavailableError(OpponentError):
    """The source cannot be used: the engine is missing, will not start, or keeps crashing."""


@dataclass(frozen=True)
class MoveRequest:
    """Please choose a move for the side to move in ``board``.

    ``board`` is a copy owned by the receiver (with its move stack, for repetitions).
    """

    game_id: str
    ply: int
    board: chess.Board


@dataclass(frozen=True)
class MoveReply:
    """A move chosen for a request, and who really chose it."""

    game_id: str
    ply: int
    move: chess.Move
    author: MoveAuthor
    detail: str = ""
    """Free text for the record (the operator's name, "standing in")."""
    _: dataclasses.KW_ONLY
    engine_name: str = ""
    """The engine that chose the move (its ``id name``), when an engine did."""
    level: int | None = None
    """The level the engine played at, when an engine chose the move."""


class Opponent(Protocol):
    """A source of the Turk's moves."""

    @property
    def description(self) -> str:
        """Who or what this is, for logs and the game record (never shown to the visitor)."""
        ...

    def start(self) -> None:
        """Get ready (start a process, open a connection) without blocking."""

    def request_move(self, request: MoveRequest) -> None:
        """Start choosing a move; replaces any earlier request."""

    def poll(self) -> MoveReply | None:
        """The reply to the current request, once, or ``None`` if it is not ready.

        :raises OpponentError: if the request failed.
        """
        ...

    def cancel(self) -> None:
        """Forget the current request (its reply, if it comes, is dropped)."""

    def close(self) -> None:
        """Release processes and connections."""
