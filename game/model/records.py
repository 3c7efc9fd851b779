"""Who really made each move: the sealed record the reveal reads.

Owns: ``MoveAuthor`` (every true source of a move) and ``MoveRecord`` (one played move with
its author). Nothing on the visitor's screen may show an author except the reveal.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass


class MoveAuthor(enum.Enum):
    """The true source of a move."""

    VISITOR = "visitor"
    """The person playing against the Turk."""
    OPERATOR = "operator"
    """The hidden operator's own move."""
    OPERATOR_HINT = "operator_hint"
    """An engine suggestion that the hidden operator accepted (hybrid play)."""
    ENGINE = "engine"
    """The engine, chosen as the Turk's player for this game."""
    ENGINE_STANDIN = "engine_standin"
    """The engine standing in for an absent or silent operator."""
    BOOK = "book"
    """A move from the opening book."""
    SCRIPTED = "scripted"
    """A fixed move list (attract loop, historical replay, tests)."""
    CROWD = "crowd"
    """A classroom crowd chose the move: workers proposed moves and the platform aggregated."""
    CROWD_RANKED = "crowd_ranked"
    """A classroom crowd ranked the engine's candidate moves and the platform played the
    winner (rating, as in RLHF)."""

    @property
    def is_human(self) -> bool:
        """Whether a person chose this move."""
        return self in (MoveAuthor.VISITOR, MoveAuthor.OPERATOR, MoveAuthor.OPERATOR_HINT,
                        MoveAuthor.CROWD, MoveAuthor.CROWD_RANKED)


@dataclass(frozen=True)
class MoveRecord:
    """One move of the game and who made it."""

    ply: int
    """Half-move index from the game's start position, from 0."""
    uci: str
    san: str
    author: MoveAuthor
    detail: str = ""
    """Free text for the record: the operator's name, "standing in"."""
    think_s: float = 0.0
    """Seconds between the request and the move being shown (Turk moves only)."""
    _: dataclasses.KW_ONLY
    engine_name: str = ""
    """The engine that chose the move (its ``id name``), when an engine did."""
    level: int | None = None
    """The level the engine played at, when an engine chose the move."""
