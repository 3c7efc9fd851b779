"""Where windows open: the first window fits the screen it opens on, and `turk duo` puts the
visitor's window and the operator's console side by side (or the console on a second screen).

Owns: ``Placement`` (a window's size and, when it matters, its position), ``first_window``
(the size asked for, turned to the screen's orientation when no size was chosen, and shrunk
to fit the screen, centred on it) and ``side_by_side`` (two halves of one screen). The
arithmetic is pure; ``desktop_sizes`` asks pygame-ce what the screens are.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

FILL = 0.92
"""How much of a screen a window may take (room for a title bar and a task bar)."""
MIN_SIDE = 200


@dataclass(frozen=True)
class Placement:
    """A window's size, and its top-left corner on the desktop (``None``: let SDL centre it)."""

    size: tuple[int, int]
    position: tuple[int, int] | None = None


def desktop_sizes() -> list[tuple[int, int]]:
    """The size of every screen, the first one first (pygame's display must be initialised)."""
    try:
        sizes = [(int(w), int(h)) for w, h in pygame.display.get_desktop_sizes()]
    except pygame.error:
        sizes = []
    return [size for size in sizes if size[0] > 0 and size[1] > 0]


def first_window(requested: tuple[int, int], desktop: tuple[int, int] | None, *,
                 chosen: bool) -> Placement:
    """The first window for a screen of size ``desktop`` (``None``: no real screen to fit).

    :param requested: the size the settings ask for; kept when the screen holds it, else
        shrunk (same shape) to leave a margin round it.
    :param chosen: whether that size was chosen (``--size``, the settings file); the default
        size turns to the screen's orientation, so a portrait screen gets a portrait window.
    """
    width, height = requested
    if desktop is None:
        return Placement((width, height))
    screen_w, screen_h = desktop
    if not chosen and (screen_h > screen_w) != (height > width):
        width, height = height, width
    scale = 1.0
    if width > screen_w or height > screen_h:
        scale = min(FILL * screen_w / width, FILL * screen_h / height)
    size = (max(MIN_SIDE, round(width * scale)), max(MIN_SIDE, round(height * scale)))
    return Placement(size, ((screen_w - size[0]) // 2, (screen_h - size[1]) // 2))


def side_by_side(desktop: tuple[int, int]) -> tuple[Placement, Placement]:
    """The left and the right half of a screen (the visitor's window, then the console)."""
    screen_w, screen_h = desktop
    half = screen_w // 2
    return (Placement((half, screen_h), (0, 0)),
            Placement((screen_w - half, screen_h), (half, 0)))
