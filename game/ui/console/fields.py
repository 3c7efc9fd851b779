"""A one-line text field in the cabinet's style: the pairing code, the name, the letter board.

Owns: ``TextField`` — focus by pointer or Tab, typed text (filtered by an ``accepts``
callback and a length limit), Backspace, a blinking caret, a placeholder, and drawing on a
paper slip. The scene sets ``InputTranslator.text_mode`` from :attr:`TextField.focused` so
that Space is text while a field has focus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, TextTyped
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import draw_plaque

PAPER_TOP = (246, 236, 210)
PAPER_BOTTOM = (230, 214, 178)
EDGE = (120, 86, 48)
EDGE_FOCUS = (40, 24, 10)
INK = (40, 26, 14)
LABEL = (72, 48, 24)
HINT = (138, 112, 84)


@dataclass
class TextField:
    """A line of text someone types."""

    label: str
    placeholder: str = ""
    max_chars: int = 80
    accepts: Callable[[str], bool] = lambda char: char.isprintable()
    text: str = ""
    focused: bool = False
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    _blink_s: float = 0.0
    _slip_cache: tuple[tuple[object, ...], pygame.Surface] | None = None

    def handle(self, intent: Intent) -> bool:
        """Typing, Backspace and focus; returns whether the intent was used."""
        if isinstance(intent, PointerPressed):
            self.focused = self.rect.collidepoint(intent.pos)
            self._blink_s = 0.0
            return self.focused
        if not self.focused:
            return False
        if isinstance(intent, TextTyped):
            self.insert(intent.text)
            return True
        if isinstance(intent, CommandIssued) and intent.command is Command.BACKSPACE:
            self.text = self.text[:-1]
            self._blink_s = 0.0
            return True
        return False

    def insert(self, typed: str) -> None:
        """Add what was typed (characters the field does not accept are skipped)."""
        for char in typed:
            if len(self.text) < self.max_chars and self.accepts(char):
                self.text += char
        self._blink_s = 0.0

    def update(self, dt: float) -> None:
        self._blink_s = (self._blink_s + dt) % 1.0

    def _slip(self, scale: float) -> pygame.Surface:
        """The paper slip (composed once per size and focus)."""
        key = (self.rect.size, self.focused, round(scale, 4))
        if self._slip_cache is None or self._slip_cache[0] != key:
            slip = pygame.Surface(self.rect.size, pygame.SRCALPHA)
            draw_plaque(slip, slip.get_rect(), radius=max(4, round(10 * scale)), top=PAPER_TOP,
                        bottom=PAPER_BOTTOM, edge=EDGE_FOCUS if self.focused else EDGE)
            self._slip_cache = (key, slip)
        return self._slip_cache[1]

    def draw(self, surface: pygame.Surface, text: TextPainter, scale: float) -> None:
        """The label above, the slip with the text (or the placeholder) and the caret."""
        label = TextStyle(Face.SMALL_CAPS, max(10, round(28 * scale)), LABEL)
        text.draw(surface, self.label, label, (self.rect.left, self.rect.top - round(8 * scale)),
                  anchor="bottomleft")
        surface.blit(self._slip(scale), self.rect)
        if self.focused:
            pygame.draw.rect(surface, EDGE_FOCUS, self.rect.inflate(round(8 * scale),
                                                                    round(8 * scale)),
                             max(2, round(3 * scale)), border_radius=round(12 * scale))
        size = max(10, round(self.rect.height * 0.5))
        pad = round(18 * scale)
        shown = self.text or self.placeholder
        style = TextStyle(Face.SERIF if self.text else Face.ITALIC, size,
                          INK if self.text else HINT)
        while shown and text.size(shown, style)[0] > self.rect.width - 2 * pad:
            shown = shown[1:]  # keep the end in view while typing
        drawn = text.draw(surface, shown, style, (self.rect.left + pad, self.rect.centery),
                          anchor="midleft")
        if self.focused and self._blink_s < 0.6:
            x = drawn.right + round(2 * scale) if self.text else self.rect.left + pad
            pygame.draw.line(surface, INK, (x, self.rect.centery - size * 0.45),
                             (x, self.rect.centery + size * 0.45), max(2, round(2 * scale)))
