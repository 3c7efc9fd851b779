"""Two overlays of the unattended kiosk: "Still playing?" and the time cap's winding down.

Owns: ``StillThereScene`` — tier one of the idle rule: a large question over the game, a
countdown the visitor can see (number and a shrinking bar) and one big button; any touch
counts as an answer. ``WindingDownScene`` — when the time cap runs out: "Time is up", while the
position is judged; it takes every touch so nothing moves on the board meanwhile. Both only
show what the kiosk controller tells them; they decide nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui.intents import CommandIssued, Intent, PointerPressed, TextTyped
from game.ui.reveal.chrome import countdown_bar
from game.ui.scenes.overlay import OverlayScene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow

BODY = (236, 214, 176)
COUNT = (255, 236, 190)


class StillThereScene(OverlayScene):
    """ "Still playing?" with the seconds left; any touch answers yes.

    :param remaining_s: the seconds left on the countdown (read every frame).
    :param total_s: the whole countdown (for the bar).
    :param on_answer: the visitor is still there.
    """

    closes_on_outside_tap = False

    def __init__(self, services: Services, *, remaining_s: Callable[[], float], total_s: float,
                 on_answer: Callable[[], None]) -> None:
        super().__init__(services)
        self._remaining_s = remaining_s
        self._total_s = total_s
        self._on_answer = on_answer
        self.buttons = ButtonRow(services.text, [
            Button("yes", services.strings.get("kiosk.still.button"), key="kiosk.still.button")])
        self.buttons.focus = 0
        self.resize(services.window_size)

    def resize(self, size: tuple[int, int]) -> None:
        vp = self.viewport
        width = min(vp.length(1100), size[0] - vp.length(60))
        self.panel = pygame.Rect(0, 0, width, vp.length(560))
        self.panel.center = vp.rect(0, 0, *vp.design).center
        assert self.buttons is not None
        button = self.buttons.buttons[0]
        button.rect = pygame.Rect(0, 0, self.panel.width - vp.length(120), vp.length(120))
        button.rect.midbottom = (self.panel.centerx, self.panel.bottom - vp.length(50))

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed | CommandIssued | TextTyped):
            self.services.stack.remove(self)
            self._on_answer()
        return True

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.draw_backdrop(surface)
        strings, scale = self.services.strings, self.viewport.scale
        area = self.draw_panel(surface, strings.get("kiosk.still.headline"))
        seconds = math.ceil(self._remaining_s())
        count = TextStyle(Face.BOLD, round(120 * scale), COUNT)
        self.services.text.draw(surface, str(seconds), count,
                                (area.centerx, area.top + round(60 * scale)), anchor="center")
        body = TextStyle(Face.ITALIC, round(38 * scale), BODY)
        text_area = pygame.Rect(area.left, area.top + round(130 * scale), area.width,
                                round(100 * scale))
        self.services.text.draw_block(surface, strings.get("kiosk.still.body",
                                                           seconds=seconds),
                                      body, text_area, align="center")
        assert self.buttons is not None
        self.buttons.draw(surface)
        rect = self.buttons.buttons[0].rect
        if rect is not None:
            countdown_bar(surface, rect, 1.0 - self._remaining_s() / self._total_s)


class WindingDownScene(OverlayScene):
    """ "Time is up": shown while the time cap's verdict is worked out; blocks the board."""

    closes_on_outside_tap = False

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.shown_s = 0.0
        self.resize(services.window_size)

    def resize(self, size: tuple[int, int]) -> None:
        vp = self.viewport
        width = min(vp.length(1000), size[0] - vp.length(60))
        self.panel = pygame.Rect(0, 0, width, vp.length(320))
        self.panel.center = vp.rect(0, 0, *vp.design).center

    def handle(self, intent: Intent) -> bool:
        return True

    def update(self, dt: float) -> None:
        self.shown_s += dt

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.draw_backdrop(surface)
        strings, scale = self.services.strings, self.viewport.scale
        area = self.draw_panel(surface, strings.get("kiosk.winding.headline"))
        body = TextStyle(Face.ITALIC, round(38 * scale), BODY)
        dots = "." * (1 + int(self.shown_s * 2) % 3)
        self.services.text.draw_block(surface, strings.get("kiosk.winding.body") + dots, body,
                                      area, align="center")
