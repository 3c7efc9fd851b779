"""What crosses between the web server's thread and the game loop, as frozen values.

Owns: the ``WebEvent`` values the server hands the game (a join or resume asked for, an answer
that passed the edge checks, a connection lost) and the ``WebCommand`` values the game hands
the server (bind a connection to a worker, refuse, post or close a task, the room's state, a
receipt, stop). Connections are named by number; workers by the platform's id.

Must not import: sockets, aiohttp, pygame or anything above ``game.crowd``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.crowd.summary import Receipt
from game.crowd.tasks import Task


@dataclass(frozen=True)
class JoinAsked:
    conn: int
    name: str
    language: str


@dataclass(frozen=True)
class ResumeAsked:
    conn: int
    token: str


@dataclass(frozen=True)
class AnswerArrived:
    conn: int
    worker_id: str
    task_id: str
    game_id: str
    ply: int
    answer: tuple[str, ...]
    received_at: float
    """The server's monotonic clock when the message arrived (for the benchmark)."""


@dataclass(frozen=True)
class ConnectionLost:
    conn: int
    worker_id: str


WebEvent = JoinAsked | ResumeAsked | AnswerArrived | ConnectionLost


@dataclass(frozen=True)
class Bind:
    """``conn`` is worker ``worker_id`` from now on; send them the welcome."""

    conn: int
    worker_id: str
    name: str
    token: str
    points: int
    answered: frozenset[str] = frozenset()
    """Open tasks this worker has already answered (a worker coming back)."""


@dataclass(frozen=True)
class Refuse:
    conn: int
    reason: str
    ref: str | None = None


@dataclass(frozen=True)
class PostTask:
    """Show ``task`` to every worker (again, with a new countdown, after a pause)."""

    task: Task
    seconds_left: float


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    earned: int
    points: int
    """The worker's balance after this task."""


@dataclass(frozen=True)
class CloseTask:
    task_id: str
    outcomes: Mapping[str, Outcome] = field(default_factory=lambda: MappingProxyType({}))
    """worker id → their outcome, for those who answered."""


@dataclass(frozen=True)
class Counted:
    worker_id: str
    task_id: str


@dataclass(frozen=True)
class RoomState:
    is_open: bool
    paused: bool
    ended: bool


@dataclass(frozen=True)
class SendReceipt:
    worker_id: str
    receipt: Receipt


WebCommand = Bind | Refuse | PostTask | CloseTask | Counted | RoomState | SendReceipt
