"""The Knight's Tour, the Turk's closing trick: a knight over all 64 squares, by hand.

Owns: ``KnightsTourScene``. A visitor (or the attract loop) picks the start square; the Turk's
hand carries the knight from square to square along a tour (``game.model.knights_tour``),
and a counter marks each square it leaves — white where it began, red after (CONTENT.md §1.9).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import chess
import pygame

from game.model.knights_tour import knights_tour
from game.ui.automaton.gestures import BoardFrame, knight_hops
from game.ui.automaton.performance import Cue, Finished, Gripped, Released
from game.ui.automaton.presence import Automaton
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.captions import Captions
from game.ui.intents import Command, CommandIssued, Intent, PointerPressed
from game.ui.layout import play_layout
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed, draw_plaque

KNIGHT = chess.Piece(chess.KNIGHT, chess.WHITE)
PAPER_TOP = (244, 233, 206)
PAPER_BOTTOM = (226, 209, 170)
PAPER_EDGE = (120, 86, 48)
PAPER_INK = (46, 30, 18)


class KnightsTourScene(Scene):
    """Watch the Turk's hand take a knight over every square."""

    def __init__(self, services: Services, on_done: Callable[[], None], *,
                 start: chess.Square | None = None, speed: float = 1.6,
                 captions_enabled: bool = True) -> None:
        self.services = services
        self.on_done = on_done
        self.speed = speed
        self.stage = services.stage
        self.captions = Captions(services.text, enabled=captions_enabled)
        self.automaton = Automaton(services.assets, services.painter, text=services.text,
                                   strings=services.strings, sounds=services.sounds,
                                   captions=self.captions, rng=random.Random(9))
        self.automaton.on_board_cue = self._cue
        self.board = BoardView(services.assets, services.text,
                               BoardGeometry(pygame.Rect(0, 0, 8, 8)))
        self.path: list[chess.Square] = []
        self.counters: dict[chess.Square, str] = {}
        self.buttons = ButtonRow(services.text, [
            Button("close", services.strings.get("ui.button.close_tour"),
                   key="ui.button.close_tour")])
        self.resize(services.window_size)
        if start is not None:
            self.begin(start)

    def relabel(self) -> None:
        self.buttons.relabel(self.services.strings)

    def targets(self) -> dict[str, pygame.Rect]:
        return {**self.buttons.targets(), "board": self.board.geometry.rect}

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = play_layout(size)
        self.board.set_geometry(BoardGeometry(self.layout.board, True))
        self.buttons.layout(self.layout.buttons, vertical=self.layout.buttons_vertical,
                            gap=self.layout.viewport.length(18),
                            size=self.layout.viewport.length(84))

    @property
    def visited(self) -> int:
        return len(self.counters)

    def begin(self, start: chess.Square) -> None:
        """Set the knight on ``start`` and let the Turk play the tour."""
        self.path = knights_tour(start)
        self.counters = {}
        self.board.show_position({start: KNIGHT})
        self.automaton.stop()
        self.automaton.frame = BoardFrame(True)
        self.automaton.perform(knight_hops(self.path, self.automaton.frame))

    def _cue(self, cue: Cue) -> None:
        pieces = self.board.state.pieces
        if isinstance(cue, Gripped) and cue.square is not None:
            pieces.pop(cue.square, None)
            self.counters[cue.square] = "white" if cue.square == self.path[0] else "red"
        elif isinstance(cue, Released) and cue.square is not None:
            pieces[cue.square] = cue.piece
        elif isinstance(cue, Finished) and cue.name == "knights_tour" and self.path:
            self.counters[self.path[-1]] = "red"

    def handle(self, intent: Intent) -> bool:
        if self.buttons.handle(intent) == Pressed("close"):
            self.on_done()
            return True
        if isinstance(intent, CommandIssued) and intent.command is Command.CANCEL:
            self.on_done()
            return True
        if isinstance(intent, PointerPressed) and not self.path:
            square = self.board.geometry.square_at(intent.pos)
            if square is not None:
                self.begin(square)
        return True

    def update(self, dt: float) -> None:
        self.automaton.update(dt * self.speed)
        self.captions.update(dt)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        layout, stage = self.layout, self.layout.stage
        self.stage.draw_room(surface, layout.viewport, stage)
        self.automaton.draw_body(surface, stage, alpha)
        self.stage.draw_cabinet(surface, stage)
        self.board.state.show_coordinates = True
        self.board.draw(surface, alpha)
        self._draw_counters(surface)
        self.automaton.draw_arms(surface, stage, alpha)
        self._draw_text(surface)
        self.buttons.draw(surface)

    def _draw_counters(self, surface: pygame.Surface) -> None:
        painter, frame = self.services.painter, self.automaton.frame
        for square, colour in self.counters.items():
            painter.draw_at(surface, self.layout.stage, f"counter_{colour}",
                            frame.point(square))
            piece = self.board.state.pieces.get(square)
            if piece is not None:  # the knight ends its tour standing on its counter
                size = round(self.layout.board.width / 8 * 0.94)
                image = self.services.assets.piece(piece, size)
                surface.blit(image, image.get_rect(
                    center=self.board.geometry.square_center(square)))

    def _draw_text(self, surface: pygame.Surface) -> None:
        strings, text, vp = self.services.strings, self.services.text, self.layout.viewport
        area = self.layout.status
        draw_plaque(surface, area, radius=vp.length(14), top=PAPER_TOP, bottom=PAPER_BOTTOM,
                    edge=PAPER_EDGE)
        inner = area.inflate(-vp.length(40), -vp.length(24))
        headline = strings.get("turk.knights_tour.headline")
        for px in (40, 36, 32, 28):  # the title on one line where it can be
            title = TextStyle(Face.SMALL_CAPS, vp.length(px), PAPER_INK)
            if len(text.wrap(headline, title, inner.width)) == 1:
                break
        used = text.draw_block(surface, headline, title, inner)
        line = (strings.get("ui.tour.choose") if not self.path
                else strings.get("ui.tour.count", visited=self.visited))
        top = inner.top + used + vp.length(6)
        below = pygame.Rect(inner.left, top, inner.width, inner.bottom - top)
        for px in (30, 28, 26, 24, 22):  # the largest type at which the line fits
            style = TextStyle(Face.ITALIC, vp.length(px), PAPER_INK)
            if len(text.wrap(line, style, below.width)) * round(style.size * 1.15) <= \
                    below.height:
                break
        text.draw_block(surface, line, style, below)
        story = self.layout.moves
        draw_plaque(surface, story, radius=vp.length(14), top=PAPER_TOP, bottom=PAPER_BOTTOM,
                    edge=PAPER_EDGE)
        text.draw_block(surface, strings.get("turk.knights_tour.caption"),
                        TextStyle(Face.SERIF, vp.length(32), PAPER_INK),
                        story.inflate(-vp.length(40), -vp.length(40)))
        self.captions.draw(surface, self.layout.caption, vp.scale)
