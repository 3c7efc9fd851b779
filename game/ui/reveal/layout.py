"""Where the guess and the reveal put things, on the 1920×1080 or 1080×1920 design canvas.

Owns: ``RevealLayout`` (the picture, the text column, the small print, the controls, the
language switch and the progress marks, in window pixels) and the type sizes, given in design
pixels so that body text is never under 24 px tall on a 1080-line screen. Also the palette:
light text on the dark room, every pair checked for contrast by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.layout import Viewport

# Type sizes in design pixels (a 1080-line screen shows them at this height).
KICKER_PX = 40
HEADLINE_PX = 62
GLANCE_PX = 38
BODY_PX = 34
MORE_PX = 31
LIST_PX = 30
SMALL_PRINT_PX = 24
MIN_TEXT_PX = 24
"""Nothing the visitor reads is smaller than this (design pixels)."""

# The palette: text colours and the surfaces they sit on.
ROOM_TOP = (38, 26, 22)
ROOM_BOTTOM = (16, 11, 9)
VITRINE = (22, 15, 11)
GILT = (196, 156, 84)
CREAM = (247, 233, 203)
PARCHMENT = (234, 216, 182)
GOLD_TEXT = (232, 194, 118)
QUIET = (204, 184, 152)
PANEL = (52, 32, 20)
"""The sources panel and other wooden panels."""

TEXT_COLORS = {"headline": CREAM, "body": PARCHMENT, "kicker": GOLD_TEXT, "small": QUIET}
BACKGROUNDS = {"room_top": ROOM_TOP, "room_bottom": ROOM_BOTTOM, "vitrine": VITRINE,
               "panel": PANEL}


@dataclass(frozen=True)
class RevealLayout:
    """The reveal's regions in window pixels."""

    viewport: Viewport
    picture: pygame.Rect
    progress: pygame.Rect
    text: pygame.Rect
    small_print: pygame.Rect
    buttons: pygame.Rect
    languages: pygame.Rect

    @property
    def page(self) -> pygame.Rect:
        """Everything above the small print (for panels that cover the page): the picture and
        the text column together, so that nothing of the page shows beside a panel."""
        both = self.picture.union(self.text)
        return pygame.Rect(both.left, both.top, both.width,
                           self.small_print.top - self.px(12) - both.top)

    def px(self, design: float) -> int:
        """A design size in window pixels."""
        return self.viewport.length(design)


def reveal_layout(window: tuple[int, int]) -> RevealLayout:
    vp = Viewport.for_window(window)
    if vp.is_portrait:
        return RevealLayout(
            viewport=vp, picture=vp.rect(40, 50, 1000, 810), progress=vp.rect(40, 872, 1000, 30),
            text=vp.rect(64, 920, 952, 690), small_print=vp.rect(64, 1620, 952, 64),
            buttons=vp.rect(40, 1704, 1000, 92), languages=vp.rect(40, 1818, 1000, 76))
    return RevealLayout(
        viewport=vp, picture=vp.rect(56, 56, 948, 840), progress=vp.rect(56, 908, 948, 30),
        text=vp.rect(1064, 64, 800, 790), small_print=vp.rect(1064, 866, 800, 64),
        buttons=vp.rect(824, 962, 1040, 84), languages=vp.rect(56, 966, 640, 76))


def relative_luminance(color: tuple[int, ...]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)
