"""The unattended kiosk: the attract loop, the visit, the idle reset and the time cap.

Owns: ``KioskController`` — runs in the app's loop as a companion and moves the kiosk between
its phases: **attract** (the Turk performs by itself until a visitor touches), **choosing** (the
kinds of game staff offer), **playing** (a visit-sized game: a full game under the time cap, a
set endgame, or pawn-and-move odds), **after** (the guess and the reveal), and **closed**
(outside opening hours). While the visitor is to move it watches for idleness — after
``idle_s`` without a touch "Still playing?" counts down ``still_there_s``, then the game is
closed as abandoned (archived, never lost), the reveal is skipped and the kiosk resets to the
attract loop. When the time cap runs out the Turk winds down and the position is adjudicated
(``game.model.formats.adjudicate``: the engine's evaluation, or material when there is none).

It sits between ``game.cli`` and ``game.app``: it drives the app through its public methods
and knows nothing of how the scenes draw.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import random
from collections.abc import Callable, Sequence
from typing import Protocol

import chess
import pygame

from game.app import App
from game.config import Settings
from game.match import GameSetup, Match
from game.model.formats import ENDGAMES, MATE_CP, VisitFormat, adjudicate, plan_visit
from game.model.hours import OpeningHours, parse_hours
from game.model.idle import IdleState, IdleWatch
from game.model.reveal import Guess, RevealFacts
from game.model.statistics import GameSummary
from game.opponents.hints import HintAnalyser
from game.ui.kiosk.overlays import StillThereScene, WindingDownScene
from game.ui.kiosk.visit_choice import VisitChoice, VisitChoiceScene
from game.ui.scene import Scene
from game.ui.scenes.knights_tour import KnightsTourScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.play import PlayScene
from game.ui.services import Services
from game.watchdog import Heartbeat

log = logging.getLogger(__name__)

TOUCH_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN, pygame.KEYDOWN, pygame.TEXTINPUT,
                pygame.FINGERMOTION)
PLAY_AGAIN_TOUCH_S = 1.5
"""A reveal that finishes this soon after a touch was finished by the visitor ("Play again");
later, it finished by itself and nobody is there."""
AFTER_SAFETY_S = 240.0
"""After a game, back to the attract loop at the latest this long after the last touch (beyond
``leave_reveal_s``), whatever scene is showing."""
EVAL_WAIT_S = 6.0
"""How long the time cap's verdict waits for the engine's evaluation before using material."""
CAP_GRACE_S = 10.0
"""How long the time cap waits for a move in the air to land before winding down anyway."""
HOURS_CHECK_S = 20.0


class Phase(enum.Enum):
    ATTRACT = "attract"
    CHOOSING = "choosing"
    PLAYING = "playing"
    AFTER = "after"
    CLOSED = "closed"


AttractFactory = Callable[[Services, Sequence[str], Callable[[str], None]], Scene]
"""Makes the attract loop: (services, languages offered, on_start(language))."""
ClosedFactory = Callable[[Services, OpeningHours, Callable[[], dt.datetime]], Scene]


class Evaluator(Protocol):
    """An engine evaluation of one position, for the time cap's verdict (non-blocking)."""

    def start(self, board: chess.Board) -> None: ...

    def poll(self) -> int | None:
        """The evaluation from White's side in centipawns, once ready."""
        ...

    def close(self) -> None: ...


class KioskController:
    """The kiosk's phases, run as a companion in the app's loop.

    :param app: the app (its window, scenes, reveal and settings).
    :param attract: makes the attract loop scene.
    :param closed: makes the "closed" card (``None``: opening hours are not enforced).
    :param evaluator: makes an engine evaluation for the time cap (``None``: material only).
    :param now: the local wall-clock time (for opening hours only).
    """

    def __init__(self, app: App, *, attract: AttractFactory,
                 closed: ClosedFactory | None = None,
                 evaluator: Callable[[], Evaluator] | None = None,
                 now: Callable[[], dt.datetime] = dt.datetime.now,
                 rng: random.Random | None = None,
                 heartbeat: Heartbeat | None = None,
                 record: Callable[[GameSummary], object] | None = None,
                 paused: Callable[[], bool] = lambda: False) -> None:
        self.app = app
        settings = app.settings
        self._record = record
        self._paused = paused
        self._guesses: dict[str, Guess | None] = {}
        self._recorded: set[str] = set()
        self._attract = attract
        self._closed = closed
        self._evaluator = evaluator
        self._now = now
        self._rng = rng or random.Random()
        self.phase = Phase.ATTRACT
        self.watch = IdleWatch(settings.idle_s, settings.still_there_s)
        self.apply_settings(settings)
        self.play: PlayScene | None = None
        self._game_id = ""
        self._match: Match | None = None
        self._setup: GameSetup | None = None
        self.play_s = 0.0
        """Seconds the current game has been going (for the time cap)."""
        self.game_cap_s: float | None = self.time_cap_s
        """The current game's time cap: the one it started with (staff changing the setting
        change the next game's)."""
        self.quiet_s = 0.0
        """Seconds since the last touch (any phase)."""
        self._hours_check_s = 0.0
        self._asking: StillThereScene | None = None
        self._winding: WindingDownScene | None = None
        self._evaluation: Evaluator | None = None
        self.heartbeat = heartbeat or Heartbeat(settings.data_dir / "health.json")
        self._ready = False
        app.reveal.finish = self._reveal_finished
        app.reveal.guessed = self._guessed

    def apply_settings(self, settings: Settings) -> None:
        """Staff changed the settings: what a visit is, the idle times, the languages and the
        sound take effect now (a game in progress keeps its own start and cap)."""
        self.app.settings = settings
        self.hours = parse_hours(settings.hours)
        self.formats = tuple(VisitFormat(value) for value in settings.formats)
        self.languages = settings.languages
        self.time_cap_s = settings.time_cap_min * 60.0 or None
        self.watch.idle_s, self.watch.countdown_s = settings.idle_s, settings.still_there_s
        self.app.reveal.timeouts.guess_s = float(settings.leave_reveal_s)
        self.app.reveal.timeouts.end_s = float(settings.leave_reveal_s)
        sounds = self.app.services.sounds
        sounds.volume, sounds.muted = settings.volume / 100, settings.mute

    # -- phases --------------------------------------------------------------------------

    def start(self) -> None:
        """Show the attract loop (or the closed card) — or go on with the visit a crash or a
        power cut interrupted (``[kiosk] resume``)."""
        resumed = self.app.resume_visit()
        if resumed is None:
            self.to_attract()
            return
        self.play, self._setup = resumed
        self.phase = Phase.PLAYING
        self._follow(self.play)
        log.info("kiosk: a visit resumed after a restart (game %s)", self._game_id)

    def to_attract(self) -> None:
        """Reset the visitor's choices and show the attract loop (or, outside opening hours,
        the closed card)."""
        self._close_visit()
        self._stop_winding()
        self._asking = None
        self.play, self._setup = None, None
        self.app.services.strings.language = self.languages[0]
        if self._closed is not None and not self.hours.is_open(self._now()):
            self.phase = Phase.CLOSED
            self.app.stack.replace(self._closed(self.app.services, self.hours, self._now))
            log.info("kiosk: closed (outside opening hours)")
            return
        self.phase = Phase.ATTRACT
        self.app.stack.replace(self._attract(self.app.services, self.languages,
                                             self._visitor_arrived))
        log.info("kiosk: attract loop")

    def _visitor_arrived(self, language: str) -> None:
        if self.phase is not Phase.ATTRACT:
            return
        self.app.services.strings.language = language
        log.info("kiosk: a visitor touched the screen (%s)", language)
        if len(self.formats) > 1:
            self.phase = Phase.CHOOSING
            self.app.stack.replace(VisitChoiceScene(
                self.app.services, formats=self.formats,
                endgame=self._rng.choice(ENDGAMES).key,
                time_cap_min=self.app.settings.time_cap_min, on_choice=self._chosen))
        else:
            self._chosen(VisitChoice(self.formats[0], self._default_color()))

    def _default_color(self) -> chess.Color:
        color = self.app.settings.color
        if color == "random":
            return self._rng.choice((chess.WHITE, chess.BLACK))
        return chess.WHITE if color == "white" else chess.BLACK

    def _chosen(self, choice: VisitChoice) -> None:
        endgame = choice.endgame or self._rng.choice(ENDGAMES).key
        plan = plan_visit(choice.format, visitor_color=choice.visitor_color,
                          time_cap_s=self.time_cap_s, endgame=endgame)
        color = "white" if plan.visitor_color == chess.WHITE else "black"
        self._start(GameSetup(color, self.app.settings.level, plan.start_fen,
                              tuple(plan.headers.items())))

    def _start(self, setup: GameSetup) -> None:
        self._close_visit()
        self._setup = setup
        self.play = self.app.start_visit(setup)
        self.phase = Phase.PLAYING
        self._follow(self.play)
        log.info("kiosk: a visit began (%s)", dict(setup.headers).get("VisitFormat", "full"))

    def _follow(self, play: PlayScene) -> None:
        """A new game on ``play``: nobody has been idle and the cap starts afresh."""
        self._close_visit()
        self._match = play.match
        self._game_id = play.match.session.game_id
        self.watch.reset()
        self.play_s = 0.0
        self.game_cap_s = self.time_cap_s

    def _guessed(self, facts: RevealFacts, guess: Guess | None) -> None:
        self._guesses[facts.game_id] = guess

    def _close_visit(self) -> None:
        """The game just played goes into the anonymous statistics (once)."""
        match = self._match
        if match is None or self._record is None:
            return
        session, crew = match.session, match.crew
        if session.game_id in self._recorded or (session.ply == 0 and not session.is_over):
            return
        self._recorded.add(session.game_id)
        summary = GameSummary.from_session(
            session, mode=crew.mode, guess=self._guesses.pop(session.game_id, None),
            minutes=self.play_s / 60, day=self._now().date())
        self._record(summary)

    def _reveal_finished(self) -> None:
        """The reveal ended: "Play again" (a touch just now) or nobody there."""
        if self.quiet_s <= PLAY_AGAIN_TOUCH_S and self._setup is not None:
            self._start(self._setup)
        else:
            self.to_attract()

    # -- the app's companion --------------------------------------------------------------

    def attach(self, play: PlayScene) -> None:
        """The app showed a play screen (the kiosk made it; nothing more to do)."""

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        """Notice touches (they keep the visit alive); every event goes on to the scenes."""
        if any(event.type in TOUCH_EVENTS for event in events):
            self.quiet_s = 0.0
            if self.watch.state is IdleState.ACTIVE:
                self.watch.touch()
        return events

    def update(self, dt: float) -> None:
        self.heartbeat.update(dt, phase=self.phase.value, frames=self.app.frames)
        if self._paused():
            return  # staff are in their menu: nothing times out under their hands
        self.quiet_s += dt
        if self.phase in (Phase.ATTRACT, Phase.CLOSED):
            self._check_hours(dt)
        elif self.phase is Phase.PLAYING:
            self._watch_play(dt)
        elif self.phase is Phase.AFTER:
            self._watch_after()
        elif self.phase is Phase.CHOOSING:
            self._watch_choosing()

    def _watch_choosing(self) -> None:
        """The choice of game waits as long as an untouched game does, then the kiosk goes
        back to its attract loop (or to its closed card, if it closed meanwhile)."""
        settings = self.app.settings
        if self.quiet_s >= settings.idle_s + settings.still_there_s:
            log.info("kiosk: nobody chose a game; back to attract")
            self.to_attract()

    def _watch_after(self) -> None:
        play = self.play
        if play is not None and not play.match.session.is_over:
            self.phase = Phase.PLAYING  # a new game from the play screen's own panel
            self._follow(play)
        elif self.quiet_s >= self.app.settings.leave_reveal_s + AFTER_SAFETY_S:
            log.info("kiosk: nobody touched the screen after the game; back to attract")
            self.to_attract()

    def frame(self, frame_s: float) -> None:
        """Nothing to draw of its own; after the first frame, tell systemd we are up."""
        if not self._ready:
            self._ready = True
            self.heartbeat.ready()

    def close(self) -> None:
        match = self._match
        if match is None or match.session.is_over or self.app.settings.resume != "resume":
            self._close_visit()  # else the journal resumes it: counted when it ends
        self._stop_winding()
        self.heartbeat.close()

    # -- while playing ------------------------------------------------------------------------

    def _watch_play(self, dt: float) -> None:
        play = self.play
        if play is None or play not in self.app.stack.scenes:
            return
        session = play.match.session
        if session.game_id != self._game_id:  # a new game from the play screen's own panel
            self._follow(play)
        if self._winding is not None:
            self._wind_down(dt)
            return
        if session.is_over:
            play.status.time_left_s = None
            self.phase = Phase.AFTER
            self.quiet_s = 0.0
            return
        self.play_s += dt
        cap = self.game_cap_s
        if cap is not None:
            play.status.time_left_s = max(0.0, cap - self.play_s)
        if cap is not None and self.play_s >= cap and (
                self._move_settled(play) or self.play_s >= cap + CAP_GRACE_S):
            self._begin_winding(play)
            return
        # A screen the visitor opened over the game (the new-game menu, the Knight's Tour)
        # waits for them whoever is to move: nobody touching it is idleness too.
        # So does a Turk whose player failed (asked again every few seconds): if it keeps
        # failing, the visit ends as an untouched one does, and the next one tries afresh.
        covered = isinstance(self.app.stack.top, NewGameScene | KnightsTourScene)
        visitor_to_move = covered or play.turk_failed or (
            session.is_visitor_turn and not play.staging.is_busy)
        state = self.watch.update(dt, visitor_to_move=visitor_to_move)
        if state is IdleState.ASKING and self._asking is None:
            self._ask(play)
        elif state is IdleState.EXPIRED:
            self._abandon(play)

    @staticmethod
    def _move_settled(play: PlayScene) -> bool:
        return play.board.is_idle and not play.staging.is_busy and play.board.state.drag is None

    def _ask(self, play: PlayScene) -> None:
        self._asking = StillThereScene(
            self.app.services, remaining_s=lambda: self.watch.remaining_s,
            total_s=self.watch.countdown_s, on_answer=self._answered)
        self.app.stack.push(self._asking)
        log.info("kiosk: still playing? (no touch for %.0f s)", self.watch.idle_s)

    def _answered(self) -> None:
        self._asking = None
        self.watch.touch()
        self.quiet_s = 0.0

    def _abandon(self, play: PlayScene) -> None:
        log.info("kiosk: the visitor walked away; game %s closed as abandoned",
                 play.match.session.game_id)
        play.abandon()
        self.to_attract()

    # -- the time cap ---------------------------------------------------------------------------

    def _begin_winding(self, play: PlayScene) -> None:
        log.info("kiosk: the time cap (%.0f s) ran out; judging the position", self.play_s)
        if self._asking is not None:
            self.app.stack.remove(self._asking)
            self._asking = None
        play.automaton.set_whirring(False)
        self._winding = WindingDownScene(self.app.services)
        self.app.stack.push(self._winding)
        if self._evaluator is not None:
            self._evaluation = self._evaluator()
            self._evaluation.start(play.match.session.board())

    def _wind_down(self, dt: float) -> None:
        winding, play = self._winding, self.play
        assert winding is not None and play is not None
        evaluation = self._evaluation.poll() if self._evaluation is not None else None
        if evaluation is None and self._evaluation is not None and winding.shown_s < EVAL_WAIT_S:
            return
        if evaluation is None and winding.shown_s < 1.5:
            return  # let "Time is up" be read even when material decides at once
        board = play.match.session.board()
        verdict = adjudicate(board, eval_cp=evaluation)
        note = (f"{verdict.basis}: material {verdict.material:+d}"
                + ("" if verdict.eval_cp is None else f", evaluation {verdict.eval_cp:+d} cp"))
        self._stop_winding()
        play.adjudicate(verdict.winner, note=note)
        log.info("kiosk: adjudicated (%s): %s", note,
                 play.match.session.ending.result if play.match.session.ending else "?")

    def _stop_winding(self) -> None:
        if self._winding is not None:
            self.app.stack.remove(self._winding)
            self._winding = None
        if self._evaluation is not None:
            self._evaluation.close()
            self._evaluation = None

    # -- opening hours --------------------------------------------------------------------------

    def _check_hours(self, dt: float) -> None:
        self._hours_check_s += dt
        if self._closed is None or self._hours_check_s < HOURS_CHECK_S:
            return
        self._hours_check_s = 0.0
        is_open = self.hours.is_open(self._now())
        if is_open != (self.phase is Phase.ATTRACT):
            self.to_attract()


class EngineEvaluation:
    """The time cap's evaluation from a UCI engine at full strength, in its own process (the
    hybrid mode's analyser, asked for one position); a failing engine gives no evaluation and
    material decides."""

    def __init__(self, command: Sequence[str]) -> None:
        self._hints = HintAnalyser(command, think_s=1.0)
        self._turn = chess.WHITE

    def start(self, board: chess.Board) -> None:
        self._turn = board.turn
        self._hints.analyse("time-cap", board.ply(), board)

    def poll(self) -> int | None:
        lines = self._hints.poll()
        if not lines:
            return None
        return white_cp(lines[0].cp, lines[0].mate, self._turn)

    def close(self) -> None:
        self._hints.close()


def white_cp(cp: int | None, mate: int | None, turn: chess.Color) -> int | None:
    """An evaluation from the side to move (centipawns or moves to mate) → White's side."""
    if mate is not None:
        value = MATE_CP if mate > 0 else -MATE_CP
    elif cp is not None:
        value = cp
    else:
        return None
    return value if turn == chess.WHITE else -value
