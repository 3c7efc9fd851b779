"""Controls in the cabinet's style: brass-plaque buttons with keyboard focus.

Owns: ``Button`` and ``ButtonRow`` (layout in a row or column, pointer press/release, Tab
focus, Enter to press, and drawing — each plaque is rendered once per size and state and
cached). Buttons are at least 64 design pixels tall, well above touch-target minimums. The
buttons of one line (a row, or a column of equal width) share one label size — the largest
at which every label of the line fits — so a long word never makes its button look louder
or quieter than its neighbours. A disabled button is an opaque, dulled plaque (never a
see-through one with the wall showing through).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import pygame

from game.content.strings import Strings
from game.ui.assets import for_display
from game.ui.intents import (
    Command,
    CommandIssued,
    Intent,
    PointerMoved,
    PointerPressed,
    PointerReleased,
)
from game.ui.text import Face, TextPainter, TextStyle

BRASS_TOP = (222, 186, 110)
BRASS_BOTTOM = (160, 118, 52)
BRASS_EDGE = (92, 62, 24)
ENGRAVED = (58, 36, 14)
FOCUS = (255, 248, 225)
DULL_TOP = (150, 134, 104)
DULL_BOTTOM = (112, 98, 74)
DULL_INK = (72, 60, 44)
MIN_LABEL_PX = 12


@dataclass
class Button:
    action: str
    """What pressing it means (the scene's name for it)."""
    label: str
    enabled: bool = True
    visible: bool = True
    rect: pygame.Rect | None = None
    selected: bool = False
    """For choices (colour, level): shown pressed in, with a mark, not by colour alone."""
    key: str | None = None
    """The string key of the label, read again on a language change (``None``: fixed)."""
    value: str = ""
    """Which of several buttons with one action it is (the language's code for
    ``language``, the level for ``level``); empty for a button alone in its meaning."""

    @property
    def name(self) -> str:
        """The button's name among its row's (``language:de``; the action alone when it
        has no value), for finding it and for the trace — never parsed back."""
        return f"{self.action}:{self.value}" if self.value else self.action


@dataclass(frozen=True)
class Pressed:
    """A button was pressed: what it means and, for one of several alike, which."""

    action: str
    value: str = ""


class Used(enum.Enum):
    """The intent was for the buttons but chose nothing (a press begun, the focus moved)."""

    USED = "used"


USED = Used.USED
Answer = Pressed | Used | None
"""What a row of buttons made of an intent: a press, the intent used, or not for them."""


def vertical_gradient(size: tuple[int, int], top: tuple[int, int, int],
                       bottom: tuple[int, int, int]) -> pygame.Surface:
    column = pygame.Surface((1, 2))
    column.set_at((0, 0), top)
    column.set_at((0, 1), bottom)
    return pygame.transform.smoothscale(column, size)


def draw_plaque(surface: pygame.Surface, rect: pygame.Rect, *, radius: int,
                top: tuple[int, int, int] = BRASS_TOP,
                bottom: tuple[int, int, int] = BRASS_BOTTOM,
                edge: tuple[int, int, int] = BRASS_EDGE) -> None:
    """A rounded, lit brass (or wood) plaque filling ``rect``."""
    plate = pygame.Surface(rect.size, pygame.SRCALPHA)
    shape = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(shape, (255, 255, 255, 255), shape.get_rect(), border_radius=radius)
    plate.blit(vertical_gradient(rect.size, top, bottom), (0, 0))
    plate.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    width = max(2, radius // 4)
    pygame.draw.rect(plate, edge, plate.get_rect(), width, border_radius=radius)
    inner = plate.get_rect().inflate(-2 * width, -2 * width)
    pygame.draw.rect(plate, (255, 240, 200, 90), inner, max(1, width // 2),
                     border_radius=max(0, radius - width))
    surface.blit(plate, rect)


class ButtonRow:
    """A set of buttons laid out in a row or a column, with focus and pressing."""

    def __init__(self, text: TextPainter, buttons: list[Button]) -> None:
        self._text = text
        self.buttons = buttons
        self.focus: int | None = None
        self._pressed: Button | None = None
        self._hover: Button | None = None
        self._cache: dict[tuple[object, ...], pygame.Surface] = {}
        self._sizes: tuple[tuple[object, ...], dict[int, int]] | None = None

    def layout(self, area: pygame.Rect, *, vertical: bool, gap: int, size: int) -> None:
        """Place the visible buttons in ``area``, each ``size`` tall (or wide in a row)."""
        shown = [b for b in self.buttons if b.visible]
        for button in self.buttons:
            button.rect = None
        if not shown:
            return
        if vertical:
            for index, button in enumerate(shown):
                button.rect = pygame.Rect(area.left, area.top + index * (size + gap),
                                          area.width, size)
        else:
            width = (area.width - gap * (len(shown) - 1)) // len(shown)
            for index, button in enumerate(shown):
                button.rect = pygame.Rect(area.left + index * (width + gap), area.top, width,
                                          area.height)

    def relabel(self, strings: Strings) -> None:
        """Labels in the current language, for every button that has a string key."""
        for button in self.buttons:
            if button.key is not None:
                button.label = strings.get(button.key)

    def targets(self) -> dict[str, pygame.Rect]:
        """The buttons that can be pressed now, by action (for the trace)."""
        return {b.name: b.rect for b in self.buttons
                if b.visible and b.enabled and b.rect is not None}

    def visual_key(self) -> tuple[object, ...]:
        """What the row's drawing depends on: equal keys draw the same picture."""
        return (self.focus, id(self._pressed), id(self._hover),
                tuple((b.label, b.enabled, b.visible, b.selected,
                       None if b.rect is None else tuple(b.rect)) for b in self.buttons))

    def bounds(self) -> pygame.Rect | None:
        """The rectangle the row draws in (its focus ring included)."""
        rects = [b.rect for b in self.buttons if b.visible and b.rect is not None]
        if not rects:
            return None
        return rects[0].unionall(rects[1:]).inflate(24, 24)

    def button(self, name: str) -> Button:
        """The button named ``name`` (its action, or ``action:value``).

        :raises KeyError: if there is none.
        """
        for button in self.buttons:
            if button.name == name:
                return button
        raise KeyError(name)

    def _at(self, pos: tuple[float, float]) -> Button | None:
        for button in self.buttons:
            if button.visible and button.enabled and button.rect and button.rect.collidepoint(pos):
                return button
        return None

    def handle(self, intent: Intent) -> Answer:
        """``Pressed`` for a button pressed, ``USED`` if the intent was used otherwise, or
        ``None`` if it was not for these buttons."""
        if isinstance(intent, PointerPressed):
            self._pressed = self._at(intent.pos)
            return USED if self._pressed else None
        if isinstance(intent, PointerMoved):
            self._hover = self._at(intent.pos)
            return None
        if isinstance(intent, PointerReleased):
            pressed, self._pressed = self._pressed, None
            if pressed is not None and pressed is self._at(intent.pos):
                return Pressed(pressed.action, pressed.value)
            return USED if pressed else None
        if isinstance(intent, CommandIssued):
            return self._command(intent.command)
        return None

    def _command(self, command: Command) -> Answer:
        usable = [i for i, b in enumerate(self.buttons) if b.visible and b.enabled]
        if command in (Command.NEXT_FOCUS, Command.PREVIOUS_FOCUS):
            if not usable:
                return None
            if self.focus not in usable:
                self.focus = usable[0 if command is Command.NEXT_FOCUS else -1]
                return USED
            position = usable.index(self.focus)
            step = 1 if command is Command.NEXT_FOCUS else -1
            if 0 <= position + step < len(usable):
                self.focus = usable[position + step]
                return USED
            self.focus = None  # focus leaves the buttons (back to the board)
            return USED
        if command is Command.ACTIVATE and self.focus in usable:
            button = self.buttons[self.focus]
            return Pressed(button.action, button.value)
        if command is Command.CANCEL and self.focus is not None:
            self.focus = None
            return USED
        return None

    def label_sizes(self) -> dict[int, int]:
        """The label size of each shown button (by index): one size per line of buttons."""
        shown = [(i, b) for i, b in enumerate(self.buttons) if b.visible and b.rect is not None]
        key = tuple((b.label, tuple(b.rect)) for _, b in shown if b.rect is not None)
        if self._sizes is not None and self._sizes[0] == key:
            return self._sizes[1]
        fitting = {i: self._fitting_size(b) for i, b in shown}
        sizes: dict[int, int] = {}
        for index, button in shown:
            line = [j for j, other in shown if _same_line(button, other)]
            sizes[index] = min(fitting[j] for j in line)
        self._sizes = (key, sizes)
        return sizes

    def _fitting_size(self, button: Button) -> int:
        assert button.rect is not None
        height = button.rect.height
        size = max(MIN_LABEL_PX, round(height * 0.42))
        room = button.rect.width - 2 * _radius(height)
        while size > MIN_LABEL_PX and \
                self._text.size(button.label, _label_style(size))[0] > room:
            size -= 2
        return max(MIN_LABEL_PX, size)

    def draw(self, surface: pygame.Surface) -> None:
        sizes = self.label_sizes()
        for index, button in enumerate(self.buttons):
            if not button.visible or button.rect is None:
                continue
            state = ("disabled" if not button.enabled else
                     "selected" if button.selected else
                     "pressed" if button is self._pressed else
                     "hover" if button is self._hover else "normal")
            surface.blit(self._plaque(button, state, sizes[index]), button.rect)
            if index == self.focus:
                ring = button.rect.inflate(10, 10)
                pygame.draw.rect(surface, FOCUS, ring, 4, border_radius=14)
                pygame.draw.rect(surface, ENGRAVED, ring.inflate(-8, -8), 2, border_radius=10)

    def _plaque(self, button: Button, state: str, size: int) -> pygame.Surface:
        assert button.rect is not None
        key = (button.label, button.rect.size, state, size)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        surface = pygame.Surface(button.rect.size, pygame.SRCALPHA)
        local = surface.get_rect()
        radius = _radius(local.height)
        top, bottom, ink = BRASS_TOP, BRASS_BOTTOM, ENGRAVED
        if state in ("pressed", "selected"):
            top, bottom = bottom, top
        elif state == "hover":
            top = tuple(min(255, c + 18) for c in BRASS_TOP)  # type: ignore[assignment]
        elif state == "disabled":
            top, bottom, ink = DULL_TOP, DULL_BOTTOM, DULL_INK
        draw_plaque(surface, local, radius=radius, top=top, bottom=bottom)
        label = button.label
        box = local.inflate(-radius, -2)
        if state != "disabled":  # a lit edge under the letters: engraved, and only when lit
            highlight = TextStyle(Face.SMALL_CAPS, size, (255, 236, 190))
            self._text.draw(surface, label, highlight,
                            (local.centerx, local.centery - size * 0.08 + 1), anchor="center",
                            within=box)
        self._text.draw(surface, label, _label_style(size, ink),
                        (local.centerx, local.centery - size * 0.08), anchor="center",
                        within=box)
        if state == "selected":
            pygame.draw.rect(surface, ENGRAVED, local.inflate(-radius, -radius),
                             max(2, radius // 3), border_radius=radius // 2)
        surface = for_display(surface)
        if len(self._cache) > 200:
            self._cache.clear()
        self._cache[key] = surface
        return surface


def _radius(height: int) -> int:
    return max(6, height // 6)


def _label_style(size: int, ink: tuple[int, int, int] = ENGRAVED) -> TextStyle:
    return TextStyle(Face.SMALL_CAPS, size, ink)


def _same_line(a: Button, b: Button) -> bool:
    """Whether two laid-out buttons stand in one row, or one column of equal width."""
    if a.rect is None or b.rect is None:
        return False
    return a.rect.top == b.rect.top or (a.rect.left, a.rect.width) == (b.rect.left,
                                                                        b.rect.width)


def language_row(text: TextPainter, languages: list[tuple[str, str]],
                 current: str) -> ButtonRow:
    """The language switch: one button per language, named in itself (no flags)."""
    row = ButtonRow(text, [Button("language", name, selected=code == current, value=code)
                           for code, name in languages])
    return row


def select_language(row: ButtonRow, code: str) -> None:
    """Show ``code`` as the chosen language on a language switch."""
    for button in row.buttons:
        button.selected = button.value == code
