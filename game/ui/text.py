"""Drawing text with the bundled fonts: roles, caching and word wrap.

Owns: ``TextStyle`` (a font role, a size in window pixels and a colour) and ``TextPainter``
(renders and caches text surfaces, wraps paragraphs to a width). Only bundled fonts are used —
never system fonts — so every kiosk shows the same letters.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from dataclasses import dataclass

import pygame

from game.ui.assets import Assets

Color = tuple[int, int, int] | tuple[int, int, int, int]


class Face(enum.Enum):
    """Font roles, each a bundled file."""

    SERIF = "ebgaramond12-regular.ttf"
    ITALIC = "ebgaramond12-italic.ttf"
    BOLD = "ebgaramond12-bold.ttf"
    SMALL_CAPS = "ebgaramondsc12-regular.ttf"
    SANS = "dejavusans.ttf"
    SANS_BOLD = "dejavusans-bold.ttf"


@dataclass(frozen=True)
class TextStyle:
    face: Face
    size: int
    """Height in window pixels."""
    color: Color


class TextPainter:
    """Renders text to surfaces, with a cache so unchanged text costs one blit."""

    def __init__(self, assets: Assets, *, cache_limit: int = 600) -> None:
        self._assets = assets
        self._cache: OrderedDict[tuple[str, TextStyle], pygame.Surface] = OrderedDict()
        self._wrapped: OrderedDict[tuple[str, TextStyle, int], list[str]] = OrderedDict()
        self._limit = cache_limit

    def font(self, style: TextStyle) -> pygame.font.Font:
        return self._assets.font(style.face.value, style.size)

    def render(self, text: str, style: TextStyle) -> pygame.Surface:
        """``text`` on one line, anti-aliased, with transparent background."""
        key = (text, style)
        surface = self._cache.get(key)
        if surface is not None:
            self._cache.move_to_end(key)
            return surface
        rgb = style.color[:3]
        surface = self.font(style).render(text, True, rgb)
        if len(style.color) == 4:
            surface.set_alpha(style.color[3])
        self._cache[key] = surface
        if len(self._cache) > self._limit:
            self._cache.popitem(last=False)
        return surface

    def size(self, text: str, style: TextStyle) -> tuple[int, int]:
        return self.font(style).size(text)

    def wrap(self, text: str, style: TextStyle, width: int) -> list[str]:
        """Break ``text`` into lines no wider than ``width`` (explicit newlines kept)."""
        key = (text, style, width)
        cached = self._wrapped.get(key)
        if cached is None:
            cached = self._wrap(text, style, width)
            self._wrapped[key] = cached
            if len(self._wrapped) > self._limit:
                self._wrapped.popitem(last=False)
        else:
            self._wrapped.move_to_end(key)
        return list(cached)

    def _wrap(self, text: str, style: TextStyle, width: int) -> list[str]:
        font = self.font(style)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split(" ")
            line = ""
            for word in words:
                trial = f"{line} {word}" if line else word
                if line and font.size(trial)[0] > width:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        return lines

    def draw(self, surface: pygame.Surface, text: str, style: TextStyle,
             pos: tuple[float, float], *, anchor: str = "topleft") -> pygame.Rect:
        """Draw one line with a rect anchor (``"center"``, ``"midleft"``…); returns its rect."""
        rendered = self.render(text, style)
        rect = rendered.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
        surface.blit(rendered, rect)
        return rect

    def draw_block(self, surface: pygame.Surface, text: str, style: TextStyle,
                   rect: pygame.Rect, *, align: str = "left", line_gap: float = 1.15,
                   valign: str = "top") -> int:
        """Draw wrapped text inside ``rect``; returns the height used."""
        lines = self.wrap(text, style, rect.width)
        step = round(style.size * line_gap)
        height = step * len(lines)
        y = rect.top
        if valign == "center":
            y = rect.centery - height // 2
        elif valign == "bottom":
            y = rect.bottom - height
        for line in lines:
            rendered = self.render(line, style)
            if align == "center":
                x = rect.centerx - rendered.get_width() // 2
            elif align == "right":
                x = rect.right - rendered.get_width()
            else:
                x = rect.left
            surface.blit(rendered, (x, y))
            y += step
        return height
