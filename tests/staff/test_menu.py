"""The staff menu on the real app: every change reaches the settings file whole and checked,
a refused one is undone and explained; health, statistics and export, the pairing code,
restart and quit, and a menu nobody touches closes itself."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import atomic
from game.app import App
from game.config import Settings
from game.health import HealthReport, collect_health
from game.model.formats import VisitFormat
from game.model.reveal import Guess, TurkMode
from game.model.statistics import GameResult, GameSummary
from game.settings_file import SettingsFile
from game.statistics_store import StatisticsStore
from game.ui.staff.actions import CallbackActions
from game.ui.staff.form import Cell
from game.ui.staff.menu import IDLE_CLOSE_S, StaffMenuScene, StaffPage
from tests.staff.helpers import labels, press, run, staff_app, tap

TODAY = dt.date(2026, 5, 12)
FILE = """\
# Room 3 (ask the front desk)
[game]
level = 2   # school groups

[kiosk]
enabled = true
mode = "solo"
"""


class Kiosk:
    """What the menu talks to: files in a folder, and a record of what it asked for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data_dir = folder / "data"
        self.file = SettingsFile(folder / "settings.toml")
        self.file.path.write_text(FILE)
        self.statistics = StatisticsStore(self.data_dir)
        self.calls: list[str] = []
        self.changes: list[tuple[str, ...]] = []
        self.code: str | None = "K7MX-4RWD"
        self.report = HealthReport(True, False, 5_000_000_000, ())
        self.media = folder / "media"
        self.actions = CallbackActions(
            lambda: self.calls.append("restart"), lambda: self.calls.append("quit"),
            lambda: self.code, self._new_code, self._health)

    def _new_code(self) -> str | None:
        self.calls.append("new code")
        self.code = "P3QF-9LZT"
        return self.code

    def _health(self) -> HealthReport:
        self.calls.append("health")
        return self.report

    def open(self, app: App, page: StaffPage = StaffPage.VISIT) -> StaffMenuScene:
        running = self.file.read().replace(data_dir=self.data_dir)
        menu = StaffMenuScene(app.services, settings_file=self.file,
                              statistics=self.statistics, actions=self.actions,
                              running=running, on_close=lambda: self.calls.append("closed"),
                              on_change=self._changed, today=lambda: TODAY, page=page,
                              export_roots=(self.media,))
        app.stack.push(menu)
        menu.settle()
        return menu

    def _changed(self, settings: Settings, fields: tuple[str, ...]) -> None:
        self.changes.append(fields)


def cells(menu: StaffMenuScene) -> list[str]:
    """The values the page shows now."""
    return [item.text for row in menu.rows() for item in row.items if isinstance(item, Cell)]


def cell(menu: StaffMenuScene, label: str) -> str:
    row = next(r for r in menu.rows() if r.label == label)
    assert isinstance(row.items[0], Cell)
    return row.items[0].text


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    application = staff_app(tmp_path)
    yield application
    application.close()


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    made = Kiosk(tmp_path)
    yield made
    made.statistics.close()


def test_a_tap_writes_the_file_keeps_its_comments_and_says_a_mode_needs_a_restart(
        app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app)
    press(app, menu.form, "Hidden operator")
    menu.settle()
    assert kiosk.file.path.read_text() == FILE.replace('"solo"', '"operator"')
    assert kiosk.changes == [("kiosk_mode",)]
    assert "Restart now" in labels(menu.form)
    press(app, menu.form, "Restart now")
    assert kiosk.calls[-1] == "restart"


def test_quick_taps_build_on_each_other(app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app)
    for _ in range(3):
        press(app, menu.form, "+")  # the time cap, 10 → 25 minutes
    menu.settle()
    assert kiosk.file.read().time_cap_min == 25
    assert "time_cap_min = 25" in kiosk.file.path.read_text()


def test_a_bad_value_is_refused_with_the_line_and_the_fix_and_undone(
        app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app, StaffPage.TIMES)
    menu.set(idle_s=5)  # no control offers this; the file's own check refuses it
    assert menu.draft.shown is not None and menu.draft.shown.idle_s == 5
    menu.settle()
    assert menu.draft.shown.idle_s == 90
    assert menu.notice_bad
    assert f"{kiosk.file.path}:8: idle_s must be a whole number from 15 to 3600" in menu.notice
    assert kiosk.file.path.read_text() == FILE and kiosk.changes == []


def test_a_failing_write_leaves_the_file_whole_and_says_so(
        app: App, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    menu = kiosk.open(app)

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    press(app, menu.form, "7")
    menu.settle()
    assert "Not saved" in menu.notice and "the file is unchanged" in menu.notice
    assert kiosk.file.path.read_text() == FILE
    assert sorted(p.name for p in kiosk.folder.iterdir() if p.is_file()) == ["settings.toml"]
    assert menu.draft.shown is not None and menu.draft.shown.level == 2


def test_languages_sound_and_captions(app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app, StaffPage.LANGUAGE)
    press(app, menu.form, "English")  # no longer offered…
    press(app, menu.form, "Français", 1)  # …and French is the kiosk's own
    press(app, menu.form, "Off", 1)  # captions off
    menu.settle()
    settings = kiosk.file.read()
    assert settings.languages == ("fr", "de") and not settings.captions
    press(app, menu.form, "Deutsch")
    press(app, menu.form, "Français")  # the last language offered cannot be taken away
    menu.settle()
    assert kiosk.file.read().languages == ("fr",)


def test_opening_hours_are_edited_by_day_and_time(app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app, StaffPage.HOURS)
    press(app, menu.form, "Add hours")
    menu.settle()
    assert kiosk.file.read().hours == ("mon-fri 09:00-17:00",)
    press(app, menu.form, "Mo")  # Monday off
    press(app, menu.form, "Su")  # Sunday on
    press(app, menu.form, "+", 1)  # closes half an hour later
    menu.settle()
    assert kiosk.file.read().hours == ("tue-fri,sun 09:00-17:30",)
    press(app, menu.form, "Always open")
    menu.settle()
    assert kiosk.file.read().hours == ()


def test_health_shows_the_report_in_words(app: App, kiosk: Kiosk, tmp_path: Path) -> None:
    log = kiosk.data_dir / "logs" / "turk.log"
    log.parent.mkdir(parents=True)
    log.write_text("2026-05-12 10:00:00,001 ERROR game.net.link: operator link lost\n")
    kiosk.report = collect_health(kiosk.data_dir, engine_up=False, operator_connected=None)
    menu = kiosk.open(app, StaffPage.HEALTH)
    assert "not answering" in cells(menu) and "none in this mode" in cells(menu)
    assert any(row.lines == ("10:00 ERROR net.link: operator link lost",)
               for row in menu.rows())
    calls = kiosk.calls.count("health")
    run(app, 11)  # the page reads the health again every ten seconds
    menu.settle()
    assert kiosk.calls.count("health") > calls


def test_statistics_show_the_totals_and_export_a_csv_to_a_drive(app: App,
                                                               kiosk: Kiosk) -> None:
    for result, days_ago in ((GameResult.TURK, 0), (GameResult.VISITOR, 2),
                             (GameResult.NONE, 20)):
        kiosk.statistics.record(GameSummary(
            TODAY - dt.timedelta(days=days_ago), VisitFormat.FULL, result, TurkMode.ENGINE,
            12, 4.0, None if result is GameResult.NONE else Guess.MACHINE,
            result is GameResult.NONE))
    drive = kiosk.media / "staff" / "USB STICK"
    drive.mkdir(parents=True)
    menu = kiosk.open(app, StaffPage.STATISTICS)
    assert cell(menu, "Games") == "2 (0 abandoned)"
    press(app, menu.form, "All")
    assert cell(menu, "Games") == "3 (1 abandoned)"
    assert cell(menu, "Results") == "visitor won 1 · Turk won 1 · draws 0"
    press(app, menu.form, "USB STICK")
    menu.settle()
    exported = drive / "turk-statistics-2026-05-12.csv"
    assert menu.notice == f"3 games written to {exported}"
    assert exported.read_text().count("\n") == 4


def test_the_pairing_code_is_hidden_until_shown_and_hides_again(app: App,
                                                                kiosk: Kiosk) -> None:
    menu = kiosk.open(app, StaffPage.OPERATOR)
    assert "K7MX-4RWD" not in cells(menu) and "••••-••••" in cells(menu)
    press(app, menu.form, "Show")
    assert "K7MX-4RWD" in cells(menu)
    run(app, 31)
    assert "K7MX-4RWD" not in cells(menu)
    press(app, menu.form, "New code")
    assert kiosk.calls[-1] == "new code"
    assert "P3QF-9LZT" in cells(menu)


def test_quit_and_restart_need_a_second_tap(app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app, StaffPage.SYSTEM)
    press(app, menu.form, "Quit to the desktop")
    assert "quit" not in kiosk.calls
    press(app, menu.form, "Tap again to quit")
    assert kiosk.calls[-1] == "quit"
    press(app, menu.form, "Restart the kiosk")
    run(app, 6)  # the question lapses
    press(app, menu.form, "Restart the kiosk")
    assert "restart" not in kiosk.calls
    press(app, menu.form, "Tap again to restart")
    assert kiosk.calls[-1] == "restart"


def test_the_menu_closes_by_its_button_or_when_left_alone(app: App, kiosk: Kiosk) -> None:
    menu = kiosk.open(app)
    tap(app, menu.close_row.buttons[0].rect)
    run(app, 0.1)
    assert kiosk.calls == ["closed"]
    app.stack.remove(menu)
    menu = kiosk.open(app)
    run(app, IDLE_CLOSE_S - 1)
    assert kiosk.calls == ["closed"]
    run(app, 2)
    assert kiosk.calls == ["closed", "closed"]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920)])
def test_every_page_fits_the_window(tmp_path: Path, size: tuple[int, int]) -> None:
    app = staff_app(tmp_path, size=size, language="de")
    kiosk = Kiosk(tmp_path)
    try:
        kiosk.file.change(hours=("mon-fri 09:00-17:00", "sat 10:00-16:00", "sun 11:00-15:00"))
        for page in StaffPage:
            menu = kiosk.open(app, page)
            app.step(1 / 60)
            assert menu.form.bottom <= menu.notice_area.top, page
            for button in [*menu.form.buttons.buttons, *menu.nav.buttons]:
                assert button.rect is not None and button.rect.height >= 0.035 * max(size)
            app.stack.remove(menu)
    finally:
        kiosk.statistics.close()
        app.close()


def test_the_page_appears_when_the_file_has_been_read_however_slow_the_disk(
        app: App, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = threading.Event()
    real_read = SettingsFile.read

    def slow_read(self: SettingsFile) -> Settings:
        assert disk.wait(timeout=10)
        return real_read(self)

    monkeypatch.setattr(SettingsFile, "read", slow_read)
    running = Settings(data_dir=kiosk.data_dir)
    menu = StaffMenuScene(app.services, settings_file=kiosk.file, statistics=kiosk.statistics,
                          actions=kiosk.actions, running=running, on_close=lambda: None,
                          today=lambda: TODAY)
    app.stack.push(menu)
    run(app, 0.2)  # frames go on while the disk is slow
    assert labels(menu.form) == [] and menu.rows()[0].label == "Reading…"
    disk.set()
    deadline = time.monotonic() + 10  # the worker thread reads the file: wait for it
    while not labels(menu.form) and time.monotonic() < deadline:
        app.step(1 / 60)
        time.sleep(0.005)
    assert "Hidden operator" in labels(menu.form)
