"""The way in for staff: the corner gesture opens the PIN pad, the PIN opens the menu.

Owns: ``StaffDoor`` — runs in the app's loop as a companion (``game.app.Companion``) so it
sees every raw tap before any scene does, whatever is showing (the attract loop, a game, the
closed card). Five taps in the top-left corner within three seconds
(``game.model.staff_gesture.CornerTaps``) push the PIN pad; the right PIN replaces it with the
staff menu; closing either returns to what was showing underneath. The taps still reach the
scenes below (a visitor's game is not disturbed by a tap in its corner).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.config import Settings
from game.model.staff_gesture import CornerTaps
from game.pin_lock_store import PinLockStore
from game.settings_file import SettingsFile
from game.statistics_store import StatisticsStore
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.staff.actions import StaffActions
from game.ui.staff.menu import StaffMenuScene
from game.ui.staff.pin_pad import PinPadScene

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffFiles:
    """Where the staff menu reads and writes."""

    settings_file: SettingsFile
    statistics: StatisticsStore
    lock_store: PinLockStore


class StaffDoor:
    """Watches taps for the corner gesture and runs the PIN pad and the menu.

    :param steady: a steady clock in seconds (the taps' timing).
    :param wall: seconds since the epoch (the PIN lock outlives restarts).
    :param today: the local date (statistics).
    :param on_change: a setting reached the file (apply what can be applied at once).
    """

    def __init__(self, services: Services, files: StaffFiles, actions: StaffActions, *,
                 running: Settings, steady: Callable[[], float], wall: Callable[[], float],
                 today: Callable[[], dt.date],
                 on_change: Callable[[Settings, tuple[str, ...]], None] | None = None) -> None:
        self.services = services
        self.files = files
        self.actions = actions
        self.running = running
        self.taps = CornerTaps()
        self._steady = steady
        self._wall = wall
        self._today = today
        self._on_change = on_change
        self.open: Scene | None = None
        """The PIN pad or the menu while one is showing."""

    # -- the companion ----------------------------------------------------------------------

    def attach(self, play: object) -> None:
        """Nothing to follow in a game."""

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        size = self.services.window_size
        if self.open is not None and self.open not in self.services.stack.scenes:
            self.open = None  # the kiosk replaced the screens (e.g. at closing time)
        for event in events:
            pos: tuple[float, float] | None = None
            if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                    and not getattr(event, "touch", False):
                pos = event.pos
            elif event.type == pygame.FINGERDOWN:
                pos = (event.x * size[0], event.y * size[1])
            if pos is not None and self.taps.tap(pos, size, self._steady()) and not self.open:
                self.open_pad()
        return events

    def update(self, dt_s: float) -> None:
        """The scenes run themselves."""

    def frame(self, frame_s: float) -> None:
        """Nothing to draw of its own."""

    def close(self) -> None:
        """Nothing to release (the scenes release their workers as they leave the stack)."""

    # -- the way in -----------------------------------------------------------------------

    def open_pad(self) -> PinPadScene:
        log.info("staff: the corner gesture opened the PIN pad")
        pad = PinPadScene(self.services, pin_hash=self.running.pin_hash,
                          lock_store=self.files.lock_store, clock=self._wall,
                          on_open=self._pad_opened, on_cancel=self._shut)
        self._show(pad)
        return pad

    def _pad_opened(self) -> None:
        self._shut()
        self._show(StaffMenuScene(
            self.services, settings_file=self.files.settings_file,
            statistics=self.files.statistics, actions=self.actions, running=self.running,
            on_close=self._shut, on_change=self._on_change, today=self._today))

    def _show(self, scene: Scene) -> None:
        self.open = scene
        self.services.stack.push(scene)

    def _shut(self) -> None:
        if self.open is not None:
            self.services.stack.remove(self.open)
            self.open = None
