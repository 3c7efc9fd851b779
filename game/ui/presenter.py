"""Putting frames on the screen only when something on it changed, and only where.

Owns: ``Presenter`` — after the frame's updates it asks the scene stack what its drawing would
change (``SceneStack.damage``). Nothing: nothing is drawn and nothing is presented (an
untouched kiosk costs next to no CPU). Some rectangles: the scenes are drawn clipped to them
and only they are sent to the display (``pygame.display.update``). Anything else, or a scene
that cannot tell: the whole window is drawn and flipped, as before. It also counts what it
did, for the frames benchmark and the tests.

Presenting a frame on a real display has a large fixed cost (on Xvfb a full flip of an
unchanged surface costs about as much as drawing the play screen), so skipping it is what
saves; a partial update saves in proportion to the area on most displays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.scene import SceneStack

FULL_AREA_SHARE = 0.6
"""When the damaged rectangles cover more than this share of the window, the whole window
is redrawn and flipped (one pass is cheaper than many clipped ones)."""


@dataclass
class PresentCounts:
    full: int = 0
    partial: int = 0
    skipped: int = 0
    partial_area: int = 0
    """Pixels sent in partial updates (to compare with ``partial`` × the window's area)."""


class Presenter:
    """Draws and presents the stack's frames, as little as they need."""

    def __init__(self) -> None:
        self.counts = PresentCounts()
        self.still_frames = 0
        """Frames in a row that presented nothing."""
        self.last: str = "full"
        self.last_alpha = 0.0
        """What the last frame did: ``full``, ``partial`` or ``skipped``."""

    def present(self, stack: SceneStack, screen: pygame.Surface, alpha: float, *,
                extras: Callable[[], list[pygame.Rect]] | None = None) -> None:
        """Draw and present one frame. ``screen`` may be part of the display (a
        subsurface); ``extras`` draws what the app shows beside the scenes straight onto the
        display and returns the display rectangles it changed."""
        self.last_alpha = alpha
        damage = stack.damage(alpha)
        window = screen.get_rect()
        rects: list[pygame.Rect] = []
        if damage is not None:
            rects = [rect.clip(window) for rect in damage]
            rects = [rect for rect in rects if rect.width > 0 and rect.height > 0]
        union = rects[0].unionall(rects[1:]) if rects else None
        if damage is None or (union is not None and union.width * union.height
                              > FULL_AREA_SHARE * window.width * window.height):
            stack.draw(screen, alpha)
            if extras is not None:
                extras()
            pygame.display.flip()
            self._count("full")
            return
        extra = extras() if extras is not None else []
        shown: list[pygame.Rect] = list(extra)
        if union is not None:
            screen.set_clip(union)
            try:
                stack.draw(screen, alpha)
            finally:
                screen.set_clip(None)
            shown.append(union.move(*screen.get_abs_offset()))
            self.counts.partial_area += union.width * union.height
        if not shown:
            self._count("skipped")
            return
        pygame.display.update(shown)
        self._count("partial")

    def _count(self, what: str) -> None:
        self.last = what
        if what == "skipped":
            self.counts.skipped += 1
            self.still_frames += 1
            return
        self.still_frames = 0
        if what == "full":
            self.counts.full += 1
        else:
            self.counts.partial += 1
