"""A page of the staff menu as rows: a label, then big buttons and values, then notes.

Owns: ``Press`` (a button and what it does), ``Cell`` (a value shown in a sunken field),
``FormRow`` and ``Form`` — which lays rows out for the window (label beside the controls on a
wide screen, above them on a portrait one), turns presses into the rows' callbacks, and draws
them. A page is rebuilt as a new list of rows whenever what it shows changes; the buttons'
rendered plaques are cached across rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from game.ui.intents import Intent
from game.ui.layout import Viewport
from game.ui.staff.look import (
    BAD,
    GOOD,
    draw_inset,
    fit_style,
    label_style,
    quiet_style,
    value_style,
)
from game.ui.text import TextPainter
from game.ui.widgets import Button, ButtonRow, Pressed

CONTROL_H = 84.0
"""Design pixels: the height of every button and value field (well above touch minimums)."""
GAP = 14.0
ROW_GAP = 22.0
NOTE_H = 34.0
LINE_H = 34.0
LABEL_SHARE = 0.34
"""On a wide screen, the share of the row's width its label takes."""


@dataclass(frozen=True)
class Press:
    """A button in a row."""

    label: str
    run: Callable[[], None]
    selected: bool = False
    enabled: bool = True
    weight: float = 1.0


@dataclass(frozen=True)
class Cell:
    """A value in a sunken field (``good``/``bad`` add a word, not only a colour)."""

    text: str
    weight: float = 1.0
    tone: str = "plain"
    """``plain``, ``good`` or ``bad``."""


Item = Press | Cell


@dataclass(frozen=True)
class FormRow:
    label: str
    items: Sequence[Item] = ()
    note: str = ""
    """A quieter line under the controls (what a choice does, that it needs a restart)."""
    lines: Sequence[str] = ()
    """Small lines of text under the row (the log's last problems)."""
    item_rows: int = 1
    """How many lines of controls the items wrap into (the days of opening hours)."""


@dataclass
class _Placed:
    row: FormRow
    label: pygame.Rect
    items: list[tuple[Item, pygame.Rect]] = field(default_factory=list)
    note: pygame.Rect | None = None
    lines: pygame.Rect | None = None


class Form:
    """Rows laid out in an area, with their buttons."""

    def __init__(self, text: TextPainter) -> None:
        self._text = text
        self.buttons = ButtonRow(text, [])
        self._runs: dict[str, Callable[[], None]] = {}
        self._placed: list[_Placed] = []
        self._vp: Viewport | None = None
        self.bottom = 0
        """Where the last row ends (window pixels)."""

    def show(self, rows: Sequence[FormRow], area: pygame.Rect, vp: Viewport) -> None:
        """Lay ``rows`` out in ``area`` (window pixels)."""
        self._vp = vp
        self._placed = []
        buttons: list[Button] = []
        self._runs = {}
        y = area.top
        for row in rows:
            placed, y = self._place(row, area, y, vp)
            self._placed.append(placed)
            for item, rect in placed.items:
                if isinstance(item, Press):
                    action = f"press-{len(buttons)}"
                    self._runs[action] = item.run
                    buttons.append(Button(action, item.label, enabled=item.enabled, rect=rect,
                                          selected=item.selected))
            y += vp.length(ROW_GAP)
        self.bottom = y
        # The Button objects are kept where they can be, so a press that began before a
        # rebuild (a report arrived meanwhile) still counts when the finger lifts.
        old = self.buttons.buttons
        for index, button in enumerate(buttons[:len(old)]):
            kept = old[index]
            kept.action, kept.label, kept.rect = button.action, button.label, button.rect
            kept.enabled, kept.selected, kept.visible = button.enabled, button.selected, True
            buttons[index] = kept
        focus = self.buttons.focus
        self.buttons.buttons = buttons
        self.buttons.focus = focus if focus is not None and focus < len(buttons) else None

    def _place(self, row: FormRow, area: pygame.Rect, top: int,
               vp: Viewport) -> tuple[_Placed, int]:
        control_h, gap = vp.length(CONTROL_H), vp.length(GAP)
        if not row.items:  # a heading over lines, or a message: the whole width
            label = pygame.Rect(area.left, top, area.width, vp.length(50))
            items_area = label
        elif vp.is_portrait:
            label = pygame.Rect(area.left, top, area.width, vp.length(46))
            items_area = pygame.Rect(area.left, label.bottom + vp.length(6), area.width,
                                     control_h)
        else:
            label_w = round(area.width * LABEL_SHARE)
            label = pygame.Rect(area.left, top, label_w - gap, control_h)
            items_area = pygame.Rect(area.left + label_w, top, area.width - label_w, control_h)
        placed = _Placed(row, label)
        bottom = label.bottom
        if row.items:
            placed.items = _spread(row.items, items_area, gap, control_h, row.item_rows)
            bottom = max(bottom, *(rect.bottom for _item, rect in placed.items))
        if row.note:
            left = items_area.left if not vp.is_portrait else area.left
            placed.note = pygame.Rect(left, bottom + vp.length(4), area.right - left,
                                      vp.length(NOTE_H))
            bottom = placed.note.bottom
        if row.lines:
            placed.lines = pygame.Rect(area.left, bottom + vp.length(6), area.width,
                                       vp.length(LINE_H) * len(row.lines))
            bottom = placed.lines.bottom
        return placed, bottom

    def handle(self, intent: Intent) -> bool | None:
        """``True`` if a button was pressed (its callback ran), ``False`` if the intent was
        used otherwise (a finger went down on a button), ``None`` if it was not for the form."""
        answer = self.buttons.handle(intent)
        if isinstance(answer, Pressed):
            run = self._runs.get(answer.action)
            if run is not None:
                run()
            return True
        return False if answer is not None else None

    def draw(self, surface: pygame.Surface) -> None:
        vp = self._vp
        if vp is None:
            return
        text = self._text
        for placed in self._placed:
            row = placed.row
            if row.label:
                style = fit_style(text, row.label, label_style(vp), placed.label.width)
                anchor, pos = (("midleft", placed.label.midleft) if not vp.is_portrait
                               else ("bottomleft", placed.label.bottomleft))
                text.draw(surface, row.label, style, pos, anchor=anchor, within=placed.label)
            for item, rect in placed.items:
                if isinstance(item, Cell):
                    draw_inset(surface, rect, vp)
                    tone = {"good": GOOD, "bad": BAD}.get(item.tone)
                    style = value_style(vp, color=tone) if tone else value_style(vp)
                    style = fit_style(text, item.text, style, rect.width - vp.length(20))
                    text.draw(surface, item.text, style, rect.center, anchor="center",
                              within=rect)
            if placed.note is not None:
                style = quiet_style(vp)
                style = fit_style(text, row.note, style, placed.note.width)
                text.draw(surface, row.note, style, placed.note.topleft, within=placed.note)
            if placed.lines is not None:
                style = value_style(vp, 24)
                for index, line in enumerate(row.lines):
                    y = placed.lines.top + index * vp.length(LINE_H)
                    fitted = fit_style(text, line, style, placed.lines.width)
                    text.draw(surface, line, fitted, (placed.lines.left, y),
                              within=pygame.Rect(placed.lines.left, y, placed.lines.width,
                                                 vp.length(LINE_H)))
        self.buttons.draw(surface)


def _spread(items: Sequence[Item], area: pygame.Rect, gap: int, height: int,
            lines: int) -> list[tuple[Item, pygame.Rect]]:
    """Share ``area``'s width among ``items`` by weight, over ``lines`` lines of controls."""
    per_line = -(-len(items) // max(1, lines))
    placed: list[tuple[Item, pygame.Rect]] = []
    for line in range(max(1, lines)):
        chunk = items[line * per_line:(line + 1) * per_line]
        if not chunk:
            break
        weights = [_weight(item) for item in chunk]
        total = sum(weights)
        free = area.width - gap * (len(chunk) - 1)
        x = float(area.left)
        top = area.top + line * (height + gap)
        for item, weight in zip(chunk, weights, strict=True):
            width = free * weight / total
            placed.append((item, pygame.Rect(round(x), top, round(x + width) - round(x),
                                             height)))
            x += width + gap
    return placed


def _weight(item: Item) -> float:
    """A button with a long label gets more of the row (so its words stay large)."""
    if isinstance(item, Press):
        return item.weight * max(1.0, len(item.label) / 12)
    return item.weight
