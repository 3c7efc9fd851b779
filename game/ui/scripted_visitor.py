"""A visitor without a person: moves chosen by a program, entered as taps on the play screen.

Owns: ``ScriptedVisitor`` — a companion of the app's loop that plays the visitor's side with
moves from any source of moves (its *brain*: the built-in engine at a level, for
``turk host --visitor-engine LEVEL``; a fixed list, for a harness). It enters them exactly as
a visitor does: it posts mouse taps into pygame's event queue — the piece, then its square,
then the promotion chooser's piece — so every move goes through the input translator, the
play screen's board input and its legality check, never straight into the session. It also
skips the presenter's show and the Turk's spelling with a tap, as an impatient visitor would.
After the game it stops; what follows (the guess, the reveal) is left alone.

Nothing here knows who plays the Turk; the brain sees only the board. Time comes in through
``update``; the brain is polled, never waited for.

Must not import: ``game.operator_host`` or ``game.opponents.operator``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import chess
import pygame

from game.opponents.base import MoveRequest, Opponent, OpponentError
from game.opponents.engine import EngineOpponent
from game.ui.scenes.exhibition import ExhibitionScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.promotion import CHOICES, PromotionScene

log = logging.getLogger(__name__)

RETRY_S = 2.0
"""After the brain failed, ask it again this much later."""


class ScriptedVisitor:
    """Plays the visitor's moves from ``brain`` by tapping the play screen.

    :param brain: where the moves come from (started when the visitor sits down, closed with
        the app).
    """

    def __init__(self, brain: Opponent) -> None:
        self._brain = brain
        self._play: PlayScene | None = None
        self._started = False
        self._asked: tuple[str, int] | None = None
        self._move: chess.Move | None = None
        self._tapped = False
        """A tap is in pygame's queue and the app has not drained it yet."""
        self._retry_in = 0.0
        self.moves_entered = 0

    # -- the app's companion ------------------------------------------------------------------

    def attach(self, play: PlayScene) -> None:
        """Sit down at ``play``."""
        self._play = play
        if not self._started:
            self._brain.start()
            self._started = True

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        """Our taps are in this batch: the screen is about to see them."""
        self._tapped = False
        return events

    def update(self, dt: float) -> None:
        """Look at the screen and, when it is the visitor's to act, tap."""
        play = self._play
        self._retry_in = max(0.0, self._retry_in - dt)
        if play is None or self._tapped:
            return
        top = play.services.stack.top
        if isinstance(top, ExhibitionScene):
            skip = top.buttons.button("skip").rect
            if skip is not None:
                self._tap(skip.center)
        elif isinstance(top, PromotionScene) and self._move is not None:
            if top.option_rects:
                piece = self._move.promotion or chess.QUEEN
                self._tap(top.option_rects[CHOICES.index(piece)].center)
        elif top is play:
            self._take_turn(play)

    def frame(self, frame_s: float) -> None:
        """Nothing to draw."""

    def close(self) -> None:
        """Stand up: the brain is closed."""
        self._brain.close()

    # -- a turn ---------------------------------------------------------------------------------

    def _take_turn(self, play: PlayScene) -> None:
        session = play.match.session
        if session.is_over or not session.is_visitor_turn:
            self._asked, self._move = None, None
            return
        if play.automaton.spelling:
            self._tap(play.board.geometry.rect.center)  # skip the Turk's words
            return
        if not play.board.is_idle or play.staging.is_busy:
            return
        turn = (session.game_id, session.ply)
        if self._asked != turn and self._retry_in <= 0:
            self._asked, self._move = turn, None
            self._brain.request_move(MoveRequest(session.game_id, session.ply, session.board()))
        if self._move is None and self._asked == turn:
            self._move = self._think(turn)
        move = self._move
        if move is None:
            return
        if play.board.state.selected != move.from_square:
            self._tap(play.board.geometry.square_center(move.from_square))
        else:
            self._tap(play.board.geometry.square_center(move.to_square))
            self.moves_entered += 1

    def _think(self, turn: tuple[str, int]) -> chess.Move | None:
        try:
            reply = self._brain.poll()
        except OpponentError as error:
            log.warning("the scripted visitor's brain failed (%s); asking again", error)
            self._asked, self._retry_in = None, RETRY_S
            return None
        if reply is None or (reply.game_id, reply.ply) != turn:
            return None
        return reply.move

    def _tap(self, pos: Sequence[float]) -> None:
        """A finger down and up at ``pos`` (window pixels), as the visitor's hand."""
        x, y = round(pos[0]), round(pos[1])
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=(x, y), button=1))
        self._tapped = True


def engine_visitor(command: Sequence[str], level: int) -> ScriptedVisitor:
    """A visitor whose moves come from the UCI engine ``command`` at ``level`` (1-8)."""
    return ScriptedVisitor(EngineOpponent(command, level=level))
