"""The words of a reveal page in its text column, layer by layer.

Owns: ``TextBlock`` (a run of text in one style) and ``page_blocks`` (what a page shows at
layer 0 — the kicker, the headline and the glance lines; at layer 1 the body too (and the
screen's note); at layer 2
the second layer in place of the body), ``draw_blocks``, which sets them top to bottom,
shrinking the type together when a language runs long but never below ``MIN_TEXT_PX``, and
``TextColumn``, which keeps the set text so that a frame costs one blit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.reveal.layout import (
    BODY_PX,
    CREAM,
    GLANCE_PX,
    GOLD_TEXT,
    HEADLINE_PX,
    KICKER_PX,
    MIN_TEXT_PX,
    MORE_PX,
    PARCHMENT,
    RevealLayout,
)
from game.ui.reveal.plan import PageText
from game.ui.text import Face, TextPainter, TextStyle


@dataclass(frozen=True)
class TextBlock:
    text: str
    face: Face
    size: int
    """Design pixels."""
    color: tuple[int, int, int]
    gap_after: int = 18
    """Design pixels of space below."""


def page_blocks(text: PageText, layer: int) -> list[TextBlock]:
    """The blocks a page shows at ``layer``: 0 the glance; then the body, then the second
    layer in its place (a page without a body shows its second layer on the first tap)."""
    blocks = []
    if text.kicker:
        blocks.append(TextBlock(text.kicker, Face.ITALIC, KICKER_PX, GOLD_TEXT, 10))
    blocks.append(TextBlock(text.headline, Face.SERIF, HEADLINE_PX, CREAM, 26))
    blocks += [TextBlock(line, Face.SERIF, GLANCE_PX, GOLD_TEXT) for line in text.glance]
    deeper: list[list[TextBlock]] = []
    if text.body or text.note:
        body = [TextBlock(line, Face.SERIF, BODY_PX, PARCHMENT) for line in text.body]
        if text.note:  # a note beside the body, like a museum label's small text
            body.append(TextBlock(text.note, Face.ITALIC, MORE_PX, GOLD_TEXT))
        deeper.append(body)
    if text.more:
        deeper.append([TextBlock(text.more, Face.SERIF, MORE_PX, PARCHMENT)])
    if layer > 0 and deeper:
        blocks += deeper[min(layer, len(deeper)) - 1]
    return blocks


def _scaled(block: TextBlock, factor: float, layout: RevealLayout) -> TextStyle:
    size = max(MIN_TEXT_PX, round(block.size * factor))
    return TextStyle(block.face, layout.px(size), block.color)


def measure(painter: TextPainter, blocks: list[TextBlock], layout: RevealLayout,
            width: int, factor: float = 1.0) -> int:
    """The height the blocks take at ``factor`` of their sizes, in window pixels."""
    height = 0
    for block in blocks:
        style = _scaled(block, factor, layout)
        lines = painter.wrap(block.text, style, width)
        height += round(style.size * 1.18) * len(lines) + layout.px(block.gap_after)
    return height


def fit_factor(painter: TextPainter, blocks: list[TextBlock], layout: RevealLayout,
               area: pygame.Rect) -> float:
    """The largest factor (at most 1) at which the blocks fit ``area``'s height."""
    factor = 1.0
    while factor > 0.6 and measure(painter, blocks, layout, area.width, factor) > area.height:
        factor -= 0.05
    return factor


def draw_blocks(surface: pygame.Surface, painter: TextPainter, blocks: list[TextBlock],
                layout: RevealLayout, area: pygame.Rect) -> int:
    """Set the blocks in ``area`` from the top; returns the bottom edge used."""
    factor = fit_factor(painter, blocks, layout, area)
    y = area.top
    for block in blocks:
        style = _scaled(block, factor, layout)
        rect = pygame.Rect(area.left, y, area.width, area.bottom - y)
        y += painter.draw_block(surface, block.text, style, rect, line_gap=1.18)
        y += layout.px(block.gap_after)
    return y


class TextColumn:
    """``draw_blocks`` with the result kept: a page's words are set once, then blitted."""

    def __init__(self, painter: TextPainter) -> None:
        self._painter = painter
        self._key: tuple[object, ...] | None = None
        self._surface: pygame.Surface | None = None
        self._bottom = 0

    def draw(self, surface: pygame.Surface, blocks: list[TextBlock], layout: RevealLayout,
             area: pygame.Rect) -> int:
        """Set ``blocks`` in ``area`` (from the cache when nothing changed); the bottom edge."""
        key = (tuple(blocks), area.size, layout.viewport.scale)
        if key != self._key or self._surface is None:
            canvas = pygame.Surface(area.size, pygame.SRCALPHA)
            local = pygame.Rect((0, 0), area.size)
            self._bottom = draw_blocks(canvas, self._painter, blocks, layout, local)
            self._key, self._surface = key, canvas
        surface.blit(self._surface, area.topleft)
        return area.top + self._bottom
