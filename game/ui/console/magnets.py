"""The board as the real operator saw it: from below, by the iron discs under its squares.

Owns: ``MagnetView``. Each piece of the Turk's set carried a magnet; under every square hung
a small iron disc on a thread that jumped up against the thin board when a piece stood above
it and dropped when the piece was lifted (CONTENT.md §1.4, Mitchell 1857: [W1][CP][NEWS]).
Each square here shows its disc: raised and bright against the board where a piece stands,
hanging lower on its thread where none does. Discs rise and fall smoothly, so the visitor
lifting a piece is seen as its disc dropping, live. The pieces themselves are not shown —
the operator kept them in mind (and on his own pegboard).
"""

from __future__ import annotations

from collections.abc import Collection

import chess
import pygame

from game.ui.board_view import BoardGeometry, BoardState
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import vertical_gradient

UNDERSIDE_TOP = (74, 44, 26)
UNDERSIDE_BOTTOM = (52, 30, 18)
SEAM = (30, 16, 8)
SEAM_LIGHT = (112, 72, 40)
THREAD = (196, 176, 140)
IRON_DARK = (34, 34, 40)
IRON_LIGHT = (176, 180, 194)
SELECTED = (120, 170, 90)
TARGET = (236, 214, 160)
LIFTED = (255, 196, 96)
CHALK = (150, 120, 86)
FALL_PER_S = 7.0
"""How fast a disc rises or falls (fraction of its travel per second)."""


class MagnetView:
    """Iron discs under the squares, following which squares hold a piece."""

    def __init__(self, text: TextPainter | None = None) -> None:
        self._text = text
        self.heights: dict[chess.Square, float] = {}
        """Per square: 1.0 raised against the board, 0.0 hanging."""
        self._sprites: tuple[int, pygame.Surface, pygame.Surface] | None = None
        self._underside: tuple[tuple[int, int, bool], pygame.Surface] | None = None

    def update(self, dt: float, occupied: Collection[chess.Square]) -> None:
        """Move each disc towards its place; the first call places them at once."""
        first = not self.heights
        for square in chess.SQUARES:
            target = 1.0 if square in occupied else 0.0
            current = self.heights.get(square, target)
            if first:
                self.heights[square] = target
            elif current < target:
                self.heights[square] = min(target, current + FALL_PER_S * dt)
            else:
                self.heights[square] = max(target, current - FALL_PER_S * dt)

    def draw(self, surface: pygame.Surface, geometry: BoardGeometry, state: BoardState, *,
             lifted: chess.Square | None) -> None:
        """The underside with its discs, and the same marks as the pegboard."""
        surface.blit(self._underside_surface(geometry), geometry.rect.topleft)
        size = geometry.square_size
        line = max(2, round(size * 0.05))
        if state.last_move is not None:
            for square in state.last_move:
                pygame.draw.rect(surface, SEAM_LIGHT, geometry.square_rect(square), line)
        if state.selected is not None:
            pygame.draw.rect(surface, SELECTED, geometry.square_rect(state.selected), line)
        if lifted is not None:
            pygame.draw.rect(surface, LIFTED, geometry.square_rect(lifted).inflate(-line, -line),
                             line)
        raised, hanging = self._disc_sprites(round(size))
        for square in chess.SQUARES:
            self._draw_disc(surface, geometry.square_rect(square), self.heights.get(square, 0.0),
                            raised, hanging)
        for square, capture in state.targets.items():
            rect = geometry.square_rect(square)
            radius = round(size * (0.4 if capture else 0.12))
            pygame.draw.circle(surface, TARGET, (rect.centerx, rect.top + round(size * 0.5)),
                               radius, max(2, round(size * 0.06)) if capture else 0)
        if state.cursor is not None:
            pygame.draw.rect(surface, (255, 250, 235), geometry.square_rect(state.cursor),
                             max(3, round(size * 0.06)))

    def _draw_disc(self, surface: pygame.Surface, rect: pygame.Rect, height: float,
                   raised: pygame.Surface, hanging: pygame.Surface) -> None:
        size = rect.width
        top_y = rect.top + size * 0.26
        low_y = rect.top + size * 0.7
        y = low_y + (top_y - low_y) * height
        x = rect.centerx
        pygame.draw.line(surface, THREAD, (x, rect.top + 1), (x, round(y)),
                         max(1, round(size * 0.015)))
        center = (x, round(y))
        surface.blit(hanging, hanging.get_rect(center=center))
        if height > 0.01:
            raised.set_alpha(round(255 * height))
            surface.blit(raised, raised.get_rect(center=center))

    def _disc_sprites(self, size: int) -> tuple[pygame.Surface, pygame.Surface]:
        if self._sprites is not None and self._sprites[0] == size:
            return self._sprites[1], self._sprites[2]
        raised = _disc(round(size * 0.62), round(size * 0.26), bright=1.0)
        hanging = _disc(round(size * 0.5), round(size * 0.2), bright=0.45)
        self._sprites = (size, raised, hanging)
        return raised, hanging

    def _underside_surface(self, geometry: BoardGeometry) -> pygame.Surface:
        key = (geometry.rect.width, geometry.rect.height, geometry.white_at_bottom)
        if self._underside is not None and self._underside[0] == key:
            return self._underside[1]
        panel = vertical_gradient(geometry.rect.size, UNDERSIDE_TOP, UNDERSIDE_BOTTOM)
        local = BoardGeometry(pygame.Rect((0, 0), geometry.rect.size), geometry.white_at_bottom)
        seam = max(1, round(local.square_size * 0.03))
        for square in chess.SQUARES:
            rect = local.square_rect(square)
            pygame.draw.line(panel, SEAM_LIGHT, rect.topleft, (rect.right, rect.top), 1)
            pygame.draw.rect(panel, SEAM, rect, seam)
        if self._text is not None:
            self._draw_coordinates(panel, local)
        self._underside = (key, panel)
        return panel

    def _draw_coordinates(self, panel: pygame.Surface, local: BoardGeometry) -> None:
        """Files and ranks chalked on the underside, so the operator keeps their bearings."""
        assert self._text is not None
        style = TextStyle(Face.SANS_BOLD, max(9, round(local.square_size * 0.17)), CHALK)
        pad = max(2, round(local.square_size * 0.06))
        bottom_rank = 0 if local.white_at_bottom else 7
        left_file = 0 if local.white_at_bottom else 7
        for index in range(8):
            rect = local.square_rect(chess.square(index, bottom_rank))
            self._text.draw(panel, chess.FILE_NAMES[index], style,
                            (rect.right - pad, rect.bottom - pad // 2), anchor="bottomright")
            rect = local.square_rect(chess.square(left_file, index))
            self._text.draw(panel, chess.RANK_NAMES[index], style,
                            (rect.left + pad, rect.bottom - pad // 2), anchor="bottomleft")


def _disc(width: int, height: int, *, bright: float) -> pygame.Surface:
    """An iron disc seen at a slant: a dark rim, a lit face, a glint."""
    sprite = pygame.Surface((max(2, width), max(2, height)), pygame.SRCALPHA)
    rect = sprite.get_rect()
    dark = tuple(round(c * (0.6 + 0.4 * bright)) for c in IRON_DARK)
    light = tuple(round(c * bright) for c in IRON_LIGHT)
    pygame.draw.ellipse(sprite, dark, rect)
    face = rect.inflate(-max(2, width // 10), -max(2, height // 3)).move(0, -max(1, height // 8))
    pygame.draw.ellipse(sprite, light, face)
    glint = pygame.Rect(0, 0, max(2, width // 3), max(1, height // 4))
    glint.center = (face.centerx - width // 8, face.centery - height // 10)
    pygame.draw.ellipse(sprite, (255, 250, 236, round(200 * bright)), glint)
    return sprite
