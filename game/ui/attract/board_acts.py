"""The acts at the board: a replayed game, carried by the Turk's hand, and the letter board.

Owns: ``ReplayAct`` — a ``Match`` of the replay's moves: the Turk's side comes from a
``ScriptedOpponent`` (``MoveAuthor.SCRIPTED``, no engine process) through the match's own
pacing and is carried by the automaton's hand (``Staging``: captures set aside, castling,
"Échec!" for check, a look round after a win); the other side's moves slide in a moment later,
as the opponent's moves appeared on the Turk's own board. It stops at the end of the game or
of the replay's moves. ``GreetingAct`` — the Turk spells its greeting on the letter board in
each offered language in turn.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence

import chess
import pygame

from game.match import GameEnded, Match, MatchEvent, MovePlayed, OpponentFailed, TurkThinking
from game.model.material import captures_in
from game.model.pacing import Pacing
from game.model.session import GameSession
from game.opponents.scripted import ScriptedOpponent
from game.ui.attract.act import ActNotes, Moves, Stagehand
from game.ui.attract.board_stage import BoardStage
from game.ui.attract.layout import AttractLayout
from game.ui.attract.replays import Replay
from game.ui.automaton.performance import Performance
from game.ui.scenes.staging import Staging

log = logging.getLogger(__name__)

REPLAY_PACING = Pacing(min_think_s=0.9, max_think_s=2.4, per_choice_s=0.025, spread=0.25)
"""A watchable pace: the Turk seems to think a moment, never long."""
OPPONENT_S = (1.3, 2.4)
"""How long after the Turk's hand is back its opponent's move appears."""
SLIDE_S = 0.55
END_HOLD_S = 4.5
"""The final position stays this long before the next act."""


class ReplayAct:
    """A game the Turk replays by itself."""

    max_s = 9 * 60.0

    def __init__(self, hand: Stagehand, replay: Replay) -> None:
        self.key = replay.key
        self.replay = replay
        self._hand = hand
        self._rng = random.Random(hand.rng.random())
        self.stage = BoardStage(hand, white_at_bottom=replay.turk_color == chess.BLACK)
        self.session = GameSession(visitor_color=not replay.turk_color,
                                   start_fen=replay.start_fen)
        self.match = Match(self.session, ScriptedOpponent(replay.moves), pacing=REPLAY_PACING,
                           rng=self._rng)
        self.staging = Staging(self.stage.automaton, self.stage.board, rng=self._rng,
                               impatience_s=0.0)
        self.stage.turk_color = replay.turk_color
        self._opponent_wait_s = self._rng.uniform(*OPPONENT_S)
        self._end_hold_s = END_HOLD_S
        self._ended = False

    # -- the act --------------------------------------------------------------------------

    def start(self) -> None:
        self.match.start()
        self.stage.board.show_position(self.session.position.piece_map)
        self.stage.resize(self._hand.layout)

    def resize(self, layout: AttractLayout) -> None:
        self.stage.resize(layout)

    def close(self) -> None:
        self.staging.reset()
        self.match.close()
        self.stage.close()

    @property
    def plies(self) -> int:
        return self.session.ply

    @property
    def is_over(self) -> bool:
        """Whether the game or the replay's moves have ended."""
        return self.session.is_over or self.session.ply >= len(self.replay.moves)

    @property
    def is_done(self) -> bool:
        return self._ended and self._end_hold_s <= 0

    def update(self, dt: float) -> None:
        if not self.is_over and self.session.is_turk_turn:
            self._apply(self.match.update(dt))
        self.stage.update(dt)
        settled = self.stage.is_settled and not self.staging.is_busy
        if self.is_over:
            if not self._ended and settled:
                self._end()
            elif self._ended and settled:
                self._end_hold_s -= dt
        elif self.session.is_visitor_turn and settled:
            self._opponent_wait_s -= dt
            if self._opponent_wait_s <= 0:
                self._opponent_moves()

    def _opponent_moves(self) -> None:
        self._opponent_wait_s = self._rng.uniform(*OPPONENT_S)
        move = self.replay.moves[self.session.ply]
        self._apply(self.match.play_visitor_move(move))

    def _apply(self, events: list[MatchEvent]) -> None:
        for event in events:
            if isinstance(event, MovePlayed):
                self._moved(event)
            elif isinstance(event, TurkThinking):
                self.stage.automaton.set_whirring(event.thinking)
            elif isinstance(event, OpponentFailed):
                raise RuntimeError(f"replay {self.replay.id}: {event.message}")
            elif isinstance(event, GameEnded) and event.ending.winner == self.replay.turk_color:
                self.staging.won()

    def _moved(self, event: MovePlayed) -> None:
        stage = self.stage
        taken_before = len(stage.captures.taken_by(self.replay.turk_color))
        stage.captures = captures_in(self.session.board())
        if event.by_visitor:
            stage.board.animate_to(event.after.piece_map, SLIDE_S)
            last = event.after.last_move
            stage.board.state.last_move = (last.from_square, last.to_square) if last else None
            stage.board.state.check_square = event.after.check_square
            return
        self.staging.turk_moved(event, captured_so_far=taken_before)
        if event.after.check_square is not None:
            self.staging.gave_check()

    def _end(self) -> None:
        self._ended = True
        self.stage.automaton.set_whirring(False)

    # -- what the screen shows ------------------------------------------------------------

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.stage.pending_captures = self.staging.pending_captures
        self.stage.draw(surface, alpha)

    def visual_keys(self, alpha: float) -> dict[str, object] | None:
        self.stage.pending_captures = self.staging.pending_captures
        return self.stage.visual_keys(alpha)

    def regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        return self.stage.regions(changed)

    def notes(self) -> ActNotes:
        strings, replay = self._hand.services.strings, self.replay
        side = strings.get("attract.replay.turk_white" if replay.turk_color == chess.WHITE
                           else "attract.replay.turk_black")
        if replay.opening is not None:
            people = ", ".join(replay.opening.people)
            lines = [strings.get("attract.opening.people", people=people)] if people else []
            return ActNotes(replay.opening.name_in(strings.language),
                            (*lines, *(strings.get(k) for k in replay.note_keys), side),
                            replay.sources)
        tag = strings.get("attract.doubtful") if replay.doubtful else ""
        return ActNotes(strings.get(replay.title_key),
                        (*(strings.get(k) for k in replay.note_keys), side),
                        replay.sources, tag=tag)

    def moves(self) -> Moves:
        position = self.session.position
        sans = position.sans[:-1] if self.staging.is_carrying_a_move else position.sans
        return Moves(sans, position.fullmove_number_at_start, position.start_turn)


class GreetingAct:
    """The Turk greets the passers-by on its letter board, in each offered language."""

    key = "greeting"
    max_s = 3 * 60.0
    PAUSE_S = 1.6

    def __init__(self, hand: Stagehand) -> None:
        self._hand = hand
        self.stage = BoardStage(hand)
        self._started = False
        self._end_hold_s = 2.0
        self.spelled: list[str] = []
        """The messages spelled, in order (at most one per offered language)."""

    def start(self) -> None:
        self._started = True
        self.stage.resize(self._hand.layout)
        self.stage.board.show_position(chess.Board().piece_map())
        strings = self._hand.services.strings
        for code in list(dict.fromkeys(self._hand.languages))[:3]:
            message = strings.get("turk.board.greeting", language=code)
            self.spelled.append(message)
            self.stage.automaton.spell(message)
            self.stage.automaton.perform(Performance("pause").hold(self.PAUSE_S))

    def resize(self, layout: AttractLayout) -> None:
        self.stage.resize(layout)

    def close(self) -> None:
        self.stage.close()

    @property
    def is_done(self) -> bool:
        return self._started and self._end_hold_s <= 0

    def update(self, dt: float) -> None:
        self.stage.update(dt)
        if self._started and not self.stage.automaton.is_busy:
            self._end_hold_s -= dt

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.stage.draw(surface, alpha)

    def visual_keys(self, alpha: float) -> dict[str, object] | None:
        return self.stage.visual_keys(alpha)

    def regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        return self.stage.regions(changed)

    def notes(self) -> ActNotes:
        strings = self._hand.services.strings
        return ActNotes(strings.get("attract.greeting.title"),
                        (strings.get("turk.attract.languages"),),
                        self._hand.sources_of("turk.attract"))

    def moves(self) -> Moves | None:
        return None
