"""Small pictograms drawn from shapes: who made a move, and the people in the history screens.

Owns: ``IconPainter`` — one cached picture per (name, size, colour): a person (filled, or in
outline for "you"), a gear (the program), a book, a written page, and the combinations the
ledger needs (a person with a gear: a suggestion accepted; a gear with an outlined person:
the program standing in). The ledger always prints the author's name beside the icon, so
no meaning rests on shape or colour alone.
"""

from __future__ import annotations

import math

import pygame

from game.model.records import MoveAuthor

Color = tuple[int, int, int]

AUTHOR_ICONS = {
    MoveAuthor.VISITOR: "you",
    MoveAuthor.OPERATOR: "person",
    MoveAuthor.OPERATOR_HINT: "person_gear",
    MoveAuthor.ENGINE: "gear",
    MoveAuthor.ENGINE_STANDIN: "gear_absent",
    MoveAuthor.BOOK: "book",
    MoveAuthor.SCRIPTED: "page",
    MoveAuthor.CROWD: "person",
    MoveAuthor.CROWD_RANKED: "person_gear",
}


def draw_person(surface: pygame.Surface, center: tuple[float, float], size: float,
                color: Color, *, filled: bool = True) -> None:
    """A head and shoulders, ``size`` tall, centred on ``center``."""
    x, y = center
    width = max(1, round(size * 0.09)) if not filled else 0
    head = size * 0.2
    pygame.draw.circle(surface, color, (x, y - size * 0.24), head, width)
    shoulders = pygame.Rect(0, 0, round(size * 0.78), round(size * 0.62))
    shoulders.midtop = (round(x), round(y + size * 0.02))
    clip = surface.get_clip()
    surface.set_clip(pygame.Rect(shoulders.left - 2, shoulders.top - 2, shoulders.width + 4,
                                 round(size * 0.48)).clip(clip))
    pygame.draw.ellipse(surface, color, shoulders, width)
    surface.set_clip(clip)
    if not filled:
        bottom = shoulders.top + round(size * 0.46)
        pygame.draw.line(surface, color, (shoulders.left, bottom), (shoulders.right, bottom),
                         width)


def draw_gear(surface: pygame.Surface, center: tuple[float, float], radius: float,
              color: Color, *, teeth: int = 8, hole: Color | None = None) -> None:
    """A cog wheel with ``teeth`` teeth and a hole (drawn in ``hole`` or left clear)."""
    x, y = center
    points = []
    for index in range(teeth * 4):
        angle = 2 * math.pi * index / (teeth * 4)
        r = radius if index % 4 in (1, 2) else radius * 0.78
        points.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    pygame.draw.polygon(surface, color, points)
    if hole is not None:
        pygame.draw.circle(surface, hole, (x, y), radius * 0.32)
    else:
        pygame.draw.circle(surface, (0, 0, 0, 0), (x, y), radius * 0.32)


def draw_book(surface: pygame.Surface, center: tuple[float, float], size: float,
              color: Color) -> None:
    """An open book seen from the front."""
    x, y = center
    w, h = size * 0.44, size * 0.56
    line = max(1, round(size * 0.06))
    left = [(x, y - h * 0.38), (x - w, y - h * 0.5), (x - w, y + h * 0.42), (x, y + h * 0.5)]
    right = [(x, y - h * 0.38), (x + w, y - h * 0.5), (x + w, y + h * 0.42), (x, y + h * 0.5)]
    pygame.draw.polygon(surface, color, left, line)
    pygame.draw.polygon(surface, color, right, line)
    for step in (0.25, 0.5, 0.75):
        for side in (-1, 1):
            x0 = x + side * w * 0.18
            x1 = x + side * w * 0.82
            ty = y - h * 0.42 + h * 0.85 * step
            pygame.draw.line(surface, color, (x0, ty), (x1, ty - h * 0.04), max(1, line // 2))


def draw_page(surface: pygame.Surface, center: tuple[float, float], size: float,
              color: Color) -> None:
    """A written sheet: a page with lines of writing."""
    x, y = center
    rect = pygame.Rect(0, 0, round(size * 0.6), round(size * 0.8))
    rect.center = (round(x), round(y))
    line = max(1, round(size * 0.06))
    pygame.draw.rect(surface, color, rect, line, border_radius=max(1, line))
    for step in range(4):
        ty = rect.top + rect.height * (0.25 + 0.17 * step)
        pygame.draw.line(surface, color, (rect.left + rect.width * 0.18, ty),
                         (rect.right - rect.width * 0.18, ty), max(1, line // 2 + 1))


class IconPainter:
    """Draws named icons, cached per size and colour."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int, Color], pygame.Surface] = {}

    def icon(self, name: str, size: int, color: Color) -> pygame.Surface:
        """The icon ``name`` on a transparent square ``size`` pixels wide.

        :raises KeyError: for an unknown name.
        """
        key = (name, max(8, size), color)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        surface = pygame.Surface((key[1], key[1]), pygame.SRCALPHA)
        _DRAW[name](surface, float(key[1]), color)
        if len(self._cache) > 300:
            self._cache.clear()
        self._cache[key] = surface
        return surface

    def author(self, author: MoveAuthor, size: int, color: Color) -> pygame.Surface:
        return self.icon(AUTHOR_ICONS[author], size, color)


def _you(s: pygame.Surface, size: float, color: Color) -> None:
    draw_person(s, (size / 2, size * 0.56), size * 0.9, color, filled=False)


def _person(s: pygame.Surface, size: float, color: Color) -> None:
    draw_person(s, (size / 2, size * 0.56), size * 0.9, color)


def _gear(s: pygame.Surface, size: float, color: Color) -> None:
    draw_gear(s, (size / 2, size / 2), size * 0.44, color)


def _person_gear(s: pygame.Surface, size: float, color: Color) -> None:
    draw_person(s, (size * 0.4, size * 0.6), size * 0.78, color)
    draw_gear(s, (size * 0.78, size * 0.24), size * 0.22, color, teeth=6)


def _gear_absent(s: pygame.Surface, size: float, color: Color) -> None:
    draw_gear(s, (size * 0.42, size * 0.56), size * 0.38, color)
    draw_person(s, (size * 0.8, size * 0.26), size * 0.4, color, filled=False)


def _book(s: pygame.Surface, size: float, color: Color) -> None:
    draw_book(s, (size / 2, size / 2), size * 0.95, color)


def _page(s: pygame.Surface, size: float, color: Color) -> None:
    draw_page(s, (size / 2, size / 2), size, color)


_DRAW = {"you": _you, "person": _person, "gear": _gear, "person_gear": _person_gear,
         "gear_absent": _gear_absent, "book": _book, "page": _page}
