"""Drawing text with the bundled fonts: roles, caching and word wrap.

Owns: ``TextStyle`` (a font role, a size in window pixels and a colour) and ``TextPainter``
(renders and caches text surfaces, wraps paragraphs to a width, knows which characters a face
has). Only bundled fonts are used — never system fonts — so every kiosk shows the same letters,
and every character drawn must exist in the font that draws it (a missing one would show as a
box): ``missing_glyphs`` finds them, and the first time one is drawn it is logged.
"""

from __future__ import annotations

import enum
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.assets import Assets, SurfaceCache

log = logging.getLogger(__name__)

Color = tuple[int, int, int] | tuple[int, int, int, int]
NOT_A_CHARACTER = "\U000F0000"
"""A private-use code point no bundled font has: what a missing glyph looks like."""
GLYPH_PROBE_PX = 24


class Face(enum.Enum):
    """Font roles, each a bundled file."""

    SERIF = "ebgaramond12-regular.ttf"
    ITALIC = "ebgaramond12-italic.ttf"
    BOLD = "ebgaramond12-bold.ttf"
    """Basic Latin only (no ä, é, ’): for digits, SAN and English words."""
    SMALL_CAPS = "ebgaramondsc12-regular.ttf"
    SANS = "dejavusans.ttf"
    SANS_BOLD = "dejavusans-bold.ttf"


@dataclass(frozen=True)
class TextStyle:
    face: Face
    size: int
    """Height in window pixels."""
    color: Color


@dataclass(frozen=True)
class TextDrawn:
    """One text as drawn: what, in which style, the box it had to stay in and where its
    letters went (told to ``TextPainter.observer``)."""

    text: str
    style: TextStyle
    box: pygame.Rect
    """Its widget's box, or the surface it was drawn on when it has no box of its own."""
    ink: pygame.Rect
    """Where the rendered lines went (the union of their rectangles)."""

    @property
    def fits(self) -> bool:
        return self.box.contains(self.ink)


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


class TextPainter:
    """Renders text to surfaces, with a cache so unchanged text costs one blit."""

    def __init__(self, assets: Assets, *, cache_limit: int = 600,
                 cache_bytes: int = 16_000_000) -> None:
        self._assets = assets
        self._cache = SurfaceCache(cache_limit, max_bytes=cache_bytes)
        self._wrapped: OrderedDict[tuple[str, TextStyle, int], list[str]] = OrderedDict()
        self._limit = cache_limit
        self._glyphs: dict[tuple[Face, str], bool] = {}
        self._notdef: dict[Face, bytes] = {}
        self.observer: Callable[[TextDrawn], None] | None = None
        """Told of every text drawn and the box it had (tests check that text fits)."""

    # -- glyphs ------------------------------------------------------------------------------

    def has_glyph(self, face: Face, char: str) -> bool:
        """Whether ``face`` draws ``char`` itself (not the box that stands for a missing one)."""
        known = self._glyphs.get((face, char))
        if known is None:
            font = self._assets.font(face.value, GLYPH_PROBE_PX)
            if face not in self._notdef:
                self._notdef[face] = _pixels(font.render(NOT_A_CHARACTER, True, "white"))
            known = _pixels(font.render(char, True, "white")) != self._notdef[face]
            self._glyphs[(face, char)] = known
            if not known:
                log.warning("the font %s has no %r (U+%04X): it would show as a box",
                            face.value, char, ord(char))
        return known

    def missing_glyphs(self, text: str, face: Face) -> str:
        """The characters of ``text`` that ``face`` does not have, each once, in order."""
        return "".join(dict.fromkeys(c for c in text if c != "\n"
                                     and not self.has_glyph(face, c)))

    def font(self, style: TextStyle) -> pygame.font.Font:
        return self._assets.font(style.face.value, style.size)

    def render(self, text: str, style: TextStyle) -> pygame.Surface:
        """``text`` on one line, anti-aliased, with transparent background."""
        key = (text, style)
        surface = self._cache.fetch(key)
        if surface is not None:
            return surface
        rgb = style.color[:3]
        self.missing_glyphs(text, style.face)  # logs a missing glyph the first time
        surface = self.font(style).render(text, True, rgb)
        if len(style.color) == 4:
            surface.set_alpha(style.color[3])
        return self._cache.store(key, surface)

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
             pos: tuple[float, float], *, anchor: str = "topleft",
             within: pygame.Rect | None = None) -> pygame.Rect:
        """Draw one line with a rect anchor (``"center"``, ``"midleft"``…); returns its rect.
        ``within``: the box the line belongs in (it is told to the observer)."""
        rendered = self.render(text, style)
        rect = rendered.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
        surface.blit(rendered, rect)
        self._tell(surface, text, style, within, [(rendered, rect.topleft)])
        return rect

    def _tell(self, surface: pygame.Surface, text: str, style: TextStyle,
              box: pygame.Rect | None,
              lines: list[tuple[pygame.Surface, tuple[int, int]]]) -> None:
        """Tell the observer (if any) where the letters' pixels went."""
        if self.observer is None or not text.strip():
            return
        inks = [line.get_bounding_rect().move(pos) for line, pos in lines]
        inks = [ink for ink in inks if ink.width and ink.height]
        if inks:
            ink = inks[0].unionall(inks[1:])
            self.observer(TextDrawn(text, style, box or surface.get_rect(), ink))

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
        drawn: list[tuple[pygame.Surface, tuple[int, int]]] = []
        for line in lines:
            rendered = self.render(line, style)
            if align == "center":
                x = rect.centerx - rendered.get_width() // 2
            elif align == "right":
                x = rect.right - rendered.get_width()
            else:
                x = rect.left
            surface.blit(rendered, (x, y))
            drawn.append((rendered, (x, y)))
            y += step
        self._tell(surface, text, style, rect.clip(surface.get_rect()), drawn)
        return height
