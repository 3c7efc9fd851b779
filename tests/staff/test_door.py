"""The way in on the real app: taps reach the corner counter before any scene, the PIN pad
opens over whatever shows (a game, the closed card), the PIN opens the menu, closing returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.health import HealthReport
from game.model.hours import parse_hours
from game.pin_lock_store import PinLockStore
from game.settings_file import SettingsFile
from game.statistics_store import StatisticsStore
from game.ui.scenes.play import PlayScene
from game.ui.staff.actions import CallbackActions
from game.ui.staff.closed import ClosedScene
from game.ui.staff.door import StaffDoor, StaffFiles
from game.ui.staff.menu import StaffMenuScene
from game.ui.staff.pin_pad import PinPadScene
from tests.staff.helpers import staff_app, tap
from tests.ui.helpers import post, steps, type_text

PIN = "40912"


class Door:
    def __init__(self, app: App, folder: Path) -> None:
        self.app = app
        self.clock = 100.0
        file = SettingsFile(folder / "settings.toml")
        file.set_pin(PIN)
        self.statistics = StatisticsStore(folder / "data")
        actions = CallbackActions(lambda: None, lambda: None, lambda: None, lambda: None,
                                  lambda: HealthReport(True, None, None))
        self.door = StaffDoor(app.services, StaffFiles(file, self.statistics,
                                                       PinLockStore(folder / "data")),
                              actions, running=file.read(), steady=lambda: self.clock,
                              wall=lambda: 1_800_000_000.0, today=lambda: dt.date(2026, 5, 12))
        app.companions.append(self.door)

    def taps(self, pos: tuple[int, int], count: int, every_s: float = 0.4) -> None:
        for _ in range(count):
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
            steps(self.app)
            self.clock += every_s


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    application = staff_app(tmp_path)
    application.start_play(show=False)
    steps(application)
    yield application
    application.close()


@pytest.fixture
def door(app: App, tmp_path: Path) -> Iterator[Door]:
    made = Door(app, tmp_path)
    yield made
    made.statistics.close()


def test_five_corner_taps_open_the_pad_over_a_game_and_the_pin_opens_the_menu(
        app: App, door: Door) -> None:
    door.taps((8, 8), 4)
    assert isinstance(app.stack.top, PlayScene)
    door.taps((8, 8), 1)
    pad = app.stack.top
    assert isinstance(pad, PinPadScene)
    pad.settle()
    type_text(app, PIN)
    tap(app, pad.keys.button("open").rect)
    pad.settle()
    steps(app)
    menu = app.stack.top
    assert isinstance(menu, StaffMenuScene) and pad not in app.stack.scenes
    menu.settle()
    tap(app, menu.close_row.buttons[0].rect)
    steps(app)
    assert isinstance(app.stack.top, PlayScene)


def test_a_finger_counts_like_the_mouse(app: App, door: Door) -> None:
    for _ in range(5):
        post(pygame.FINGERDOWN, x=0.004, y=0.006, finger_id=1, touch_id=1, dx=0, dy=0,
             pressure=1.0)
        post(pygame.FINGERUP, x=0.004, y=0.006, finger_id=1, touch_id=1, dx=0, dy=0,
             pressure=1.0)
        steps(app)
        door.clock += 0.3
    assert isinstance(app.stack.top, PinPadScene)


def test_slow_taps_or_a_tap_elsewhere_open_nothing(app: App, door: Door) -> None:
    door.taps((8, 8), 5, every_s=0.9)  # 3.6 s from first to last
    assert isinstance(app.stack.top, PlayScene)
    door.clock += 4.0
    door.taps((8, 8), 4)
    door.taps((640, 360), 1)
    door.taps((8, 8), 4)
    assert isinstance(app.stack.top, PlayScene)
    door.taps((8, 8), 1)
    assert isinstance(app.stack.top, PinPadScene)


def test_the_pad_opens_over_the_closed_card_and_closes_back_to_it(app: App,
                                                                  door: Door) -> None:
    closed = ClosedScene(app.services, hours=parse_hours(["mon 09:00-10:00"]),
                         now=lambda: dt.datetime(2026, 5, 12, 20, 0))
    app.stack.replace(closed)
    door.taps((8, 8), 5)
    pad = app.stack.top
    assert isinstance(pad, PinPadScene)
    pad.settle()
    tap(app, pad.keys.button("cancel").rect)
    assert app.stack.top is closed
