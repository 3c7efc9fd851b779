"""The visitor's hands on the play screen: pointer, keyboard and typed moves.

Owns: ``VisitorInput`` — turns intents into what the play screen should do: press a button,
pick up or put down a piece, try a move (a ``MoveAttempt``, promotion settled by the screen),
try an illegal one, type a move in SAN. It also reports the visitor's hand to an observer
(the hidden operator sees each piece lifted and set down).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import chess

from game.ui.board_input import BoardController, MoveAttempt, Outcome
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
from game.ui.widgets import ButtonRow, Pressed

SAN_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=+#-")
"""What may be typed as a move; anything else typed is ignored."""
SHORTCUTS = {Command.TAKE_BACK: "take_back", Command.NEW_GAME: "new_game", Command.SAVE: "save"}


class PlayObserver(Protocol):
    """Someone watching the visitor's hand (the hidden operator's console, via the link)."""

    def piece_lifted(self, square: chess.Square) -> None:
        """The visitor picked up (selected or started dragging) the piece on ``square``."""

    def piece_dropped(self, square: chess.Square | None) -> None:
        """The visitor put the piece down on ``square`` (``None``: put back, no move)."""


class Actions(Protocol):
    """What the play screen offers its input."""

    def press(self, action: str) -> None: ...
    def attempt(self, outcome: Outcome) -> None: ...
    def play_typed(self, text: str) -> None: ...


class VisitorInput:
    """Pointer, keyboard and typing for the play screen."""

    def __init__(self, board: BoardView, buttons: ButtonRow,
                 legal_moves: Callable[[chess.Square], list[chess.Move]],
                 home: Callable[[], chess.Square]) -> None:
        self.board = board
        self.buttons = buttons
        self.controller = BoardController(board, legal_moves)
        self._home = home
        self.typed = ""
        self.observer: PlayObserver | None = None
        self._lifted: chess.Square | None = None

    def clear(self) -> None:
        self.controller.clear()
        self.typed = ""
        self.report()

    def reset(self) -> None:
        """A new game: no selection, no typing, no keyboard cursor."""
        self.controller.reset()
        self.typed = ""
        self.report()

    def handle(self, intent: Intent, actions: Actions) -> bool:
        used = self._handle(intent, actions)
        self.report()
        return used

    def report(self, placed: chess.Square | None = None) -> None:
        """Tell the observer when the visitor's hand picks up or sets down a piece."""
        lifted = self.board.state.selected
        if lifted == self._lifted:
            return
        if self.observer is not None:
            if self._lifted is not None:
                self.observer.piece_dropped(placed)
            if lifted is not None:
                self.observer.piece_lifted(lifted)
        self._lifted = lifted

    def _handle(self, intent: Intent, actions: Actions) -> bool:
        answer = self.buttons.handle(intent)
        if isinstance(answer, Pressed):
            actions.press(answer.action)
            return True
        if answer is not None:
            return True
        outcome: Outcome | None = None
        if isinstance(intent, PointerPressed):
            outcome = self.controller.pointer_pressed(intent.pos)
        elif isinstance(intent, PointerMoved):
            self.controller.pointer_moved(intent.pos, intent.pressed)
        elif isinstance(intent, PointerReleased):
            outcome = self.controller.pointer_released(intent.pos)
        elif isinstance(intent, PointerCancelled):
            self.controller.pointer_cancelled()
        elif isinstance(intent, TextTyped):
            clean = "".join(ch for ch in intent.text if ch in SAN_CHARACTERS)
            self.typed = (self.typed + clean)[:10]
        elif isinstance(intent, CommandIssued):
            return self._command(intent.command, actions)
        else:
            return False
        if outcome is not None:
            if isinstance(outcome, MoveAttempt):
                self.report(placed=outcome.to_square)
            actions.attempt(outcome)
        return True

    def _command(self, command: Command, actions: Actions) -> bool:
        if command in SHORTCUTS:
            actions.press(SHORTCUTS[command])
            return True
        if command is Command.FLIP:
            geo = self.board.geometry
            self.board.set_geometry(BoardGeometry(geo.rect, not geo.white_at_bottom))
            return True
        if self.typed and command in (Command.BACKSPACE, Command.ACTIVATE, Command.CANCEL):
            if command is Command.BACKSPACE:
                self.typed = self.typed[:-1]
            elif command is Command.ACTIVATE:
                text, self.typed = self.typed, ""
                actions.play_typed(text)
            else:
                self.typed = ""
            return True
        outcome = self.controller.command(command, home=self._home())
        if isinstance(outcome, MoveAttempt):
            self.report(placed=outcome.to_square)
        if outcome is not None:
            actions.attempt(outcome)
        return command in (Command.LEFT, Command.RIGHT, Command.UP, Command.DOWN,
                           Command.ACTIVATE, Command.CANCEL)
