"""A screen with the Turk at its board (the play screen, the attract loop's acts on the board)
kept as drawn beneath the figure's arms, so that a frame in which only an arm moved costs one
copy and the arm.

Owns: ``UnderTheArms``. While the Turk carries a piece and the engine thinks, most frames
change nothing but the arms; drawing the whole scene again clipped to where they move costs
a few milliseconds of Python for every part under the clip (the room, the body, the cabinet,
the board, the letter board). This layer is that drawing without the arms, made once and
mended only where something else changed since; a frame that moved the arms alone is then
the layer copied back where they were and the arms drawn over it.

It is exact, not an approximation: everything else is drawn in the same order with the same
calls, so the copy is what a full redraw would put there. The arms are drawn last of the
figure but before the panels over them (the status, the buttons, the scoresheet, the
captions); a frame whose arms reach under one of those, where it is redrawn, is drawn the
ordinary way.
``tests/ui/test_presenter.py`` and ``tests/attract/test_partial_frames.py`` compare every frame
shown in part with a full redraw.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pygame

ARM_PARTS = frozenset({"arm", "resting_arm"})
"""The visual parts drawn from the layer: the playing arm (with the piece it carries) and
the resting arm."""


@dataclass
class LayerCounts:
    composed: int = 0
    """Frames drawn as the layer and the arms."""
    mended: int = 0
    """Times the layer was redrawn where something other than the arms had changed."""
    built: int = 0
    """Times the layer was drawn whole."""


class UnderTheArms:
    """The scene drawn without the arms, and whether this frame may be drawn from it."""

    def __init__(self, parts: frozenset[str] = ARM_PARTS) -> None:
        self.parts = parts
        """The names of the arms' visual parts among the scene's keys."""
        self.surface: pygame.Surface | None = None
        self.keys: dict[str, object] | None = None
        """The visual keys (arms left out) of what the layer shows."""
        self.counts = LayerCounts()
        self._planned: dict[str, object] | None = None
        self._arms: list[pygame.Rect] = []
        self._over: list[pygame.Rect] = []

    def plan(self, changed: Sequence[str], keys: Mapping[str, object],
             arms: Sequence[pygame.Rect], over: Sequence[pygame.Rect]) -> None:
        """After this frame's damage: draw it from the layer when the arms are all that
        changed, unless (found when it is drawn, knowing where) an arm would be drawn over
        a panel that is drawn over it (``over``)."""
        self._planned = None
        if not changed or not set(changed) <= self.parts:
            return
        self._planned = {part: key for part, key in keys.items() if part not in self.parts}
        self._arms, self._over = list(arms), list(over)

    def skip(self) -> None:
        """This frame is not drawn from the layer."""
        self._planned = None

    def forget(self) -> None:
        """The window or the scene changed: the layer shows nothing of use."""
        self.surface = None
        self.keys = None
        self._planned = None

    def compose(self, surface: pygame.Surface, *,
                draw_beneath: Callable[[pygame.Surface], None],
                draw_arms: Callable[[pygame.Surface], None],
                mend_regions: Callable[[list[str]], list[pygame.Rect] | None]) -> bool:
        """Draw this frame from the layer if it was planned so and ``surface`` is drawn in
        part (a whole redraw, such as a screenshot or a test's reference, is always drawn
        the ordinary way). ``draw_beneath`` draws everything but the arms; ``mend_regions``
        says where parts that changed since the layer was drawn draw (``None``: anywhere).
        Returns whether it drew."""
        planned, self._planned = self._planned, None
        clip = surface.get_clip()
        if planned is None or clip == surface.get_rect():
            return False
        shown = [arm.clip(clip) for arm in self._arms]
        if any(arm.colliderect(panel) for arm in shown for panel in self._over):
            return False
        self._bring_up_to_date(surface, planned, draw_beneath, mend_regions)
        assert self.surface is not None
        surface.blit(self.surface, clip, clip)
        draw_arms(surface)
        self.counts.composed += 1
        return True

    def _bring_up_to_date(self, template: pygame.Surface, keys: dict[str, object],
                          draw_beneath: Callable[[pygame.Surface], None],
                          mend_regions: Callable[[list[str]], list[pygame.Rect] | None]
                          ) -> None:
        layer = self.surface
        if layer is None or layer.get_size() != template.get_size() or self.keys is None \
                or self.keys.keys() != keys.keys():
            self.surface = layer = template.copy()  # the window's own pixel format
            layer.set_clip(None)
            draw_beneath(layer)
            self.keys = keys
            self.counts.built += 1
            return
        changed = [part for part in keys if keys[part] != self.keys[part]]
        if not changed:
            return
        regions = mend_regions(changed)
        if regions is None:
            layer.set_clip(None)
            draw_beneath(layer)
            self.counts.built += 1
        else:
            window = layer.get_rect()
            rects = [rect.clip(window) for rect in regions]
            rects = [rect for rect in rects if rect.width > 0 and rect.height > 0]
            if rects:
                layer.set_clip(rects[0].unionall(rects[1:]))
                try:
                    draw_beneath(layer)
                finally:
                    layer.set_clip(None)
            self.counts.mended += 1
        self.keys = keys
