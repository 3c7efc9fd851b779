"""How the Turk's moves reach the board: carried by the automaton's own hand.

Owns: ``Staging``. The model applies a Turk move at once; the board keeps showing the old
position while the hand takes a captured piece off and sets it beside the board, picks up the
moving piece, carries it and sets it down (the rook after the king; a promoted pawn exchanged).
Each cue updates the board as it happens; when the last piece lands the board shows the move.
It also stages the other gestures of a game: check, the illegal-move put-back, impatience,
winding the key every 10–12 moves, looking round after a win.
"""

from __future__ import annotations

import random

import chess

from game.match import MovePlayed
from game.model.session import Position
from game.ui.automaton.gestures import (
    check_performance,
    impatience,
    look_round,
    move_performance,
    put_back_performance,
    shake_head,
    wind_key_pause,
)
from game.ui.automaton.performance import Cue, Finished, Gripped, Released
from game.ui.automaton.presence import Automaton
from game.ui.board_view import BoardView

STAGED = ("move", "put_back", "wind")


class Staging:
    """The Turk's hand between the model and the board view."""

    def __init__(self, automaton: Automaton, board: BoardView, *,
                 rng: random.Random | None = None, impatience_s: float = 45.0) -> None:
        self.automaton = automaton
        self.board = board
        self._rng = rng or random.Random()
        self.impatience_s = impatience_s
        self.pending_captures = 0
        """Captured pieces taken off the board but not yet set down beside it."""
        self._final: Position | None = None
        self._moves_until_wind = self._rng.randint(10, 12)
        self._waiting_s = 0.0
        self._restore: dict[chess.Square, chess.Piece] | None = None
        automaton.on_board_cue = self._cue

    @property
    def is_carrying_a_move(self) -> bool:
        """Whether a Turk move the model already has is still on its way to the board."""
        return self._final is not None

    @property
    def is_busy(self) -> bool:
        """Whether the hand is at work on the board (the visitor waits)."""
        return self._final is not None or self._restore is not None or any(
            (self.automaton.performer.current or "").startswith(name) for name in STAGED)

    def reset(self) -> None:
        """A new game or a takeback: stop, and let the board show the model."""
        self.automaton.stop()
        self.automaton.set_whirring(False)
        self._final = None
        self._restore = None
        self.pending_captures = 0
        self._waiting_s = 0.0

    # -- the Turk's move -----------------------------------------------------------------

    def turk_moved(self, event: MovePlayed, *, captured_so_far: int) -> None:
        """Perform a move the model has already made."""
        self._moves_until_wind -= 1
        if self._moves_until_wind <= 0:
            self._moves_until_wind = self._rng.randint(10, 12)
            self.automaton.perform(wind_key_pause())
        before, after = event.before.piece_map, event.after.piece_map
        performance = move_performance(before, after, self.automaton.frame,
                                       captured_so_far=captured_so_far)
        self.pending_captures = _captures(before, after)
        self._final = event.after
        if self.board.is_idle and self.board.state.pieces != before:
            self.board.show_position(before)  # never cut short the visitor's own slide
        self.automaton.perform(performance)

    def illegal(self, source: chess.Square, target: chess.Square) -> None:
        """The visitor dropped a piece where it may not go: the Turk puts it back."""
        piece = self.board.state.pieces.get(source)
        if piece is None:
            return
        self._restore = dict(self.board.state.pieces)
        shown = dict(self._restore)
        del shown[source]
        shown[target] = piece
        self.board.show_position(shown)
        self.automaton.perform(put_back_performance(piece, target, source, self.automaton.frame))

    def refuse(self) -> None:
        """A move the visitor only pointed at is not allowed: the Turk shakes its head."""
        if not self.is_busy and not self.automaton.is_busy:
            self.automaton.perform(shake_head())

    def gave_check(self) -> None:
        self.automaton.perform(check_performance())

    def won(self) -> None:
        self.automaton.perform(look_round())

    # -- waiting for the visitor ---------------------------------------------------------

    def visitor_waiting(self, dt: float, *, waiting: bool) -> None:
        """Count how long the visitor has been thinking; tap impatiently now and then."""
        if not waiting or self.impatience_s <= 0:
            self._waiting_s = 0.0
            return
        self._waiting_s += dt
        if self._waiting_s >= self.impatience_s and not self.automaton.is_busy:
            self._waiting_s = self.impatience_s * 0.4  # again, sooner, if it goes on
            self.automaton.perform(impatience())

    # -- cues from the hand --------------------------------------------------------------

    def _cue(self, cue: Cue) -> None:
        pieces = self.board.state.pieces
        if isinstance(cue, Gripped) and cue.square is not None:
            under = self._restore.get(cue.square) if self._restore is not None else None
            if under is not None and self._final is None:
                pieces[cue.square] = under  # the piece it was dropped on shows again
            else:
                pieces.pop(cue.square, None)
        elif isinstance(cue, Released):
            if cue.square is not None:
                pieces[cue.square] = cue.piece
            if cue.capture:
                self.pending_captures = max(0, self.pending_captures - 1)
        elif isinstance(cue, Finished):
            self._finished(cue.name)

    def _finished(self, name: str) -> None:
        if name == "move" and self._final is not None:
            final, self._final = self._final, None
            self.board.show_position(final.piece_map)
            last = final.last_move
            self.board.state.last_move = (last.from_square, last.to_square) if last else None
            self.board.state.check_square = final.check_square
            self.pending_captures = 0
            self.automaton.set_whirring(False)
        elif name == "put_back" and self._restore is not None:
            self.board.show_position(self._restore)
            self._restore = None


def _captures(before: dict[chess.Square, chess.Piece],
              after: dict[chess.Square, chess.Piece]) -> int:
    """How many pieces left the board in a move (0 or 1; en passant included)."""
    return max(0, len(before) - len(after))
