"""The play screen: the Turk's stage, the board, the scoresheet and the controls.

Owns: ``PlayScene`` — turns the visitor's intents into moves and commands, feeds the match
``update(dt)``, and shows what the match reports: the view catches up with the model (moves
are applied at once and animated from the diff of piece maps). Overlays (promotion, new game,
game over) are pushed on top. Nothing here shows who really plays the Turk.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import chess
import pygame

from game.match import (
    GameEnded,
    GameSetup,
    Match,
    MatchEvent,
    MovePlayed,
    MovesTakenBack,
    OpponentFailed,
    TurkThinking,
)
from game.model.material import Captures, captures_in
from game.model.session import GameError
from game.storage import GameArchive
from game.ui.board_input import BoardController, IllegalAttempt, MoveAttempt
from game.ui.board_view import BoardGeometry, BoardView
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
from game.ui.layout import PlayLayout, play_layout
from game.ui.scene import Scene
from game.ui.scenes.play_panels import StatusPanel, play_buttons
from game.ui.scoresheet import Scoresheet
from game.ui.services import Services
from game.ui.stage_view import StageView

log = logging.getLogger(__name__)

SAN_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=+#-")
"""What may be typed as a move; anything else typed is ignored."""


@dataclass(frozen=True)
class PlayOptions:
    takeback: bool = True
    archive: GameArchive | None = None
    level: int = 3


MatchFactory = Callable[[GameSetup], Match]


class PlayObserver(Protocol):
    """Someone watching the visitor's hand (the hidden operator's console, via the link)."""

    def piece_lifted(self, square: chess.Square) -> None:
        """The visitor picked up (selected or started dragging) the piece on ``square``."""

    def piece_dropped(self, square: chess.Square | None) -> None:
        """The visitor put the piece down on ``square`` (``None``: put back, no move)."""


class PlayScene(Scene):
    """A game against the Turk."""

    def __init__(self, services: Services, match: Match, *, options: PlayOptions,
                 new_match: MatchFactory | None = None) -> None:
        self.services = services
        self.match = match
        self.options = options
        self._new_match = new_match
        strings = services.strings
        self.layout: PlayLayout = play_layout(services.window_size)
        self.board = BoardView(services.assets, services.text, self._geometry())
        self.controller = BoardController(self.board, self._legal_from)
        self.buttons = play_buttons(services.text, strings, takeback=options.takeback)
        self.sheet = Scoresheet(services.text, strings.get("ui.moves.title"))
        self.stage = StageView(services.assets, services.text)
        self.status = StatusPanel(services.text, strings)
        self.typed = ""
        self.captures = Captures()
        self._pending_ending = False
        self._save: concurrent.futures.Future[Path] | None = None
        self._resign_armed_s = 0.0
        self._on_game_over: Callable[[PlayScene], None] | None = None
        self._on_promotion: Callable[[PlayScene, list[chess.Move]], None] | None = None
        self._on_new_game: Callable[[PlayScene], None] | None = None
        self.observer: PlayObserver | None = None
        """Told when the visitor lifts and sets down pieces (the operator's live view)."""
        self._lifted: chess.Square | None = None

    # -- wiring -------------------------------------------------------------------------

    def set_overlays(self, *, game_over: Callable[[PlayScene], None],
                     promotion: Callable[[PlayScene, list[chess.Move]], None],
                     new_game: Callable[[PlayScene], None]) -> None:
        """How to open the overlays (the app wires them, so scenes need not import each
        other)."""
        self._on_game_over = game_over
        self._on_promotion = promotion
        self._on_new_game = new_game

    def enter(self) -> None:
        self.match.start()
        self._show_position(animate=False)
        self._pending_ending = self.match.session.is_over  # a loaded game may be finished

    def exit(self) -> None:
        self.match.close()

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = play_layout(size)
        self.board.set_geometry(self._geometry())
        self._layout_buttons()

    def _geometry(self) -> BoardGeometry:
        return BoardGeometry(self.layout.board, self.match.session.visitor_color == chess.WHITE)

    def _layout_buttons(self) -> None:
        vp, area = self.layout.viewport, self.layout.buttons
        self.buttons.layout(area, vertical=self.layout.buttons_vertical,
                            gap=vp.length(18), size=vp.length(84))

    def start_new(self, choice: GameSetup) -> None:
        """Replace the game with a new one (the old one is closed, its opponent released)."""
        if self._new_match is None:
            return
        self.match.close()
        self.match = self._new_match(choice)
        self.board.set_geometry(self._geometry())
        self.controller.clear()
        self.typed = ""
        self._pending_ending = False
        self.status.clear()
        self.match.start()
        self._show_position(animate=False)
        self._pending_ending = self.match.session.is_over

    # -- intents --------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        used = self._handle(intent)
        self._report_hand()
        return used

    def _report_hand(self, placed: chess.Square | None = None) -> None:
        """Tell the observer when the visitor's hand picks up or sets down a piece."""
        lifted = self.board.state.selected
        if self.observer is None or lifted == self._lifted:
            return
        if self._lifted is not None:
            self.observer.piece_dropped(placed)
        if lifted is not None:
            self.observer.piece_lifted(lifted)
        self._lifted = lifted

    def _handle(self, intent: Intent) -> bool:
        action = self.buttons.handle(intent)
        if isinstance(action, str):
            self.press(action)
            return True
        if action is True:
            return True
        if isinstance(intent, PointerPressed):
            self._outcome(self.controller.pointer_pressed(intent.pos))
        elif isinstance(intent, PointerMoved):
            self.controller.pointer_moved(intent.pos, intent.pressed)
        elif isinstance(intent, PointerReleased):
            self._outcome(self.controller.pointer_released(intent.pos))
        elif isinstance(intent, PointerCancelled):
            self.controller.pointer_cancelled()
        elif isinstance(intent, TextTyped):
            self._typed(intent.text)
        elif isinstance(intent, CommandIssued):
            return self._command(intent.command)
        else:
            return False
        return True

    def _command(self, command: Command) -> bool:
        shortcuts = {Command.TAKE_BACK: "take_back", Command.NEW_GAME: "new_game",
                     Command.SAVE: "save"}
        if command in shortcuts:
            self.press(shortcuts[command])
            return True
        if command is Command.FLIP:
            geo = self.board.geometry
            self.board.set_geometry(BoardGeometry(geo.rect, not geo.white_at_bottom))
            return True
        if command is Command.BACKSPACE and self.typed:
            self.typed = self.typed[:-1]
            return True
        if command is Command.ACTIVATE and self.typed:
            self._play_typed()
            return True
        if command is Command.CANCEL and self.typed:
            self.typed = ""
            return True
        home = self._home_square()
        self._outcome(self.controller.command(command, home=home))
        return command in (Command.LEFT, Command.RIGHT, Command.UP, Command.DOWN,
                           Command.ACTIVATE, Command.CANCEL)

    def _home_square(self) -> chess.Square:
        king = chess.Board(self.match.position.fen).king(self.match.session.visitor_color)
        return king if king is not None else chess.E1

    def _typed(self, text: str) -> None:
        clean = "".join(ch for ch in text if ch in SAN_CHARACTERS)
        if clean:
            self.typed = (self.typed + clean)[:10]

    def _play_typed(self) -> None:
        text, self.typed = self.typed, ""
        if not self.match.session.is_visitor_turn:
            self.status.flash("ui.status.not_your_turn")
            return
        try:
            move = self.match.session.board().parse_san(text)
        except ValueError:
            self.status.flash("ui.status.unknown_san", text=text)
            return
        self.play(move, dragged=False)

    def _legal_from(self, square: chess.Square) -> list[chess.Move]:
        if not self.board.is_idle or self._pending_ending:
            return []
        return self.match.session.legal_moves_from(square)

    def _outcome(self, outcome: MoveAttempt | IllegalAttempt | None) -> None:
        if isinstance(outcome, IllegalAttempt):
            self.status.flash("ui.status.illegal")
        elif isinstance(outcome, MoveAttempt):
            self._report_hand(placed=outcome.to_square)
            moves = [m for m in self.match.session.legal_moves_from(outcome.from_square)
                     if m.to_square == outcome.to_square]
            if len(moves) > 1 and self._on_promotion is not None:
                self._on_promotion(self, moves)
            elif moves:
                self.play(moves[0], dragged=outcome.dragged)

    def play(self, move: chess.Move, *, dragged: bool) -> None:
        """Play the visitor's move (from the board, the keyboard or the promotion chooser)."""
        try:
            events = self.match.play_visitor_move(move)
        except (GameError, chess.IllegalMoveError) as exc:
            log.info("visitor move %s refused: %s", move.uci(), exc)
            self.status.flash("ui.status.illegal")
            return
        self._apply_events(events, dragged=dragged)

    def press(self, action: str) -> None:
        """A button (or its keyboard shortcut) was pressed."""
        if action == "new_game":
            self._open_new_game()
        elif action == "take_back" and self.options.takeback:
            self._take_back()
        elif action == "resign":
            self._resign()
        elif action == "claim_draw":
            claims = self.match.session.draw_claims()
            if claims:
                self._apply_events(self.match.claim_draw(claims[0]), dragged=False)
        elif action == "save":
            self.save()

    def _open_new_game(self) -> None:
        if self._on_new_game is not None:
            self._on_new_game(self)

    def _take_back(self) -> None:
        if not self.match.session.can_take_back():
            return
        self._apply_events(self.match.take_back(), dragged=False)

    def _resign(self) -> None:
        if self.match.session.is_over:
            return
        if self._resign_armed_s <= 0:
            self._resign_armed_s = 4.0
            return
        self._resign_armed_s = 0.0
        self._apply_events(self.match.resign(), dragged=False)

    def spell(self, text: str) -> None:
        """The Turk spells ``text`` (scripted lines, or the hidden operator's message).

        Shown in the status line until the letter board takes it over.
        """
        self.status.flash("ui.status.turk_says", text=text)

    def save(self) -> None:
        archive = self.options.archive
        if archive is not None:
            self._save = archive.save(self.match.session)

    # -- time -------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self._apply_events(self.match.update(dt), dragged=False)
        self.board.update(dt)
        self.status.update(dt)
        self._resign_armed_s = max(0.0, self._resign_armed_s - dt)
        self._poll_save()
        if self._pending_ending and self.board.is_idle and self._on_game_over is not None:
            self._pending_ending = False
            self._on_game_over(self)
        self._refresh_buttons()

    def _poll_save(self) -> None:
        future = self._save
        if future is None or not future.done():
            return
        self._save = None
        error = future.exception()
        if error is not None:
            log.warning("saving the game failed: %s", error)
            self.status.flash("ui.status.save_failed", reason=str(error))
        else:
            self.status.flash("ui.status.saved", path=str(future.result()))

    def _apply_events(self, events: list[MatchEvent], *, dragged: bool) -> None:
        for event in events:
            if isinstance(event, MovePlayed):
                self._show_position(animate=not (event.by_visitor and dragged))
            elif isinstance(event, MovesTakenBack):
                self.controller.clear()
                self._show_position(animate=False)
                self.status.flash("ui.status.taken_back")
            elif isinstance(event, TurkThinking):
                self.status.thinking = event.thinking
            elif isinstance(event, GameEnded):
                self.controller.clear()
                self._pending_ending = True
                self.save()
            elif isinstance(event, OpponentFailed):
                self.status.failure = event.message

    def _show_position(self, *, animate: bool) -> None:
        position = self.match.position
        if animate:
            self.board.animate_to(position.piece_map, 0.25)
        else:
            self.board.show_position(position.piece_map)
        last = position.last_move
        self.board.state.last_move = (last.from_square, last.to_square) if last else None
        self.board.state.check_square = position.check_square
        self.captures = captures_in(self.match.session.board())

    def _refresh_buttons(self) -> None:
        session = self.match.session
        row = self.buttons
        if self.options.takeback:
            row.button("take_back").enabled = session.can_take_back() and self.board.is_idle
        row.button("resign").enabled = not session.is_over
        row.button("resign").label = self.services.strings.get(
            "ui.button.resign_confirm" if self._resign_armed_s > 0 else "ui.button.resign")
        claim = row.button("claim_draw")
        visible = bool(session.draw_claims()) and session.is_visitor_turn
        if claim.visible != visible:
            claim.visible = visible
            self._layout_buttons()
        if row.buttons[0].rect is None:
            self._layout_buttons()

    # -- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        layout = self.layout
        self.stage.draw_static(surface, layout)
        self.stage.draw_captures(surface, layout.stage, self.captures,
                                 self.match.session.turk_color)
        self.board.draw(surface, alpha)
        self.status.draw(surface, layout, self.match.session, typed=self.typed)
        self.buttons.draw(surface)
        position = self.match.position
        self.sheet.draw(surface, layout.moves, position.sans,
                        start_fullmove=position.fullmove_number_at_start,
                        start_turn=position.start_turn,
                        vertical=not layout.viewport.is_portrait, scale=layout.viewport.scale)
