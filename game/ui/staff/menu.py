"""The staff menu: the only way out of kiosk mode, and every setting staff may change.

Owns: ``StaffPage`` and ``StaffMenuScene`` — a full-screen, touch-first menu with its pages
down the side (across the top on a portrait screen): the visit (who plays the Turk, level,
games offered, time cap, what happens after a power cut), idle times, languages and sound,
opening hours, the hidden operator's pairing code, health, statistics with CSV export, and
restart and quit. A change is shown at once and written to the settings file on the menu's
worker thread — validated exactly like the file at start-up and written atomically; a refused
change is undone on screen and its reason (line and fix) shown. Nothing here blocks a frame:
the disk, the log and the statistics are read by the worker and picked up by ``update``.
Left alone for ``IDLE_CLOSE_S`` the menu closes itself, so the exhibit is never left open.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import enum
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pygame

from game.config import Settings
from game.health import HealthReport
from game.model.statistics import Statistics
from game.settings_file import SettingsFile
from game.statistics_store import MEDIA_ROOTS, Export, StatisticsStore, export_targets
from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, TextTyped
from game.ui.layout import Viewport
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.staff import info_pages, settings_pages
from game.ui.staff.actions import StaffActions
from game.ui.staff.draft import Job, SettingsDraft
from game.ui.staff.form import Form, FormRow
from game.ui.staff.info_pages import InfoView, Period
from game.ui.staff.look import BAD, GOOD, LABEL, Ground, draw_title, fit_block
from game.ui.staff.settings_pages import SettingsView
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed

log = logging.getLogger(__name__)

IDLE_CLOSE_S = 120.0
"""Seconds without a touch after which the menu closes itself."""
CODE_SHOWN_S = 30.0
"""How long the pairing code stays readable after "Show"."""
CONFIRM_S = 5.0
"""How long "Tap again to quit" waits for the second tap."""
HEALTH_EVERY_S = 10.0
NOTICE_S = 4.0
NOTICE_SMALLEST_PX = 16
"""Design pixels: the smallest type a long notice (a refused change's reason, the path an
export went to) shrinks to so that it fits its place."""


class StaffPage(enum.Enum):
    VISIT = "visit"
    TIMES = "times"
    LANGUAGE = "language"
    HOURS = "hours"
    OPERATOR = "operator"
    HEALTH = "health"
    STATISTICS = "statistics"
    SYSTEM = "system"


SETTINGS_PAGES = {StaffPage.VISIT: settings_pages.visit_rows,
                  StaffPage.TIMES: settings_pages.times_rows,
                  StaffPage.LANGUAGE: settings_pages.language_rows,
                  StaffPage.HOURS: settings_pages.hours_rows}
INFO_PAGES = {StaffPage.OPERATOR: info_pages.operator_rows,
              StaffPage.HEALTH: info_pages.health_rows,
              StaffPage.STATISTICS: info_pages.statistics_rows,
              StaffPage.SYSTEM: info_pages.system_rows}


def _all_periods(store: StatisticsStore, today: dt.date) -> dict[Period, Statistics]:
    """On the worker: every game read once, totalled for each period."""
    games = store.load().result(timeout=60)  # after any game still being appended
    return {period: Statistics.of(games, since=period.since(today)) for period in Period}


class StaffMenuScene(Scene):
    """The staff menu.

    :param settings_file: the file the kiosk read its settings from (changes go there).
    :param statistics: the kiosk's statistics (read for the page, exported as CSV).
    :param actions: restart, quit, the pairing code and the health report.
    :param running: the settings the kiosk is running with (its data folder; a changed mode
        says "after a restart").
    :param on_close: the menu closed (back to the exhibit).
    :param on_change: a change reached the file: the whole new settings and the fields that
        changed (to apply what can be applied at once: volume, captions, level…).
    :param today: the kiosk's local date (for the statistics' periods and the export's name).
    """

    def __init__(self, services: Services, *, settings_file: SettingsFile,
                 statistics: StatisticsStore, actions: StaffActions, running: Settings,
                 on_close: Callable[[], None], today: Callable[[], dt.date],
                 on_change: Callable[[Settings, tuple[str, ...]], None] | None = None,
                 page: StaffPage = StaffPage.VISIT,
                 export_roots: Sequence[Path] = MEDIA_ROOTS) -> None:
        self.services = services
        self.statistics = statistics
        self.actions = actions
        self.running = running
        self._on_close = on_close
        self._on_change = on_change
        self._today = today
        self._roots = tuple(export_roots)
        self._worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="staff-menu")
        self.draft = SettingsDraft(settings_file, self._worker)
        self.page = page
        self.period = Period.WEEK
        self.health: Job[HealthReport] | None = None
        self.stats: Job[dict[Period, Statistics]] | None = None
        self.export_places: Job[list[Path]] | None = None
        self._export: concurrent.futures.Future[Export] | None = None
        self.code_shown_s = 0.0
        self.confirming = ""
        self._confirm_s = 0.0
        self._health_s = 0.0
        self.idle_s = 0.0
        self.notice, self.notice_bad, self._notice_s = "", False, 0.0
        self._closing = False
        self._ground = Ground()
        self.form = Form(services.text)
        strings = services.strings
        self.nav = ButtonRow(services.text, [
            Button(p.value, strings.get(f"staff.page.{p.value}")) for p in StaffPage])
        self.close_row = ButtonRow(services.text, [
            Button("close", strings.get("staff.menu.close"))])
        self._dirty = True
        self.resize(services.window_size)

    # -- life -------------------------------------------------------------------------------

    def enter(self) -> None:
        self.draft.load()
        self.open_page(self.page)

    def exit(self) -> None:
        self._worker.shutdown(wait=False)  # queued writes still reach the disk

    def close(self) -> None:
        """Back to the exhibit, once every change has reached the file."""
        self._closing = True
        self.idle_s = 0.0

    def open_page(self, page: StaffPage) -> None:
        self.page = page
        self.confirming = ""
        self.form.buttons.focus = None
        if page is StaffPage.HEALTH:
            self.refresh_health()
        elif page is StaffPage.STATISTICS:
            self.stats = Job(self._worker, lambda: _all_periods(self.statistics, self._today()))
            self.export_places = Job(self._worker, lambda: export_targets(
                self.running.data_dir, roots=self._roots))
        self._dirty = True

    def refresh_health(self) -> None:
        self._health_s = 0.0
        self.health = Job(self._worker, self.actions.health)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait for the worker (tests and screenshots only; the loop never waits)."""
        self._worker.submit(lambda: None).result(timeout=timeout)
        for job in (self.health, self.stats, self.export_places):
            if job is not None:
                job.wait(timeout)
        if self._export is not None:
            self._export.exception(timeout=timeout)
        self._worker.submit(lambda: None).result(timeout=timeout)
        self.update(0.0)

    # -- input ------------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed | CommandIssued | TextTyped):
            self.idle_s = 0.0
        if self._closing:
            return True
        if self.close_row.handle(intent) == Pressed("close"):
            self.close()
            return True
        page = self.nav.handle(intent)
        if isinstance(page, Pressed):
            self.open_page(StaffPage(page.action))
            self._rebuild()
            return True
        used = self.form.handle(intent)
        if used:
            self._dirty = True
        elif used is None and isinstance(intent, CommandIssued) \
                and intent.command is Command.CANCEL:
            self.close()
        if self._dirty:
            self._rebuild()
        return True

    def set(self, **changes: object) -> None:
        """A control changed settings: show them now, write them in order."""
        self.draft.set(**changes)
        self._notice(self.services.strings.get("staff.menu.saving"))
        self._dirty = True

    def toggle_code(self) -> None:
        self.code_shown_s = 0.0 if self.code_shown_s > 0 else CODE_SHOWN_S

    def new_code(self) -> None:
        if self.actions.new_pairing_code() is not None:
            log.info("staff: a new pairing code was made for the hidden operator")
            self.code_shown_s = CODE_SHOWN_S

    def press(self, what: str) -> None:
        """Restart or quit: the first tap asks, the second within ``CONFIRM_S`` does it."""
        if self.confirming != what:
            self.confirming, self._confirm_s = what, 0.0
            return
        self.confirming = ""
        log.info("staff: %s from the staff menu", what)
        if what == "restart":
            self.actions.restart()
        else:
            self.actions.quit()

    def restart(self) -> None:
        log.info("staff: restart from the staff menu")
        self.actions.restart()

    def export(self, folder: Path) -> None:
        if self._export is None:
            self._export = self.statistics.export_csv(folder, today=self._today())

    def choose_period(self, period: Period) -> None:
        self.period = period

    # -- time -------------------------------------------------------------------------------

    def update(self, dt_s: float) -> None:
        self.idle_s += dt_s
        self._tick(dt_s)
        shown = self.draft.shown
        for saved in self.draft.poll():
            self._notice(self.services.strings.get("staff.menu.saved"))
            if self._on_change is not None:
                self._on_change(saved.settings, saved.fields)
            self._dirty = True
        if self.draft.shown is not shown:  # read from the file, or a change undone
            self._dirty = True
        if self.draft.error:
            self._notice(self.services.strings.get("staff.menu.not_saved",
                                                   reason=self.draft.error), bad=True)
            self.draft.error = ""
            self._dirty = True
        for job in (self.health, self.stats, self.export_places):
            if job is not None and job.poll():
                self._dirty = True
        self._poll_export()
        if self.idle_s >= IDLE_CLOSE_S and not self._closing:
            log.info("staff: the staff menu closed itself (nobody touched it)")
            self.close()
        if self._closing and not self.draft.is_busy and self._export is None:
            self._closing = False
            self._on_close()
            return
        if self._dirty:
            self._rebuild()

    def _tick(self, dt_s: float) -> None:
        if self.code_shown_s > 0:
            self.code_shown_s = max(0.0, self.code_shown_s - dt_s)
            self._dirty |= self.code_shown_s == 0
        if self.confirming:
            self._confirm_s += dt_s
            if self._confirm_s >= CONFIRM_S:
                self.confirming, self._dirty = "", True
        if self._notice_s > 0:
            self._notice_s = max(0.0, self._notice_s - dt_s)
        if self.page is StaffPage.HEALTH:
            self._health_s += dt_s
            if self._health_s >= HEALTH_EVERY_S and self.health and self.health.is_done:
                self.refresh_health()

    def _poll_export(self) -> None:
        if self._export is None or not self._export.done():
            return
        future, self._export = self._export, None
        try:
            done = future.result()
        except OSError as exc:
            log.warning("staff: the statistics could not be exported: %s", exc)
            self._notice(self.services.strings.get("staff.statistics.export_failed",
                                                   reason=exc.strerror or exc), bad=True)
            return
        self._notice(self.services.strings.get("staff.statistics.exported", games=done.games,
                                               path=done.path))

    def _notice(self, text: str, *, bad: bool = False) -> None:
        self.notice = text
        self.notice_bad = bad
        self._notice_s = NOTICE_S * (3 if bad else 1)

    # -- layout and drawing ---------------------------------------------------------------

    @property
    def viewport(self) -> Viewport:
        return Viewport.for_window(self.services.window_size)

    def rows(self) -> list[FormRow]:
        """The rows of the page showing now."""
        strings = self.services.strings
        if self.page in SETTINGS_PAGES:
            shown = self.draft.shown
            if shown is None:
                return [FormRow(strings.get("staff.menu.loading"))]
            view = SettingsView(strings, shown, self.running, self.set, self.restart)
            return SETTINGS_PAGES[self.page](view)
        return INFO_PAGES[self.page](self._info_view())

    def _info_view(self) -> InfoView:
        code = self.actions.pairing_code() if self.page is StaffPage.OPERATOR else None
        stats: Mapping[Period, Statistics] | None = (
            self.stats.result if self.stats is not None else None)
        return InfoView(
            self.services.strings, code=code, code_shown=self.code_shown_s > 0,
            toggle_code=self.toggle_code, new_code=self.new_code,
            health=self.health.result if self.health is not None else None,
            refresh_health=self.refresh_health, stats=stats, period=self.period,
            choose_period=self.choose_period,
            targets=self.export_places.result if self.export_places is not None else None,
            data_dir=self.running.data_dir, export=self.export, confirming=self.confirming,
            press=self.press, settings_path=self.draft.file.path)

    def _rebuild(self) -> None:
        self._dirty = False
        for button in self.nav.buttons:
            button.selected = button.action == self.page.value
        self.form.show(self.rows(), self.content, self.viewport)

    def resize(self, size: tuple[int, int]) -> None:
        vp = self.viewport
        if vp.is_portrait:
            width = (1000 - 16) / 2
            for index, button in enumerate(self.nav.buttons):
                row, column = divmod(index, 2)
                button.rect = vp.rect(40 + column * (width + 16), 140 + row * 92, width, 80)
            self.content = vp.rect(40, 530, 1000, 1170)
            self.notice_area = vp.rect(40, 1712, 1000, 80)
            self.close_row.buttons[0].rect = vp.rect(290, 1806, 500, 90)
        else:
            for index, button in enumerate(self.nav.buttons):
                button.rect = vp.rect(40, 150 + index * 96, 380, 84)
            self.content = vp.rect(470, 150, 1410, 840)
            self.notice_area = vp.rect(470, 1000, 1410, 70)
            self.close_row.buttons[0].rect = vp.rect(40, 950, 380, 96)
        self._rebuild()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        vp, text = self.viewport, self.services.text
        self._ground.draw(surface)
        draw_title(surface, text, vp, self.services.strings.get("staff.menu.title"),
                   top=40 if vp.is_portrait else 24)
        self.nav.draw(surface)
        self.form.draw(surface)
        self.close_row.draw(surface)
        if self.notice and (self._notice_s > 0 or self.notice_bad):
            color = BAD if self.notice_bad else (GOOD if self._notice_s > 0 else LABEL)
            style = fit_block(text, self.notice, TextStyle(Face.SANS, vp.length(26), color),
                              self.notice_area, smallest=vp.length(NOTICE_SMALLEST_PX))
            text.draw_block(surface, self.notice, style, self.notice_area)
