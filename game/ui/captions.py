"""Captions: every sound and spoken line shown as text, for as long as it lasts.

Owns: ``Captions`` — short captions that fade after a few seconds, held captions that stay
while a loop runs (the clockwork), and a line being spelled on the letter board. Drawn on a
dark plaque at the bottom of the stage; staff can turn captions off.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.text import Face, TextPainter, TextStyle

INK = (250, 238, 212)
PLAQUE = (14, 9, 6, 190)
READ_CHARS_PER_S = 14.0
"""A calm reading pace for a mixed audience (subtitle guides give 13 for children, 17 for
adults): characters, not words, so a language of long words gets its due."""
LOOK_S = 1.5
"""Time to find the caption before reading starts."""


def reading_seconds(text: str) -> float:
    """How long ``text`` must stay up to be read at a calm pace."""
    return LOOK_S + len(text.strip()) / READ_CHARS_PER_S


@dataclass
class _Caption:
    text: str
    left_s: float


class Captions:
    def __init__(self, text: TextPainter, *, enabled: bool = True) -> None:
        self._text = text
        self.enabled = enabled
        self._shown: list[_Caption] = []
        self._held: dict[str, str] = {}

    def show(self, text: str, seconds: float = 2.5) -> None:
        """Show a caption for a while (the same text again just extends it)."""
        for caption in self._shown:
            if caption.text == text:
                caption.left_s = max(caption.left_s, seconds)
                return
        self._shown.append(_Caption(text, seconds))
        del self._shown[:-2]

    def hold(self, key: str, text: str | None) -> None:
        """Keep a caption up under ``key`` until it is held with ``None``."""
        if text is None:
            self._held.pop(key, None)
        else:
            self._held[key] = text

    def is_held(self, key: str) -> bool:
        return key in self._held

    def clear(self) -> None:
        self._shown.clear()
        self._held.clear()

    def update(self, dt: float) -> None:
        for caption in self._shown:
            caption.left_s -= dt
        self._shown = [c for c in self._shown if c.left_s > 0]

    @property
    def lines(self) -> list[str]:
        return list(self._held.values()) + [c.text for c in self._shown]

    def draw(self, surface: pygame.Surface, area: pygame.Rect, scale: float, *,
             anchor: str = "midbottom") -> None:
        """The captions on a plaque inside ``area``, at its ``anchor`` (bottom by default;
        ``"center"`` beside the art)."""
        if not self.enabled:
            return
        pad = round(20 * scale)
        for px in (30, 28, 26, 24, 22):  # the largest type at which the captions fit
            style = TextStyle(Face.ITALIC, max(12, round(px * scale)), INK)
            step = round(style.size * 1.25)
            room = max(1, (area.height - round(12 * scale)) // step)
            lines = [part for line in self.lines[-3:]
                     for part in self._text.wrap(line, style, area.width - 2 * pad)]
            if len(lines) <= room:
                break
        lines = lines[-room:]  # never more than the strip holds (the newest stay)
        if not lines:
            return
        width = max(self._text.size(line, style)[0] for line in lines) + 2 * pad
        height = step * len(lines) + round(12 * scale)
        plaque = pygame.Rect(0, 0, min(width, area.width), height)
        setattr(plaque, anchor, getattr(area, anchor))
        patch = pygame.Surface(plaque.size, pygame.SRCALPHA)
        pygame.draw.rect(patch, PLAQUE, patch.get_rect(), border_radius=round(10 * scale))
        surface.blit(patch, plaque)
        for index, line in enumerate(lines):
            self._text.draw(surface, line, style,
                            (plaque.centerx, plaque.top + round(6 * scale) + index * step),
                            anchor="midtop", within=area)
