"""The notes beside the Turk's act: a paper plaque with its title, a line or two and sources.

Owns: ``NotesPanel``. It draws ``ActNotes`` on the paper of the play screen's panels — a
boxed tag above the title for a doubtful record (a frame and words, not colour alone), the
title in small capitals, the lines, and the source ids in the small print — and keeps the
one plaque it drew until the notes or the size change, so a long run makes no garbage.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.content.strings import Strings
from game.ui.assets import for_display
from game.ui.attract.act import ActNotes
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import draw_plaque

PAPER_TOP = (244, 233, 206)
PAPER_BOTTOM = (226, 209, 170)
PAPER_EDGE = (120, 86, 48)
INK = (46, 30, 18)
INK_SOFT = (96, 72, 50)
WARNING = (140, 36, 20)


@dataclass(frozen=True)
class _Block:
    kind: str
    """``tag``, ``title``, ``line`` or ``sources``."""
    text: str
    style: TextStyle
    gap: int
    """Space below it."""
    boxed: bool = False


class NotesPanel:
    """Draws one act's notes, cached."""

    def __init__(self, text: TextPainter, strings: Strings) -> None:
        self._text = text
        self._strings = strings
        self._cache: tuple[tuple[object, ...], pygame.Surface] | None = None

    def draw(self, surface: pygame.Surface, area: pygame.Rect, notes: ActNotes,
             scale: float) -> pygame.Rect:
        """Draw the plaque at the top of ``area`` (as tall as it needs); returns its rect."""
        key = (notes, area.size, scale, self._strings.language)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self._render(area, notes, scale))
        return surface.blit(self._cache[1], area.topleft)

    def _render(self, area: pygame.Rect, notes: ActNotes, scale: float) -> pygame.Surface:
        pad = round(22 * scale)
        width = area.width - 2 * pad
        blocks = self._fitting(self._blocks(notes, scale), width, area.height - 2 * pad)
        height = sum(self._block_height(b, width) for b in blocks) + 2 * pad
        panel = pygame.Surface((area.width, height), pygame.SRCALPHA)
        draw_plaque(panel, panel.get_rect(), radius=max(6, round(14 * scale)), top=PAPER_TOP,
                    bottom=PAPER_BOTTOM, edge=PAPER_EDGE)
        y = pad
        for block in blocks:
            if block.boxed:
                self._draw_tag(panel, block, (pad, y), width, scale)
            else:
                self._text.draw_block(panel, block.text, block.style,
                                      pygame.Rect(pad, y, width, height - y), line_gap=1.12)
            y += self._block_height(block, width)
        return for_display(panel)

    def _fitting(self, blocks: list[_Block], width: int, room: int) -> list[_Block]:
        """The blocks that fit ``room``: the tag, the title and the sources always, then the
        lines in order while there is room."""
        kept = [b for b in blocks if b.kind != "line"]
        left = room - sum(self._block_height(b, width) for b in kept)
        for block in (b for b in blocks if b.kind == "line"):
            need = self._block_height(block, width)
            if need > left:
                break
            kept.append(block)
            left -= need
        return sorted(kept, key=blocks.index)

    def _blocks(self, notes: ActNotes, scale: float) -> list[_Block]:
        """Each part of the plaque, top to bottom."""
        blocks: list[_Block] = []
        if notes.tag:
            blocks.append(_Block("tag", notes.tag, TextStyle(Face.SMALL_CAPS, round(27 * scale),
                                                             WARNING), round(10 * scale), True))
        blocks.append(_Block("title", notes.title,
                             TextStyle(Face.SMALL_CAPS, round(38 * scale), INK), round(8 * scale)))
        blocks += [_Block("line", line, TextStyle(Face.SERIF, round(27 * scale), INK),
                          round(6 * scale)) for line in notes.lines]
        if notes.sources:
            line = self._strings.get("attract.sources", ids=" · ".join(notes.sources))
            blocks.append(_Block("sources", line,
                                 TextStyle(Face.SANS, round(19 * scale), INK_SOFT), 0))
        return blocks

    def _block_height(self, block: _Block, width: int) -> int:
        style = self._tag_style(block, width) if block.boxed else block.style
        lines = 1 if block.boxed else len(self._text.wrap(block.text, style, width))
        return round(style.size * 1.12) * lines + block.gap + round(style.size * 0.25)

    def _tag_style(self, block: _Block, width: int) -> TextStyle:
        """The tag's style, smaller if need be so its box fits the plaque on one line."""
        style = block.style
        while self._text.size(block.text, style)[0] > width - style.size and style.size > 10:
            style = TextStyle(style.face, style.size - 1, style.color)
        return style

    def _draw_tag(self, panel: pygame.Surface, block: _Block, at: tuple[int, int], width: int,
                  scale: float) -> None:
        style = self._tag_style(block, width)
        rect = self._text.draw(panel, block.text, style, (at[0] + style.size // 2, at[1]))
        box = rect.inflate(style.size, round(6 * scale))
        pygame.draw.rect(panel, WARNING, box, max(2, round(2.5 * scale)),
                         border_radius=round(4 * scale))
