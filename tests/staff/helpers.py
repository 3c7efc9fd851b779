"""Staff screens in a test: the real app's window and services, a scene pushed on top."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app import App, Launch
from game.config import Settings
from game.opponents.idle import IdleOpponent
from game.ui.staff.form import Form
from tests.ui.helpers import STEP, click_at, steps


def staff_app(tmp_path: Path, *, size: tuple[int, int] = (1280, 720),
              language: str = "en") -> App:
    settings = Settings(data_dir=tmp_path / "app-data", window_size=size, language=language,
                        pacing=False, greeting=False, mute=True, show=False, kiosk=True)
    app = App(Launch(settings), opponent_factory=lambda _setup: IdleOpponent())
    app.step(STEP)
    return app


def tap(app: App, rect: pygame.Rect | None) -> None:
    assert rect is not None, "that control is not on screen"
    click_at(app, rect.center)


def labels(form: Form) -> list[str]:
    return [b.label for b in form.buttons.buttons if b.visible]


def press(app: App, form: Form, label: str, nth: int = 0) -> None:
    """Tap the ``nth`` button labelled ``label`` on a staff page."""
    found = [b for b in form.buttons.buttons if b.label == label and b.visible]
    assert len(found) > nth, f"no button {label!r} (#{nth}) among {labels(form)}"
    tap(app, found[nth].rect)


def run(app: App, seconds: float) -> None:
    """Run ``seconds`` of game time, five fixed steps a frame (the loop's most)."""
    frames, rest = divmod(round(seconds / STEP), 5)
    for _ in range(frames):
        app.step(5 * STEP)
    steps(app, rest)
