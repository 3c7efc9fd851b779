"""Shared look of overlays: a dimmed screen and a wooden panel with a title.

Owns: ``OverlayScene`` (the base of promotion, new-game and game-over overlays: not opaque,
the scene below keeps running, a tap outside the panel can close it) and ``draw_panel``.
"""

from __future__ import annotations

import pygame

from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, PointerReleased
from game.ui.layout import Viewport
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import ButtonRow, Pressed, draw_plaque

PANEL_TOP = (96, 58, 32)
PANEL_BOTTOM = (60, 34, 18)
PANEL_EDGE = (210, 170, 96)
TITLE = (246, 230, 196)


class OverlayScene(Scene):
    """A panel over the scene below."""

    is_opaque = False
    lets_below_update = True
    closes_on_outside_tap = True

    def __init__(self, services: Services) -> None:
        self.services = services
        self.panel = pygame.Rect(0, 0, 0, 0)
        self.buttons: ButtonRow | None = None
        self._dim: tuple[tuple[int, int], pygame.Surface] | None = None
        self._outside_press = False

    @property
    def viewport(self) -> Viewport:
        return Viewport.for_window(self.services.window_size)

    def targets(self) -> dict[str, pygame.Rect]:
        return self.buttons.targets() if self.buttons is not None else {}

    def relabel(self) -> None:
        if self.buttons is not None:
            self.buttons.relabel(self.services.strings)

    def close(self) -> None:
        self.services.stack.remove(self)

    def on_action(self, action: str, value: str = "") -> None:
        """A button was pressed (``value``: which one, of several with one action)."""

    def handle(self, intent: Intent) -> bool:
        if self.buttons is not None:
            answer = self.buttons.handle(intent)
            if isinstance(answer, Pressed):
                self.on_action(answer.action, answer.value)
                return True
            if answer is not None:
                return True
        if isinstance(intent, PointerPressed):
            self._outside_press = not self.panel.collidepoint(intent.pos)
        elif isinstance(intent, PointerReleased):
            if self._outside_press and self.closes_on_outside_tap:
                self.close()
            self._outside_press = False
        elif (isinstance(intent, CommandIssued) and intent.command is Command.CANCEL
              and self.closes_on_outside_tap):
            self.close()
        return True

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        if self._dim is None or self._dim[0] != size:
            dim = pygame.Surface(size, pygame.SRCALPHA)
            dim.fill((10, 6, 4, 150))
            self._dim = (size, dim)
        surface.blit(self._dim[1], (0, 0))

    def draw_panel(self, surface: pygame.Surface, title: str) -> pygame.Rect:
        """The panel with its title; returns the area left for content."""
        scale = self.viewport.scale
        draw_plaque(surface, self.panel, radius=round(22 * scale), top=PANEL_TOP,
                    bottom=PANEL_BOTTOM, edge=PANEL_EDGE)
        style = TextStyle(Face.SMALL_CAPS, round(46 * scale), TITLE)
        inner = self.panel.inflate(-round(60 * scale), -round(50 * scale))
        used = self.services.text.draw_block(surface, title, style, inner, align="center")
        return pygame.Rect(inner.left, inner.top + used + round(20 * scale), inner.width,
                           inner.height - used - round(20 * scale))

