"""The staff screens' shared look: a dark wooden ground, the title, and text styles.

Owns: the colours and text styles of the PIN pad and the staff menu, ``draw_ground`` (a dark
wood gradient, cached per size) and ``draw_title``. The staff screens look plainer than the
visitor's (legibility first), but in the cabinet's materials, so they belong to the exhibit.
"""

from __future__ import annotations

import pygame

from game.ui.assets import for_display
from game.ui.layout import Viewport
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import vertical_gradient

GROUND_TOP = (52, 32, 18)
GROUND_BOTTOM = (22, 13, 8)
TITLE = (246, 230, 196)
LABEL = (236, 214, 176)
QUIET = (196, 176, 146)
VALUE = (255, 244, 220)
GOOD = (196, 232, 170)
BAD = (255, 178, 150)
INSET = (28, 17, 10)
INSET_EDGE = (120, 86, 44)


def label_style(vp: Viewport, size: float = 34) -> TextStyle:
    return TextStyle(Face.SERIF, vp.length(size), LABEL)


def quiet_style(vp: Viewport, size: float = 26) -> TextStyle:
    return TextStyle(Face.ITALIC, vp.length(size), QUIET)


def value_style(vp: Viewport, size: float = 30, color: tuple[int, int, int] = VALUE) -> TextStyle:
    return TextStyle(Face.SANS, vp.length(size), color)


class Ground:
    """The background of a staff screen (rendered once per window size)."""

    def __init__(self) -> None:
        self._cache: tuple[tuple[int, int], pygame.Surface] | None = None

    def draw(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        if self._cache is None or self._cache[0] != size:
            ground = vertical_gradient(size, GROUND_TOP, GROUND_BOTTOM)
            self._cache = (size, for_display(ground, opaque=True))
        surface.blit(self._cache[1], (0, 0))


def draw_title(surface: pygame.Surface, text: TextPainter, vp: Viewport, title: str,
               top: float = 40) -> None:
    """The screen's title, centred at the top, with a brass rule under it."""
    style = TextStyle(Face.SMALL_CAPS, vp.length(58), TITLE)
    center = vp.point(vp.design[0] / 2, top)
    rect = text.draw(surface, title, style, center, anchor="midtop")
    rule = pygame.Rect(0, 0, rect.width + vp.length(120), max(2, vp.length(3)))
    rule.midtop = (rect.centerx, rect.bottom + vp.length(6))
    surface.fill(INSET_EDGE, rule)


def draw_inset(surface: pygame.Surface, rect: pygame.Rect, vp: Viewport) -> None:
    """A sunken field that holds a value."""
    radius = vp.length(10)
    pygame.draw.rect(surface, INSET, rect, border_radius=radius)
    pygame.draw.rect(surface, INSET_EDGE, rect, max(1, vp.length(2)), border_radius=radius)


def fit_style(text: TextPainter, line: str, style: TextStyle, width: int) -> TextStyle:
    """``style``, smaller if needed so that ``line`` fits in ``width`` pixels."""
    size = style.size
    while size > 10 and text.size(line, TextStyle(style.face, size, style.color))[0] > width:
        size -= 2
    return TextStyle(style.face, size, style.color)
