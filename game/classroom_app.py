"""The classroom on the projector: the game beside the join panel, and the demo's visitor.

Like ``game.kiosk``, a controller above the app (it extends ``App``); the panel it shows
lives in ``game.ui.crowd``. After a crowd game the guess leads to the crowd's own reveal
(``CrowdRevealScene``, reading the host's typed ``CrowdSummary``) instead of the usual one:
the reveal's own modules are not changed.

Owns: ``ClassroomApp`` — the app with the window split in two: the Turk and its game in one
part (every scene lays itself out there as in any window), the ``ClassroomPanel`` in the
other (a column on a landscape screen, a band on a portrait one). And ``DemoVisitor`` — for
``turk classroom --demo``, the engine plays the visitor's side through the play screen, as a
visitor's taps would, so a class can work for the Turk with nobody at the screen.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence

import pygame

from game.app import App, Launch
from game.classroom import ClassroomHost
from game.content.sources import load_sources
from game.model.reveal import Guess
from game.opponents.base import MoveRequest, OpponentError
from game.opponents.engine import EngineOpponent
from game.ui.crowd.panel import ClassroomPanel, play_rect
from game.ui.crowd.reveal_scene import CrowdRevealScene
from game.ui.scenes.guess import GuessScene
from game.ui.scenes.play import PlayScene

log = logging.getLogger(__name__)

DEMO_PAUSE_S = 1.5
"""The demo's visitor waits this long after the Turk's move (its arm sets the piece down)."""


class DemoVisitor:
    """The engine at the screen, playing the visitor's moves through the play screen."""

    def __init__(self, engine: EngineOpponent) -> None:
        self.engine = engine
        self._play: PlayScene | None = None
        self._asked: tuple[str, int] | None = None
        self._wait_s = DEMO_PAUSE_S

    def attach(self, play: PlayScene) -> None:
        self._play = play
        self.engine.start()

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        return events

    def update(self, dt: float) -> None:
        play = self._play
        if play is None:
            return
        session = play.match.session
        if session.is_over or not session.is_visitor_turn:
            self._asked, self._wait_s = None, DEMO_PAUSE_S
            return
        self._wait_s -= dt
        key = (session.game_id, session.ply)
        if self._asked != key:
            if self._wait_s > 0:
                return
            self._asked = key
            self.engine.request_move(MoveRequest(session.game_id, session.ply, session.board()))
            return
        try:
            reply = self.engine.poll()
        except OpponentError as exc:
            log.warning("the demo's engine failed (%s); asking again", exc)
            self._asked = None
            return
        if reply is not None and (reply.game_id, reply.ply) == key:
            play.play(reply.move, dragged=False)

    def frame(self, frame_s: float) -> None:
        """Nothing to draw."""

    def close(self) -> None:
        self.engine.close()


class ClassroomApp(App):
    """The game and the classroom's panel in one window."""

    def __init__(self, launch: Launch, classroom: ClassroomHost, *,
                 demo_engine: Sequence[str] | None = None,
                 rng: random.Random | None = None) -> None:
        super().__init__(launch, opponent_factory=classroom.opponent_for, rng=rng)
        self.classroom = classroom
        display = pygame.display.get_surface()
        window = display.get_size() if display is not None else self.screen.get_size()
        self.panel = ClassroomPanel(self.services, classroom, window=window)
        self.companions.append(classroom)
        self.companions.append(self.panel)
        if demo_engine is not None:
            self.companions.append(DemoVisitor(EngineOpponent(
                demo_engine, level=max(1, min(8, launch.settings.level)))))

    def _open_guess(self, play: PlayScene) -> None:
        """After a crowd game, the guess leads to the crowd's own reveal (a game the crowd
        did not play, if any, has the usual one)."""
        summary = self.classroom.summary(play.match.session.game_id)
        if summary is None:
            super()._open_guess(play)
            return

        def guessed(guess: Guess | None) -> None:
            self.stack.remove(scene)
            self.stack.push(CrowdRevealScene(self.services, summary, guess=guess,
                                             sources=load_sources(),
                                             finish=self._crowd_reveal_done))

        scene = GuessScene(self.services, guessed)
        self.stack.push(scene)

    def _crowd_reveal_done(self) -> None:
        top = self.stack.top
        if isinstance(top, CrowdRevealScene):
            self.stack.remove(top)
        self.reveal.finish()

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        display = super()._open_window(size)
        return display.subsurface(play_rect(display.get_size()))

    def _resized(self) -> None:
        display = pygame.display.get_surface()
        if display is None:
            return
        self.screen = display.subsurface(play_rect(display.get_size()))
        self.services.window_size = self.screen.get_size()
        self.stack.resize(self.services.window_size)
        self.panel.layout(display.get_size())

    def draw_extras(self) -> list[pygame.Rect]:
        """The panel beside the game, painted again only when what it shows changed."""
        display = pygame.display.get_surface()
        if display is None or not self.panel.draw(display):
            return []
        return [self.panel.rect]

