"""The reveal of a crowd game: the cabinet opens on a crowd, the ledger, the accounts, the
layers of hidden work, the platform.

Owns: ``CrowdRevealScene`` — the pages of ``plan_crowd_reveal`` one after another, in the
reveal's room and vitrine, with its controls: Next and Back (the teacher leads the talk, so
no page turns by itself), Sources (every source of the page in full), Skip to the last page,
the language switch on every page, and Play again on the last. Each page's picture: a crowd
of figures, one per worker (and a gear for each move the program made); the ledger's rows;
the accounts as figures; the four layers with the ones the class did marked; the rewards
split between the workers and the platform. Keys: → next, ← back, Esc closes the sources.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pygame

from game.content.sources import Source
from game.crowd.summary import CrowdSummary, MoveWork
from game.model.reveal import Guess
from game.ui.crowd.reveal_pages import (
    CrowdPage,
    CrowdPageKind,
    headline_and_glance,
    layer_rows,
    move_label,
    move_lines,
    plan_crowd_reveal,
    total_rows,
)
from game.ui.intents import Command, CommandIssued, Intent
from game.ui.reveal.chrome import SourcesPanel, citation, draw_small_print
from game.ui.reveal.icons import IconPainter
from game.ui.reveal.layout import (
    CREAM,
    GILT,
    GLANCE_PX,
    GOLD_TEXT,
    HEADLINE_PX,
    LIST_PX,
    PARCHMENT,
    QUIET,
    ROOM_BOTTOM,
    ROOM_TOP,
    RevealLayout,
    reveal_layout,
)
from game.ui.reveal.picture import vitrine
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed, vertical_gradient

ACTIONS = ("sources", "back", "next", "skip", "play_again")
CROWD_DRAWN = 60
"""Figures drawn at most in the crowd (more workers are counted in words)."""


class CrowdRevealScene(Scene):
    """The reveal of one crowd game.

    :param guess: the visitor's answer to "machine or person?" (``None``: no guess).
    :param finish: called by "Play again".
    """

    def __init__(self, services: Services, summary: CrowdSummary, *, guess: Guess | None,
                 sources: Mapping[str, Source], finish: Callable[[], None]) -> None:
        self.services = services
        self.summary = summary
        self.guess = guess
        self.sources = sources
        self._finish = finish
        self.pages = plan_crowd_reveal(summary)
        self.index = 0
        self.sources_open = False
        self.finished = False
        self.icons = IconPainter()
        self.buttons = ButtonRow(services.text, [Button(a, "") for a in ACTIONS])
        self.languages = ButtonRow(services.text, [
            Button("language", lang.name, value=lang.code)
            for lang in services.strings.languages])
        self.sources_panel = SourcesPanel(services.text)
        self.layout: RevealLayout = reveal_layout(services.window_size)
        self._background: tuple[tuple[int, int], pygame.Surface] | None = None
        self._refresh_controls()

    @property
    def page(self) -> CrowdPage:
        return self.pages[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.pages) - 1

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self.sources_open = False
        self._refresh_controls()

    def _refresh_controls(self) -> None:
        strings = self.services.strings
        shown = {"sources": True, "back": self.index > 0, "next": not self.is_last,
                 "skip": not self.is_last, "play_again": self.is_last}
        for button in self.buttons.buttons:
            button.label = strings.get(f"crowd.button.{button.action}")
            button.visible = shown[button.action]
        for button in self.languages.buttons:
            button.selected = button.value == strings.language
        self._layout_controls()

    def _layout_controls(self) -> None:
        """The buttons from the right edge of their area; the languages on the left."""
        layout = self.layout
        count = sum(1 for b in self.buttons.buttons if b.visible)
        gap = layout.px(16)
        width = min(layout.buttons.width, count * layout.px(250) + (count - 1) * gap)
        area = pygame.Rect(layout.buttons.right - width, layout.buttons.top, width,
                           layout.buttons.height)
        self.buttons.layout(area, vertical=False, gap=gap, size=area.height)
        self.languages.layout(layout.languages, vertical=False, gap=layout.px(12),
                              size=layout.languages.height)

    def act(self, action: str, value: str = "") -> None:
        """A control was pressed (by the pointer, the keyboard or a test); ``value``: which
        language for ``language``."""
        if action == "language":
            self.services.strings.language = value
            self._refresh_controls()
        elif action == "sources":
            self.sources_open = not self.sources_open
        elif action == "next":
            self.go_to(self.index + 1)
        elif action == "back":
            self.go_to(self.index - 1)
        elif action == "skip":
            self.go_to(len(self.pages) - 1)
        elif action == "play_again" and not self.finished:
            self.finished = True
            self._finish()

    def handle(self, intent: Intent) -> bool:
        answer = self.languages.handle(intent)
        if answer is None:
            answer = self.buttons.handle(intent)
        if isinstance(answer, Pressed):
            self.act(answer.action, answer.value)
        elif isinstance(intent, CommandIssued):
            command = intent.command
            if command is Command.RIGHT:
                self.go_to(self.index + 1)
            elif command is Command.LEFT:
                self.go_to(self.index - 1)
            elif command is Command.CANCEL:
                self.sources_open = False
        return True

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = reveal_layout(size)
        self._layout_controls()

    # -- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        size = surface.get_size()
        if self._background is None or self._background[0] != size:
            self._background = (size, vertical_gradient(size, ROOM_TOP, ROOM_BOTTOM))
        surface.blit(self._background[1], (0, 0))
        layout, strings = self.layout, self.services.strings
        vitrine(surface, layout.picture, layout)
        self._draw_picture(surface, layout.picture.inflate(-layout.px(48), -layout.px(40)))
        headline, lines = headline_and_glance(self.page, self.summary, self.guess, strings)
        self._draw_text(surface, headline, lines, layout.text)
        draw_small_print(surface, self.services.text, strings, self.page.sources, layout)
        draw_marks(surface, layout.progress, len(self.pages), self.index)
        self.buttons.draw(surface)
        self.languages.draw(surface)
        if self.sources_open:
            lines = [citation(s, self.sources, strings) for s in self.page.sources]
            self.sources_panel.draw(surface, layout, lines,
                                    strings.get("reveal.small_print.heading"))

    def _style(self, design_px: float, color: tuple[int, int, int],
               face: Face = Face.SERIF) -> TextStyle:
        return TextStyle(face, self.layout.px(design_px), color)

    def _draw_text(self, surface: pygame.Surface, headline: str, lines: Sequence[str],
                   area: pygame.Rect) -> None:
        text = self.services.text
        scale = 1.0
        while scale > 0.6:  # shrink a long page's words until they fit the column
            head = self._style(HEADLINE_PX * scale, CREAM)
            body = self._style(GLANCE_PX * scale, GOLD_TEXT)
            height = self._height(headline, head, area.width) + sum(
                self._height(line, body, area.width) + self.layout.px(18) for line in lines)
            if height <= area.height:
                break
            scale -= 0.05
        y = area.top + text.draw_block(surface, headline, head, area) + self.layout.px(24)
        for line in lines:
            y += text.draw_block(surface, line, body, pygame.Rect(
                area.left, y, area.width, area.bottom - y)) + self.layout.px(18)

    def _height(self, words: str, style: TextStyle, width: int) -> int:
        return len(self.services.text.wrap(words, style, width)) * round(style.size * 1.15)

    def _draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        kind = self.page.kind
        if kind is CrowdPageKind.CABINET:
            self._draw_crowd(surface, area)
        elif kind is CrowdPageKind.LEDGER:
            self._draw_ledger(surface, area)
        elif kind is CrowdPageKind.TOTALS:
            self._draw_rows(surface, area, total_rows(self.summary, self.services.strings))
        elif kind is CrowdPageKind.LAYERS:
            self._draw_layers(surface, area)
        else:
            self._draw_split(surface, area)

    def _draw_crowd(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """One figure per worker, the program's stand-ins as gears after them."""
        workers = min(self.summary.totals.workers, CROWD_DRAWN)
        gears = min(self.summary.totals.stand_ins, 12)
        count = max(1, workers + gears)
        columns = max(1, min(10, round((count * area.width / area.height) ** 0.5 + 0.5)))
        rows = -(-count // columns)
        cell = min(area.width // columns, area.height // max(rows, 1))
        left = area.centerx - cell * columns // 2
        top = area.centery - cell * rows // 2
        for index in range(workers + gears):
            name = "person" if index < workers else "gear"
            color = GOLD_TEXT if index < workers else QUIET
            icon = self.icons.icon(name, round(cell * 0.82), color)
            x = left + (index % columns) * cell + cell // 2
            y = top + (index // columns) * cell + cell // 2
            surface.blit(icon, icon.get_rect(center=(x, y)))

    def _draw_ledger(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        text, strings, page = self.services.text, self.services.strings, self.page
        moves = self.summary.moves[page.first:page.first + page.count]
        size = LIST_PX
        while size > 24:
            head = self._style(size + 2, CREAM)
            line = self._style(size, GOLD_TEXT)
            needed = sum(self._row_height(move, head, line, area.width) for move in moves)
            if needed <= area.height:
                break
            size -= 1
        y = area.top
        for move in moves:
            work, paid = move_lines(move, strings)
            y += text.draw_block(surface, f"{move_label(move)}  —  {work}", head,
                                 pygame.Rect(area.left, y, area.width, area.bottom - y))
            y += text.draw_block(surface, paid, line, pygame.Rect(
                area.left + self.layout.px(28), y, area.width - self.layout.px(28),
                area.bottom - y))
            y += self.layout.px(12)

    def _row_height(self, move: MoveWork, head: TextStyle, line: TextStyle, width: int) -> int:
        work, paid = move_lines(move, self.services.strings)
        return (self._height(f"{move_label(move)}  —  {work}", head, width)
                + self._height(paid, line, width - self.layout.px(28)) + self.layout.px(12))

    def _draw_rows(self, surface: pygame.Surface, area: pygame.Rect,
                   rows: list[tuple[str, str]]) -> None:
        text = self.services.text
        step = area.height // max(1, len(rows))
        label = self._style(min(34, step * 0.42 / self.layout.viewport.scale), PARCHMENT)
        value = self._style(min(44, step * 0.5 / self.layout.viewport.scale), GOLD_TEXT)
        gap = self.layout.px(24)
        for index, (name, amount) in enumerate(rows):
            row = pygame.Rect(area.left, area.top + index * step, area.width, step)
            drawn = text.draw(surface, amount, value, (row.right, row.centery),
                              anchor="midright", within=row)
            # The label keeps clear of its value: they share the row.
            text.draw(surface, name, label, (row.left, row.centery), anchor="midleft",
                      within=pygame.Rect(row.left, row.top, drawn.left - gap - row.left,
                                         row.height))
            if index:
                pygame.draw.line(surface, (70, 52, 36), (area.left, area.top + index * step),
                                 (area.right, area.top + index * step), 1)

    def _draw_layers(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        text, strings = self.services.text, self.services.strings
        rows = layer_rows(self.summary, self.guess, strings)
        step = area.height // len(rows)
        icon_px = min(step - self.layout.px(20), self.layout.px(96))
        mark = strings.get("crowd.layers.you_did")
        for index, (icon_name, sentence, done) in enumerate(rows):
            top = area.top + index * step
            color = GOLD_TEXT if done else QUIET
            icon = self.icons.icon(icon_name, icon_px, color)
            surface.blit(icon, (area.left, top + (step - icon_px) // 2))
            column = pygame.Rect(area.left + icon_px + self.layout.px(24), top,
                                 area.width - icon_px - self.layout.px(24), step)
            size = 30
            while size > 20 and self._height(sentence, self._style(size, PARCHMENT),
                                             column.width) + (self.layout.px(40) if done
                                                              else 0) > step:
                size -= 1
            y = top
            if done:
                y += text.draw_block(surface, mark, self._style(min(size, 28), GOLD_TEXT,
                                                                Face.SMALL_CAPS), column)
            text.draw_block(surface, sentence, self._style(size, PARCHMENT if done else QUIET),
                            pygame.Rect(column.left, y, column.width, column.bottom - y))

    def _draw_split(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The rewards paid out: the workers' part and the platform's, to scale."""
        totals, strings, text = self.summary.totals, self.services.strings, self.services.text
        bar = pygame.Rect(area.left, area.centery - self.layout.px(60), area.width,
                          self.layout.px(120))
        paid = max(1, totals.paid_out)
        workers_w = round(bar.width * totals.earned / paid) if totals.paid_out else 0
        pygame.draw.rect(surface, (70, 52, 36), bar)
        pygame.draw.rect(surface, GOLD_TEXT, (bar.left, bar.top, workers_w, bar.height))
        pygame.draw.rect(surface, GILT, bar, max(2, self.layout.px(3)))
        label = self._style(32, PARCHMENT)
        text.draw(surface, strings.get("crowd.platform.workers_part", points=totals.earned),
                  label, (bar.left, bar.top - self.layout.px(16)), anchor="bottomleft",
                  within=area)
        text.draw(surface, strings.get("crowd.platform.platform_part",
                                       points=totals.platform_cut),
                  label, (bar.right, bar.bottom + self.layout.px(16)), anchor="topright",
                  within=area)


def draw_marks(surface: pygame.Surface, area: pygame.Rect, count: int, index: int) -> None:
    """One mark per page, in the reveal's manner: past ones filled, the current one larger
    and ringed, those to come in outline."""
    step = min(area.height * 1.4, area.width / max(1, count))
    left = area.centerx - step * (count - 1) / 2
    radius = max(3, area.height // 6)
    for page in range(count):
        center = (round(left + page * step), area.centery)
        if page == index:
            pygame.draw.circle(surface, GILT, center, radius * 1.7)
            pygame.draw.circle(surface, (255, 244, 214), center, radius * 1.7, 2)
        elif page < index:
            pygame.draw.circle(surface, GILT, center, radius)
        else:
            pygame.draw.circle(surface, GILT, center, radius, max(1, radius // 3))
