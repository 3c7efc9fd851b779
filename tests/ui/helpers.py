"""Driving the real app headless: posted pygame events, fixed steps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import chess
import pygame

from game.app import App, Launch
from game.config import Settings
from game.match import GameSetup
from game.model.session import GameSession
from game.opponents.base import Opponent
from game.ui.scenes.play import PlayScene

STEP = 1 / 60


def make_app(tmp_path: Path, opponent: Callable[[GameSetup], Opponent], *,
             color: str = "white", fen: str | None = None, size: tuple[int, int] = (1280, 720),
             pacing: bool = False, **settings: object) -> App:
    base = Settings(data_dir=tmp_path, window_size=size, color=color, pacing=pacing,
                    greeting=False, mute=True, show=False)
    session = None
    if fen is not None:
        session = GameSession(visitor_color=color != "black", start_fen=fen)
    app = App(Launch(base.replace(**settings), session), opponent_factory=opponent)
    app.start_play()
    app.step(STEP)
    return app


def play_scene(app: App) -> PlayScene:
    scene = app.stack.scenes[0]
    assert isinstance(scene, PlayScene)
    return scene


def steps(app: App, count: int = 1) -> None:
    for _ in range(count):
        app.step(STEP)


def post(kind: int, **fields: object) -> None:
    pygame.event.post(pygame.event.Event(kind, fields))


def center(app: App, square: chess.Square) -> tuple[int, int]:
    x, y = play_scene(app).board.geometry.square_center(square)
    return round(x), round(y)


def click_at(app: App, pos: tuple[int, int]) -> None:
    post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
    post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
    steps(app)


def click(app: App, square: chess.Square) -> None:
    click_at(app, center(app, square))


def drag(app: App, source: chess.Square, target: chess.Square) -> None:
    start, end = center(app, source), center(app, target)
    post(pygame.MOUSEBUTTONDOWN, pos=start, button=1)
    steps(app)
    for fraction in (0.25, 0.5, 0.75, 1.0):
        pos = (round(start[0] + (end[0] - start[0]) * fraction),
               round(start[1] + (end[1] - start[1]) * fraction))
        post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0))
        steps(app)
    post(pygame.MOUSEBUTTONUP, pos=end, button=1)
    steps(app)


def key(app: App, code: int, *, mod: int = 0, text: str | None = None) -> None:
    post(pygame.KEYDOWN, key=code, mod=mod, unicode=text or "")
    if text:
        post(pygame.TEXTINPUT, text=text)
    steps(app)


def type_text(app: App, text: str) -> None:
    for char in text:
        post(pygame.TEXTINPUT, text=char)
    steps(app)


def is_still(app: App) -> bool:
    """Whether nothing moves on the board: no animation, the Turk's hand at rest."""
    scene = play_scene(app)
    return scene.board.is_idle and not scene.staging.is_busy and not scene.automaton.is_busy


def settle(app: App, seconds: float = 0.5, *, limit_s: float = 30.0) -> None:
    """Run for ``seconds``, then on until the board is still (the Turk's hand at rest)."""
    steps(app, round(seconds / STEP))
    for _ in range(round(limit_s / STEP)):
        if is_still(app):
            return
        steps(app)
    raise AssertionError("the board did not come to rest")


class FrameChecker:
    """Steps the app and checks every partial or skipped frame against a full redraw."""

    def __init__(self, app: App, out: Path) -> None:
        self.app = app
        self.out = out
        self.frames = 0
        self.checked = 0

    def step(self, count: int = 1) -> None:
        for _ in range(count):
            self.app.step(1 / 60)
            self.frames += 1
            presenter = self.app.presenter
            if presenter.last == "full":
                continue
            self.checked += 1
            screen = self.app.screen
            full = pygame.Surface(screen.get_size())
            self.app.stack.draw(full, presenter.last_alpha)
            if pygame.image.tobytes(full, "RGB") != pygame.image.tobytes(screen, "RGB"):
                pygame.image.save(screen, self.out / "shown.png")
                pygame.image.save(full, self.out / "full.png")
                raise AssertionError(f"frame {self.frames} ({presenter.last}) differs from a "
                                     f"full redraw; pictures in {self.out}")
