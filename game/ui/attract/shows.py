"""The Turk's set pieces in the attract loop: the Knight's Tour and the presenter's show.

Owns: ``TourAct`` and ``ShowAct``, which run the game's own scenes (``KnightsTourScene``,
``ExhibitionScene``) as acts: the loop handles every touch, so their buttons are hidden; their
own headings give way to the loop's notes, and their captions move where the invitation
leaves room. The tour starts on a square the loop's randomness picks; the show runs through
Poe's order by itself.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import chess
import pygame

from game.ui.attract.act import ActNotes, Moves, Stagehand
from game.ui.attract.layout import AttractLayout, attract_layout
from game.ui.board_view import BoardGeometry
from game.ui.layout import Viewport, stage_framing
from game.ui.scenes.exhibition import STEPS, ExhibitionScene, Step
from game.ui.scenes.knights_tour import KnightsTourScene
from game.ui.widgets import ButtonRow

SHOW_TOP, SHOW_BOTTOM = -0.82, 2.26
"""The stage units the show frames (as ``ExhibitionScene`` does)."""
END_HOLD_S = 3.5


def _hide(buttons: ButtonRow) -> None:
    """The loop takes every touch: a button drawn here would promise what it cannot do."""
    for button in buttons.buttons:
        button.visible = False
        button.rect = None


class _LoopTour(KnightsTourScene):
    """The tour scene without its button and heading (the loop shows its own notes)."""

    caption_area: pygame.Rect | None = None

    def _draw_text(self, surface: pygame.Surface) -> None:
        if self.caption_area is not None:
            self.captions.draw(surface, self.caption_area, self.layout.viewport.scale)


class TourAct:
    """The Knight's Tour from a square the loop picks."""

    key = "tour"
    max_s = 4 * 60.0

    def __init__(self, hand: Stagehand) -> None:
        self._hand = hand
        self._done = False
        self._end_hold_s = END_HOLD_S
        self.start_square = random.Random(hand.rng.random()).choice(chess.SQUARES)
        self.scene = _LoopTour(hand.services, self._finished,
                               captions_enabled=hand.captions_enabled)
        _hide(self.scene.buttons)

    def _finished(self) -> None:
        self._done = True

    def start(self) -> None:
        self.resize(self._hand.layout)
        self.scene.begin(self.start_square)

    def resize(self, layout: AttractLayout) -> None:
        self.scene.resize(layout.play.viewport.window)
        self.scene.caption_area = layout.caption
        _hide(self.scene.buttons)

    def close(self) -> None:
        self.scene.automaton.stop()
        self._hand.services.sounds.stop_all()

    @property
    def visited(self) -> int:
        return self.scene.visited

    @property
    def is_done(self) -> bool:
        return self._done or self._end_hold_s <= 0

    def update(self, dt: float) -> None:
        self.scene.update(dt)
        if self.scene.path and not self.scene.automaton.is_busy:
            self._end_hold_s -= dt

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.scene.draw(surface, alpha)

    def notes(self) -> ActNotes:
        strings = self._hand.services.strings
        return ActNotes(strings.get("turk.knights_tour.headline"),
                        (strings.get("ui.tour.count", visited=self.visited),
                         strings.get("turk.knights_tour.caption")),
                        self._hand.sources_of("turk.knights_tour"))

    def moves(self) -> Moves | None:
        return None

    def visual_keys(self, alpha: float) -> dict[str, object] | None:
        return None  # the whole screen animates: every frame is drawn whole

    def regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        return None


class _LoopShow(ExhibitionScene):
    """The show framed between the loop's bands, without its buttons and title."""

    def resize(self, size: tuple[int, int]) -> None:
        layout = attract_layout(size)
        top, bottom = layout.show_reserve
        self.viewport, self.framing = stage_framing(size, top=SHOW_TOP, bottom=SHOW_BOTTOM,
                                                    reserve_top=top, reserve_bottom=bottom)
        self.board.set_geometry(BoardGeometry(self.framing.board_rect(), True))
        self.services.painter.prewarm(self.framing, [
            n for n in self.services.painter.book.parts if not n.startswith("interior")])
        _hide(self.buttons)
        self.caption_area, self.caption_anchor = layout.show_caption, "midtop"

    @property
    def step(self) -> Step:
        """The step shown; after the last one it stays (the loop fades out over it)."""
        return STEPS[min(max(0, self.index), len(STEPS) - 1)]

    def _draw_title(self, surface: pygame.Surface, viewport: Viewport) -> None:
        """The loop's notes name the show."""


class ShowAct:
    """The presenter shows the cabinet "empty", door after door."""

    key = "show"
    max_s = 3 * 60.0

    def __init__(self, hand: Stagehand) -> None:
        self._hand = hand
        self._done = False
        self.scene = _LoopShow(hand.services, self._finished,
                               captions_enabled=hand.captions_enabled)

    def _finished(self, skipped: bool) -> None:
        self._done = True

    def start(self) -> None:
        self.scene.enter()

    def resize(self, layout: AttractLayout) -> None:
        self.scene.resize(layout.play.viewport.window)

    def close(self) -> None:
        self.scene.exit()

    @property
    def step(self) -> int:
        """The show's step now (0: the presenter's welcome, 7: the key wound)."""
        return min(max(0, self.scene.index), len(STEPS) - 1)

    @property
    def is_done(self) -> bool:
        return self._done

    def update(self, dt: float) -> None:
        if not self._done:
            self.scene.update(dt)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.scene.draw(surface, alpha)

    def notes(self) -> ActNotes:
        strings = self._hand.services.strings
        return ActNotes(strings.get("attract.show.title"),
                        (strings.get("turk.exhibition.note"),),
                        self._hand.sources_of("turk.exhibition"))

    def moves(self) -> Moves | None:
        return None

    def visual_keys(self, alpha: float) -> dict[str, object] | None:
        return None  # the whole screen animates: every frame is drawn whole

    def regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        return None
