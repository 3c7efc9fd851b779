"""The reveal: the cabinet opens on who really played, the ledger, the roll, 1770 to now.

Owns: ``RevealScene`` — shows the planned pages one after another. Each page's glance (the
headline and this game's facts) stays for its timed duration, and never less than its own
animation (the doors opening, the ledger's replay), and then the page turns by itself to the
next page of the quick pass (which takes at most 90 seconds); the pages it passes by show
when the visitor turns to them with "Next". A touch pauses the automatic turn for the whole
page, and it resumes ``TOUCH_RESUME_S`` after the last touch; a tap belongs to the page that
was showing when the finger went down. "More" (or a tap on the page) shows the body,
then the second layer, and holds the page until "Next"; "Sources" lists every source of the
page in full; "Skip" goes straight to the last page; the language can be changed on every
page. The last page waits for "Play again", which calls the ``finish`` hook (a new game in
solo play; the kiosk's attract loop later). Keys: → next, ← back, ↑ more, ↓ less, Esc close.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pygame

from game.content.screens import HistoricalOperator
from game.content.sources import Source
from game.model.reveal import RevealFacts
from game.reveal_store import KioskOperator, TallyCount
from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, PointerReleased
from game.ui.reveal.chrome import (
    RevealControls,
    SourcesPanel,
    citation,
    draw_progress,
    draw_small_print,
)
from game.ui.reveal.icons import IconPainter
from game.ui.reveal.layout import ROOM_BOTTOM, ROOM_TOP, RevealLayout, reveal_layout
from game.ui.reveal.ledger import CALM_PLY_S, LedgerView
from game.ui.reveal.picture import PagePicture
from game.ui.reveal.plan import (
    LEDGER_HOLD_S,
    OPENING_S,
    OPENS_CABINET,
    Page,
    PageKind,
    PageText,
    page_seconds,
    page_text,
    ply_seconds,
)
from game.ui.reveal.roll import RollEntry, glance_words, roll_entries
from game.ui.reveal.text_view import TextColumn, page_blocks
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.widgets import Pressed, vertical_gradient

TOUCH_RESUME_S = 15.0
"""After the last touch on a page, the automatic page-turn waits this long, then its
countdown starts again from the beginning."""
_NOWHERE = (-1_000_000.0, -1_000_000.0)


@dataclass(frozen=True)
class RevealContent:
    """What the reveal needs besides the game: sources and the roll."""

    sources: Mapping[str, Source]
    historical: Sequence[HistoricalOperator]
    kiosk: Sequence[KioskOperator]


class RevealScene(Scene):
    """The reveal of one game, page by page.

    :param finish: called by "Play again" (and after ``auto_finish_s`` on the last page).
    """

    def __init__(self, services: Services, pages: Sequence[Page], facts: RevealFacts, *,
                 tally: TallyCount | None, content: RevealContent, finish: Callable[[], None],
                 auto_finish_s: float | None = None) -> None:
        self.services = services
        self.pages = tuple(pages)
        self.facts = facts
        self.tally = tally
        self.content = content
        self._finish = finish
        self.auto_finish_s = auto_finish_s
        self.icons = IconPainter()
        self.picture = PagePicture(services.assets, services.text, self.icons)
        self.ledger = LedgerView(services.assets, services.text, self.icons, facts)
        self.controls = RevealControls(services.text, services.strings)
        self.sources_panel = SourcesPanel(services.text)
        self.column = TextColumn(services.text)
        self.index = 0
        self.layer = 0
        self.page_s = 0.0
        """Time the current page has been shown."""
        self.waited_s = 0.0
        """Time counted towards turning the page (stops while the page is held)."""
        self.done_s = 0.0
        """Time since the page's own animation finished."""
        self.time_s = 0.0
        self.held = False
        self.sources_open = False
        self.finished = False
        self.touched_s: float | None = None
        """Time since the last touch on this page (``None``: not touched)."""
        self.pressing = False
        """A finger (or the mouse button) is down."""
        self.turns = 0
        """Page changes so far: a tap belongs to the page it started on."""
        self._press_turn = -1
        self._press: tuple[float, float] | None = None
        self._background: tuple[tuple[int, int], pygame.Surface] | None = None
        self.layout: RevealLayout = reveal_layout(services.window_size)
        self.text: PageText = page_text(self.pages[0], services.strings)
        self.roll_entries: list[RollEntry] = []
        self.seconds = 0.0
        self.resize(services.window_size)
        self._enter_page(0)

    # -- pages -------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.pages) - 1

    def roll(self) -> list[RollEntry]:
        return roll_entries(self.content.historical, self.content.kiosk, self.services.strings)

    def _enter_page(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self.turns += 1
        self.layer = 0
        self.page_s = self.waited_s = self.done_s = 0.0
        self.held = self.sources_open = False
        self.touched_s = None
        self._refresh_text()
        if self.page.kind is PageKind.LEDGER:
            self.ledger.restart(ply_s=ply_seconds(len(self.facts.ledger)))
        self._refresh_controls()

    def _refresh_text(self) -> None:
        self.text = page_text(self.page, self.services.strings)
        self.roll_entries = self.roll() if self.page.kind is PageKind.ROLL else []
        extra = glance_words(self.roll_entries)
        self.seconds = page_seconds(self.page, self.text, plies=len(self.facts.ledger),
                                    extra_words=extra)

    @property
    def layers(self) -> int:
        """How many taps of "More" the page has."""
        return 2 if self.page.kind is PageKind.ROLL else self.text.layers

    def _refresh_controls(self) -> None:
        self.controls.relabel(more_is_less=self.layers > 0 and self.layer >= self.layers)
        self.controls.show(more=self.layers > 0, sources=bool(self.page.sources),
                           next=not self.is_last, skip=not self.is_last,
                           play_again=self.is_last)
        self.controls.layout(self.layout)

    def go_to(self, index: int) -> None:
        """Show page ``index`` (clamped to the pages there are)."""
        self._enter_page(index)

    def next_page(self) -> None:
        if not self.is_last:
            self._enter_page(self.index + 1)

    def next_quick_index(self) -> int:
        """Where the automatic turn goes: the next page of the quick pass (or the last page).
        From a page the quick pass passes by, it simply goes on to the next page."""
        if not self.page.is_quick:
            return self.index + 1
        for index in range(self.index + 1, len(self.pages)):
            if self.pages[index].is_quick:
                return index
        return len(self.pages) - 1

    def previous_page(self) -> None:
        self._enter_page(self.index - 1)

    def skip(self) -> None:
        self._enter_page(len(self.pages) - 1)

    def more(self) -> None:
        """Show the next layer (and hold the page); from the last layer, back to the first."""
        if self.layers == 0:
            self.held = not self.held
            return
        self.layer = self.layer + 1 if self.layer < self.layers else 0
        self.held = True
        if self.page.kind is PageKind.LEDGER and self.layer == 1:
            self.ledger.restart(ply_s=CALM_PLY_S)
        self._refresh_controls()

    def set_language(self, code: str) -> None:
        self.services.set_language(code)  # every scene relabels (this one in ``relabel``)
        self.waited_s = 0.0  # the new words get their full reading time

    def relabel(self) -> None:
        self._refresh_text()
        self._refresh_controls()

    def finish(self) -> None:
        if not self.finished:
            self.finished = True
            self._finish()

    def targets(self) -> dict[str, pygame.Rect]:
        return {**self.controls.targets(), "page": self.layout.text}

    def describe(self) -> dict[str, object]:
        return {"page": self.index, "pages": len(self.pages), "page_kind": self.page.kind.value,
                "layer": self.layer, "held": self.held, "sources_open": self.sources_open}

    # -- input ----------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed):
            self.pressing = True
            self.touched_s = 0.0
            self._press_turn = self.turns
        elif isinstance(intent, PointerReleased):
            self.pressing = False
            self.touched_s = 0.0
            if self._press_turn != self.turns:  # the page changed under the finger
                self._press = None
                self.controls.handle(PointerReleased(_NOWHERE))  # forget the press
                return True
        answer = self.controls.handle(intent)
        if isinstance(answer, Pressed):
            self.act(answer.action, answer.value)
            return True
        if answer is not None:
            return True
        if isinstance(intent, PointerPressed):
            self._press = intent.pos
        elif isinstance(intent, PointerReleased) and self._press is not None:
            self._press = None
            if self.sources_open:
                self.sources_open = False
            elif self.layout.picture.collidepoint(intent.pos) or \
                    self.layout.text.collidepoint(intent.pos):
                self.more()
        elif isinstance(intent, CommandIssued):
            self._command(intent.command)
        return True

    def act(self, action: str, value: str = "") -> None:
        """A control was pressed (by pointer, keyboard or a test); ``value``: which
        language for ``language``."""
        if action == "language":
            self.set_language(value)
        elif action == "more":
            self.more()
        elif action == "sources":
            self.sources_open = not self.sources_open
        elif action == "next":
            self.next_page()
        elif action == "skip":
            self.skip()
        elif action == "play_again":
            self.finish()

    def _command(self, command: Command) -> None:
        if command is Command.RIGHT or (command is Command.ACTIVATE and not self.is_last):
            self.next_page()
        elif command is Command.ACTIVATE:
            self.finish()
        elif command is Command.LEFT:
            self.previous_page()
        elif command is Command.UP:
            self.more()
        elif command is Command.DOWN and self.layer > 0:
            self.layer -= 1
            self._refresh_controls()
        elif command is Command.CANCEL:
            self.sources_open = False

    # -- time ----------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.time_s += dt
        self.page_s += dt
        if self.page.kind is PageKind.LEDGER:
            self.ledger.update(dt)
        if self.animation_done:
            self.done_s += dt
        if self.touched_s is not None and not self.pressing:
            self.touched_s += dt
            if self.touched_s >= TOUCH_RESUME_S:
                self.touched_s = None
                self.waited_s = 0.0  # the countdown starts again, in full
        if self.is_last:
            if self.auto_finish_s is not None and not self.held and not self.paused and \
                    self.page_s >= self.auto_finish_s:
                self.finish()
            return
        if self.held or self.sources_open or self.paused:
            return
        self.waited_s += dt
        if self.waited_s >= self.seconds and self.animation_done and \
                self.done_s >= self._hold_after_animation:
            self._enter_page(self.next_quick_index())

    @property
    def paused(self) -> bool:
        """Whether a touch holds the automatic turn (a finger is down, or lifted lately)."""
        return self.pressing or self.touched_s is not None

    @property
    def animation_done(self) -> bool:
        """Whether the page's own animation has finished (the doors, the ledger's replay)."""
        if self.page.kind is PageKind.LEDGER:
            return self.ledger.is_done and self.ledger.board.is_idle
        if self.page.screen.id in OPENS_CABINET:
            return self.page_s >= OPENING_S
        return True

    @property
    def _hold_after_animation(self) -> float:
        return LEDGER_HOLD_S if self.page.kind is PageKind.LEDGER else 0.0

    @property
    def countdown(self) -> float | None:
        """How much of the page's time has run (0–1), or ``None`` while it is held, paused
        by a touch, or waiting for its animation."""
        if self.held or self.sources_open or self.paused or self.is_last or self.seconds <= 0:
            return None
        return min(self.waited_s / self.seconds, 0.999 if not self.animation_done else 1.0)

    # -- layout and drawing ----------------------------------------------------------------

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = reveal_layout(size)
        self.ledger.set_board_rect(self.picture.board_rect(self.layout))
        self.controls.layout(self.layout)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self._draw_background(surface)
        layout, strings = self.layout, self.services.strings
        roll = self.roll_entries
        if self.page.kind is PageKind.ROLL and self.layer >= 2:
            self.picture.draw_full_roll(surface, layout, roll, strings)
        else:
            self.picture.draw(surface, layout, self.page, facts=self.facts, tally=self.tally,
                              strings=strings, ledger=self.ledger, roll=roll,
                              layer=self.layer, page_s=self.page_s, time_s=self.time_s,
                              alpha=alpha)
            bottom = self.column.draw(surface, page_blocks(self.text, self.layer), layout,
                                      layout.text)
            if self.page.kind is PageKind.LEDGER:
                area = pygame.Rect(layout.text.left, bottom, layout.text.width,
                                   layout.text.bottom - bottom)
                self.ledger.draw_list(surface, area, strings, layout.viewport.scale)
        draw_small_print(surface, self.services.text, strings, self.page.sources, layout)
        draw_progress(surface, layout.progress, [p.is_quick for p in self.pages], self.index)
        self.controls.draw(surface, countdown=self.countdown)
        if self.sources_open:
            extra = dict(self.facts.opening.citations) if self.facts.opening else {}
            lines = [citation(s, self.content.sources, strings, extra)
                     for s in self.page.sources]
            self.sources_panel.draw(surface, layout, lines,
                                    strings.get("reveal.small_print.heading"))

    def _draw_background(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        if self._background is None or self._background[0] != size:
            self._background = (size, vertical_gradient(size, ROOM_TOP, ROOM_BOTTOM))
        surface.blit(self._background[1], (0, 0))
