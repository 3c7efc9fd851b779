"""Where everything goes on the operator's console, for any window size.

Owns: ``ConsoleLayout`` and ``console_layout`` — the rectangles of the cabinet view in window
pixels, worked out on the same logical canvas as the visitor's screen (1920×1080, or
1080×1920 for a tall window; ``Viewport``). Landscape: the board on the left under the title,
the candle beside it, the cards on the right. Portrait: the board on top, the cards below.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.layout import Viewport


@dataclass(frozen=True)
class ConsoleLayout:
    """The console in window pixels."""

    viewport: Viewport
    title: pygame.Rect
    subtitle: pygame.Rect
    board: pygame.Rect
    toggles: pygame.Rect
    candle_foot: tuple[float, float]
    candle_height: float
    status: pygame.Rect
    middle: pygame.Rect
    """The engine's suggestions (hybrid) or the scoresheet."""
    letters: pygame.Rect
    letter_field: pygame.Rect
    spell: pygame.Rect
    tally: pygame.Rect

    @property
    def light(self) -> tuple[float, float]:
        """Where the flame is, roughly (the light source for shading)."""
        return (self.candle_foot[0], self.candle_foot[1] - self.candle_height * 0.8)

    @property
    def reach(self) -> float:
        """How far the candle's light reaches, in window pixels."""
        return 1500 * self.viewport.scale


def console_layout(window: tuple[int, int]) -> ConsoleLayout:
    """The console for a window of this size."""
    vp = Viewport.for_window(window)
    return _portrait(vp) if vp.is_portrait else _landscape(vp)


def _board(vp: Viewport, x: float, y: float, side: float) -> pygame.Rect:
    """A whole-pixel square whose side divides into eight (the squares tile it exactly)."""
    left, top = vp.point(x, y)
    size = round(side * vp.scale)
    return pygame.Rect(round(left), round(top), size, size)


def _letters(vp: Viewport, x: float, y: float, w: float) -> tuple[pygame.Rect, ...]:
    """The letter board's card (200 design pixels tall), its field and its button."""
    card = vp.rect(x, y, w, 200)
    field = vp.rect(x + 30, y + 100, w - 270, 74)
    spell = vp.rect(x + w - 220, y + 100, 190, 74)
    return card, field, spell


def _landscape(vp: Viewport) -> ConsoleLayout:
    right_x, right_w = 1060.0, 800.0
    letters, field, spell = _letters(vp, right_x, 680, right_w)
    return ConsoleLayout(
        viewport=vp,
        title=vp.rect(90, 36, 760, 70),
        subtitle=vp.rect(90, 104, 760, 40),
        board=_board(vp, 90, 164, 760),
        toggles=vp.rect(90, 950, 760, 80),
        candle_foot=vp.point(955, 590),
        candle_height=250 * vp.scale,
        status=vp.rect(right_x, 60, right_w, 220),
        middle=vp.rect(right_x, 300, right_w, 360),
        letters=letters,
        letter_field=field,
        spell=spell,
        tally=vp.rect(right_x, 900, right_w, 130),
    )


def _portrait(vp: Viewport) -> ConsoleLayout:
    margin, width = 60.0, 960.0
    letters, field, spell = _letters(vp, margin, 1642, width)
    return ConsoleLayout(
        viewport=vp,
        title=vp.rect(margin, 36, 760, 70),
        subtitle=vp.rect(margin, 104, 760, 40),
        board=_board(vp, 90, 170, 900),
        toggles=vp.rect(90, 1090, 900, 70),
        candle_foot=vp.point(960, 160),
        candle_height=140 * vp.scale,
        status=vp.rect(margin, 1180, width, 160),
        middle=vp.rect(margin, 1356, width, 270),
        letters=letters,
        letter_field=field,
        spell=spell,
        tally=vp.rect(margin, 1856, width, 52),
    )
