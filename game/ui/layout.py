"""Where everything goes on the screen, for any window size.

Owns: ``Viewport`` (the logical design canvas — 1920×1080, or 1080×1920 on a portrait screen —
scaled to fit the window and centred, with letterbox bars) and ``PlayLayout`` (the rectangles
of the play screen, in window pixels). Layout is worked out in design pixels and converted once,
so art and text are drawn at the window's real resolution and stay sharp on any screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)


@dataclass(frozen=True)
class Viewport:
    """The design canvas placed in a window."""

    window: tuple[int, int]
    design: tuple[int, int]
    scale: float
    offset: tuple[float, float]

    @classmethod
    def for_window(cls, size: tuple[int, int]) -> Viewport:
        """Landscape design for wide windows, portrait for tall ones; fit and centre it."""
        width, height = max(1, size[0]), max(1, size[1])
        design = PORTRAIT if height > width else LANDSCAPE
        scale = min(width / design[0], height / design[1])
        offset = ((width - design[0] * scale) / 2, (height - design[1] * scale) / 2)
        return cls((width, height), design, scale, offset)

    @property
    def is_portrait(self) -> bool:
        return self.design == PORTRAIT

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Design pixels → window pixels."""
        return (self.offset[0] + x * self.scale, self.offset[1] + y * self.scale)

    def length(self, value: float) -> int:
        """A design length in whole window pixels (at least 1)."""
        return max(1, round(value * self.scale))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A design rectangle in window pixels, with edges rounded consistently."""
        left, top = self.point(x, y)
        right, bottom = self.point(x + w, y + h)
        return pygame.Rect(round(left), round(top), round(right) - round(left),
                           round(bottom) - round(top))

    @property
    def design_rect(self) -> pygame.Rect:
        return self.rect(0, 0, *self.design)


@dataclass(frozen=True)
class Stage:
    """The stage's units on screen: the board is 1 × 1 unit (see docs/stage.md)."""

    origin: tuple[float, float]
    """Window pixel of the board's top-left corner."""
    unit: float
    """Window pixels per stage unit (the board's edge)."""

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.origin[0] + x * self.unit, self.origin[1] + y * self.unit)

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        left, top = self.point(x, y)
        right, bottom = self.point(x + w, y + h)
        return pygame.Rect(round(left), round(top), round(right) - round(left),
                           round(bottom) - round(top))

    def board_rect(self) -> pygame.Rect:
        """The playing board, a whole-pixel square (its squares tile it exactly)."""
        side = round(self.unit)
        return pygame.Rect(round(self.origin[0]), round(self.origin[1]), side, side)

    def to_stage(self, pos: tuple[float, float]) -> tuple[float, float]:
        return ((pos[0] - self.origin[0]) / self.unit, (pos[1] - self.origin[1]) / self.unit)


@dataclass(frozen=True)
class PlayLayout:
    """The play screen in window pixels."""

    viewport: Viewport
    stage: Stage
    board: pygame.Rect
    status: pygame.Rect
    """The line that says whose move it is and what happened."""
    buttons: pygame.Rect
    """Where the row or column of buttons goes."""
    buttons_vertical: bool
    moves: pygame.Rect
    """The move list (scoresheet)."""
    caption: pygame.Rect
    """Captions for sounds and speech."""
    languages: pygame.Rect
    """The language switch."""

    @property
    def square_size(self) -> float:
        return self.board.width / 8


# Stage units above the board taken by the figure, and the cabinet's width (docs/stage.md).
FIGURE_TOP = 0.74
CABINET_LEFT = -0.34
CABINET_WIDTH = 1.68


def play_layout(window: tuple[int, int]) -> PlayLayout:
    """The play screen for a window of this size."""
    vp = Viewport.for_window(window)
    return _portrait(vp) if vp.is_portrait else _landscape(vp)


def _stage(vp: Viewport, board_x: float, board_y: float, unit: float) -> Stage:
    origin = vp.point(board_x, board_y)
    return Stage(origin, unit * vp.scale)


def _landscape(vp: Viewport) -> PlayLayout:
    unit = 580.0
    board_x = (LANDSCAPE[0] - unit) / 2
    board_y = FIGURE_TOP * unit + 22
    stage = _stage(vp, board_x, board_y, unit)
    side_w = 400.0
    left_x = 48.0
    right_x = LANDSCAPE[0] - 48 - side_w
    return PlayLayout(
        viewport=vp,
        stage=stage,
        board=stage.board_rect(),
        status=vp.rect(left_x, 150, side_w, 150),
        buttons=vp.rect(left_x, 330, side_w, 560),
        buttons_vertical=True,
        moves=vp.rect(right_x, 150, side_w, 720),
        caption=vp.rect(right_x, 900, side_w, 150),
        languages=vp.rect(left_x, 960, side_w, 72),
    )


def _portrait(vp: Viewport) -> PlayLayout:
    unit = 620.0
    board_x = (PORTRAIT[0] - unit) / 2
    board_y = 200 + FIGURE_TOP * unit
    stage = _stage(vp, board_x, board_y, unit)
    margin = 48.0
    width = PORTRAIT[0] - 2 * margin
    return PlayLayout(
        viewport=vp,
        stage=stage,
        board=stage.board_rect(),
        status=vp.rect(margin, 40, width, 130),
        buttons=vp.rect(margin, 1700, width, 100),
        buttons_vertical=False,
        moves=vp.rect(margin, 1500, width, 180),
        caption=vp.rect(margin, 1330, width, 150),
        languages=vp.rect(margin, 1820, width, 72),
    )


def stage_framing(window: tuple[int, int], *, top: float, bottom: float,
                  left: float = CABINET_LEFT - 0.12,
                  right: float = CABINET_LEFT + CABINET_WIDTH + 0.12,
                  reserve_top: float = 100.0,
                  reserve_bottom: float = 170.0) -> tuple[Viewport, Stage]:
    """A stage scaled to show stage units ``left…right`` × ``top…bottom`` whole, centred,
    with design pixels kept free above it (a title) and below it (captions, buttons)."""
    vp = Viewport.for_window(window)
    width, height = vp.design[0] - 60, vp.design[1] - reserve_bottom - reserve_top
    unit = min(width / (right - left), height / (bottom - top))
    x = (vp.design[0] - unit * (right - left)) / 2 - left * unit
    y = reserve_top + (height - unit * (bottom - top)) / 2 - top * unit
    return vp, Stage(vp.point(x, y), unit * vp.scale)
