"""Choosing a new game: which colour the visitor plays and how strong the Turk is.

Owns: ``NewGameScene`` — an overlay with the colour choice (White, Black, either), the eight
levels (1: a beginner can win … 8: full strength), and Start / Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.match import GameSetup
from game.ui.scenes.overlay import OverlayScene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow

if TYPE_CHECKING:
    from game.ui.scenes.play import PlayScene

LABEL = (236, 214, 176)
COLORS = ("white", "black", "random")


class NewGameScene(OverlayScene):
    """Pick colour and level, then start."""

    def __init__(self, services: Services, play: PlayScene, *, level: int,
                 color: str = "white", on_tour: Callable[[], None] | None = None) -> None:
        super().__init__(services)
        self.play = play
        self.color = color
        self.level = level
        s = services.strings
        buttons = [Button("color", s.get(f"ui.button.{c}"), key=f"ui.button.{c}", value=c)
                   for c in COLORS]
        buttons += [Button("level", str(n), value=str(n)) for n in range(1, 9)]
        buttons += [Button("start", s.get("ui.button.start"), key="ui.button.start"),
                    Button("cancel", s.get("ui.button.cancel"), key="ui.button.cancel")]
        self.on_tour = on_tour
        if on_tour is not None:
            buttons.append(Button("tour", s.get("ui.button.knights_tour"),
                                  key="ui.button.knights_tour"))
        self.buttons = ButtonRow(services.text, buttons)
        self.buttons.focus = len(buttons) - 2
        self._sync()
        self.resize(services.window_size)

    def _sync(self) -> None:
        assert self.buttons is not None
        for button in self.buttons.buttons:
            button.selected = ((button.action == "color" and button.value == self.color)
                               or (button.action == "level"
                                   and button.value == str(self.level)))

    def resize(self, size: tuple[int, int]) -> None:
        vp = self.viewport
        width = min(vp.length(1000), size[0] - vp.length(40))
        self.panel = pygame.Rect(0, 0, width, vp.length(700))
        self.panel.center = vp.design_rect.center
        assert self.buttons is not None
        pad = vp.length(50)
        inner = self.panel.inflate(-2 * pad, 0)
        height = vp.length(80)
        colors = self.buttons.buttons[:3]
        levels = self.buttons.buttons[3:11]
        actions = self.buttons.buttons[11:]
        self._row(colors, inner.left, self.panel.top + vp.length(190), inner.width, height)
        self._row(levels, inner.left, self.panel.top + vp.length(370), inner.width, height)
        share = len(actions) / 4
        self._row(actions, inner.left + round(inner.width * (1 - share) / 2),
                  self.panel.bottom - vp.length(120), round(inner.width * share), height)
        self._labels = (self.panel.top + vp.length(140), self.panel.top + vp.length(320),
                        self.panel.top + vp.length(460))

    @staticmethod
    def _row(buttons: list[Button], left: int, top: int, width: int, height: int) -> None:
        gap = max(6, width // 60)
        each = (width - gap * (len(buttons) - 1)) // len(buttons)
        for index, button in enumerate(buttons):
            button.rect = pygame.Rect(left + index * (each + gap), top, each, height)

    def on_action(self, action: str, value: str = "") -> None:
        if action == "color":
            self.color = value
        elif action == "level":
            self.level = int(value)
        elif action == "start":
            self.close()
            self.play.start_new(GameSetup(self.color, self.level))
            return
        elif action == "cancel":
            self.close()
            return
        elif action == "tour" and self.on_tour is not None:
            self.close()
            self.on_tour()
            return
        self._sync()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.draw_backdrop(surface)
        s = self.services.strings
        self.draw_panel(surface, s.get("ui.new_game.title"))
        scale = self.viewport.scale
        style = TextStyle(Face.SERIF, round(34 * scale), LABEL)
        quiet = TextStyle(Face.ITALIC, round(28 * scale), LABEL)
        center = self.panel.centerx
        text = self.services.text
        text.draw(surface, s.get("ui.new_game.color"), style, (center, self._labels[0]),
                  anchor="midbottom")
        text.draw(surface, s.get("ui.new_game.level"), style, (center, self._labels[1]),
                  anchor="midbottom")
        hint = s.get("ui.new_game.level_easy") if self.level <= 2 else (
            s.get("ui.new_game.level_hard") if self.level == 8 else "")
        label = s.get("ui.new_game.level_value", level=self.level)
        text.draw(surface, f"{label}{' — ' + hint if hint else ''}", quiet,
                  (center, self._labels[2] + round(20 * scale)), anchor="midtop")
        if self.buttons is not None:
            self.buttons.draw(surface)
