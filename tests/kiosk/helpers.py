"""A kiosk in a test: the real app and controller, a plain stand-in for the attract loop."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import pygame

from game.app import App, Launch
from game.config import Settings
from game.kiosk import ClosedFactory, Evaluator, KioskController
from game.match import GameSetup
from game.model.statistics import GameSummary
from game.opponents.base import Opponent
from game.ui.intents import Intent, PointerPressed
from game.ui.scene import Scene
from game.ui.services import Services
from tests.ui.helpers import STEP


class TouchToStart(Scene):
    """The attract loop's contract only: a touch starts the visit in the language showing."""

    def __init__(self, languages: Sequence[str], on_start: Callable[[str], None]) -> None:
        self.languages = tuple(languages)
        self.on_start = on_start

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed):
            self.on_start(self.languages[0])
        return True

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((20, 12, 6))


def touch_to_start(services: Services, languages: Sequence[str],
                   on_start: Callable[[str], None]) -> Scene:
    return TouchToStart(languages, on_start)


def make_kiosk(tmp_path: Path, opponent: Callable[[GameSetup], Opponent], *,
               closed: ClosedFactory | None = None,
               evaluator: Callable[[], Evaluator] | None = None,
               now: Callable[[], dt.datetime] = dt.datetime.now,
               record: Callable[[GameSummary], object] | None = None,
               **settings: object) -> tuple[App, KioskController]:
    base = Settings(data_dir=tmp_path, window_size=(1280, 720), pacing=False, greeting=False,
                    mute=True, show=False, kiosk=True)
    app = App(Launch(base.replace(**settings)), opponent_factory=opponent,
              rng=random.Random(7))
    kiosk = KioskController(app, attract=touch_to_start, closed=closed, evaluator=evaluator,
                            now=now, rng=random.Random(3), record=record)
    app.companions.insert(0, kiosk)
    kiosk.start()
    app.step(STEP)
    return app, kiosk


def run_for(app: App, seconds: float) -> None:
    """Run the app for ``seconds`` of game time, in fixed steps (a few frames at a time)."""
    for _ in range(round(seconds / (4 * STEP))):
        app.step(4 * STEP)


