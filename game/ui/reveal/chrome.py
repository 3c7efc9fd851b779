"""The controls around the guess and the reveal: buttons, language switch, progress, sources.

Owns: ``RevealControls`` (the brass buttons — More/Less, Sources, Next, Skip, Play again — and
the language switch with each language named in itself, laid out for the window, each button
in a slot that does not move when another button hides, so a tap never lands on a neighbour
that slid under the finger; the auto-advance shown as a line filling along the Next button),
``draw_progress`` (one mark per page of the quick pass, a small dot for a page it passes by,
the current one larger), ``draw_small_print`` (the source ids under the text), ``citation``
(one source in full, its descriptors in the visitor's language) and ``SourcesPanel`` (every
source of the page in full, on a wooden panel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pygame

from game.content.sources import CitationWords, Source
from game.content.strings import Strings
from game.ui.intents import Intent
from game.ui.reveal.layout import (
    GILT,
    LIST_PX,
    PANEL,
    PARCHMENT,
    QUIET,
    SMALL_PRINT_PX,
    RevealLayout,
)
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import Answer, Button, ButtonRow, draw_plaque

ACTIONS = ("more", "sources", "next", "skip", "play_again")
KEPT_SLOTS = ("more", "sources")
"""Buttons whose slot stays while they hide (when Next shows), so the others never shift."""
BUTTON_MAX_PX = 300
"""Design pixels: the widest a control gets (a lone button stays a button, not a bar)."""
LONE_BUTTON_PX = 460
"""Design pixels: room for "Noch einmal spielen" when it stands alone."""


class RevealControls:
    """The buttons and the language switch of a reveal (or guess) screen."""

    def __init__(self, text: TextPainter, strings: Strings, *,
                 actions: Sequence[str] = ACTIONS) -> None:
        self._text = text
        self.strings = strings
        self.row = ButtonRow(text, [Button(a, "") for a in actions])
        self.languages = ButtonRow(text, [Button("language", lang.name, value=lang.code)
                                          for lang in strings.languages])
        self.relabel()

    def relabel(self, *, more_is_less: bool = False) -> None:
        """Labels in the current language (after a language change or a layer change)."""
        for button in self.row.buttons:
            key = "less" if button.action == "more" and more_is_less else button.action
            button.label = self.strings.get(f"reveal.button.{key}")
        for button in self.languages.buttons:
            button.selected = button.value == self.strings.language

    def show(self, **visible: bool) -> None:
        """Show or hide buttons by action."""
        for action, shown in visible.items():
            self.row.button(action).visible = shown

    def layout(self, layout: RevealLayout) -> None:
        """Buttons from the right edge of their area, none wider than ``BUTTON_MAX_PX``; a
        hidden More or Sources keeps its slot while Next shows."""
        hidden = [b for b in self.row.buttons if not b.visible and b.action in KEPT_SLOTS]
        keep = any(b.visible and b.action == "next" for b in self.row.buttons)
        for button in hidden if keep else []:
            button.visible = True  # laid out in its slot, then hidden again below
        try:
            self._layout_row(layout)
        finally:
            for button in hidden:
                button.visible = False
        self.languages.layout(layout.languages, vertical=False, gap=layout.px(12),
                              size=layout.languages.height)

    def _layout_row(self, layout: RevealLayout) -> None:
        shown = sum(1 for b in self.row.buttons if b.visible)
        gap = layout.px(16)
        width = min(layout.buttons.width, max(layout.px(LONE_BUTTON_PX),
                                              shown * layout.px(BUTTON_MAX_PX) + (shown - 1) * gap))
        area = pygame.Rect(layout.buttons.right - width, layout.buttons.top, width,
                           layout.buttons.height)
        self.row.layout(area, vertical=False, gap=gap, size=area.height)

    def targets(self) -> dict[str, pygame.Rect]:
        """What can be pressed, by action (for the trace)."""
        return {**self.row.targets(), **self.languages.targets()}

    def handle(self, intent: Intent) -> Answer:
        """The button pressed (``Pressed("language", "de")`` for the switch), ``USED`` if
        the intent was used otherwise, ``None`` if it was not for the controls."""
        action = self.languages.handle(intent)
        if action is not None:
            return action
        return self.row.handle(intent)

    def draw(self, surface: pygame.Surface, *, countdown: float | None = None) -> None:
        """The buttons; ``countdown`` (0–1) draws the auto-advance line on Next."""
        self.row.draw(surface)
        self.languages.draw(surface)
        shown = [b for b in self.row.buttons if b.action == "next" and b.visible and b.rect]
        if countdown is not None and shown and shown[0].rect is not None:
            countdown_bar(surface, shown[0].rect, countdown)


def countdown_bar(surface: pygame.Surface, rect: pygame.Rect, fraction: float) -> None:
    """A thin line along a button's lower edge that fills as the time runs."""
    y = rect.bottom - max(4, rect.height // 12)
    left, right = rect.left + rect.height // 4, rect.right - rect.height // 4
    width = max(3, rect.height // 22)
    pygame.draw.line(surface, (92, 62, 24), (left, y), (right, y), width)
    end = left + (right - left) * min(1.0, max(0.0, fraction))
    pygame.draw.line(surface, (255, 244, 214), (left, y), (end, y), width)


def draw_progress(surface: pygame.Surface, area: pygame.Rect, quick: Sequence[bool],
                  index: int) -> None:
    """One mark per page of the quick pass (a small dot for a page it passes by): past ones
    filled, the current one larger and ringed — where the visitor is, and how much is left."""
    count = len(quick)
    if count <= 0:
        return
    step = min(area.height * 1.4, area.width / count)
    left = area.centerx - step * (count - 1) / 2
    radius = max(3, area.height // 6)
    for page, is_quick in enumerate(quick):
        center = (round(left + page * step), area.centery)
        if page == index:
            pygame.draw.circle(surface, GILT, center, radius * 1.7)
            pygame.draw.circle(surface, (255, 244, 214), center, radius * 1.7, 2)
        elif not is_quick:
            pygame.draw.circle(surface, GILT, center, max(2, radius // 2))
        elif page < index:
            pygame.draw.circle(surface, GILT, center, radius)
        else:
            pygame.draw.circle(surface, GILT, center, radius, max(1, radius // 3))


def draw_small_print(surface: pygame.Surface, painter: TextPainter, strings: Strings,
                     ids: Sequence[str], layout: RevealLayout) -> None:
    """"Sources: W1 · POE · …" under the text; the panel shows each in full."""
    if not ids:
        return
    style = TextStyle(Face.SERIF, layout.px(SMALL_PRINT_PX), QUIET)
    text = f"{strings.get('reveal.small_print.heading')}: {' · '.join(ids)}"
    painter.draw_block(surface, text, style, layout.small_print, line_gap=1.1)


def citation_words(strings: Strings) -> CitationWords:
    """A citation's descriptors (quotes, volume, pages, when read) in the current language."""
    def word(key: str, field: str) -> Callable[[str], str]:
        return lambda value: strings.get(f"reveal.small_print.{key}", **{field: value})
    return CitationWords(quoted=word("quoted", "title"), volume=word("volume", "volume"),
                         pages=word("pages", "pages"), accessed=word("accessed", "date"))


def citation(source_id: str, sources: Mapping[str, Source], strings: Strings,
             extra: Mapping[str, str] | None = None) -> str:
    """One source as the panel prints it, its descriptors in the visitor's language
    (first-party sources translated whole; ``extra``: citations of sources the game's list
    does not hold, such as an opening's)."""
    source = sources.get(source_id)
    if source is None:
        return f"{source_id} — {extra[source_id]}" if extra and source_id in extra \
            else source_id
    if source.is_first_party:
        return f"{source_id} — {strings.get(f'reveal.source_title.{source_id}')}"
    return f"{source_id} — {source.cite(citation_words(strings))}"


class SourcesPanel:
    """Every source of the page, in full, over the picture and the text."""

    def __init__(self, text: TextPainter) -> None:
        self._text = text

    def draw(self, surface: pygame.Surface, layout: RevealLayout, lines: Sequence[str],
             title: str) -> None:
        area = layout.page
        draw_plaque(surface, area, radius=layout.px(20), top=PANEL, bottom=(36, 22, 14),
                    edge=GILT)
        inner = area.inflate(-layout.px(60), -layout.px(50))
        heading = TextStyle(Face.SMALL_CAPS, layout.px(44), PARCHMENT)
        y = inner.top + self._text.draw_block(surface, title, heading, inner)
        y += layout.px(16)
        size = LIST_PX
        while size > SMALL_PRINT_PX and self._height(lines, layout, inner.width, size) > \
                inner.bottom - y:
            size -= 1
        style = TextStyle(Face.SERIF, layout.px(size), PARCHMENT)
        for line in lines:
            y += self._text.draw_block(surface, line, style, pygame.Rect(
                inner.left, y, inner.width, inner.bottom - y), line_gap=1.12)
            y += layout.px(8)

    def _height(self, lines: Sequence[str], layout: RevealLayout, width: int,
                size: int) -> int:
        style = TextStyle(Face.SERIF, layout.px(size), PARCHMENT)
        per_line = round(style.size * 1.12)
        return sum(len(self._text.wrap(line, style, width)) * per_line + layout.px(8)
                   for line in lines)

