"""The director: in a hidden-operator game, who makes each of the Turk's moves, and when.

Owns: ``DirectorSettings``, ``Hand`` and ``Director``. For every Turk move the director gives
the hidden operator the hand while they are present; if they are absent, or silent past the
stand-in limit, it hands the move to the engine (the operator sees the limit as a countdown)
and gives the next Turk move back to the operator. An operator who has been gone for longer
than the limit is not waited for again: the engine plays at its own, paced speed until they
return. The director also keeps the operator's time at the lever for the game's credit.

Timing never tells who played: a person's move is held to the pacing's minimum by the match;
the engine's move, when it stands in after the limit, is held a further position-dependent
"thought" (planned by the caller with ``game.model.pacing``), so a stand-in never lands at a
fixed moment after the limit.

Must not import: pygame, clocks (time is passed in, in seconds), or anything above
``game.model``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True)
class DirectorSettings:
    """How long the Turk waits for its hidden operator.

    :raises ValueError: if the limit is not a positive number of seconds.
    """

    standin_after_s: float = 40.0
    """The longest the Turk waits for the operator's move before the engine makes it."""

    def __post_init__(self) -> None:
        if not self.standin_after_s > 0:
            raise ValueError(f"standin_after_s must be positive, not {self.standin_after_s!r}")


class Hand(enum.Enum):
    """Who makes the Turk's current move."""

    OPERATOR = "operator"
    """The hidden operator (a countdown runs)."""
    ENGINE = "engine"
    """The engine, standing in for an absent or silent operator."""


@dataclass
class _Turn:
    game_id: str
    ply: int
    asked_at: float
    think_s: float
    hand: Hand
    release_at: float = 0.0
    """When a stand-in's move may be shown (meaningful once the engine has the hand)."""
    answered: bool = False


class Director:
    """Decides, move by move, between the hidden operator and the standing-in engine.

    :param settings: the stand-in limit.
    :param now: the time the kiosk session starts (no operator is present yet).
    """

    def __init__(self, settings: DirectorSettings, *, now: float) -> None:
        self.settings = settings
        self._present = False
        self._absent_since = now
        self._turn: _Turn | None = None
        self._playing = False
        self._lever_s = 0.0
        self._lever_from: float | None = None

    # -- the operator's presence ------------------------------------------------------------

    @property
    def is_present(self) -> bool:
        """Whether an operator is connected now."""
        return self._present

    def operator_joined(self, now: float) -> None:
        """An operator proved the code and sits at the lever."""
        if self._present:
            return
        self._present = True
        if self._playing:
            self._lever_from = now

    def operator_left(self, now: float) -> None:
        """The operator's connection ended (closed, silent, or killed)."""
        if not self._present:
            return
        self._present = False
        self._absent_since = now
        self._stop_lever(now)

    # -- games and time at the lever -----------------------------------------------------------

    def begin_game(self, now: float) -> None:
        """A new game starts: the time at the lever counts from zero."""
        self._turn = None
        self._playing = True
        self._lever_s = 0.0
        self._lever_from = now if self._present else None

    def end_game(self, now: float) -> None:
        """The game is over: the time at the lever stops."""
        self._stop_lever(now)
        self._playing = False
        self._turn = None

    def lever_s(self, now: float) -> float:
        """Seconds the operator sat at the lever during the current (or last) game."""
        running = now - self._lever_from if self._lever_from is not None else 0.0
        return self._lever_s + running

    def _stop_lever(self, now: float) -> None:
        if self._lever_from is not None:
            self._lever_s += now - self._lever_from
            self._lever_from = None

    # -- turns --------------------------------------------------------------------------------

    def begin_turn(self, game_id: str, ply: int, now: float, *, think_s: float) -> Hand:
        """The Turk is to move at ``ply`` of ``game_id``: who has the hand.

        ``think_s`` is how long the engine's move is held once it stands in after the limit
        (a planned, position-dependent thinking time).
        """
        turn = _Turn(game_id, ply, now, max(0.0, think_s), Hand.OPERATOR)
        self._turn = turn
        if self._due_at(turn) <= now:
            # Gone for longer than the limit: not waited for again; the match paces the engine.
            turn.hand, turn.release_at = Hand.ENGINE, now
        return turn.hand

    def end_turn(self) -> None:
        """The move was played, or the request was withdrawn (takeback, new game)."""
        self._turn = None

    @property
    def hand(self) -> Hand | None:
        """Who makes the current move, or ``None`` between turns."""
        return None if self._turn is None else self._turn.hand

    def tick(self, now: float) -> bool:
        """Whether the engine must stand in now (``True`` once per turn, at the limit)."""
        turn = self._turn
        if turn is None or turn.hand is not Hand.OPERATOR or turn.answered:
            return False
        if now < self._due_at(turn):
            return False
        turn.hand = Hand.ENGINE
        turn.release_at = now + turn.think_s
        return True

    def countdown_s(self, now: float) -> float | None:
        """Seconds the operator has left for the current move (``None``: no countdown)."""
        turn = self._turn
        if turn is None or turn.hand is not Hand.OPERATOR or turn.answered:
            return None
        return max(0.0, self._due_at(turn) - now)

    def accept_operator_move(self, game_id: str, ply: int, now: float) -> bool:
        """Whether the operator's move for ``ply`` of ``game_id`` is the one to play.

        Refused when it answers another turn, when the engine already has the hand, or when
        the operator already answered (a repeat).
        """
        turn = self._turn
        if turn is None or (turn.game_id, turn.ply) != (game_id, ply):
            return False
        self.tick(now)  # the limit may have passed since the last tick
        if turn.hand is not Hand.OPERATOR or turn.answered:
            return False
        turn.answered = True
        return True

    def may_release_standin(self, now: float) -> bool:
        """Whether the engine's move may now be shown (its planned thought has passed)."""
        turn = self._turn
        return turn is not None and turn.hand is Hand.ENGINE and now >= turn.release_at

    def _due_at(self, turn: _Turn) -> float:
        """When the engine takes over ``turn``: the limit after the request, or after the
        operator left if they were already gone when the turn began."""
        due = turn.asked_at + self.settings.standin_after_s
        if not self._present:
            due = min(due, self._absent_since + self.settings.standin_after_s)
        return due
