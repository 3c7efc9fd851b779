"""The stage behind and around the board: the room, the cabinet, the figure, taken pieces.

Owns: ``StageView``. The static parts (room, cabinet, resting figure) are composed once per
window size into one surface, so a frame costs one blit for them. Captured pieces stand on the
cabinet's end zones: the Turk's catch on its left-hand (the viewer's right) end, the visitor's
on the other. Geometry is in stage units (docs/stage.md): the board is 1 × 1.
"""

from __future__ import annotations

import chess
import pygame

from game.model.material import VALUES, Captures
from game.ui.assets import Assets
from game.ui.layout import CABINET_LEFT, CABINET_WIDTH, PlayLayout, Stage
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import vertical_gradient

ROOM_TOP = (38, 26, 22)
ROOM_BOTTOM = (18, 12, 10)
WOOD_LIGHT = (122, 74, 42)
WOOD_DARK = (78, 44, 24)
GILT = (196, 156, 84)
CAPTURE_SLOT = 0.105
"""Width of one captured piece's place on an end zone, in stage units."""


class StageView:
    """Draws the room, the cabinet and the figure, and the captured pieces."""

    def __init__(self, assets: Assets, text: TextPainter) -> None:
        self._assets = assets
        self._text = text
        self._static: tuple[tuple[int, int], pygame.Surface] | None = None

    def draw_static(self, surface: pygame.Surface, layout: PlayLayout) -> None:
        """The room, cabinet and figure at rest (composed once per window size)."""
        size = surface.get_size()
        if self._static is None or self._static[0] != size:
            canvas = pygame.Surface(size)
            self._compose(canvas, layout)
            self._static = (size, canvas)
        surface.blit(self._static[1], (0, 0))

    def _compose(self, canvas: pygame.Surface, layout: PlayLayout) -> None:
        canvas.blit(vertical_gradient(canvas.get_size(), ROOM_TOP, ROOM_BOTTOM), (0, 0))
        stage = layout.stage
        _draw_figure(canvas, stage)
        top = stage.rect(CABINET_LEFT, -0.12, CABINET_WIDTH, 1.18)
        canvas.blit(vertical_gradient(top.size, WOOD_LIGHT, WOOD_DARK), top)
        front = stage.rect(CABINET_LEFT, 1.06, CABINET_WIDTH, 1.0)
        canvas.blit(vertical_gradient(front.size, WOOD_DARK, (48, 26, 14)), front)
        edge = max(2, round(stage.unit * 0.006))
        pygame.draw.rect(canvas, GILT, top, edge)
        pygame.draw.line(canvas, GILT, front.topleft, front.topright, edge * 2)
        frame = stage.rect(-0.05, -0.05, 1.1, 1.1)
        pygame.draw.rect(canvas, (60, 34, 18), frame)
        pygame.draw.rect(canvas, GILT, frame, edge)
        door = stage.rect(-0.28, 1.14, 0.44, 0.7)
        pygame.draw.rect(canvas, GILT, door, edge)
        pygame.draw.rect(canvas, GILT, stage.rect(0.24, 1.14, 1.04, 0.7), edge)

    def draw_captures(self, surface: pygame.Surface, stage: Stage, captures: Captures,
                      turk_color: chess.Color) -> None:
        """The pieces each side has taken, on the end zones, with the material lead."""
        for color, left in ((turk_color, 1.085), (not turk_color, -0.295)):
            taken = sorted(captures.taken_by(color), key=lambda p: VALUES[p.piece_type])
            size = max(6, round(stage.unit * CAPTURE_SLOT))
            for index, piece in enumerate(taken):
                column, row = index // 8, index % 8
                x = left + column * CAPTURE_SLOT + CAPTURE_SLOT / 2
                y = 0.16 + row * CAPTURE_SLOT + CAPTURE_SLOT / 2
                image = self._assets.piece(piece, size)
                surface.blit(image, image.get_rect(center=stage.point(x, y)))
            lead = captures.balance if color == chess.WHITE else -captures.balance
            if lead > 0:
                style = TextStyle(Face.SERIF, max(10, round(stage.unit * 0.06)), (240, 222, 180))
                self._text.draw(surface, f"+{lead}", style,
                                stage.point(left + CAPTURE_SLOT, 0.16 + 8 * CAPTURE_SLOT + 0.01),
                                anchor="midtop")


def _draw_figure(canvas: pygame.Surface, stage: Stage) -> None:
    """A simple stand-in for the automaton until its art is drawn."""
    robe = stage.rect(0.14, -0.34, 0.72, 0.40)
    pygame.draw.ellipse(canvas, (70, 30, 36), robe.inflate(0, robe.height // 2))
    head = stage.rect(0.41, -0.58, 0.18, 0.22)
    pygame.draw.ellipse(canvas, (196, 160, 124), head)
    turban = stage.rect(0.36, -0.74, 0.28, 0.2)
    pygame.draw.ellipse(canvas, (226, 214, 190), turban)
    beard = stage.rect(0.44, -0.45, 0.12, 0.12)
    pygame.draw.ellipse(canvas, (30, 24, 20), beard)
