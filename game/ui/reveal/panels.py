"""Two pictures that carry data: today's guesses in counters, and the roll of operators.

Owns: ``draw_tally`` (the cabinet open on the truth above two rows of counters — white for
"a machine", red for "a person", each row with its icon, its name and its number, so the
colour is never the only cue; one counter for each guess, so a single guess shows as one
counter, and beyond ``TALLY_COUNTERS`` a counter stands for several, as the legend says) and
``RollPlaque`` (a brass plaque engraved with the names of
those who played the Turk from inside: the historical ones first, then this kiosk's; on a tap
their dates and places; on another, the whole roll with its notes across the screen).
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.content.strings import Strings
from game.model.reveal import RevealFacts, TurkMode
from game.reveal_store import TallyCount
from game.ui.assets import Assets
from game.ui.reveal.cabinet import ASPECT, CabinetView, fit_rect
from game.ui.reveal.icons import IconPainter
from game.ui.reveal.layout import CREAM, GILT, QUIET, RevealLayout
from game.ui.reveal.plan import TALLY_COUNTERS, tally_scale
from game.ui.reveal.roll import RollEntry
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import draw_plaque

PLAQUE_TOP = (238, 210, 146)
PLAQUE_BOTTOM = (208, 170, 100)
PLAQUE_EDGE = (110, 76, 30)
ENGRAVING = (44, 26, 10)
ENGRAVING_SOFT = (72, 46, 20)


def interior_for(mode: TurkMode) -> str:
    return "program" if mode is TurkMode.ENGINE else "operator"


def draw_tally(surface: pygame.Surface, area: pygame.Rect, *, facts: RevealFacts,
               tally: TallyCount | None, assets: Assets, cabinet: CabinetView,
               icons: IconPainter, text: TextPainter, strings: Strings, px: float,
               time_s: float) -> None:
    """The cabinet open on who really played, and today's guesses below it."""
    top = pygame.Rect(area.left, area.top, area.width, round(area.height * 0.56))
    cabinet.draw(surface, fit_rect(top, ASPECT), interior_for(facts.mode), opened=1.0,
                 time_s=time_s, inset=facts.mode is TurkMode.HYBRID)
    if tally is None or tally.total == 0:
        return
    per = tally_scale(tally.total)
    legend = round(40 * px) if per > 1 else 0
    rows = pygame.Rect(area.left, top.bottom + round(30 * px), area.width,
                       area.bottom - top.bottom - round(30 * px) - legend)
    counts = (tally.machine, tally.person)
    slots = max(counters_for(count, per) for count in counts)
    for index, (key, icon, counter, count) in enumerate((
            ("machine", "gear", "counter_white", tally.machine),
            ("person", "person", "counter_red", tally.person))):
        row = pygame.Rect(rows.left, rows.top + index * rows.height // 2, rows.width,
                          rows.height // 2)
        _tally_row(surface, row, label=strings.get(f"reveal.guess.{key}"), number=str(count),
                   icon=icons.icon(icon, round(52 * px), CREAM), counter=counter,
                   counters=counters_for(count, per), slots=slots, assets=assets, text=text,
                   px=px)
    if per > 1:
        style = TextStyle(Face.ITALIC, max(24, round(28 * px)), QUIET)
        text.draw(surface, strings.get("reveal.tally.scale", per=per), style,
                  (rows.left, rows.bottom + legend // 2), anchor="midleft")


def counters_for(count: int, per: int) -> int:
    """Counters for ``count`` guesses when each stands for ``per``: at least one for any."""
    return 0 if count <= 0 else max(1, round(count / per))


def _tally_row(surface: pygame.Surface, row: pygame.Rect, *, label: str, number: str,
               icon: pygame.Surface, counter: str, counters: int, slots: int, assets: Assets,
               text: TextPainter, px: float) -> None:
    style = TextStyle(Face.SERIF, max(24, round(36 * px)), CREAM)
    surface.blit(icon, icon.get_rect(midleft=(row.left, row.top + round(30 * px))))
    text.draw(surface, label, style,
              (row.left + icon.get_width() + round(16 * px), row.top + round(30 * px)),
              anchor="midleft")
    text.draw(surface, number, style, (row.right, row.top + round(30 * px)), anchor="midright")
    size = max(8, min(round(row.width / (TALLY_COUNTERS + 1)), round(row.height * 0.42)))
    image = assets.svg(f"svg/props/{counter}.svg", (size, size))
    step = (row.width - size) / (TALLY_COUNTERS - 1)
    y = row.top + round(64 * px)
    for slot in range(slots):  # a ring marks a place the other row fills
        x = row.left + slot * step
        if slot < counters:
            surface.blit(image, (round(x), y))
        else:
            pygame.draw.circle(surface, GILT, (round(x + size / 2), y + size // 2),
                               size * 0.32, 1)


MIN_ROLL_PX = 20
"""Design pixels: the smallest the roll's notes get (so the whole roll fits its plaque)."""

class RollPlaque:
    """The roll of operators engraved on a brass plaque."""

    def __init__(self, text: TextPainter, icons: IconPainter) -> None:
        self._text = text
        self._icons = icons
        self._cache: tuple[tuple[object, ...], pygame.Surface] | None = None

    def draw(self, surface: pygame.Surface, area: pygame.Rect, entries: Sequence[RollEntry],
             layout: RevealLayout, *, layer: int, title: str) -> None:
        """The plaque in ``area``: names (layer 0), with details (1), with notes (2)."""
        key = (area.size, tuple(entries), layer, title, layout.viewport.scale)
        if self._cache is None or self._cache[0] != key:
            canvas = pygame.Surface(area.size, pygame.SRCALPHA)
            self._engrave(canvas, pygame.Rect((0, 0), area.size), entries, layout,
                          layer=layer, title=title)
            self._cache = (key, canvas)
        surface.blit(self._cache[1], area.topleft)

    def _engrave(self, surface: pygame.Surface, area: pygame.Rect,
                 entries: Sequence[RollEntry], layout: RevealLayout, *, layer: int,
                 title: str) -> None:
        draw_plaque(surface, area, radius=layout.px(18), top=PLAQUE_TOP, bottom=PLAQUE_BOTTOM,
                    edge=PLAQUE_EDGE)
        inner = area.inflate(-layout.px(56), -layout.px(44))
        heading = TextStyle(Face.SMALL_CAPS, layout.px(40), ENGRAVING)
        y = inner.top
        if title:
            y += self._text.draw_block(surface, title, heading, inner, align="center")
        columns = 2 if layer >= 2 and not layout.viewport.is_portrait else 1
        if layer == 0 and len(entries) > 8:
            columns = 2
        body = pygame.Rect(inner.left, y + layout.px(14), inner.width, inner.bottom - y)
        size = 30 if layer == 0 else 26
        while size > MIN_ROLL_PX and self._height(entries, body, layout, layer=layer, size=size,
                                                 columns=columns) > \
                body.height:
            size -= 1
        self._columns(surface, entries, body, layout, layer=layer, size=size, columns=columns)

    def _entry_lines(self, entry: RollEntry, layer: int) -> list[tuple[str, Face, tuple[
            int, int, int]]]:
        if layer == 0 or not entry.details:
            lines = [(entry.name, Face.SMALL_CAPS, ENGRAVING)]
        else:  # the first detail line is the name with the life dates (or the kiosk's credit)
            lines = [(entry.details[0], Face.SMALL_CAPS, ENGRAVING)]
            lines += [(line, Face.ITALIC, ENGRAVING_SOFT) for line in entry.details[1:]]
        if layer >= 2:
            lines += [(line, Face.SERIF, ENGRAVING) for line in entry.note]
        return lines

    def _height(self, entries: Sequence[RollEntry], body: pygame.Rect, layout: RevealLayout, *,
                layer: int, size: int, columns: int) -> int:
        width = (body.width - layout.px(30) * (columns - 1)) // columns
        heights = [self._entry_height(e, width, layout, layer, size) for e in entries]
        per_column = -(-len(heights) // columns)
        return max(sum(heights[i:i + per_column]) for i in range(0, len(heights), per_column))

    def _entry_height(self, entry: RollEntry, width: int, layout: RevealLayout, layer: int,
                      size: int) -> int:
        height = layout.px(6 if layer == 0 else 12)
        for line, face, color in self._entry_lines(entry, layer):
            style = TextStyle(face, layout.px(size), color)
            height += len(self._text.wrap(line, style, width)) * round(style.size * 1.12)
        return height

    def _columns(self, surface: pygame.Surface, entries: Sequence[RollEntry],
                 body: pygame.Rect, layout: RevealLayout, *, layer: int, size: int,
                 columns: int) -> None:
        gap = layout.px(30)
        width = (body.width - gap * (columns - 1)) // columns
        per_column = -(-len(entries) // columns)
        y = body.top
        for index, entry in enumerate(entries):
            column, row = divmod(index, per_column)
            if row == 0:
                y = body.top
            x = body.left + column * (width + gap)
            if entry.is_kiosk and (index == 0 or not entries[index - 1].is_kiosk):
                pygame.draw.line(surface, ENGRAVING_SOFT, (x, y), (x + width, y), 2)
                y += layout.px(8)
            for line, face, color in self._entry_lines(entry, layer):
                style = TextStyle(face, layout.px(size), color)
                y += self._text.draw_block(surface, line, style,
                                           pygame.Rect(x, y, width, body.bottom - y),
                                           line_gap=1.12)
            y += layout.px(6 if layer == 0 else 12)

