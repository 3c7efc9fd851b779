"""The end of a game: the result, why, and what next.

Owns: ``GameOverScene`` — an overlay with the result in large type and the reason below, and
buttons: "Who played?" (to the guess and the reveal, when the app wires them; it also opens
by itself after a short pause, the time running along the button), a new game, or a last look
at the final position.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.layout import Viewport
from game.ui.reveal.chrome import countdown_bar
from game.ui.scenes.overlay import OverlayScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.play_panels import ending_lines
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow

HEADLINE = (255, 240, 205)
REASON = (236, 214, 176)
AUTO_REVEAL_S = 10.0
"""After this long without a choice, the guess opens by itself."""

PlayHook = Callable[[PlayScene], None]


class GameOverScene(OverlayScene):
    """The result of the game just played.

    :param reveal: opens the guess and the reveal (``None``: no such button).
    :param look: called when the visitor closes the overlay to look at the board.
    :param auto_reveal_s: open the guess by itself after this long (``None``: never).
    """

    def __init__(self, services: Services, play: PlayScene, *, reveal: PlayHook | None = None,
                 look: PlayHook | None = None,
                 auto_reveal_s: float | None = AUTO_REVEAL_S) -> None:
        super().__init__(services)
        self.play = play
        self._reveal = reveal
        self._look = look
        self.auto_reveal_s = auto_reveal_s if reveal is not None else None
        self.waited_s = 0.0
        strings = services.strings
        self.buttons = ButtonRow(services.text, [
            Button("reveal", strings.get("reveal.button.guess"), visible=reveal is not None,
                   key="reveal.button.guess"),
            Button("new_game", strings.get("ui.button.new_game"), key="ui.button.new_game"),
            Button("close", strings.get("ui.button.close"), key="ui.button.close"),
        ])
        self.resize(services.window_size)

    @property
    def _has_reveal(self) -> bool:
        return self._reveal is not None

    def resize(self, size: tuple[int, int]) -> None:
        vp = Viewport.for_window(size)
        board = self.play.layout.board
        height = 430 + (110 if self._has_reveal else 0)
        self.panel = pygame.Rect(0, 0, round(board.width * 1.05), vp.length(height))
        self.panel.center = board.center
        assert self.buttons is not None
        left, width = self.panel.left + vp.length(40), self.panel.width - vp.length(80)
        gap, row = vp.length(24), vp.length(84)
        bottom = self.panel.bottom - vp.length(36)
        others = self.buttons.buttons[1:]
        each = (width - gap) // 2
        for index, button in enumerate(others):
            button.rect = pygame.Rect(left + index * (each + gap), bottom - row, each, row)
        first = self.buttons.buttons[0]
        first.rect = pygame.Rect(left, bottom - 2 * row - gap, width, row) if first.visible \
            else None

    def on_action(self, action: str, value: str = "") -> None:
        self.close()
        if action == "new_game":
            self.play.press("new_game")
        elif action == "reveal" and self._reveal is not None:
            self._reveal(self.play)
        elif action == "close" and self._look is not None:
            self._look(self.play)

    def update(self, dt: float) -> None:
        if self.auto_reveal_s is None:
            return
        self.waited_s += dt
        if self.waited_s >= self.auto_reveal_s:
            self.on_action("reveal")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.draw_backdrop(surface)
        session = self.play.match.session
        if session.ending is None:
            return
        headline, reason = ending_lines(self.services.strings, session.ending,
                                        session.visitor_color)
        self.draw_result(surface, headline, reason)

    def draw_result(self, surface: pygame.Surface, headline: str, reason: str) -> None:
        """The panel: the result as its title, the reason below, the buttons."""
        area = self.draw_panel(surface, headline)
        scale = self.viewport.scale
        tops = [b.rect.top for b in self.buttons.buttons if b.visible and b.rect is not None] \
            if self.buttons is not None else []
        if tops:  # the reason stays above the buttons
            area.height = max(0, min(tops) - round(12 * scale) - area.top)
        style = TextStyle(Face.ITALIC, round(38 * scale), REASON)
        self.services.text.draw_block(surface, reason, style, area, align="center")
        if self.buttons is not None:
            self.buttons.draw(surface)
            first = self.buttons.buttons[0]
            if self.auto_reveal_s is not None and first.rect is not None:
                countdown_bar(surface, first.rect, self.waited_s / self.auto_reveal_s)
