"""The play screen: the Turk on its stage, the board, the scoresheet and the controls.

Owns: ``PlayScene`` — feeds the match ``update(dt)`` and shows what it reports. The model is
the truth and the view catches up: the visitor's moves slide at once; the Turk's are carried
by the automaton's hand (``Staging``) and the board shows each move when its piece lands.
Overlays (promotion, new game, game over) are opened through callbacks the app wires.
Nothing here shows who really plays the Turk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import chess
import pygame

from game.content.notation import localize_san, parse_move, piece_letters
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
from game.ui.automaton.gestures import BoardFrame
from game.ui.automaton.presence import Automaton
from game.ui.board_input import IllegalAttempt, Outcome, PieceStuck
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.captions import Captions
from game.ui.intents import Intent, PointerPressed
from game.ui.layout import PlayLayout, play_layout
from game.ui.scene import Damage, Scene
from game.ui.scenes.play_input import PlayObserver, VisitorInput
from game.ui.scenes.play_layers import UnderTheArms
from game.ui.scenes.play_panels import (
    FigureRegions,
    StatusPanel,
    damaged_regions,
    play_buttons,
)
from game.ui.scenes.play_refusals import Refused, answer_illegal, answer_stuck
from game.ui.scenes.play_report import play_report
from game.ui.scenes.play_saving import GameSaving
from game.ui.scenes.staging import Staging
from game.ui.scoresheet import Scoresheet
from game.ui.services import Services
from game.ui.widgets import Pressed, language_row, select_language

log = logging.getLogger(__name__)

RETRY_FAILED_S = 5.0
"""After the Turk's player failed (its engine died twice in one move, say), it is asked
again this much later."""

__all__ = ["MatchFactory", "PlayObserver", "PlayOptions", "PlayScene"]


@dataclass(frozen=True)
class PlayOptions:
    takeback: bool = True
    archive: GameArchive | None = None
    level: int = 3
    greeting: bool = False
    """The Turk spells a greeting on its letter board before the game."""
    impatience_s: float = 45.0
    captions: bool = True


MatchFactory = Callable[[GameSetup], Match]


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
        self.buttons = play_buttons(services.text, strings, takeback=options.takeback)
        self.languages = language_row(services.text,
                                      [(lang.code, lang.name) for lang in strings.languages],
                                      strings.language)
        self.input = VisitorInput(self.board, self.buttons, self._legal_from, self._home_square)
        self.sheet = Scoresheet(services.text, strings.get("ui.moves.title"))
        self.stage = services.stage
        self.status = StatusPanel(services.text, strings)
        self.captions = Captions(services.text, enabled=options.captions)
        self.automaton = Automaton(services.assets, services.painter, text=services.text,
                                   strings=strings, sounds=services.sounds,
                                   captions=self.captions)
        self.staging = Staging(self.automaton, self.board, impatience_s=options.impatience_s)
        self.captures = Captures()
        self._pending_ending = False
        self.saving = GameSaving(options.archive, self.status)
        self._resign_armed_s = 0.0
        self._retry_in_s: float | None = None
        """The Turk's player failed: ask it again after this many seconds (a kiosk has
        nobody to press New game)."""
        self._on_game_over: Callable[[PlayScene], None] | None = None
        self._on_promotion: Callable[[PlayScene, list[chess.Move]], None] | None = None
        self._on_new_game: Callable[[PlayScene], None] | None = None
        self._drawn_keys: dict[str, object] | None = None
        self._drawn_arms: tuple[pygame.Rect, pygame.Rect] | None = None
        """What the screen showed when ``damage`` was last asked (``None``: unknown)."""
        self.under_arms = UnderTheArms()
        """The screen drawn without the arms: a frame that moved only them is drawn from it."""

    # -- wiring -------------------------------------------------------------------------

    @property
    def observer(self) -> PlayObserver | None:
        """Told when the visitor lifts and sets down pieces (the operator's live view)."""
        return self.input.observer

    @observer.setter
    def observer(self, observer: PlayObserver | None) -> None:
        self.input.observer = observer

    @property
    def typed(self) -> str:
        return self.input.typed

    def set_overlays(self, *, game_over: Callable[[PlayScene], None],
                     promotion: Callable[[PlayScene, list[chess.Move]], None],
                     new_game: Callable[[PlayScene], None]) -> None:
        """How to open the overlays (the app wires them, so scenes need not import each
        other)."""
        self._on_game_over = game_over
        self._on_promotion = promotion
        self._on_new_game = new_game

    def enter(self) -> None:
        self._prewarm()
        self._begin()

    def greet(self) -> None:
        """The Turk spells its greeting (when the settings ask for one)."""
        if self.options.greeting and not self.match.session.is_over:
            self.spell(self.services.strings.get("turk.board.greeting"))

    def exit(self) -> None:
        self.staging.reset()
        self.match.close()

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = play_layout(size)
        self.board.set_geometry(self._geometry())
        self._layout_buttons()
        self._prewarm()

    def _prewarm(self) -> None:
        self.stage.prewarm(self.layout.stage, self.board.geometry.square_size)

    def _geometry(self) -> BoardGeometry:
        return BoardGeometry(self.layout.board, self.match.session.visitor_color == chess.WHITE)

    def _layout_buttons(self) -> None:
        vp, area = self.layout.viewport, self.layout.buttons
        self.buttons.layout(area, vertical=self.layout.buttons_vertical,
                            gap=vp.length(18), size=vp.length(84))
        self.languages.layout(self.layout.languages, vertical=False, gap=vp.length(12),
                              size=self.layout.languages.height)

    def set_language(self, code: str) -> None:
        """Speak another language: every label on the screen (and on every scene above or
        below) follows."""
        self.services.set_language(code)

    def relabel(self) -> None:
        strings = self.services.strings
        select_language(self.languages, strings.language)
        self.buttons.relabel(strings)
        self.sheet.title = strings.get("ui.moves.title")
        self.automaton.relabel()

    def start_new(self, choice: GameSetup) -> None:
        """Replace the game with a new one (the old one is closed, its opponent released)."""
        if self._new_match is None:
            return
        self.match.close()
        self.match = self._new_match(choice)
        self._begin()

    def _begin(self) -> None:
        self.saving.saved_at_end = False
        self._retry_in_s = None
        self.staging.reset()
        self.board.set_geometry(self._geometry())
        self.automaton.frame = BoardFrame(self.board.geometry.white_at_bottom)
        self.input.reset()
        self.status.clear()
        self.captions.clear()
        self.match.start()
        self._show_position(animate=False)
        self._pending_ending = self.match.session.is_over  # a loaded game may be finished

    # -- the visitor ----------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        if self.automaton.spelling and isinstance(intent, PointerPressed) \
                and self.board.geometry.rect.collidepoint(intent.pos):
            self.automaton.stop()  # a tap on the board skips the Turk's message
            return True
        choice = self.languages.handle(intent)
        if isinstance(choice, Pressed):
            self.set_language(choice.value)
            return True
        if choice is not None:
            return True
        used = self.input.handle(intent, self)
        if self.board.geometry.white_at_bottom != self.automaton.frame.white_at_bottom:
            self.automaton.frame = BoardFrame(self.board.geometry.white_at_bottom)
        return used

    def targets(self) -> dict[str, pygame.Rect]:
        return {**self.buttons.targets(), **self.languages.targets(),
                "board": self.board.geometry.rect}

    def describe(self) -> dict[str, object]:
        return play_report(self)

    @property
    def resign_armed(self) -> bool:
        """"Resign" was pressed once; a second press within a few seconds resigns."""
        return self._resign_armed_s > 0

    def _home_square(self) -> chess.Square:
        king = chess.Board(self.match.position.fen).king(self.match.session.visitor_color)
        return king if king is not None else chess.E1

    def _legal_from(self, square: chess.Square) -> list[chess.Move]:
        if (not self.board.is_idle or self.staging.is_busy or self._pending_ending
                or self.automaton.spelling):
            return []
        return self.match.session.legal_moves_from(square)

    def attempt(self, outcome: Outcome) -> None:
        """The visitor tried a move on the board. Every refusal gets the same answer: the
        Turk shakes its head (and puts back a piece that was carried) and the status says
        why, in the visitor's words."""
        session = self.match.session
        if isinstance(outcome, PieceStuck):
            busy = not self._legal_from(outcome.square)
            self._refused(answer_stuck(session, outcome.square, busy=busy), outcome)
            return
        if isinstance(outcome, IllegalAttempt):
            self._refused(answer_illegal(session, outcome), outcome)
            return
        moves = [m for m in self.match.session.legal_moves_from(outcome.from_square)
                 if m.to_square == outcome.to_square]
        if len(moves) > 1 and self._on_promotion is not None:
            self._on_promotion(self, moves)
        elif moves:
            self.play(moves[0], dragged=outcome.dragged)

    def _refused(self, answer: Refused | None, outcome: IllegalAttempt | PieceStuck) -> None:
        if answer is None:
            return
        self.status.flash(answer.key, item=answer.item)
        if answer.put_back and isinstance(outcome, IllegalAttempt):
            self.staging.illegal(outcome.from_square, outcome.to_square)
        elif answer.shake:
            self.staging.refuse()

    def play_typed(self, text: str) -> None:
        """A move typed in algebraic notation, with the visitor's piece letters (German
        ``Lf4``, French ``Fc4``) or English ones."""
        if not self.match.session.is_visitor_turn:
            self.status.flash("ui.status.not_your_turn")
            return
        try:
            move = parse_move(self.match.session.board(), text,
                              piece_letters(self.services.strings))
        except ValueError:
            self.status.flash("ui.status.unknown_san", text=text)
            return
        self.play(move, dragged=False)

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
        session = self.match.session
        if action == "new_game" and self._on_new_game is not None:
            self._on_new_game(self)
        elif action == "take_back" and self.options.takeback and session.can_take_back():
            self._apply_events(self.match.take_back(), dragged=False)
        elif action == "resign" and not session.is_over:
            if self._resign_armed_s <= 0:
                self._resign_armed_s = 4.0
            else:
                self._resign_armed_s = 0.0
                self._apply_events(self.match.resign(), dragged=False)
        elif action == "claim_draw" and session.draw_claims():
            self._apply_events(self.match.claim_draw(session.draw_claims()[0]), dragged=False)
        elif action == "save":
            self.save()

    def abandon(self) -> None:
        """Close the game without a result (a kiosk's visitor walked away); it is archived."""
        if not self.match.session.is_over:
            self._apply_events(self.match.abandon(), dragged=False)

    def adjudicate(self, winner: chess.Color | None, *, note: str = "") -> None:
        """End the game by the time cap's verdict (``None``: a draw)."""
        if not self.match.session.is_over:
            self.input.clear()
            self._apply_events(self.match.adjudicate(winner, note=note), dragged=False)

    def spell(self, text: str) -> None:
        """The Turk spells ``text`` on its letter board (scripted lines, operator messages)."""
        self.automaton.spell(text)

    def save(self) -> None:
        """Write the game to the archive, and say so (``GameSaving``)."""
        self.saving.save(self.match.session)

    # -- time -------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self._apply_events(self.match.update(dt), dragged=False)
        self.board.update(dt)
        self.automaton.update(dt)
        self.status.update(dt)
        self.captions.update(dt)
        self._follow_the_visitors_hand()
        waiting = self.match.session.is_visitor_turn and not self.staging.is_busy
        self.staging.visitor_waiting(dt, waiting=waiting)
        self._resign_armed_s = max(0.0, self._resign_armed_s - dt)
        self._retry_failed(dt)
        self.saving.poll()
        if (self._pending_ending and self.board.is_idle and not self.automaton.is_busy
                and self._on_game_over is not None):
            self._pending_ending = False
            self._on_game_over(self)
        self._refresh_buttons()

    def _retry_failed(self, dt: float) -> None:
        if self._retry_in_s is None:
            return
        self._retry_in_s -= dt
        if self._retry_in_s <= 0:
            self._retry_in_s = None
            if self.status.failure is not None and not self.match.session.is_over:
                log.info("asking the Turk's player again after its failure")
                self.status.failure = None
                self.match.retry()

    @property
    def turk_failed(self) -> bool:
        """The Turk's player failed and is waiting to be asked again."""
        return self.status.failure is not None

    def _follow_the_visitors_hand(self) -> None:
        state = self.board.state
        if state.drag is not None:
            self.automaton.life.interest = self.layout.stage.to_stage(state.drag.pos)
        elif state.selected is not None:
            self.automaton.life.interest = self.automaton.frame.point(state.selected)
        else:
            self.automaton.life.interest = None

    def _apply_events(self, events: list[MatchEvent], *, dragged: bool) -> None:
        for event in events:
            if isinstance(event, MovePlayed):
                self._moved(event, dragged=dragged)
            elif isinstance(event, MovesTakenBack):
                self.input.clear()
                self.staging.reset()
                self._show_position(animate=False)
                self.status.flash("ui.status.taken_back")
            elif isinstance(event, TurkThinking):
                self.status.thinking = event.thinking
                if event.thinking:
                    self.automaton.set_whirring(True)
            elif isinstance(event, GameEnded):
                self._ended()
            elif isinstance(event, OpponentFailed):
                self.status.failure = event.message
                self.automaton.set_whirring(False)
                self._retry_in_s = RETRY_FAILED_S

    def _moved(self, event: MovePlayed, *, dragged: bool) -> None:
        turk = self.match.session.turk_color
        before = len(self.captures.taken_by(turk))
        self.captures = captures_in(self.match.session.board())
        if event.by_visitor:
            self._show_position(animate=not dragged)
            return
        self.staging.turk_moved(event, captured_so_far=before)
        if event.after.check_square is not None:
            self.staging.gave_check()

    def _ended(self) -> None:
        self.input.clear()
        if not self.staging.is_busy:  # a resignation while the Turk thought: it stops
            self.automaton.set_whirring(False)
        self._pending_ending = True
        self.saving.save(self.match.session, announce=False, at_end=True)
        ending = self.match.session.ending
        if ending is None or ending.termination.value == "abandoned":
            return
        strings = self.services.strings
        if ending.winner == self.match.session.turk_color:
            self.staging.won()
            self.spell(strings.get("turk.board.won"))
        elif ending.winner is None:
            self.spell(strings.get("turk.board.draw"))
        else:
            self.spell(strings.get("turk.board.lost"))

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
            row.button("take_back").enabled = (session.can_take_back() and self.board.is_idle
                                               and not self.staging.is_busy)
        row.button("resign").enabled = not session.is_over
        row.button("save").enabled = not (session.is_over and self.saving.saved_at_end)
        row.button("resign").label = self.services.strings.get(
            "ui.button.resign_confirm" if self._resign_armed_s > 0 else "ui.button.resign")
        claim = row.button("claim_draw")
        visible = bool(session.draw_claims()) and session.is_visitor_turn
        if claim.visible != visible or row.buttons[0].rect is None:
            claim.visible = visible
            self._layout_buttons()

    # -- drawing ----------------------------------------------------------------------------

    def _sheet_sans(self) -> tuple[str, ...]:
        """The moves on the scoresheet, in the visitor's letters (the Turk's move is written
        when its piece lands)."""
        position = self.match.position
        sans = position.sans[:-1] if self.staging.is_carrying_a_move else position.sans
        letters = piece_letters(self.services.strings)
        return tuple(localize_san(san, letters) for san in sans)

    def damage(self, alpha: float) -> Damage:
        keys = self._visual_keys(alpha)
        stage = self.layout.stage
        arms = self.automaton.arm_bounds(stage, alpha)
        last, self._drawn_keys = self._drawn_keys, keys
        last_arms, self._drawn_arms = self._drawn_arms, arms
        if last is None or last_arms is None or keys["scene"] != last["scene"]:
            self.under_arms.forget()
            return None
        changed = [part for part in keys if keys[part] != last[part]]
        figure = self._figure_regions(last_arms, arms)
        dragging = self.board.state.drag is not None
        self.under_arms.plan(changed, keys, arms, self._over_arms())
        return damaged_regions(changed, self.layout, self.buttons, self.languages, figure,
                               dragging=dragging)

    def _figure_regions(self, last_arms: tuple[pygame.Rect, pygame.Rect],
                        arms: tuple[pygame.Rect, pygame.Rect]) -> FigureRegions:
        stage = self.layout.stage
        return FigureRegions(self.automaton.body_bounds(stage), (last_arms[0], arms[0]),
                             (last_arms[1], arms[1]), self.automaton.letters_bounds(stage),
                             self.stage.captures_bounds(stage))

    def _over_arms(self) -> list[pygame.Rect]:
        """Where the panels drawn over the figure's arms draw."""
        layout = self.layout
        over = [layout.status, self.buttons.bounds(), self.languages.bounds(), layout.moves,
                layout.caption.inflate(16, 16)]
        if self.automaton.key_turning_s > 0:
            over.append(pygame.Rect((0, 0), layout.viewport.window))  # the key: anywhere
        return [rect for rect in over if rect is not None]

    def _visual_keys(self, alpha: float) -> dict[str, object]:
        """What each part of the screen's drawing depends on (``scene``: the whole)."""
        layout = self.layout
        session = self.match.session
        keys: dict[str, object] = {
            "scene": (layout.viewport.window, self.services.strings.language,
                      self.board.state.drag is not None),
            "captures": (self.captures, self.staging.pending_captures),
        }
        keys.update(self.automaton.visual_key(alpha))
        keys.update({
            "board": self.board.visual_key(alpha),
            "status": (self.status.lines(session, typed=self.typed,
                                         turk_moving=self.staging.is_busy),
                       None if self.status.time_left_s is None
                       else int(self.status.time_left_s + 0.999)),
            "buttons": self.buttons.visual_key(),
            "languages": self.languages.visual_key(),
            "sheet": (self._sheet_sans(), self.sheet.title),
            "captions": (tuple(self.captions.lines), self.captions.enabled),
        })
        return keys

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        arms = self._drawn_arms

        def mend_regions(changed: list[str]) -> list[pygame.Rect] | None:
            assert arms is not None
            # A layer kept through a drag (drag on and off forget it: see the ``scene`` key)
            # shows the piece where the pointer was: anywhere, so it is redrawn whole.
            return damaged_regions(changed, self.layout, self.buttons, self.languages,
                                   self._figure_regions(arms, arms),
                                   dragging=self.board.state.drag is not None)

        if self.under_arms.compose(
                surface, draw_beneath=lambda layer: self._draw(layer, alpha, arms=False),
                draw_arms=lambda target: self.automaton.draw_arms(target, self.layout.stage,
                                                                  alpha),
                mend_regions=mend_regions):
            return
        self._draw(surface, alpha, arms=True)

    def _draw(self, surface: pygame.Surface, alpha: float, *, arms: bool) -> None:
        """The whole scene (``arms``: with the figure's arms; without, the layer beneath
        them)."""
        layout, stage = self.layout, self.layout.stage
        self.stage.draw_room(surface, layout.viewport, stage)
        self.automaton.draw_body(surface, stage, alpha)
        self.stage.draw_cabinet(surface, stage)
        strings = self.services.strings
        self.stage.draw_captures(surface, stage, self.captures, self.match.session.turk_color,
                                 pending=self.staging.pending_captures,
                                 labels=(strings.get("ui.material.turk"),
                                         strings.get("ui.material.visitor")))
        self.board.draw(surface, alpha)
        self.automaton.draw_letter_board(surface, stage)
        if arms:
            self.automaton.draw_arms(surface, stage, alpha)
        self.status.draw(surface, layout, self.match.session, typed=self.typed,
                         turk_moving=self.staging.is_busy)
        self.buttons.draw(surface)
        self.languages.draw(surface)
        if self.automaton.key_turning_s > 0:
            self.automaton.draw_key(surface, stage)
        position = self.match.position
        self.sheet.draw(surface, layout.moves, self._sheet_sans(),
                        start_fullmove=position.fullmove_number_at_start,
                        start_turn=position.start_turn,
                        vertical=not layout.viewport.is_portrait, scale=layout.viewport.scale)
        self.captions.draw(surface, layout.caption, layout.viewport.scale)
