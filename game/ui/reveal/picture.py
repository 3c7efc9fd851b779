"""The picture half of a reveal page: which art each page shows and how it moves.

Owns: ``PagePicture`` — draws a page's picture into the vitrine: the cabinet opening on this
game's truth (the operator by candlelight; the program; both), the program with the ghost of
the people inside it, today's guesses, the ledger's board, the roll's plaque, and the history
screens' pictures. Time comes in as arguments; drawing changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.content.strings import Strings
from game.model.reveal import RevealFacts
from game.reveal_store import TallyCount
from game.ui.assets import Assets
from game.ui.reveal.cabinet import ASPECT, CabinetView, fit_rect
from game.ui.reveal.icons import IconPainter
from game.ui.reveal.layout import GILT, VITRINE, RevealLayout
from game.ui.reveal.ledger import LedgerView
from game.ui.reveal.panels import (
    ENGRAVING,
    PLAQUE_BOTTOM,
    PLAQUE_EDGE,
    PLAQUE_TOP,
    RollPlaque,
    draw_tally,
    interior_for,
)
from game.ui.reveal.pictures import HistoryPictures
from game.ui.reveal.plan import OPENING_S, Page, PageKind
from game.ui.reveal.portrait import AutomatonPortrait
from game.ui.reveal.roll import RollEntry
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import draw_plaque


def capitalized(text: str) -> str:
    """A label's first letter in capitals (the unnamed operator's words open a sentence in
    the tables' texts, but stand alone on the brass plate)."""
    return text[:1].upper() + text[1:]


def vitrine(surface: pygame.Surface, rect: pygame.Rect, layout: RevealLayout) -> None:
    """The dark, gilt-edged case every picture stands in."""
    pygame.draw.rect(surface, VITRINE, rect, border_radius=layout.px(14))
    pygame.draw.rect(surface, GILT, rect, max(2, layout.px(3)), border_radius=layout.px(14))


class PagePicture:
    """Draws the pictures of the reveal's pages."""

    def __init__(self, assets: Assets, text: TextPainter, icons: IconPainter) -> None:
        self.assets = assets
        self.text = text
        self.icons = icons
        self.cabinet = CabinetView(assets)
        self.history = HistoryPictures(assets, text, self.cabinet, AutomatonPortrait(assets))
        self.plaque = RollPlaque(text, icons)

    def board_rect(self, layout: RevealLayout) -> pygame.Rect:
        """Where the ledger's board goes (a whole-pixel square inside the vitrine)."""
        area = layout.picture.inflate(-layout.px(80), -layout.px(80))
        side = min(area.width, area.height) // 8 * 8
        rect = pygame.Rect(0, 0, side, side)
        rect.center = area.center
        return rect

    def draw(self, surface: pygame.Surface, layout: RevealLayout, page: Page, *,
             facts: RevealFacts, tally: TallyCount | None, strings: Strings,
             ledger: LedgerView | None, roll: Sequence[RollEntry], layer: int,
             page_s: float, time_s: float, alpha: float) -> None:
        """The picture of ``page``; ``page_s`` is the time since the page appeared."""
        area = layout.picture
        if page.kind is PageKind.ROLL:
            self.plaque.draw(surface, area, roll, layout, layer=min(layer, 1), title="")
            return
        vitrine(surface, area, layout)
        inner = area.inflate(-layout.px(48), -layout.px(48))
        if page.kind is PageKind.CABINET:
            plate = pygame.Rect(inner.left, inner.bottom - layout.px(150), inner.width,
                                layout.px(150))
            cabinet = pygame.Rect(inner.left, inner.top, inner.width,
                                  plate.top - inner.top - layout.px(20))
            self._cabinet(surface, cabinet, page, facts=facts, page_s=page_s, time_s=time_s)
            self._nameplate(surface, plate, self.credited(page, facts, strings), layout)
        elif page.kind is PageKind.TALLY:
            draw_tally(surface, inner, facts=facts, tally=tally, assets=self.assets,
                       cabinet=self.cabinet, icons=self.icons, text=self.text,
                       strings=strings, px=layout.viewport.scale, time_s=time_s)
        elif page.kind is PageKind.LEDGER and ledger is not None:
            ledger.draw_board(surface, alpha)
        elif self.history.has(page.art):
            self.history.draw(surface, inner, page.art, time_s)

    def credited(self, page: Page, facts: RevealFacts,
                 strings: Strings) -> list[tuple[str, str]]:
        """(icon, name) engraved under the open cabinet: who this page credits."""
        operator = facts.operator_name or capitalized(strings.get("reveal.operator.unnamed"))
        program = facts.engine_name or strings.get("reveal.engine.unnamed")
        screen = page.screen.id
        if screen == "reveal.operator":
            return [("person", operator)]
        if screen == "reveal.hybrid":
            return [("person", operator), ("gear", program)]
        if screen == "reveal.people":
            return [("person", facts.engine_author
                     or strings.get("reveal.people.unknown_author"))]
        return [("gear", program)]

    def _nameplate(self, surface: pygame.Surface, area: pygame.Rect,
                   names: Sequence[tuple[str, str]], layout: RevealLayout) -> None:
        """A brass plate with the names engraved, each after its icon."""
        style = TextStyle(Face.SMALL_CAPS, layout.px(40), ENGRAVING)
        icon_px = layout.px(46)
        gap = layout.px(40)
        widths = [icon_px + layout.px(14) + self.text.size(name, style)[0] for _, name in names]
        plate = pygame.Rect(0, 0, min(area.width, sum(widths) + gap * (len(names) - 1)
                                      + layout.px(80)), layout.px(92))
        plate.center = area.center
        draw_plaque(surface, plate, radius=layout.px(14), top=PLAQUE_TOP,
                    bottom=PLAQUE_BOTTOM, edge=PLAQUE_EDGE)
        x = plate.centerx - (sum(widths) + gap * (len(names) - 1)) // 2
        for (icon, name), width in zip(names, widths, strict=True):
            image = self.icons.icon(icon, icon_px, ENGRAVING)
            surface.blit(image, image.get_rect(midleft=(x, plate.centery)))
            self.text.draw(surface, name, style, (x + icon_px + layout.px(14), plate.centery),
                           anchor="midleft")
            x += width + gap

    def draw_full_roll(self, surface: pygame.Surface, layout: RevealLayout,
                       roll: Sequence[RollEntry], strings: Strings) -> None:
        """The whole roll, with its notes, across the picture and the text."""
        self.plaque.draw(surface, layout.page, roll, layout, layer=2,
                         title=strings.get("reveal.roll.headline"))

    def _cabinet(self, surface: pygame.Surface, area: pygame.Rect, page: Page, *,
                 facts: RevealFacts, page_s: float, time_s: float) -> None:
        rect = fit_rect(area, ASPECT)
        screen = page.screen.id
        opens = screen in ("reveal.operator", "reveal.engine", "reveal.hybrid")
        opened = min(1.0, page_s / OPENING_S) if opens else 1.0
        if screen == "reveal.people":
            ghost = 0.28 + 0.22 * math.sin(time_s * 1.3)
            self.cabinet.draw(surface, rect, "program", opened=1.0, time_s=time_s, ghost=ghost)
        elif screen == "reveal.stand_in":
            self.cabinet.draw(surface, rect, "program", opened=1.0, time_s=time_s)
        else:
            self.cabinet.draw(surface, rect, interior_for(facts.mode), opened=opened,
                              time_s=time_s, inset=screen == "reveal.hybrid")
