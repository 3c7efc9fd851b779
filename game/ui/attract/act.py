"""What every act of the attract loop offers the loop, and what the loop hands every act.

Owns: ``Act`` (the protocol: start, update, draw, resize, close, done, and the notes shown
beside it), ``ActNotes`` (what the screen says about the act: a tag such as "a doubtful
record", a title, a line or two, the source ids, the moves of a replay) and ``Stagehand``
(the collaborators an act needs: the services, the layout, the languages, randomness).
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import chess
import pygame

from game.content.screens import load_text_sources
from game.content.sources import ContentError
from game.ui.attract.layout import AttractLayout
from game.ui.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActNotes:
    """What the screen says about the act being performed."""

    title: str
    lines: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tag: str = ""
    """A warning set above the title ("A doubtful record"), or ""."""


@dataclass(frozen=True)
class Moves:
    """The moves of a replay so far, for the scoresheet."""

    sans: tuple[str, ...]
    start_fullmove: int = 1
    start_turn: chess.Color = chess.WHITE

    def last(self, plies: int) -> Moves:
        """Only the last moves (about ``plies`` of them), starting on a whole move number."""
        offset = 0 if self.start_turn == chess.WHITE else 1  # a game that began with Black
        cut = max(0, len(self.sans) - plies)
        cut += (cut + offset) % 2  # start on White's half of a move
        if cut == 0:
            return self
        return Moves(self.sans[cut:], self.start_fullmove + (cut + offset) // 2, chess.WHITE)


class Act(Protocol):
    """One turn of the Turk's performance."""

    key: str
    """The act's name in the programme (``"tour"``, ``"replay:napoleon-1809"``)."""
    max_s: float
    """The longest the act may run; the loop moves on after it (a stuck act never freezes
    the screen)."""

    @property
    def is_done(self) -> bool:
        """Whether the act has finished (the loop fades to the next one)."""
        ...

    def start(self) -> None:
        """Begin (called once, after the act is made)."""

    def update(self, dt: float) -> None: ...

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        """Draw the whole window behind the loop's own texts (room, figure, cabinet, board)."""

    def resize(self, layout: AttractLayout) -> None: ...

    def close(self) -> None:
        """Stop sounds and release what the act holds."""

    def notes(self) -> ActNotes: ...

    def moves(self) -> Moves | None:
        """The moves so far (replays), or ``None``."""
        ...

    def visual_keys(self, alpha: float) -> dict[str, object] | None:
        """What each part of the act's drawing depends on, asked once a frame before
        ``draw`` (``None``: it cannot tell, every frame is drawn whole)."""
        ...

    def regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        """Where the parts in ``changed`` (keys of ``visual_keys``) draw, in this frame and
        the last (``None``: anywhere)."""
        ...


@dataclass
class Stagehand:
    """What the loop hands every act it makes."""

    services: Services
    layout: AttractLayout
    languages: Sequence[str]
    """The languages offered, the kiosk's own first."""
    rng: random.Random
    captions_enabled: bool = True
    sources_by_prefix: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def sources_of(self, prefix: str) -> tuple[str, ...]:
        """The source ids of the text under a key prefix (``turk.knights_tour``)."""
        return self.sources_by_prefix.get(prefix, ())


@functools.cache
def text_sources() -> Mapping[str, tuple[str, ...]]:
    """Source ids of the sourced text outside the reveal (read once; none if unreadable)."""
    try:
        return load_text_sources()
    except ContentError as exc:
        log.warning("attract loop: no sources for its notes: %s", str(exc)[:300])
        return {}
