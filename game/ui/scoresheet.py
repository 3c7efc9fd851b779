"""The move list, drawn as a scoresheet: numbered rows of SAN, the newest always in view.

Owns: ``Scoresheet`` — lays out the moves of a game (which may start with Black to move or at a
later move number) in a paper panel, as a two-column sheet in landscape or a running line in
portrait, and caches the result until the moves change.
"""

from __future__ import annotations

from collections.abc import Sequence

import chess
import pygame

from game.ui.assets import for_display
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import draw_plaque

PAPER_TOP = (244, 233, 206)
PAPER_BOTTOM = (226, 209, 170)
PAPER_EDGE = (120, 86, 48)
INK = (46, 30, 18)
INK_FAINT = (120, 96, 70)


def numbered_rows(sans: Sequence[str], *, start_fullmove: int,
                  start_turn: chess.Color) -> list[tuple[int, str, str]]:
    """Rows of (move number, White's SAN, Black's SAN); ``…`` fills Black's first half-move."""
    items = list(sans)
    if start_turn == chess.BLACK:
        items.insert(0, "…")
    rows = []
    for index in range(0, len(items), 2):
        white = items[index]
        black = items[index + 1] if index + 1 < len(items) else ""
        rows.append((start_fullmove + index // 2, white, black))
    return rows


class Scoresheet:
    """Draws the moves in a panel; cached until the moves or the panel change."""

    def __init__(self, text: TextPainter, title: str) -> None:
        self._text = text
        self.title = title
        self._cache: tuple[tuple[object, ...], pygame.Surface] | None = None

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, sans: Sequence[str], *,
             start_fullmove: int, start_turn: chess.Color, vertical: bool, scale: float) -> None:
        key = (tuple(sans), rect.size, start_fullmove, start_turn, vertical, self.title)
        if self._cache is None or self._cache[0] != key:
            panel = pygame.Surface(rect.size, pygame.SRCALPHA)
            draw_plaque(panel, panel.get_rect(), radius=max(6, round(14 * scale)),
                        top=PAPER_TOP, bottom=PAPER_BOTTOM, edge=PAPER_EDGE)
            rows = numbered_rows(sans, start_fullmove=start_fullmove, start_turn=start_turn)
            if vertical:
                self._draw_columns(panel, rows, scale)
            else:
                self._draw_line(panel, rows, scale)
            self._cache = (key, for_display(panel))
        surface.blit(self._cache[1], rect)

    def _draw_columns(self, panel: pygame.Surface, rows: list[tuple[int, str, str]],
                      scale: float) -> None:
        pad = round(22 * scale)
        title = TextStyle(Face.SMALL_CAPS, round(34 * scale), INK)
        self._text.draw(panel, self.title, title, (panel.get_width() // 2, pad), anchor="midtop")
        line = round(40 * scale)
        top = pad + round(56 * scale)
        pygame.draw.line(panel, INK_FAINT, (pad, top - round(10 * scale)),
                         (panel.get_width() - pad, top - round(10 * scale)), max(1, round(scale)))
        fits = max(1, (panel.get_height() - top - pad) // line)
        shown = rows[-fits:]
        number_style = TextStyle(Face.SERIF, round(30 * scale), INK_FAINT)
        move_style = TextStyle(Face.SERIF, round(32 * scale), INK)
        width = panel.get_width() - 2 * pad
        columns = (pad + round(width * 0.2), pad + round(width * 0.6))
        for index, (number, white, black) in enumerate(shown):
            y = top + index * line
            self._text.draw(panel, f"{number}.", number_style, (columns[0] - round(14 * scale), y),
                            anchor="topright")
            self._text.draw(panel, white, move_style, (columns[0], y))
            self._text.draw(panel, black, move_style, (columns[1], y))

    def _draw_line(self, panel: pygame.Surface, rows: list[tuple[int, str, str]],
                   scale: float) -> None:
        pad = round(18 * scale)
        style = TextStyle(Face.SERIF, round(32 * scale), INK)
        texts = [f"{n}. {w} {b}".rstrip() for n, w, b in rows] or [self.title]
        lines: list[str] = []
        current = ""
        width = panel.get_width() - 2 * pad
        for item in texts:
            trial = f"{current}   {item}" if current else item
            if current and self._text.size(trial, style)[0] > width:
                lines.append(current)
                current = item
            else:
                current = trial
        lines.append(current)
        step = round(style.size * 1.2)
        fits = max(1, (panel.get_height() - 2 * pad) // step)
        for index, line in enumerate(lines[-fits:]):
            self._text.draw(panel, line, style, (pad, pad + index * step))
