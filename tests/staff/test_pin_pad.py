"""The PIN pad: the right PIN opens the menu; five wrong ones lock it for five minutes, across
a restart; no PIN, no way in; the PIN is never shown, logged or stored."""

from __future__ import annotations

import logging
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.model.pin import LOCK_S, hash_pin
from game.pin_lock_store import LOCK_FILE, PinLockStore
from game.ui.staff.pin_pad import IDLE_CLOSE_S, PinPadScene
from tests.staff.helpers import run, staff_app, tap
from tests.ui.helpers import key, steps, type_text

PIN = "58203"
HASH = hash_pin(PIN)


class Pad:
    """A PIN pad on the real app, with a clock the test moves."""

    def __init__(self, app: App, data_dir: Path, *, pin_hash: str = HASH,
                 now: float = 1_800_000_000.0) -> None:
        self.app, self.now = app, now
        self.opened = self.cancelled = 0
        self.scene = PinPadScene(app.services, pin_hash=pin_hash,
                                 lock_store=PinLockStore(data_dir), clock=lambda: self.now,
                                 on_open=self._open, on_cancel=self._cancel)
        app.stack.push(self.scene)
        self.scene.settle()

    def _open(self) -> None:
        self.opened += 1

    def _cancel(self) -> None:
        self.cancelled += 1

    def enter(self, pin: str) -> None:
        for digit in pin:
            tap(self.app, self.scene.keys.button(digit).rect)
        tap(self.app, self.scene.keys.button("open").rect)
        self.scene.settle()
        steps(self.app)


@pytest.fixture
def app(tmp_path: Path) -> App:
    application = staff_app(tmp_path)
    yield application  # type: ignore[misc]
    application.close()


def test_the_right_pin_opens_the_menu(app: App, tmp_path: Path) -> None:
    pad = Pad(app, tmp_path)
    pad.enter(PIN)
    assert pad.opened == 1 and pad.cancelled == 0


def test_a_wrong_pin_does_not_and_says_how_many_tries_are_left(app: App,
                                                                 tmp_path: Path) -> None:
    pad = Pad(app, tmp_path)
    pad.enter("58204")
    assert pad.opened == 0 and pad.scene.digits == ""
    assert pad.scene.message == "Wrong PIN. 4 more tries before the pad locks."


def test_five_wrong_pins_lock_the_pad_for_five_minutes_even_across_a_restart(
        app: App, tmp_path: Path) -> None:
    pad = Pad(app, tmp_path)
    for _ in range(5):
        pad.enter("11111")
    assert pad.scene.is_locked and pad.opened == 0
    assert not pad.scene.keys.button("5").visible  # the keys are gone, a countdown shows
    type_text(app, PIN)
    key(app, pygame.K_RETURN)
    pad.scene.settle()
    assert pad.opened == 0  # not even the right PIN while locked
    app.stack.remove(pad.scene)

    # The kiosk restarts a minute later: the lock is read back from the data folder.
    again = Pad(app, tmp_path, now=pad.now + 60)
    assert again.scene.is_locked
    again.enter(PIN)
    assert again.opened == 0
    again.now = pad.now + LOCK_S  # five minutes after the fifth wrong PIN
    steps(app)
    assert not again.scene.is_locked and again.scene.keys.button("5").visible
    again.enter(PIN)
    assert again.opened == 1


def test_the_pin_never_reaches_the_log_the_screen_state_or_the_disk(
        app: App, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    pad = Pad(app, tmp_path)
    type_text(app, PIN[:3])
    assert pad.scene.digits == PIN[:3]  # kept in memory only, drawn as dots
    key(app, pygame.K_BACKSPACE)
    type_text(app, PIN[2:])
    key(app, pygame.K_RETURN)
    pad.scene.settle()
    assert pad.opened == 1
    pad.enter("99999")
    stored = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    assert (tmp_path / LOCK_FILE).exists()
    for where in (caplog.text, stored):
        assert PIN not in where and "99999" not in where


def test_without_a_pin_the_pad_says_how_to_set_one_and_cannot_be_passed(
        app: App, tmp_path: Path) -> None:
    pad = Pad(app, tmp_path, pin_hash="")
    assert not pad.scene.keys.button("1").visible
    type_text(app, "0000")
    key(app, pygame.K_RETURN)
    pad.scene.settle()
    assert pad.opened == 0 and pad.scene.digits == ""
    tap(app, pad.scene.keys.button("cancel").rect)
    assert pad.cancelled == 1


def test_a_pad_nobody_touches_closes_itself(app: App, tmp_path: Path) -> None:
    pad = Pad(app, tmp_path)
    type_text(app, "12")
    run(app, IDLE_CLOSE_S - 2)
    assert pad.cancelled == 0
    type_text(app, "3")  # a touch starts the wait again
    run(app, IDLE_CLOSE_S - 2)
    assert pad.cancelled == 0
    run(app, 3)
    assert pad.cancelled == 1


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920)])
def test_the_keys_are_big_and_inside_the_window(tmp_path: Path, size: tuple[int, int]) -> None:
    app = staff_app(tmp_path, size=size)
    try:
        pad = Pad(app, tmp_path)
        window = pygame.Rect((0, 0), size)
        for button in pad.scene.keys.buttons:
            assert button.rect is not None and window.contains(button.rect)
            assert min(button.rect.size) >= 0.05 * min(size)  # a fingertip and more
    finally:
        app.close()
