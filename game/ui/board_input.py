"""How a person picks up and puts down pieces: tap-tap, drag, and the keyboard.

Owns: ``BoardController`` — the selection/drag state machine of a lichess-style board. It
updates the board view's selection, targets, drag and cursor, and reports what the person did
as a ``MoveAttempt`` (from, to — promotion is settled by the scene), an ``IllegalAttempt``
(a piece dropped, or a square tapped, where it may not go) or ``PieceStuck`` (a piece tapped
that cannot be picked up now) — so the scene can answer every refusal the same way, and say
why. Rules come from the ``legal_moves`` callback. The keyboard cursor shows only while the
keyboard is in use: pointer input hides it, and a new game resets it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import chess

from game.ui.board_view import BoardView, Drag
from game.ui.intents import Command

DRAG_THRESHOLD_PX = 6.0


@dataclass(frozen=True)
class MoveAttempt:
    from_square: chess.Square
    to_square: chess.Square
    dragged: bool
    """Whether the piece was carried there by a drag (no animation needed)."""


@dataclass(frozen=True)
class IllegalAttempt:
    from_square: chess.Square
    to_square: chess.Square
    dragged: bool = True
    """Whether the piece was carried there (it must be put back) or the square tapped."""


@dataclass(frozen=True)
class PieceStuck:
    """A piece was tapped (or chosen with the keyboard) that cannot be picked up now."""

    square: chess.Square


Outcome = MoveAttempt | IllegalAttempt | PieceStuck

_STEPS = {Command.LEFT: (-1, 0), Command.RIGHT: (1, 0), Command.UP: (0, 1), Command.DOWN: (0, -1)}


class BoardController:
    """Selection, dragging and keyboard movement for the visitor's pieces.

    :param legal_moves: the legal moves from a square now (empty when it is not the visitor's
        turn, so nothing can be picked up then).
    """

    def __init__(self, view: BoardView,
                 legal_moves: Callable[[chess.Square], list[chess.Move]]) -> None:
        self._view = view
        self._legal_moves = legal_moves
        self._press: tuple[float, float] | None = None
        self._pressed_square: chess.Square | None = None
        self._was_selected = False

    @property
    def selected(self) -> chess.Square | None:
        return self._view.state.selected

    def clear(self) -> None:
        """Drop any selection and drag (turn over, takeback)."""
        state = self._view.state
        state.selected, state.targets, state.drag = None, {}, None
        self._press = None
        self._pressed_square = None

    def reset(self) -> None:
        """A new game: nothing selected, and no keyboard cursor until a key asks for it."""
        self.clear()
        self._view.state.cursor = None

    def _choose(self, square: chess.Square) -> Outcome | None:
        """The person chose ``square`` (a tap, or Enter on the cursor) with no move to it:
        pick up the piece there, or say why not."""
        state = self._view.state
        previous = state.selected
        if self.select(square):
            return None
        self.clear()
        piece, held = state.pieces.get(square), state.pieces.get(previous) if previous else None
        if piece is not None and (held is None or held.color == piece.color):
            return PieceStuck(square)  # the piece itself cannot move (or it is not theirs)
        if previous is not None and square != previous:
            return IllegalAttempt(previous, square, dragged=False)
        return None

    def select(self, square: chess.Square | None) -> bool:
        """Select the piece on ``square`` if it can move; returns whether it did."""
        state = self._view.state
        moves = self._legal_moves(square) if square is not None else []
        if square is None or not moves:
            state.selected, state.targets = None, {}
            return False
        pieces = state.pieces
        state.selected = square
        state.targets = {m.to_square: m.to_square in pieces or _is_en_passant(m, pieces)
                         for m in moves}
        return True

    # -- pointer ---------------------------------------------------------------------------

    def pointer_pressed(self, pos: tuple[float, float]) -> Outcome | None:
        square = self._view.geometry.square_at(pos)
        state = self._view.state
        state.cursor = None  # the keyboard's frame leaves when the pointer is used
        self._press, self._pressed_square = None, None
        if square is None:
            self.clear()
            return None
        if state.selected is not None and square in state.targets:
            source = state.selected
            self.clear()
            return MoveAttempt(source, square, dragged=False)
        self._was_selected = state.selected == square
        outcome = self._choose(square)
        if state.selected == square:
            self._press, self._pressed_square = pos, square
        return outcome

    def pointer_moved(self, pos: tuple[float, float], pressed: bool) -> None:
        state = self._view.state
        if not pressed or self._press is None or self._pressed_square is None:
            return
        if state.drag is None:
            dx, dy = pos[0] - self._press[0], pos[1] - self._press[1]
            if dx * dx + dy * dy < DRAG_THRESHOLD_PX ** 2:
                return
            piece = state.pieces.get(self._pressed_square)
            if piece is None:
                return
            state.drag = Drag(self._pressed_square, piece, pos)
        else:
            state.drag.pos = pos

    def pointer_released(self, pos: tuple[float, float]) -> Outcome | None:
        state = self._view.state
        pressed, self._press = self._pressed_square, None
        self._pressed_square = None
        if state.drag is None:
            if pressed is not None and self._was_selected:
                self.clear()  # a second tap on the selected piece puts it down
            return None
        source = state.drag.from_square
        state.drag = None
        target = self._view.geometry.square_at(pos)
        if target is None or target == source:
            return None  # back where it was: stays selected, like lichess
        if target in state.targets:
            self.clear()
            return MoveAttempt(source, target, dragged=True)
        self.clear()
        return IllegalAttempt(source, target)

    def pointer_cancelled(self) -> None:
        self._view.state.drag = None
        self._press, self._pressed_square = None, None

    # -- keyboard --------------------------------------------------------------------------

    def command(self, command: Command, *, home: chess.Square) -> Outcome | None:
        """Arrow keys move the cursor (appearing at ``home``); Enter picks up or puts down."""
        state = self._view.state
        if command in _STEPS:
            if state.cursor is None:
                state.cursor = state.selected if state.selected is not None else home
                return None
            dx, dy = _STEPS[command]
            if not self._view.geometry.white_at_bottom:
                dx, dy = -dx, -dy
            file = min(7, max(0, chess.square_file(state.cursor) + dx))
            rank = min(7, max(0, chess.square_rank(state.cursor) + dy))
            state.cursor = chess.square(file, rank)
            return None
        if command is Command.ACTIVATE and state.cursor is not None:
            cursor = state.cursor
            if state.selected is not None and cursor in state.targets:
                source = state.selected
                self.clear()
                return MoveAttempt(source, cursor, dragged=False)
            if state.selected == cursor:
                self.clear()
                return None
            return self._choose(cursor)
        if command is Command.CANCEL:
            if state.selected is not None:
                self.clear()
            else:
                state.cursor = None
        return None


def _is_en_passant(move: chess.Move, pieces: dict[chess.Square, chess.Piece]) -> bool:
    piece = pieces.get(move.from_square)
    return (piece is not None and piece.piece_type == chess.PAWN
            and chess.square_file(move.from_square) != chess.square_file(move.to_square)
            and move.to_square not in pieces)
