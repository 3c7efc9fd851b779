"""The stage behind and around the board: the room, the cabinet, and the captured pieces.

Owns: ``StageView`` (one per window, shared by its scenes). The room and the cabinet are
vector art (``assets/svg``), rasterised once per window size and framing into cached layers:
the room behind everything, and the cabinet (top, front, cushion, open doors) which sits in
front of the figure's body and behind its arms. Captured pieces stand on the cabinet's end
zones: the Turk's catch at its left hand (the viewer's right), the visitor's at the other
end. Geometry is in stage units (docs/stage.md).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TypeVar

import chess
import pygame

from game.model.material import Captures
from game.ui.art import PartPainter
from game.ui.assets import for_display
from game.ui.automaton.gestures import (
    CAPTURES_TOP,
    TURK_CAPTURES_LEFT,
    VISITOR_CAPTURES_LEFT,
    capture_point,
)
from game.ui.layout import CABINET_LEFT, CABINET_WIDTH, Stage, Viewport
from game.ui.text import Face, TextPainter, TextStyle

CABINET_TOP = -0.14
CABINET_BOTTOM = 2.3
LEAD_COLOR = (246, 230, 196)
CABINET_PARTS = ("cabinet_top", "cabinet_front", "cushion")
LEAD_ZONE_WIDTH = 0.27
"""Stage units: the width of an end zone of the cabinet's top, where the lead is written."""
_T = TypeVar("_T")


class StageView:
    """Draws the room and the cabinet, and the captured pieces."""

    def __init__(self, painter: PartPainter, text: TextPainter) -> None:
        self._painter = painter
        self._text = text
        self._rooms: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._cabinets: OrderedDict[tuple[object, ...],
                                    tuple[pygame.Surface, pygame.Rect]] = OrderedDict()

    # -- the room -----------------------------------------------------------------------

    def draw_room(self, surface: pygame.Surface, viewport: Viewport, stage: Stage) -> None:
        """The room behind the figure, covering the whole window (letterbox bars included)."""
        key = (surface.get_size(), viewport.is_portrait, stage.origin, stage.unit)
        room = self._rooms.get(key)
        if room is None:
            room = self._compose_room(surface.get_size(), viewport, stage)
            _keep(self._rooms, key, room, 3)
        surface.blit(room, (0, 0))

    def _compose_room(self, size: tuple[int, int], viewport: Viewport,
                      stage: Stage) -> pygame.Surface:
        name = "backdrop_portrait" if viewport.is_portrait else "backdrop_landscape"
        spec = self._painter.book[name]
        assert spec.rect is not None
        rect = stage.rect(*spec.rect)
        # Grow the room about its own centre until it covers the window on every side.
        cx, cy = rect.center
        cover = max(1.0, 2 * max(cx, size[0] - cx) / rect.width,
                    2 * max(cy, size[1] - cy) / rect.height)
        image = self._painter.image(name, stage.unit * cover)
        canvas = pygame.Surface(size)
        canvas.blit(image, image.get_rect(center=rect.center))
        return for_display(canvas, opaque=True)

    # -- the cabinet ----------------------------------------------------------------------

    def draw_cabinet(self, surface: pygame.Surface, stage: Stage,
                     parts: tuple[str, ...] = CABINET_PARTS) -> None:
        """The cabinet's layers: top and front, and whatever doors are open (the show)."""
        key = (stage.origin, stage.unit, parts)
        cached = self._cabinets.get(key)
        if cached is None:
            area = stage.rect(CABINET_LEFT - 0.02, CABINET_TOP, CABINET_WIDTH + 0.04,
                              CABINET_BOTTOM - CABINET_TOP)
            layer = pygame.Surface(area.size, pygame.SRCALPHA)
            local = Stage((stage.origin[0] - area.left, stage.origin[1] - area.top), stage.unit)
            for name in sorted(parts, key=lambda n: self._painter.book[n].z):
                self._painter.draw_placed(layer, local, name)
            cached = (for_display(layer, opaque=False), area)
            _keep(self._cabinets, key, cached, 6)
        surface.blit(*cached)

    def prewarm(self, stage: Stage, square_size: float) -> None:
        """Rasterise the figure, props and pieces for this size before a frame needs them."""
        self._painter.prewarm(stage, [n for n in self._painter.book.parts
                                      if not n.startswith(("backdrop", "interior"))])
        assets = self._painter.assets
        sizes = (max(8, round(square_size * 0.94)), round(stage.unit / 8 * 0.94 * 1.15),
                 max(6, round(stage.unit * 0.1)))
        for symbol in "PNBRQKpnbrqk":
            for pixels in sizes:
                assets.piece(chess.Piece.from_symbol(symbol), pixels)

    # -- captured pieces ------------------------------------------------------------------

    def draw_captures(self, surface: pygame.Surface, stage: Stage, captures: Captures,
                      turk_color: chess.Color, *, pending: int = 0,
                      labels: tuple[str, str] = ("", "")) -> None:
        """The pieces each side has taken; the Turk's last ``pending`` are still in its hand.
        ``labels``: the words over the material lead, (the Turk's, the visitor's) — a bare
        "+8" on the cabinet says nothing about whose it is."""
        assets = self._painter.assets
        size = max(6, round(stage.unit * 0.1))
        for color, left, label in ((turk_color, TURK_CAPTURES_LEFT, labels[0]),
                                   (not turk_color, VISITOR_CAPTURES_LEFT, labels[1])):
            taken = list(captures.taken_by(color))
            if color == turk_color and pending:
                taken = taken[:-pending]
            for index, piece in enumerate(taken):
                image = assets.piece(piece, size)
                surface.blit(image, image.get_rect(center=stage.point(*capture_point(left,
                                                                                      index))))
            lead = captures.balance if color == chess.WHITE else -captures.balance
            if lead > 0:
                self._draw_lead(surface, stage, left, f"+{lead}", label)

    def captures_bounds(self, stage: Stage) -> pygame.Rect:
        """The window rectangle both end zones of taken pieces (with the leads) draw in."""
        zones = [stage.rect(left - 0.03, CAPTURES_TOP - 0.06, LEAD_ZONE_WIDTH,
                            1.16 - CAPTURES_TOP) for left in (TURK_CAPTURES_LEFT,
                                                               VISITOR_CAPTURES_LEFT)]
        return zones[0].union(zones[1]).inflate(8, 8)

    def _draw_lead(self, surface: pygame.Surface, stage: Stage, left: float, lead: str,
                   label: str) -> None:
        """"+8" at the foot of an end zone, with whose lead it is in small capitals above."""
        zone = stage.rect(left - 0.03, CAPTURES_TOP, LEAD_ZONE_WIDTH, 1.0 - CAPTURES_TOP)
        x = left + LEAD_ZONE_WIDTH / 2 - 0.03
        style = TextStyle(Face.SERIF, max(12, round(stage.unit * 0.055)), LEAD_COLOR)
        drawn = self._text.draw(surface, lead, style, stage.point(x, 1.0), anchor="midbottom",
                                within=zone)
        if label:
            small = TextStyle(Face.SMALL_CAPS, max(11, round(stage.unit * 0.034)), LEAD_COLOR)
            self._text.draw(surface, label, small, (drawn.centerx, drawn.top + 2),
                            anchor="midbottom", within=zone)


def _keep(cache: OrderedDict[tuple[object, ...], _T], key: tuple[object, ...], value: _T,
          limit: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > limit:
        cache.popitem(last=False)
