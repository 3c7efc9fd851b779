"""The kiosk's two-tier idle rule: ask "Still playing?", then close the game and reset.

Owns: ``IdleWatch`` — counts the seconds without a touch while the visitor is to move; after
``idle_s`` it asks (tier one, a visible countdown of ``countdown_s``), and when the countdown
runs out without a touch it expires (tier two: the game is closed as abandoned). A touch at any
time starts the count afresh. Time comes in through ``update(dt)``; nothing here reads a clock.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class IdleState(enum.Enum):
    ACTIVE = "active"
    """Someone is there (or it is not the visitor's turn)."""
    ASKING = "asking"
    """"Still playing?" is showing, counting down."""
    EXPIRED = "expired"
    """Nobody answered: close the game."""


@dataclass
class IdleWatch:
    """Seconds without a touch, and what they mean."""

    idle_s: float
    """Seconds without a touch, on the visitor's turn, before asking."""
    countdown_s: float
    """How long the question waits for an answer."""
    quiet_s: float = 0.0
    """Seconds since the last touch (counted only while the visitor is to move)."""
    asked_s: float = 0.0
    """Seconds since the question appeared."""
    state: IdleState = IdleState.ACTIVE

    @property
    def remaining_s(self) -> float:
        """Seconds left on the countdown (the full countdown while not asking)."""
        if self.state is IdleState.ASKING:
            return max(0.0, self.countdown_s - self.asked_s)
        return self.countdown_s if self.state is IdleState.ACTIVE else 0.0

    def touch(self) -> None:
        """The visitor touched the screen (or a key): start counting again."""
        if self.state is not IdleState.EXPIRED:
            self.state = IdleState.ACTIVE
            self.quiet_s = self.asked_s = 0.0

    def update(self, dt: float, *, visitor_to_move: bool) -> IdleState:
        """Advance by ``dt`` seconds; returns the state after it.

        Quiet time counts only while the visitor is to move (the Turk's thinking and moving
        is not the visitor's idleness); once asked, the countdown runs regardless.
        """
        if self.state is IdleState.ACTIVE:
            if visitor_to_move:
                self.quiet_s += dt
            if self.quiet_s >= self.idle_s:
                self.state, self.asked_s = IdleState.ASKING, 0.0
        elif self.state is IdleState.ASKING:
            self.asked_s += dt
            if self.asked_s >= self.countdown_s:
                self.state = IdleState.EXPIRED
        return self.state

    def reset(self) -> None:
        """A new game: nobody has been idle yet."""
        self.state, self.quiet_s, self.asked_s = IdleState.ACTIVE, 0.0, 0.0
