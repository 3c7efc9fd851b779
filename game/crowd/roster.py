"""The workers in the room: who joined, under which pseudonym, and whether they are here.

Owns: ``Roster`` and its frozen ``Worker`` snapshots. A worker joins with a pseudonym (cleaned
by ``game.crowd.names``; a name already taken gets a number), receives a resume token, and
keeps their identity — and so their earnings — when they drop and come back with that token.
The teacher can hide any pseudonym: a hidden worker is shown as "worker N" everywhere. Time
connected is counted from the injected clock. Nothing is written anywhere: the roster lives
as long as the session.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from game.crowd.names import NameRefusedError, clean_pseudonym

MAX_WORKERS = 200
"""A room holds at most this many workers (the design load is 60)."""


class RoomFullError(ValueError):
    """No more workers fit in the room."""


@dataclass(frozen=True)
class Worker:
    """One worker as the platform knows them."""

    worker_id: str
    number: int
    """1 for the first to join, and so on (names the worker when the pseudonym is hidden)."""
    name: str
    token: str
    joined_at: float
    hidden: bool = False
    connected: bool = True
    connected_since: float | None = None
    seconds_connected: float = 0.0
    """Time connected before ``connected_since`` (the current stretch is not in it)."""

    def time_connected(self, now: float) -> float:
        current = 0.0 if self.connected_since is None else max(0.0, now - self.connected_since)
        return self.seconds_connected + current


def new_token() -> str:
    """A resume token: unguessable, URL-safe."""
    return secrets.token_urlsafe(18)


class Roster:
    """Every worker of the session, by id and by resume token.

    :param blocklist: blocked stems for pseudonyms (``game.crowd.names.load_blocklist``).
    :param token: makes resume tokens (injected so tests can predict them).
    """

    def __init__(self, blocklist: frozenset[str] = frozenset(), *,
                 token: Callable[[], str] = new_token, max_workers: int = MAX_WORKERS) -> None:
        self._blocklist = blocklist
        self._token = token
        self._max = max_workers
        self._workers: dict[str, Worker] = {}
        self._by_token: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._workers)

    @property
    def workers(self) -> tuple[Worker, ...]:
        """Every worker, in the order they joined."""
        return tuple(self._workers.values())

    def get(self, worker_id: str) -> Worker | None:
        return self._workers.get(worker_id)

    def present(self) -> tuple[Worker, ...]:
        """The workers connected now."""
        return tuple(w for w in self._workers.values() if w.connected)

    def join(self, name: str, now: float) -> Worker:
        """A new worker with pseudonym ``name``.

        :raises NameRefusedError: if the pseudonym is refused (the reason says why).
        :raises RoomFullError: if the room is full.
        """
        cleaned = clean_pseudonym(name, self._blocklist)
        if len(self._workers) >= self._max:
            raise RoomFullError("room_full")
        number = len(self._workers) + 1
        token = self._token()
        worker = Worker(f"w{number}", number, self._unique(cleaned), token, joined_at=now,
                        connected_since=now)
        self._workers[worker.worker_id] = worker
        self._by_token[token] = worker.worker_id
        return worker

    def _unique(self, name: str) -> str:
        taken = {w.name.casefold() for w in self._workers.values()}
        if name.casefold() not in taken:
            return name
        suffix = 2
        while f"{name} {suffix}".casefold() in taken:
            suffix += 1
        return f"{name} {suffix}"

    def resume(self, token: str, now: float) -> Worker | None:
        """The worker holding ``token``, connected again; ``None`` for an unknown token."""
        worker_id = self._by_token.get(token)
        if worker_id is None:
            return None
        worker = self._workers[worker_id]
        if not worker.connected:
            worker = dataclasses.replace(worker, connected=True, connected_since=now)
            self._workers[worker_id] = worker
        return worker

    def leave(self, worker_id: str, now: float) -> None:
        """The worker's page closed or lost its connection (they may come back)."""
        worker = self._workers.get(worker_id)
        if worker is None or not worker.connected:
            return
        self._workers[worker_id] = dataclasses.replace(
            worker, connected=False, connected_since=None,
            seconds_connected=worker.time_connected(now))

    def set_hidden(self, worker_id: str, hidden: bool) -> bool:
        """Hide (or show again) a worker's pseudonym; whether the worker exists."""
        worker = self._workers.get(worker_id)
        if worker is None:
            return False
        self._workers[worker_id] = dataclasses.replace(worker, hidden=hidden)
        return True


__all__ = ["NameRefusedError", "RoomFullError", "Roster", "Worker", "new_token"]
