"""What the kiosk tells its operator about the game, and what moves are judged against.

Owns: :class:`GameFeed` — the latest published state (its :class:`MoveGate` judges operator
moves against it), the latest hints while they are for that state, and which state the
connected operator last received. It decides what to send — the full state on joining and on
every change, the countdown as it stands when sent — and the link thread sends it.

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules (pure: chess + stdlib; time comes in as clock values).
"""

from __future__ import annotations

import dataclasses

from game.net.gate import MoveGate
from game.net.messages import GameState, Hints, KioskMessage

LATE_S = 0.05
"""A state sent this long after it was published has its countdown brought up to date."""


class GameFeed:
    """The game as the link thread knows it (from the game's ``Publish`` commands)."""

    def __init__(self) -> None:
        self.gate = MoveGate()
        self._published_at = 0.0
        self._hints: Hints | None = None
        self._sent: GameState | None = None

    @property
    def state(self) -> GameState | None:
        """The latest published state, if any."""
        return self.gate.state

    @property
    def stamp(self) -> tuple[str | None, int]:
        """The game id and ply every kiosk message carries (``None``, 0 before any game)."""
        state = self.gate.state
        return (None, 0) if state is None else (state.game_id, state.ply)

    def publish(self, state: GameState, *, at: float, now: float) -> GameState | None:
        """Judge moves against ``state`` from now on; the state to send the connected
        operator, if it differs from what they last got."""
        self.gate.publish(state)
        self._published_at = at
        hints = self._hints
        if hints is not None and (hints.game_id, hints.ply) != (state.game_id, state.ply):
            self._hints = None
        return None if state == self._sent else self._as_sent(state, now)

    def keep_hints(self, hints: Hints) -> None:
        """The engine's latest hints: a (re)joining operator gets them while current."""
        self._hints = hints

    def on_joining(self, now: float) -> list[KioskMessage]:
        """What a new operator receives after ``auth_ok``: the state and current hints."""
        state = self.gate.state
        if state is None:
            return []
        sent: list[KioskMessage] = [self._as_sent(state, now)]
        hints = self._hints
        if hints is not None and (hints.game_id, hints.ply) == (state.game_id, state.ply):
            sent.append(hints)
        return sent

    def operator_left(self) -> None:
        """Nobody has received anything now."""
        self._sent = None

    def _as_sent(self, state: GameState, now: float) -> GameState:
        self._sent = state
        elapsed = now - self._published_at
        if state.countdown_s is not None and elapsed > LATE_S:
            # The countdown was true when published; tell a late joiner what is left now.
            return dataclasses.replace(
                state, countdown_s=round(max(0.0, state.countdown_s - elapsed), 1))
        return state
