"""The composition root: reads settings, opens the window, wires everything, runs the loop.

Owns: ``App`` — the window (resizable, or fullscreen for kiosks), the fixed-step loop
(``step`` runs one frame: drain input, run 60 Hz updates, draw interpolated, flip), the scene
stack, and the factories that build a match (session + source of the Turk's moves + pacing)
for each new game, each with its journal (``game.journal_store``; the game a crash or a power
cut interrupted is resumed through ``resume_visit``). The only place where the parts meet.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import chess
import pygame

from game.config import Settings
from game.content.screens import load_operators, load_screens
from game.content.sources import load_sources
from game.content.strings import Strings
from game.journal_store import JournalStore, ResumedGame
from game.match import GameSetup, Match
from game.model.pacing import Pacing
from game.model.session import GameSession
from game.operator_host import OperatorHost
from game.opponents.base import Opponent
from game.opponents.engine import EngineOpponent, resolve_engine
from game.reveal_store import RevealStore
from game.storage import GameArchive
from game.ui.art import ArtBook, PartPainter
from game.ui.assets import Assets
from game.ui.input import InputTranslator
from game.ui.intents import Command, CommandIssued, Intent, QuitRequested, WindowResized
from game.ui.loop import FixedStep
from game.ui.memory import lean_process
from game.ui.placement import Placement, desktop_sizes, first_window
from game.ui.presenter import Presenter
from game.ui.scene import SceneStack
from game.ui.scenes.exhibition import ExhibitionScene
from game.ui.scenes.game_over import GameOverScene
from game.ui.scenes.guess import GuessPromptScene
from game.ui.scenes.knights_tour import KnightsTourScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.play import PlayOptions, PlayScene
from game.ui.scenes.promotion import PromotionScene
from game.ui.scenes.reveal_flow import RevealFlow, RevealTexts
from game.ui.services import Services
from game.ui.sound import SoundBank
from game.ui.stage_view import StageView
from game.ui.text import TextPainter
from game.ui.trace import Tracer

log = logging.getLogger(__name__)

OpponentFactory = Callable[[GameSetup], Opponent]
STILL_FRAMES = 2
"""After this many frames in a row with nothing to present, the loop naps until input…"""
STILL_WAIT_S = 0.1
"""…or for this long (a slower pace for the breath and the blink)…"""
STILL_NAP_S = 0.02
"""…in naps this long (so input waits at most this long)."""
POINTER_HIDE_S = 3.0
"""A kiosk hides a mouse pointer that has not moved for this long (touch shows none)."""


def _stop_on_sigterm(app: App) -> Callable[[], None]:
    """A kiosk ignores the window's close button, but a stop from its service manager
    (SIGTERM, e.g. ``systemctl stop``) ends it cleanly. SDL would turn SIGTERM into a quit
    event the kiosk ignores, so SDL is told to leave the signals alone. Returns what puts the
    handler before it back (the app closes: the handler must not keep it alive)."""
    os.environ["SDL_NO_SIGNAL_HANDLERS"] = "1"
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(_signal: int, _frame: object) -> None:
        log.info("kiosk: asked to stop (SIGTERM)")
        app.running = False

    before = signal.signal(signal.SIGTERM, stop)

    def restore() -> None:
        if signal.getsignal(signal.SIGTERM) is stop:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if before is None else before)

    return restore


class Companion(Protocol):
    """Something that runs in the app's loop beside the visitor's screen: the operator's
    console in a second window, or a scripted visitor."""

    def attach(self, play: PlayScene) -> None:
        """A play screen was shown (follow its game)."""

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        """Take the events meant for the companion's own window; return the rest."""
        ...

    def update(self, dt: float) -> None:
        """One fixed step, before the scenes' (so what arrived is seen in this step)."""

    def frame(self, frame_s: float) -> None:
        """After the visitor's frame is drawn (a second window draws itself here)."""

    def close(self) -> None:
        """The app is closing."""


@dataclass(frozen=True)
class Launch:
    """How this run starts (from the command line)."""

    settings: Settings
    session: GameSession | None = None
    """A game to continue (``--pgn``), or ``None`` for a new one."""
    title: str = "The Mechanical Turk"
    placement: Placement | None = None
    """Where the window goes (``turk duo``: the left half); ``None``: fit the screen."""
    trace: Path | None = None
    """Write the visit's trace here (``--trace``: one JSON line per change, for tests)."""


def resolve_color(color: str, rng: random.Random) -> chess.Color:
    if color == "random":
        return rng.choice((chess.WHITE, chess.BLACK))
    return chess.WHITE if color == "white" else chess.BLACK


class App:
    """The game in one window."""

    def __init__(self, launch: Launch, *, opponent_factory: OpponentFactory | None = None,
                 host: OperatorHost | None = None, rng: random.Random | None = None) -> None:
        self.launch = launch
        self.settings = launch.settings
        self._rng = rng or random.Random()
        self.host = host
        """The kiosk's side of a hidden-operator session: it makes the Turk's opponent for
        every game, follows the match, and hears the visitor's hand and spells on the
        letter board through the play screen."""
        self.opponent_factory = opponent_factory or (
            host.opponent_for if host is not None else self._engine_opponent)
        self.kiosk = self.settings.kiosk
        self._restore_sigterm = _stop_on_sigterm(self) if self.kiosk else None
        lean_process()  # no 3D renderer for a software screen; dropped pixels freed at once
        pygame.init()
        pygame.display.set_caption(launch.title)
        """Locked: nothing a visitor does quits or leaves fullscreen (staff use their menu)."""
        if self.kiosk:
            pygame.display.set_allow_screensaver(False)
        self._pointer_still_s = 0.0
        self.fullscreen = self.settings.fullscreen
        self.screen = self._open_window(self.settings.window_size)
        assets = Assets()
        assets.check()
        assets.fit_caches(self.screen.get_size())
        strings = Strings.from_folder(assets.root / "i18n", language=self.settings.language)
        self.stack = SceneStack()
        painter = PartPainter(assets, ArtBook.load(assets))
        sounds = SoundBank(assets, volume=self.settings.volume / 100, muted=self.settings.mute,
                           rng=self._rng)
        text = TextPainter(assets)
        self.services = Services(assets, text, strings, self.stack, InputTranslator(),
                                 self.screen.get_size(), painter, sounds,
                                 StageView(painter, text))
        self.archive = GameArchive(self.settings.games_dir)
        self.journal = JournalStore(self.settings.data_dir / "journal", self.archive)
        """Every move written down before it is shown; games left by a crash come back."""
        self._resumed: ResumedGame | None = self.journal.recover(
            resume=launch.session is None
            and not (self.kiosk and self.settings.resume == "abandon"))
        self.reveal_store = RevealStore(self.settings.data_dir)
        self.reveal = RevealFlow(self.services, self.reveal_store,
                                 RevealTexts(load_screens(), load_sources(), load_operators()),
                                 finish=self.play_again)
        """After every game: the guess, the reveal, then ``play_again`` (the kiosk's attract
        loop replaces that hook by setting ``self.reveal.finish``)."""
        self._setup: GameSetup | None = None
        self.clock = pygame.time.Clock()
        self.loop = FixedStep()
        self.presenter = Presenter()
        """Draws and presents only what changed (nothing, when nothing did)."""
        self.running = True
        self.frames = 0
        self.companions: list[Companion] = []
        """What runs beside the visitor's screen (hidden-operator sessions)."""
        self.tracer = Tracer(launch.trace) if launch.trace is not None else None

    # -- building games -----------------------------------------------------------------

    def _engine_opponent(self, setup: GameSetup) -> Opponent:
        book = self.services.assets.root / "books" / "turk.bin"
        return EngineOpponent(resolve_engine(self.settings.engine), level=setup.level,
                              book_path=book if self.settings.book and book.is_file() else None)

    def new_match(self, setup: GameSetup, session: GameSession | None = None) -> Match:
        """A match for ``setup`` (or continuing ``session``) with a fresh source of moves,
        journaled."""
        return self._match(setup, session, None)

    def _match(self, setup: GameSetup, session: GameSession | None,
               resumed: ResumedGame | None) -> Match:
        self._setup = setup
        if session is None:
            session = GameSession(visitor_color=resolve_color(setup.color, self._rng),
                                  start_fen=setup.start_fen, headers=dict(setup.headers))
        pacing = Pacing() if self.settings.pacing else Pacing.instant()
        match = Match(session, self.opponent_factory(setup), pacing=pacing, rng=self._rng)
        if resumed is not None:
            match.restore(resumed.crew, resumed.lever_s)
        match.journal = self.journal.open(match, setup,
                                          started=resumed.started if resumed else "")
        if self.host is not None:
            self.host.follow(match)
        return match

    def resume_visit(self) -> tuple[PlayScene, GameSetup] | None:
        """Show the game a crash or a power cut interrupted, where it stood (no show, no
        greeting), once; ``None`` when there is none."""
        resumed, self._resumed = self._resumed, None
        if resumed is None:
            return None
        return self._show_play(self._match(resumed.setup, resumed.session, resumed)), \
            resumed.setup

    def start_play(self, *, show: bool = True) -> PlayScene:
        """Show the play screen with a new (or continued) game, after the presenter's show
        when the settings ask for it — or the game a crash interrupted, where it stood."""
        settings = self.settings
        resumed = self.resume_visit()
        if resumed is not None:
            return resumed[0]
        setup = GameSetup(settings.color, settings.level)
        play = self._show_play(self.new_match(setup, self.launch.session))
        if settings.show and show:
            self.stack.push(ExhibitionScene(self.services, lambda skipped: self._end_show(
                play, skipped=skipped), captions_enabled=settings.captions))
        else:
            play.greet()
        return play

    def start_visit(self, setup: GameSetup) -> PlayScene:
        """Show the play screen with a new game of ``setup`` at once (a kiosk's visit: the
        attract loop has already performed the show and the letter board's greeting)."""
        return self._show_play(self.new_match(setup))

    def _show_play(self, match: Match) -> PlayScene:
        settings = self.settings
        play = PlayScene(self.services, match,
                         options=PlayOptions(takeback=settings.takeback, archive=self.archive,
                                             level=settings.level, greeting=settings.greeting,
                                             impatience_s=settings.impatience_s,
                                             captions=settings.captions),
                         new_match=self.new_match)
        play.set_overlays(game_over=self._open_game_over, promotion=self._open_promotion,
                          new_game=self._open_new_game)
        self.stack.replace(play)
        if self.host is not None:
            play.observer = self.host
            self.host.letter_board = play.spell
        for companion in self.companions:
            companion.attach(play)
        return play

    def _end_show(self, play: PlayScene, *, skipped: bool) -> None:
        top = self.stack.top
        if isinstance(top, ExhibitionScene):
            self.stack.remove(top)
        if not skipped:  # a visitor who skipped the show wants to play, not to be greeted
            play.greet()

    def _open_game_over(self, play: PlayScene) -> None:
        self.stack.push(GameOverScene(self.services, play, reveal=self._open_guess,
                                      look=self._offer_guess))

    def _open_guess(self, play: PlayScene) -> None:
        self.reveal.open_guess(play.match)

    def _offer_guess(self, play: PlayScene) -> None:
        """The visitor looks at the board first: a banner keeps the guess within reach."""
        match = play.match
        self.stack.push(GuessPromptScene(self.services, lambda: self._open_guess(play),
                                         lambda: play.match is match))

    def play_again(self) -> None:
        """A new game with the same choices (the end of the reveal in solo play)."""
        play = self.stack.scenes[0] if self.stack.scenes else None
        if isinstance(play, PlayScene):
            play.set_language(self.services.strings.language)  # chosen during the reveal
            setup = self._setup or GameSetup(self.settings.color, self.settings.level)
            play.start_new(setup)

    def _open_new_game(self, play: PlayScene) -> None:
        self.stack.push(NewGameScene(self.services, play, level=self.settings.level,
                                     color=self.settings.color,
                                     on_tour=self._tour_from_menu))

    def _tour_from_menu(self) -> None:
        self.open_tour()

    def open_tour(self, start: chess.Square | None = None) -> KnightsTourScene:
        """The Knight's Tour over the game (which waits underneath)."""
        def done() -> None:
            self.stack.remove(tour)

        tour = KnightsTourScene(self.services, done, start=start,
                                captions_enabled=self.settings.captions)
        self.stack.push(tour)
        return tour

    def _open_promotion(self, play: PlayScene, moves: list[chess.Move]) -> None:
        color = play.match.session.visitor_color
        self.stack.push(PromotionScene(self.services, moves, color, play.layout.board,
                                       lambda move: play.play(move, dragged=False)))

    # -- the window ---------------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        placement = self.launch.placement
        if placement is None:  # the dummy driver's screen is no screen to fit
            screens = [] if pygame.display.get_driver() in ("dummy", "offscreen") \
                else desktop_sizes()
            placement = first_window(size, screens[0] if screens else None,
                                     chosen=size != Settings().window_size)
        surface = pygame.display.set_mode(placement.size, pygame.RESIZABLE)
        if placement.position is not None:
            pygame.display.set_window_position(placement.position)
        return surface

    def _resized(self) -> None:
        surface = pygame.display.get_surface()
        if surface is None:
            return
        self.screen = surface
        self.services.window_size = self.screen.get_size()
        self.services.assets.fit_caches(self.services.window_size)
        self.stack.resize(self.services.window_size)

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.screen = self._open_window(self.settings.window_size)
        self._resized()

    # -- the loop -----------------------------------------------------------------------

    def step(self, frame_s: float) -> None:
        """One frame: input, fixed updates, drawing. Tests call this with a fixed ``frame_s``."""
        if pygame.display.get_surface() is not self.screen:
            self._resized()  # the display changed under us (a mode switch without an event)
        for intent in self._intents():
            command = intent.command if isinstance(intent, CommandIssued) else None
            if isinstance(intent, WindowResized):
                self._resized()
            elif self.kiosk and (isinstance(intent, QuitRequested)
                                 or command in (Command.QUIT, Command.TOGGLE_FULLSCREEN)):
                log.info("kiosk mode: %s ignored (staff quit from their menu)",
                         command.value if command else "closing the window")
            elif isinstance(intent, QuitRequested) or command is Command.QUIT:
                self.running = False
            elif command is Command.TOGGLE_FULLSCREEN:
                self.toggle_fullscreen()
            else:
                self.stack.handle(intent)
        self._hide_a_still_pointer(frame_s)
        steps, alpha = self.loop.advance(frame_s)
        for _ in range(steps):
            if self.host is not None:
                self.host.update(self.loop.step_s)
            for companion in self.companions:
                companion.update(self.loop.step_s)
            self.stack.update(self.loop.step_s)
        self.presenter.present(self.stack, self.screen, alpha, extras=self.draw_extras)
        for companion in self.companions:
            companion.frame(frame_s)
        self.frames += 1
        if self.tracer is not None:
            x, y = pygame.display.get_window_position()
            self.tracer.frame(self.stack, language=self.services.strings.language,
                              window=(x, y, *self.screen.get_size()))

    def _hide_a_still_pointer(self, frame_s: float) -> None:
        """A kiosk hides the mouse pointer a few seconds after the mouse last moved."""
        if not self.kiosk:
            return
        was_hidden = self._pointer_still_s >= POINTER_HIDE_S
        self._pointer_still_s += frame_s
        if not was_hidden and self._pointer_still_s >= POINTER_HIDE_S:
            pygame.mouse.set_visible(False)

    def _intents(self) -> list[Intent]:
        """Drain the event queue once: companions take their windows' events, the rest
        become the visitor's intents."""
        events = pygame.event.get()
        if self.kiosk and any(event.type == pygame.MOUSEMOTION
                              and not getattr(event, "touch", False) for event in events):
            self._pointer_still_s = 0.0
            pygame.mouse.set_visible(True)
        for companion in self.companions:
            events = companion.claim(events)
        size = self.screen.get_size()
        intents = [self.services.input.translate(event, size) for event in events]
        if any(event.type == pygame.WINDOWCLOSE for event in events):
            # With a second window open, closing this one sends no QUIT of its own.
            intents.append(QuitRequested())
        return [intent for intent in intents if intent is not None]

    def draw(self, alpha: float = 0.0) -> None:
        self.stack.draw(self.screen, alpha)
        self.draw_extras()

    def draw_extras(self) -> list[pygame.Rect]:
        """Draw what the window shows beside the scenes (nothing here; the classroom's
        panel); returns the display rectangles that changed."""
        return []

    def run(self, *, on_frame: Callable[[App, float], None] | None = None) -> int:
        """Run until the window is closed; returns the exit status."""
        last = time.perf_counter()
        while self.running:
            now = time.perf_counter()
            self.step(now - last)
            last = now
            if on_frame is not None:
                on_frame(self, time.perf_counter() - now)
            if self.presenter.still_frames >= STILL_FRAMES:
                self._wait_for_input()
            else:
                self.clock.tick(60)
        return 0

    def _wait_for_input(self) -> None:
        """Nothing has changed on screen for a while: sleep in short naps until input comes
        (at most ``STILL_NAP_S`` late), or for a frame at a slower pace (a breath or a blink
        still shows). SDL's own wait polls every millisecond, which costs more."""
        for _ in range(round(STILL_WAIT_S / STILL_NAP_S)):
            time.sleep(STILL_NAP_S)
            if pygame.event.peek():
                break
        self.clock.tick()

    def close(self) -> None:
        self.journal.keep_open_games()  # a game in progress is resumed at the next start
        while self.stack.top is not None:
            self.stack.pop()
        for companion in self.companions:
            companion.close()
        if self.host is not None:
            self.host.close()
        self.journal.close()
        self.archive.close()
        self.reveal_store.close()
        if self.tracer is not None:
            self.tracer.close()
        self.services.sounds.stop_all()
        if self._restore_sigterm is not None:
            self._restore_sigterm()
        pygame.quit()
