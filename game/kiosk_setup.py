"""Putting the kiosk together: the controller, the attract loop, the closed card, the staff door,
the statistics and the answers the staff menu needs from the running kiosk.

Owns: ``start_kiosk`` — called by ``turk kiosk`` once the app exists. It adds the kiosk
controller and the staff door to the app's loop (the controller first, so it sees every touch;
the door next, so staff taps in the corner reach it before any scene), records every visit in
the anonymous statistics, answers the staff menu's health and pairing-code questions, and turns
"Restart" and "Quit" into what ``turk kiosk`` does on exit (``KioskExit``).
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from game.app import App
from game.config import Settings
from game.health import HealthReport, collect_health
from game.kiosk import EngineEvaluation, KioskController
from game.model.hours import OpeningHours
from game.opponents.base import OpponentUnavailableError
from game.opponents.engine import resolve_engine
from game.pin_lock_store import PinLockStore
from game.settings_file import SettingsFile
from game.statistics_store import StatisticsStore
from game.ui.attract.scene import AttractScene
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.staff.actions import CallbackActions
from game.ui.staff.closed import ClosedScene
from game.ui.staff.door import StaffDoor, StaffFiles

log = logging.getLogger(__name__)


class KioskExit(enum.IntEnum):
    """How ``turk kiosk`` ends, as its exit status (the systemd unit restarts on anything but
    ``QUIT``, which staff chose)."""

    RESTART = 0
    """Staff asked for a restart (``turk kiosk`` starts itself again)."""
    QUIT = 75
    """Staff quit to the desktop: stay stopped (``RestartPreventExitStatus=75``)."""


class KioskSession:
    """The running kiosk's parts, kept for the exit and the staff menu's questions."""

    def __init__(self, app: App, settings_file: Path) -> None:
        self.app = app
        settings = app.settings
        self.exit = KioskExit.RESTART
        self.restart_asked = False
        self.statistics = StatisticsStore(settings.data_dir)
        self.controller = KioskController(
            app, attract=self._attract, closed=_closed, evaluator=self._evaluation,
            record=self.statistics.record, paused=lambda: self.door.open is not None)
        self.door = StaffDoor(
            app.services, StaffFiles(SettingsFile(settings_file), self.statistics,
                                     PinLockStore(settings.data_dir)),
            CallbackActions(self._restart, self._quit, self._code, self._new_code, self._health),
            running=settings, steady=time.monotonic, wall=time.time, today=dt.date.today,
            on_change=self._changed)

    # -- parts ------------------------------------------------------------------------------

    def _attract(self, services: Services, languages: Sequence[str],
                 on_start: Callable[[str], None]) -> Scene:
        return AttractScene(services, languages=languages, on_start=on_start,
                            captions_enabled=self.app.settings.captions)

    def _evaluation(self) -> EngineEvaluation:
        try:
            command = resolve_engine(self.app.settings.engine)
        except OpponentUnavailableError:
            command = resolve_engine("builtin")
        return EngineEvaluation(command)

    # -- what the staff menu asks ---------------------------------------------------------------

    def _changed(self, settings: Settings, fields: tuple[str, ...]) -> None:
        running = self.app.settings
        applied = settings.replace(data_dir=running.data_dir, window_size=running.window_size,
                                   fullscreen=running.fullscreen, kiosk=True,
                                   kiosk_mode=running.kiosk_mode)
        self.controller.apply_settings(applied)
        self.door.running = applied
        log.info("staff changed %s", ", ".join(fields))

    def _restart(self) -> None:
        log.info("staff: restart")
        self.exit = KioskExit.RESTART
        self.restart_asked = True
        self.app.running = False

    def _quit(self) -> None:
        log.info("staff: quit to the desktop")
        self.exit = KioskExit.QUIT
        self.app.running = False

    def _code(self) -> str | None:
        return self.app.host.pairing_code if self.app.host is not None else None

    def _new_code(self) -> str | None:
        return self.app.host.new_pairing_code() if self.app.host is not None else None

    def _health(self) -> HealthReport:
        """On the menu's worker thread: only plain values are read from the loop's objects."""
        host = self.app.host
        operator = None if host is None else host.director.is_present
        return collect_health(self.app.settings.data_dir, engine_up=self.engine_up(),
                              operator_connected=operator)

    def engine_up(self) -> bool | None:
        """Whether the current game's source of moves works (``None``: no game yet)."""
        play = self.controller.play
        if play is None:
            return None
        return not play.match.has_failed

    def close(self) -> None:
        self.statistics.close()


def _closed(services: Services, hours: OpeningHours, now: Callable[[], dt.datetime]) -> Scene:
    return ClosedScene(services, hours=hours, now=now)


def start_kiosk(app: App, *, settings_file: Path) -> KioskSession:
    """Make ``app`` the kiosk and show its attract loop (or the closed card)."""
    session = KioskSession(app, settings_file)
    app.companions.insert(0, session.door)
    app.companions.insert(0, session.controller)
    session.controller.start()
    return session
