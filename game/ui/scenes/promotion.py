"""The promotion chooser: four large pieces to pick from, queen first, easy to cancel.

Owns: ``PromotionScene`` — an overlay over the board offering queen, knight, rook and bishop
(lichess's order) as big targets, each larger than a square. A tap on a piece plays the move;
a tap outside, Escape or the cancel button puts the pawn back. Arrow keys and Enter work too,
with the queen pre-selected.
"""

from __future__ import annotations

from collections.abc import Callable

import chess
import pygame

from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, PointerReleased
from game.ui.scenes.overlay import OverlayScene
from game.ui.services import Services
from game.ui.widgets import Button, ButtonRow, draw_plaque

CHOICES = (chess.QUEEN, chess.KNIGHT, chess.ROOK, chess.BISHOP)


class PromotionScene(OverlayScene):
    """Pick the piece a pawn becomes."""

    def __init__(self, services: Services, moves: list[chess.Move], color: chess.Color,
                 board_rect: pygame.Rect, on_choice: Callable[[chess.Move], None]) -> None:
        super().__init__(services)
        self._moves = {m.promotion: m for m in moves if m.promotion}
        self._color = color
        self._on_choice = on_choice
        self.focus = 0
        self._pressed: int | None = None
        self.option_rects: list[pygame.Rect] = []
        self.buttons = ButtonRow(services.text,
                                 [Button("cancel", services.strings.get("ui.button.cancel"),
                                         key="ui.button.cancel")])
        self._layout(board_rect)

    def _layout(self, board: pygame.Rect) -> None:
        square = board.width / 8
        option = round(square * 1.6)
        gap = round(square * 0.2)
        width = 4 * option + 3 * gap + round(square * 0.8)
        height = round(square * 1.2) + option + round(square * 1.5)
        self.panel = pygame.Rect(0, 0, width, height)
        self.panel.center = board.center
        top = self.panel.top + round(square * 1.1)
        left = self.panel.centerx - (4 * option + 3 * gap) // 2
        self.option_rects = [pygame.Rect(left + i * (option + gap), top, option, option)
                             for i in range(4)]
        cancel = pygame.Rect(0, 0, round(square * 2.6), round(square * 0.8))
        cancel.midbottom = (self.panel.centerx, self.panel.bottom - round(square * 0.3))
        assert self.buttons is not None
        self.buttons.buttons[0].rect = cancel

    def choose(self, index: int) -> None:
        move = self._moves.get(CHOICES[index])
        self.close()
        if move is not None:
            self._on_choice(move)

    def on_action(self, action: str, value: str = "") -> None:
        self.close()

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed):
            self._pressed = self._option_at(intent.pos)
            if self._pressed is not None:
                return True
        elif isinstance(intent, PointerReleased) and self._pressed is not None:
            pressed, self._pressed = self._pressed, None
            if self._option_at(intent.pos) == pressed:
                self.choose(pressed)
            return True
        elif isinstance(intent, CommandIssued):
            if intent.command in (Command.LEFT, Command.UP):
                self.focus = (self.focus - 1) % 4
                return True
            if intent.command in (Command.RIGHT, Command.DOWN):
                self.focus = (self.focus + 1) % 4
                return True
            if intent.command is Command.ACTIVATE:
                self.choose(self.focus)
                return True
        return super().handle(intent)

    def targets(self) -> dict[str, pygame.Rect]:
        return {f"promote:{chess.piece_symbol(kind)}": rect
                for rect, kind in zip(self.option_rects, CHOICES, strict=True)}

    def _option_at(self, pos: tuple[float, float]) -> int | None:
        for index, rect in enumerate(self.option_rects):
            if rect.collidepoint(pos):
                return index
        return None

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.draw_backdrop(surface)
        self.draw_panel(surface, self.services.strings.get("ui.promotion.title"))
        assets = self.services.assets
        for index, (rect, piece_type) in enumerate(zip(self.option_rects, CHOICES, strict=True)):
            light = index in (self.focus, self._pressed)
            draw_plaque(surface, rect, radius=rect.width // 8,
                        top=(250, 238, 210) if light else (236, 216, 176),
                        bottom=(214, 190, 146) if light else (196, 168, 124),
                        edge=(255, 250, 235) if light else (120, 86, 48))
            image = assets.piece(chess.Piece(piece_type, self._color), round(rect.width * 0.86))
            surface.blit(image, image.get_rect(center=rect.center))
            if index == self.focus:
                pygame.draw.rect(surface, (30, 20, 10), rect.inflate(-8, -8), 3,
                                 border_radius=rect.width // 10)
        if self.buttons is not None:
            self.buttons.draw(surface)
