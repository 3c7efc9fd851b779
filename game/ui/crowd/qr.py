"""The QR code a class scans to join, drawn crisp at any size.

Owns: ``qr_surface`` — segno encodes the text; each module becomes a square of whole pixels
(so a phone's camera reads it from the back of a room), with the quiet zone the standard asks
for, dark on white whatever the room's colours.

Must not import: anything above ``game.ui``.
"""

from __future__ import annotations

import pygame
import segno

QUIET = 4
"""Modules of white border the QR standard asks for."""


def qr_surface(text: str, max_side: int) -> pygame.Surface:
    """A QR code for ``text`` at most ``max_side`` pixels square (at least one pixel a
    module)."""
    code = segno.make(text, error="m", micro=False)
    rows = [list(row) for row in code.matrix]
    modules = len(rows) + 2 * QUIET
    scale = max(1, max_side // modules)
    surface = pygame.Surface((modules * scale, modules * scale))
    surface.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), ((x + QUIET) * scale, (y + QUIET) * scale, scale, scale))
    return surface
