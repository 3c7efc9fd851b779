"""The view from inside the cabinet: the hidden operator's board, candle and cards.

Owns: ``CabinetScene`` — the console's main scene. The operator's own board (their pegboard,
the Turk's side nearest them) or, at a touch, the iron discs under the visitor's squares;
the visitor's piece lifted and set down live; moves made by tap, drag or keyboard through the
same ``BoardController`` as the visitor's board; the status card with the countdown before
the engine stands in; the engine's suggestions in hybrid play; the letter board; the tally.
All of it lit by one candle. It reads and drives a ``ConsoleDesk``; when the kiosk refuses
the code, ``on_refused`` takes the operator back to the login.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import chess
import pygame

from game.net import protocol
from game.ui.board_input import BoardController, MoveAttempt, Outcome
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.console import cards
from game.ui.console.desk import ConsoleDesk, visitor_sans
from game.ui.console.fields import TextField
from game.ui.console.layout import ConsoleLayout, console_layout
from game.ui.console.light import Candle, Lighting, compose_interior
from game.ui.console.magnets import MagnetView
from game.ui.intents import (
    Command,
    CommandIssued,
    Intent,
    PointerCancelled,
    PointerMoved,
    PointerPressed,
    PointerReleased,
    TextTyped,
)
from game.ui.scene import Scene
from game.ui.scenes.promotion import PromotionScene
from game.ui.scoresheet import Scoresheet
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed, draw_plaque

GILT = (226, 190, 116)
GILT_SOFT = (196, 162, 104)
FRAME_TOP = (96, 56, 28)
FRAME_BOTTOM = (58, 30, 14)


def _say_char(char: str) -> bool:
    """Whether the letter board has ``char``."""
    try:
        protocol.check_say_text("text", f"a{char}a")
    except protocol.ProtocolError:
        return False
    return True


class CabinetScene(Scene):
    """The operator at work.

    :param hybrid: show the engine's suggestions card (it also appears by itself when the
        kiosk sends suggestions).
    """

    def __init__(self, services: Services, desk: ConsoleDesk, *, hybrid: bool = False,
                 on_refused: Callable[[], None] | None = None) -> None:
        self.services = services
        self.desk = desk
        self.hybrid = hybrid
        self._on_refused = on_refused
        s = services.strings
        self._white_at_bottom: bool | None = None
        """Set when the operator turns the board; else the Turk's side is nearest them."""
        self.layout: ConsoleLayout = console_layout(services.window_size)
        self.board = BoardView(services.assets, services.text, self._geometry())
        self.controller = BoardController(self.board, desk.legal_moves_from)
        self.magnets = MagnetView(services.text)
        self.candle = Candle(services.assets)
        self.show_magnets = False
        self.toggles = ButtonRow(services.text, [Button("magnets", s.get("console.button.magnets")),
                                                 Button("flip", s.get("console.button.flip"))])
        self.spell_row = ButtonRow(services.text, [Button("spell", s.get("console.letters.spell"))])
        self.hint_row = ButtonRow(services.text, [])
        self.field = TextField(s.get("console.letters.hint"), max_chars=protocol.MAX_SAY_CHARS,
                               accepts=_say_char)
        self.sheet = Scoresheet(services.text, s.get("console.sheet.title"))
        self._shown: tuple[object, ...] | None = None
        self._hints_shown: tuple[object, ...] | None = None
        self._backdrop: tuple[tuple[object, ...], pygame.Surface] | None = None
        self.lighting = Lighting()
        self._t = 0.0
        self.resize(services.window_size)

    # -- layout -------------------------------------------------------------------------------

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = layout = console_layout(size)
        self.board.set_geometry(self._geometry())
        vp = layout.viewport
        self.toggles.layout(layout.toggles, vertical=False, gap=vp.length(20), size=0)
        self.spell_row.layout(layout.spell, vertical=False, gap=0, size=0)
        self.field.rect = layout.letter_field
        cards.layout_hints(self.hint_row, layout.middle, vp)

    def _geometry(self) -> BoardGeometry:
        white = self._white_at_bottom
        if white is None:
            white = self.desk.turk_color == chess.WHITE
        return BoardGeometry(self.layout.board, white)

    @property
    def shows_hints(self) -> bool:
        return self.hybrid or bool(self.desk.hints)

    # -- intents ------------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        used = self._handle(intent)
        self.services.input.text_mode = self.field.focused
        return used

    def _handle(self, intent: Intent) -> bool:
        for row in (self.toggles, self.spell_row, self.hint_row):
            answer = row.handle(intent)
            if isinstance(answer, Pressed):
                self.press(answer.action, answer.value)
                return True
            if answer is not None:
                return True
        if self.field.handle(intent):
            return True
        if self.field.focused:
            return self._field_command(intent)
        if isinstance(intent, PointerPressed):
            self._outcome(self.controller.pointer_pressed(intent.pos))
        elif isinstance(intent, PointerMoved):
            self.controller.pointer_moved(intent.pos, intent.pressed)
        elif isinstance(intent, PointerReleased):
            self._outcome(self.controller.pointer_released(intent.pos))
        elif isinstance(intent, PointerCancelled):
            self.controller.pointer_cancelled()
        elif isinstance(intent, TextTyped):
            self.field.focused = True  # typing goes to the letter board
            self.field.insert(intent.text)
        elif isinstance(intent, CommandIssued):
            home = self._home_square()
            self._outcome(self.controller.command(intent.command, home=home))
        else:
            return False
        return True

    def _field_command(self, intent: Intent) -> bool:
        if isinstance(intent, CommandIssued):
            if intent.command is Command.ACTIVATE:
                self.press("spell")
            elif intent.command is Command.CANCEL:
                self.field.focused = False
            return True
        return False

    def press(self, action: str, value: str = "") -> None:
        """A button (or its key) was pressed; ``value``: the move, for ``hint``."""
        if action == "magnets":
            self.show_magnets = not self.show_magnets
            self.toggles.button("magnets").label = self.services.strings.get(
                "console.button.pegboard" if self.show_magnets else "console.button.magnets")
        elif action == "flip":
            self._white_at_bottom = not self.board.geometry.white_at_bottom
            self.board.set_geometry(self._geometry())
        elif action == "spell":
            text = self.field.text.strip()
            if text and self.desk.say(text) is None:
                self.field.text = ""
        elif action == "hint":
            self.desk.play(chess.Move.from_uci(value), from_hint=True)

    def _home_square(self) -> chess.Square:
        king = self.desk.board.king(self.desk.turk_color)
        return king if king is not None else chess.E1

    def _outcome(self, outcome: Outcome | None) -> None:
        if not isinstance(outcome, MoveAttempt):
            return
        moves = [m for m in self.desk.legal_moves_from(outcome.from_square)
                 if m.to_square == outcome.to_square]
        if len(moves) > 1:
            self.services.stack.push(PromotionScene(
                self.services, moves, self.desk.turk_color, self.layout.board,
                self._play))
        elif moves:
            self._play(moves[0])

    def _play(self, move: chess.Move) -> None:
        self.desk.play(move)

    # -- time ---------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self._t += dt
        self.desk.update(dt)
        if self.desk.phase == "refused" and self._on_refused is not None:
            self._on_refused()
            return
        self._follow_board()
        self._follow_hints()
        self.board.update(dt)
        self.candle.update(dt)
        self.field.update(dt)
        occupied = set(self.board.state.pieces) - {self.desk.lifted} if self.desk.lifted \
            is not None else set(self.board.state.pieces)
        self.magnets.update(dt, occupied)

    def _follow_board(self) -> None:
        desk = self.desk
        state = desk.state
        key = (None if state is None else (state.game_id, state.ply), desk.sent)
        if self._white_at_bottom is None and \
                self.board.geometry.white_at_bottom != (desk.turk_color == chess.WHITE):
            self.board.set_geometry(self._geometry())
        if key != self._shown:
            moved_one = self._shown is not None and state is not None
            self._shown = key
            board = desk.shown_board()
            if moved_one:
                self.board.animate_to(board.piece_map(), 0.25)
            else:
                self.board.show_position(board.piece_map())
            last = board.move_stack[-1] if board.move_stack else (
                desk.board.move_stack[-1] if desk.board.move_stack else None)
            self.board.state.last_move = None if last is None else (last.from_square,
                                                                    last.to_square)
            king = board.king(board.turn) if board.is_check() else None
            self.board.state.check_square = king
            if not desk.is_our_move:
                self.controller.clear()
        self.board.state.hidden = frozenset() if desk.lifted is None else frozenset({desk.lifted})

    def _follow_hints(self) -> None:
        key = (self.desk.hints, self.desk.is_our_move)
        if key == self._hints_shown:
            return
        self._hints_shown = key
        self.hint_row = cards.hint_buttons(self.desk, self.services.text)
        cards.layout_hints(self.hint_row, self.layout.middle, self.layout.viewport)

    # -- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        layout, vp = self.layout, self.layout.viewport
        surface.blit(self._chrome(surface.get_size()), (0, 0))
        self._draw_board(surface, alpha)
        strings, text = self.services.strings, self.services.text
        cards.draw_status(surface, layout.status, self.desk, strings=strings, text=text, vp=vp)
        if self.shows_hints:
            cards.draw_hints(surface, layout.middle, self.hint_row, self.desk, strings=strings,
                             text=text, vp=vp)
        else:
            state = self.desk.state
            start = chess.Board(state.start_fen if state else chess.STARTING_FEN)
            self.sheet.draw(surface, layout.middle, visitor_sans(state),
                            start_fullmove=start.fullmove_number, start_turn=start.turn,
                            vertical=not vp.is_portrait, scale=vp.scale)
        cards.draw_letters(surface, layout.letters, self.desk, strings=strings, text=text, vp=vp)
        self.field.draw(surface, text, vp.scale)
        self.spell_row.draw(surface)
        cards.draw_tally(surface, layout.tally, self.desk, strings=strings, text=text, vp=vp)
        self.toggles.draw(surface)
        self.lighting.apply(surface, layout.light, layout.reach)
        wick = self.candle.wick(layout.candle_foot, layout.candle_height)
        self.candle.draw_glow(surface, wick, round(420 * vp.scale))
        self.candle.draw(surface, layout.candle_foot, layout.candle_height)

    def _draw_titles(self, surface: pygame.Surface) -> None:
        layout, vp, s = self.layout, self.layout.viewport, self.services.strings
        text = self.services.text
        text.draw(surface, s.get("console.title"), TextStyle(Face.SMALL_CAPS, vp.length(60), GILT),
                  layout.title.bottomleft, anchor="bottomleft")
        host, port = self.desk.address
        line = s.get("console.at_lever", name=self.desk.name or "…", address=f"{host}:{port}")
        text.draw(surface, line, TextStyle(Face.ITALIC, vp.length(30), GILT_SOFT),
                  layout.subtitle.topleft)

    def _draw_board(self, surface: pygame.Surface, alpha: float) -> None:
        if self.show_magnets:
            self.magnets.draw(surface, self.board.geometry, self.board.state,
                              lifted=self.desk.lifted)
        else:
            self.board.draw(surface, alpha)
        if not self.show_magnets and self.desk.lifted is not None:
            self._draw_lifted(surface, self.desk.lifted)

    def _draw_lifted(self, surface: pygame.Surface, square: chess.Square) -> None:
        """The visitor's piece, held up off its square (it bobs a little in the hand)."""
        piece = self.desk.board.piece_at(square)
        if piece is None:
            return
        geo = self.board.geometry
        size = geo.square_size
        cx, cy = geo.square_center(square)
        rect = geo.square_rect(square)
        pygame.draw.rect(surface, (255, 196, 96), rect, max(2, round(size * 0.06)))
        shadow = pygame.Surface((round(size * 0.7), round(size * 0.22)), pygame.SRCALPHA)
        pygame.draw.ellipse(shadow, (0, 0, 0, 110), shadow.get_rect())
        surface.blit(shadow, shadow.get_rect(center=(cx, cy + size * 0.3)))
        image = self.services.assets.piece(piece, round(size * 1.02)).copy()
        image.set_alpha(225)
        lift = size * (0.22 + 0.03 * math.sin(self._t * 3.1))
        surface.blit(image, image.get_rect(center=(round(cx), round(cy - lift))))

    def _chrome(self, size: tuple[int, int]) -> pygame.Surface:
        """What changes only with the window, the name or the cards shown: the back wall, the
        titles, the board's frame and the cards' paper and brass — composed once."""
        key = (size, self.desk.name, self.shows_hints)
        if self._backdrop is not None and self._backdrop[0] == key:
            return self._backdrop[1]
        layout, vp = self.layout, self.layout.viewport
        canvas = compose_interior(self.services.assets, size)
        self._draw_titles(canvas)
        frame = layout.board.inflate(vp.length(44), vp.length(44))
        draw_plaque(canvas, frame, radius=vp.length(10), top=FRAME_TOP, bottom=FRAME_BOTTOM,
                    edge=(30, 16, 6))
        pygame.draw.rect(canvas, GILT_SOFT, layout.board.inflate(vp.length(8), vp.length(8)),
                         max(1, vp.length(3)))
        for rect in (layout.status, layout.letters, *((layout.middle,) if self.shows_hints
                                                       else ())):
            cards.draw_card(canvas, rect, vp)
        cards.draw_tally_plates(canvas, layout.tally, vp)
        self._backdrop = (key, canvas)
        return canvas
