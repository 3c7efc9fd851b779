"""The end of a game: the result, why, and what next.

Owns: ``GameOverScene`` — an overlay with the result in large type and the reason below,
and buttons for a new game or a last look at the final position.
"""

from __future__ import annotations

import pygame

from game.ui.layout import Viewport
from game.ui.scenes.overlay import OverlayScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.play_panels import ending_lines
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow

HEADLINE = (255, 240, 205)
REASON = (236, 214, 176)


class GameOverScene(OverlayScene):
    """The result of the game just played."""

    def __init__(self, services: Services, play: PlayScene) -> None:
        super().__init__(services)
        self.play = play
        strings = services.strings
        self.buttons = ButtonRow(services.text, [
            Button("new_game", strings.get("ui.button.new_game")),
            Button("close", strings.get("ui.button.close")),
        ])
        self.resize(services.window_size)

    def resize(self, size: tuple[int, int]) -> None:
        vp = Viewport.for_window(size)
        board = self.play.layout.board
        self.panel = pygame.Rect(0, 0, round(board.width * 1.05), vp.length(430))
        self.panel.center = board.center
        area = pygame.Rect(self.panel.left + vp.length(40), self.panel.bottom - vp.length(120),
                           self.panel.width - vp.length(80), vp.length(84))
        assert self.buttons is not None
        self.buttons.layout(area, vertical=False, gap=vp.length(24), size=area.height)

    def on_action(self, action: str) -> None:
        self.close()
        if action == "new_game":
            self.play.press("new_game")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.draw_backdrop(surface)
        session = self.play.match.session
        if session.ending is None:
            return
        headline, reason = ending_lines(self.services.strings, session.ending,
                                        session.visitor_color)
        area = self.draw_panel(surface, headline)
        scale = self.viewport.scale
        style = TextStyle(Face.ITALIC, round(38 * scale), REASON)
        self.services.text.draw_block(surface, reason, style, area, align="center")
        if self.buttons is not None:
            self.buttons.draw(surface)
