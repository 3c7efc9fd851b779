"""How a kiosk visitor would like to play, when staff offer more than one kind of game.

Owns: ``VisitChoiceScene`` — large choices, each with one line saying what it is and where it
comes from: a whole game (under the time cap), a set endgame as at the Turk's afternoon shows
in London in 1819, or pawn-and-move odds as Maelzel advertised; for an endgame, then, which
side the visitor takes. The choice is handed to ``on_choice``; nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import chess
import pygame

from game.model.formats import VisitFormat
from game.ui.intents import Intent
from game.ui.layout import Viewport
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed, draw_plaque

BACKGROUND = (34, 20, 12)
TITLE = (246, 230, 196)
NOTE = (226, 204, 166)
SOURCE = (190, 168, 130)
FOOTER_DESIGN_PX = 120
"""Design pixels kept at the bottom for the sources."""
NOTE_PX = 30


@dataclass(frozen=True)
class VisitChoice:
    format: VisitFormat
    visitor_color: chess.Color
    """The side chosen (White has the upper hand in a set endgame)."""
    endgame: str = ""
    """The set endgame's key (for ``VisitFormat.ENDGAME``)."""


class VisitChoiceScene(Scene):
    """Choose the kind of game, then (for a set endgame) the side.

    :param formats: the formats staff offer, in their order.
    :param endgame: the set endgame the visitor would play (its key in ``kiosk.endgame``).
    :param time_cap_min: the cap of a whole game, for its note (0: none).
    """

    def __init__(self, services: Services, *, formats: Sequence[VisitFormat],
                 endgame: str, time_cap_min: int,
                 on_choice: Callable[[VisitChoice], None]) -> None:
        self.services = services
        self._formats = tuple(formats)
        self._endgame = endgame
        self._cap = time_cap_min
        self._on_choice = on_choice
        self.choosing_side = False
        self.buttons = self._format_buttons()
        self.resize(services.window_size)

    def _format_buttons(self) -> ButtonRow:
        strings = self.services.strings
        return ButtonRow(self.services.text, [
            Button("format", strings.get(f"kiosk.visit.{visit.value}"),
                   key=f"kiosk.visit.{visit.value}", value=visit.value)
            for visit in self._formats])

    def _side_buttons(self) -> ButtonRow:
        strings = self.services.strings
        return ButtonRow(self.services.text, [
            Button("side", strings.get("kiosk.visit.side_win"), key="kiosk.visit.side_win",
                   value="white"),
            Button("side", strings.get("kiosk.visit.side_defend"),
                   key="kiosk.visit.side_defend", value="black")])

    def relabel(self) -> None:
        self.buttons.relabel(self.services.strings)

    def _notes(self) -> list[str]:
        strings = self.services.strings
        if self.choosing_side:
            return [strings.get("kiosk.visit.side_win_note"),
                    strings.get("kiosk.visit.side_defend_note")]
        notes = []
        for visit in self._formats:
            if visit is VisitFormat.FULL and self._cap:
                notes.append(strings.get("kiosk.visit.full_capped_note", minutes=self._cap))
            else:
                notes.append(strings.get(f"kiosk.visit.{visit.value}_note"))
        return notes

    def resize(self, size: tuple[int, int]) -> None:
        vp = Viewport.for_window(size)
        self.viewport = vp
        design_w, design_h = vp.design
        top, bottom = design_h * 0.27, design_h - FOOTER_DESIGN_PX - 30
        slot = (bottom - top) / len(self.buttons.buttons)
        row = min(120.0, slot * 0.46)
        width = min(1100.0, design_w - 160)
        for index, button in enumerate(self.buttons.buttons):
            button.rect = vp.rect((design_w - width) / 2, top + index * slot, width, row)

    def handle(self, intent: Intent) -> bool:
        answer = self.buttons.handle(intent)
        if not isinstance(answer, Pressed):
            return True
        if answer.action == "format":
            visit = VisitFormat(answer.value)
            if visit is VisitFormat.ENDGAME:
                self.choosing_side = True
                self.buttons = self._side_buttons()
                self.resize(self.services.window_size)
            else:
                self._on_choice(VisitChoice(visit, chess.WHITE))
        elif answer.action == "side":
            self._on_choice(VisitChoice(VisitFormat.ENDGAME,
                                        chess.WHITE if answer.value == "white" else chess.BLACK,
                                        self._endgame))
        return True

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill(BACKGROUND)
        vp, strings, text = self.viewport, self.services.strings, self.services.text
        scale = vp.scale
        frame = vp.rect(40, 40, vp.design[0] - 80, vp.design[1] - 80)
        draw_plaque(surface, frame, radius=round(26 * scale), top=(70, 42, 24),
                    bottom=(44, 26, 14), edge=(170, 130, 70))
        title = strings.get("kiosk.visit.side_title" if self.choosing_side
                            else "kiosk.visit.title")
        if self.choosing_side:
            title = f"{title}\n{strings.get(f'kiosk.endgame.{self._endgame}')}"
        title_area = vp.rect(100, vp.design[1] * 0.08, vp.design[0] - 200, vp.design[1] * 0.2)
        text.draw_block(surface, title, TextStyle(Face.SMALL_CAPS, round(64 * scale), TITLE),
                        title_area, align="center", valign="center")
        self.buttons.draw(surface)
        note_style = TextStyle(Face.ITALIC, round(NOTE_PX * scale), NOTE)
        for button, note in zip(self.buttons.buttons, self._notes(), strict=True):
            if button.rect is None:
                continue
            area = pygame.Rect(button.rect.left, button.rect.bottom + round(10 * scale),
                               button.rect.width, round(3 * NOTE_PX * scale))
            text.draw_block(surface, note, note_style, area, align="center")
        footer = vp.rect(100, vp.design[1] - FOOTER_DESIGN_PX - 70, vp.design[0] - 200,
                         FOOTER_DESIGN_PX)
        text.draw_block(surface, strings.get("kiosk.visit.sources"),
                        TextStyle(Face.SERIF, round(24 * scale), SOURCE), footer,
                        align="center", valign="bottom")
