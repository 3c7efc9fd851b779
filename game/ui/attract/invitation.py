"""The invitation: a large, plain "Touch to play", a one-line hook, and the languages by name.

Owns: ``Invitation``. It shows the invitation in one of the kiosk's offered languages at a
time, cycling through them (the kiosk's own language stays longest), with each language's
name on a brass plaque — never a flag — that starts the visit in that language when touched.
The whole block drifts slowly (a few pixels over tens of seconds) so no pixel of the screen
holds still for long, and a new language slides in. Text is fitted once per language and
size and kept; nothing grows while the loop runs for hours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.content.strings import Language, Strings
from game.ui.attract.layout import AttractLayout
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import Button, ButtonRow

INK = (252, 240, 214)
SHADOW = (20, 12, 6)
PANEL = (18, 11, 7, 168)
PANEL_EDGE = (170, 128, 62)
OWN_LANGUAGE_S = 9.0
"""How long the kiosk's own language shows before the next."""
OTHER_LANGUAGE_S = 6.0
CHOSEN_HOLD_S = 14.0
"""How long a language picked with the arrow keys stays before cycling goes on."""
SLIDE_S = 0.45
DRIFT = (7.0, 11.0)
"""Design pixels the block drifts, sideways and up and down."""
DRIFT_PERIOD_S = (41.0, 23.0)
TOUCH_GAP, HOOK_GAP = 1.04, 1.15
"""Line spacing of "Touch to play" and of the hook, in font sizes."""


@dataclass(frozen=True)
class _Fitted:
    text: str
    style: TextStyle
    lines: tuple[str, ...]


class Invitation:
    """"Touch to play" in the visitor's languages."""

    def __init__(self, text: TextPainter, strings: Strings, languages: Sequence[Language]) -> None:
        if not languages:
            raise ValueError("the invitation needs at least one language")
        self._text = text
        self._strings = strings
        self.languages = tuple(languages)
        self.index = 0
        self.time_s = 0.0
        self._shown_s = 0.0
        self._hold_s = OWN_LANGUAGE_S
        self._slide_s = 0.0
        self.offset = (0, 0)
        """The drift now, in window pixels."""
        self.row = ButtonRow(text, [Button("language", lang.name, value=lang.code)
                                    for lang in self.languages])
        self._fitted: dict[tuple[str, str], _Fitted] = {}
        self._layout: AttractLayout | None = None
        self._panel: pygame.Surface | None = None
        self._select()

    @property
    def fitted_count(self) -> int:
        """How many fitted texts are kept (one per text and language)."""
        return len(self._fitted)

    @property
    def showing(self) -> str:
        """The code of the language the invitation is in now."""
        return self.languages[self.index].code

    # -- layout ---------------------------------------------------------------------------

    def resize(self, layout: AttractLayout) -> None:
        self._layout = layout
        self._fitted.clear()
        area = layout.invitation
        self._panel = pygame.Surface(area.size, pygame.SRCALPHA)
        radius = layout.viewport.length(22)
        pygame.draw.rect(self._panel, PANEL, self._panel.get_rect(), border_radius=radius)
        pygame.draw.rect(self._panel, PANEL_EDGE, self._panel.get_rect(),
                         max(1, layout.viewport.length(2)), border_radius=radius)
        self._place_row()

    def _row_area(self) -> tuple[pygame.Rect, bool]:
        """Where the language plaques go, and whether they stand in a column."""
        assert self._layout is not None
        vp, area = self._layout.viewport, self._layout.invitation
        pad, size, gap = vp.length(24), vp.length(84), vp.length(16)
        count = len(self.languages)
        if vp.is_portrait:
            width = min(area.width - 2 * pad, count * vp.length(300) + (count - 1) * gap)
            return pygame.Rect(area.centerx - width // 2, area.bottom - pad - size, width,
                               size), False
        height = count * size + (count - 1) * gap
        return pygame.Rect(area.left + pad, area.bottom - pad - height, area.width - 2 * pad,
                           height), True

    def _place_row(self) -> None:
        if self._layout is None:
            return
        rect, vertical = self._row_area()
        vp = self._layout.viewport
        size = vp.length(84)
        self.row.layout(rect.move(self.offset), vertical=vertical, gap=vp.length(16),
                        size=size)

    # -- time and choice ------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.time_s += dt
        self._shown_s += dt
        self._slide_s = max(0.0, self._slide_s - dt)
        if len(self.languages) > 1 and self._shown_s >= self._hold_s:
            self.show((self.index + 1) % len(self.languages))
        offset = self._drift()
        if offset != self.offset:
            self.offset = offset
            self._place_row()

    def _drift(self) -> tuple[int, int]:
        if self._layout is None:
            return (0, 0)
        scale = self._layout.viewport.scale
        phase_x = 2 * math.pi * self.time_s / DRIFT_PERIOD_S[0]
        phase_y = 2 * math.pi * self.time_s / DRIFT_PERIOD_S[1]
        return (round(DRIFT[0] * scale * math.sin(phase_x)),
                round(DRIFT[1] * scale * math.sin(phase_y)))

    def show(self, index: int, *, hold_s: float | None = None) -> None:
        """Show the invitation in language number ``index`` (it slides in)."""
        self.index = index % len(self.languages)
        self._shown_s = 0.0
        self._hold_s = hold_s if hold_s is not None else (
            OWN_LANGUAGE_S if self.index == 0 else OTHER_LANGUAGE_S)
        self._slide_s = SLIDE_S
        self._select()

    def step(self, by: int) -> None:
        """The next or previous language (arrow keys); it stays a while."""
        self.show(self.index + by, hold_s=CHOSEN_HOLD_S)

    def _select(self) -> None:
        for lang, button in zip(self.languages, self.row.buttons, strict=True):
            button.selected = lang.code == self.showing

    def language_at(self, pos: tuple[float, float]) -> str | None:
        """The code of the language whose name is under ``pos``, if any."""
        for lang, button in zip(self.languages, self.row.buttons, strict=True):
            if button.rect is not None and button.rect.inflate(8, 8).collidepoint(pos):
                return lang.code
        return None

    # -- drawing --------------------------------------------------------------------------

    def _slide(self) -> int:
        assert self._layout is not None
        return round(self._layout.viewport.length(28) * (self._slide_s / SLIDE_S) ** 2)

    def visual_key(self) -> tuple[object, ...]:
        """What the invitation's drawing depends on: equal keys draw the same picture."""
        if self._layout is None:
            return ()
        return (self.offset, self._slide(), self.showing, self.row.visual_key())

    def envelope(self) -> pygame.Rect | None:
        """Where the invitation can draw, wherever it drifts."""
        if self._layout is None:
            return None
        scale, margin = self._layout.viewport.scale, self._margin()
        return self._layout.invitation.inflate(2 * (math.ceil(DRIFT[0] * scale) + margin),
                                               2 * (math.ceil(DRIFT[1] * scale) + margin))

    def bounds(self) -> pygame.Rect | None:
        """Where the invitation draws now (its text and shadow may pass the panel's edge by
        a little)."""
        if self._layout is None:
            return None
        area = self._layout.invitation.move(self.offset)
        return area.inflate(2 * self._margin(), 2 * self._margin())

    def _margin(self) -> int:
        """How far the text may pass the panel's edge: the slide (28 design pixels, less
        the 24 of padding), the shadow's offset and a glyph's overhang."""
        assert self._layout is not None
        return self._layout.viewport.length(12) + 6

    def draw(self, surface: pygame.Surface) -> None:
        layout, panel = self._layout, self._panel
        if layout is None or panel is None:
            return
        area = layout.invitation.move(self.offset)
        surface.blit(panel, area.topleft)
        vp = layout.viewport
        slide = self._slide()
        row_top = self._row_area()[0].top + self.offset[1]
        inner = pygame.Rect(area.left + vp.length(24) + slide, area.top + vp.length(26),
                            area.width - vp.length(48), row_top - area.top - vp.length(50))
        touch = self._fit("turk.attract.touch", Face.SMALL_CAPS, 118 if not vp.is_portrait
                          else 112, inner.width, 2 if not vp.is_portrait else 1)
        hook = self._fit("turk.attract.challenge", Face.ITALIC, 54 if not vp.is_portrait
                         else 50, inner.width, 3 if not vp.is_portrait else 1)
        used = self._shadowed(surface, touch, inner, TOUCH_GAP)
        top = inner.top + used + vp.length(18)
        self._shadowed(surface, hook, pygame.Rect(inner.left, top, inner.width,
                                                  inner.bottom - top), HOOK_GAP)
        self.row.draw(surface)

    def _shadowed(self, surface: pygame.Surface, fitted: _Fitted, box: pygame.Rect,
                  line_gap: float) -> int:
        """The fitted text centred in ``box`` over its shadow (the painter wraps it into
        the same lines ``_fit`` measured); returns the height used."""
        style = fitted.style
        shadow = TextStyle(style.face, style.size, SHADOW)
        offset = max(1, style.size // 28)
        text = fitted.text
        self._text.draw_block(surface, text, shadow, box.move(offset, offset), align="center",
                              line_gap=line_gap)
        return self._text.draw_block(surface, text, style, box, align="center",
                                     line_gap=line_gap)

    def _fit(self, key: str, face: Face, design_size: int, width: int,
             max_lines: int) -> _Fitted:
        """The largest size (up to ``design_size``) at which the text fits ``width`` in at
        most ``max_lines`` lines."""
        code = self.showing
        cached = self._fitted.get((key, code))
        if cached is not None:
            return cached
        assert self._layout is not None
        text = self._strings.get(key, language=code)
        size = self._layout.viewport.length(design_size)
        while True:
            style = TextStyle(face, size, INK)
            lines = self._text.wrap(text, style, width)
            widest = max(self._text.size(line, style)[0] for line in lines)
            if (len(lines) <= max_lines and widest <= width) or size <= 12:
                break
            size = max(12, int(size * 0.93))
        fitted = _Fitted(text, style, tuple(lines))
        self._fitted[(key, code)] = fitted
        return fitted
