"""Where the attract loop puts things, for any window: the stage, the invitation, the notes.

Owns: ``AttractLayout``. The board acts use the play screen's own layout (the Turk and its
board exactly where a visitor will find them); the invitation takes the column the play
screen gives its buttons (landscape) or the band below the cabinet's top (portrait), so it
never covers the Turk's face or the board; the notes on the current act take the
scoresheet's column (landscape) or the band above the figure (portrait). The presenter's
show frames its taller stage between the same bands.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.layout import PlayLayout, Viewport, play_layout


@dataclass(frozen=True)
class AttractLayout:
    """The attract loop in window pixels (``show_*`` in design pixels, for the show's
    framing)."""

    play: PlayLayout
    invitation: pygame.Rect
    """"Touch to play", the hook and the language names."""
    notes: pygame.Rect
    """What the Turk is performing: its title, a line or two, the sources."""
    sheet: pygame.Rect | None
    """The moves of a replay (landscape only: portrait shows them on one line); it moves up
    under the notes when they are short."""
    line: pygame.Rect | None
    """The moves of a replay on one line (portrait only)."""
    caption: pygame.Rect
    """Captions of the acts on the play screen's stage."""
    show_caption: pygame.Rect
    show_reserve: tuple[float, float]
    """Design pixels the presenter's show keeps free above and below its stage."""
    act_area: pygame.Rect
    """Where the acts perform (the stage without the invitation and the notes): what a
    burn-in check watches."""

    @property
    def viewport(self) -> Viewport:
        return self.play.viewport


def attract_layout(window: tuple[int, int]) -> AttractLayout:
    """The attract loop for a window of this size."""
    play = play_layout(window)
    vp = play.viewport
    if vp.is_portrait:
        return AttractLayout(
            play=play,
            invitation=vp.rect(40, 1552, 1000, 356),
            notes=vp.rect(40, 1302, 1000, 240),
            sheet=None,
            line=vp.rect(90, 14, 900, 56),
            caption=vp.rect(48, 76, 984, 106),
            show_caption=vp.rect(40, 50, 1000, 132),
            show_reserve=(200.0, 636.0),
            act_area=vp.rect(0, 0, 1080, 1290),
        )
    return AttractLayout(
        play=play,
        invitation=vp.rect(36, 130, 420, 910),
        notes=vp.rect(1472, 96, 410, 530),
        sheet=vp.rect(1472, 640, 410, 244),
        line=None,
        caption=vp.rect(1472, 900, 410, 150),
        show_caption=vp.rect(480, 890, 960, 180),
        show_reserve=(100.0, 170.0),
        act_area=vp.rect(470, 0, 990, 1080),
    )
