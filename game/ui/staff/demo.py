"""The staff screens with believable contents, for ``turk screenshot`` and ``tools/staff_demo.py``.

Owns: ``StaffDemo`` — a scratch data folder seeded with a settings file (with staff's comments),
a month of anonymous game statistics, a log with a few warnings and an error, and actions that
answer like a running hybrid-mode kiosk (a pairing code, an operator connected); and the
functions that open each staff screen on a scene stack. Nothing here touches a real kiosk's
files: everything lives in the folder it is given.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from game.health import HealthReport, collect_health
from game.model.formats import VisitFormat
from game.model.hours import parse_hours
from game.model.pin import PinLock
from game.model.reveal import Guess, TurkMode
from game.model.statistics import GameResult, GameSummary
from game.pin_lock_store import PinLockStore
from game.settings_file import SettingsFile
from game.statistics_store import STATS_FILE, StatisticsStore
from game.ui.services import Services
from game.ui.staff.actions import CallbackActions
from game.ui.staff.closed import ClosedScene
from game.ui.staff.menu import StaffMenuScene, StaffPage
from game.ui.staff.pin_pad import PinPadScene

DEMO_PIN = "2468"
TODAY = dt.date(2026, 12, 6)
"""A Sunday: the closed card then says the kiosk opens again on Tuesday."""
CLOSED_AT = dt.datetime(2026, 12, 6, 19, 30)
CLOCK = 1_796_000_000.0
"""Seconds since the epoch for the PIN pad's lock."""
SETTINGS = """\
# The Turk in room 3 (ask the front desk before changing this)
[game]
level = 3   # school groups in the mornings

[kiosk]
enabled = true
mode = "hybrid"
formats = ["full", "endgame"]
time_cap_min = 10
languages = ["en", "de", "fr"]
hours = ["tue-fri 09:00-17:00", "sat,sun 10:00-18:00"]

[sound]
volume = 70
"""
LOG = """\
{day} 09:58:02,114 INFO game.kiosk: kiosk: attract loop
{day} 11:02:40,870 WARNING game.opponents.engine: the engine took 7.1 s to answer at level 6
{day} 13:15:09,302 WARNING game.net.kiosk: no heartbeat from the operator for 10 s
{day} 13:15:19,004 ERROR game.net.link: operator link lost: [Errno 104] Connection reset by peer
{day} 14:40:51,660 WARNING game.statistics_store: statistics.jsonl:212: damaged line skipped
{day} 16:05:12,221 INFO game.kiosk: kiosk: a visit began (endgame)
"""


class StaffDemo:
    """A kiosk's staff-side files, seeded in ``folder``."""

    def __init__(self, folder: Path, *, pin: str = DEMO_PIN) -> None:
        self.data_dir = folder / "data"
        self.settings_file = SettingsFile(folder / "settings.toml")
        self.settings_file.path.parent.mkdir(parents=True, exist_ok=True)
        self.settings_file.path.write_text(SETTINGS, encoding="utf-8")
        if pin:
            self.settings_file.set_pin(pin)
        self.code = "K7MX-4RWD"
        self.media = folder / "media"
        (self.media / "staff" / "USB STICK").mkdir(parents=True, exist_ok=True)
        self.statistics = StatisticsStore(self.data_dir)
        _seed_statistics(self.data_dir / STATS_FILE)
        log = self.data_dir / "logs" / "turk.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(LOG.format(day=TODAY.isoformat()), encoding="utf-8")
        self.actions = CallbackActions(lambda: None, lambda: None, lambda: self.code,
                                       self._new_code, self._health)

    def _new_code(self) -> str:
        self.code = "P3QF-9LZT" if self.code != "P3QF-9LZT" else "K7MX-4RWD"
        return self.code

    def _health(self) -> HealthReport:
        return collect_health(self.data_dir, engine_up=True, operator_connected=True)

    def lock_pad(self, seconds_left: float = 263) -> None:
        """Five wrong PINs a little while ago."""
        PinLockStore(self.data_dir).save(PinLock(0, CLOCK + seconds_left))

    def pin_pad(self, services: Services) -> PinPadScene:
        running = self.settings_file.read()
        pad = PinPadScene(services, pin_hash=running.pin_hash,
                          lock_store=PinLockStore(self.data_dir), clock=lambda: CLOCK,
                          on_open=lambda: None, on_cancel=lambda: None)
        services.stack.push(pad)
        pad.settle()
        return pad

    def menu(self, services: Services, page: StaffPage = StaffPage.VISIT) -> StaffMenuScene:
        running = self.settings_file.read().replace(data_dir=self.data_dir)
        menu = StaffMenuScene(services, settings_file=self.settings_file,
                              statistics=self.statistics, actions=self.actions,
                              running=running, on_close=lambda: None, today=lambda: TODAY,
                              page=page, export_roots=(self.media,))
        services.stack.push(menu)
        menu.settle()
        return menu

    def closed(self, services: Services) -> ClosedScene:
        hours = parse_hours(self.settings_file.read().hours)
        scene = ClosedScene(services, hours=hours, now=lambda: CLOSED_AT)
        services.stack.push(scene)
        return scene

    def close(self) -> None:
        self.statistics.close()


def _seed_statistics(path: Path) -> None:
    """A month of games, the same every time."""
    rng = random.Random(1770)
    lines = []
    for index in range(140):
        day = TODAY - dt.timedelta(days=rng.randrange(30) if index > 12 else 0)
        abandoned = rng.random() < 0.18
        visit = rng.choice([VisitFormat.FULL] * 3 + [VisitFormat.ENDGAME, VisitFormat.ODDS])
        mode = rng.choice([TurkMode.ENGINE, TurkMode.ENGINE, TurkMode.OPERATOR,
                           TurkMode.HYBRID])
        result = GameResult.NONE if abandoned else rng.choice(
            [GameResult.TURK] * 5 + [GameResult.VISITOR] * 3 + [GameResult.DRAW])
        guess = None if abandoned or rng.random() < 0.1 else rng.choice(
            [Guess.MACHINE, Guess.MACHINE, Guess.PERSON])
        moves = rng.randrange(3, 12) if visit is VisitFormat.ENDGAME else rng.randrange(4, 45)
        minutes = round(moves * rng.uniform(0.2, 0.35), 1)
        lines.append(GameSummary(day, visit, result, mode, moves, minutes, guess,
                                 abandoned).to_line())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
