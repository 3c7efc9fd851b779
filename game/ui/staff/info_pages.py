"""The staff menu's pages that report and act: the operator's code, health, statistics, and
restart and quit.

Owns: ``Period`` (today, 7 days, 30 days, all) and one function per page that turns what the
menu knows (``InfoView``) into rows (``game.ui.staff.form``). Health and statistics arrive
from the menu's worker thread; until they do, the page says it is reading. Each state is
written in words as well as colour ("running", "not answering").
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from game.content.strings import Strings
from game.health import HealthReport
from game.model.statistics import Statistics
from game.ui.staff.form import Cell, FormRow, Item, Press

MAX_DRIVES = 3
"""Removable drives offered for the export (the data folder is always offered too)."""


class Period(enum.Enum):
    """Which games the statistics page counts (the value: days back, ``None`` for all)."""

    TODAY = 1
    WEEK = 7
    MONTH = 30
    ALL = None

    def since(self, today: dt.date) -> dt.date | None:
        return None if self.value is None else today - dt.timedelta(days=self.value - 1)


_PERIOD_KEYS = {Period.TODAY: "today", Period.WEEK: "week", Period.MONTH: "month",
                Period.ALL: "all"}


@dataclass(frozen=True)
class InfoView:
    """What the information pages need: what the worker found, and what buttons do."""

    strings: Strings
    code: str | None
    """The pairing code (``None``: no hidden operator in this mode)."""
    code_shown: bool
    toggle_code: Callable[[], None]
    new_code: Callable[[], None]
    health: HealthReport | None
    refresh_health: Callable[[], None]
    stats: Mapping[Period, Statistics] | None
    period: Period
    choose_period: Callable[[Period], None]
    targets: Sequence[Path] | None
    data_dir: Path
    export: Callable[[Path], None]
    confirming: str
    """``"restart"`` or ``"quit"`` after a first tap on that button, else ``""``."""
    press: Callable[[str], None]
    settings_path: Path


def operator_rows(view: InfoView) -> list[FormRow]:
    s = view.strings
    if view.code is None:
        return [FormRow(s.get("staff.operator.code"), [Cell("—")],
                        note=s.get("staff.operator.none"))]
    shown = view.code if view.code_shown else s.get("staff.operator.hidden")
    return [FormRow(s.get("staff.operator.code"), [
        Cell(shown, weight=2.0),
        Press(s.get("staff.operator.hide" if view.code_shown else "staff.operator.show"),
              view.toggle_code),
        Press(s.get("staff.operator.new"), view.new_code)], note=s.get("staff.operator.note"))]


def decimal(strings: Strings, value: float, digits: int) -> str:
    """``value`` with the language's decimal mark (5.3, 5,3)."""
    return f"{value:.{digits}f}".replace(".", strings.get("staff.number.decimal_mark"))


def health_rows(view: InfoView) -> list[FormRow]:
    s, report = view.strings, view.health
    if report is None:
        return [FormRow(s.get("staff.menu.loading"))]
    unknown = Cell(s.get("staff.health.unknown"))
    engine: Item = unknown if report.engine_up is None else (
        Cell(s.get("staff.health.engine_up"), tone="good") if report.engine_up
        else Cell(s.get("staff.health.engine_down"), tone="bad"))
    operator: Item = Cell(s.get("staff.health.operator_none")) \
        if report.operator_connected is None else (
        Cell(s.get("staff.health.operator_on"), tone="good") if report.operator_connected
        else Cell(s.get("staff.health.operator_off"), tone="bad"))
    free = report.disk_free_bytes
    gigabytes = decimal(s, (free or 0) / 1e9, 1)
    disk: Item = unknown if free is None else (
        Cell(s.get("staff.health.disk_low", gigabytes=gigabytes), tone="bad")
        if report.disk_low else Cell(s.get("staff.health.disk_free", gigabytes=gigabytes),
                                     tone="good"))
    problems = report.last_problems or (s.get("staff.health.no_problems"),)
    return [FormRow(s.get("staff.health.engine"), [engine]),
            FormRow(s.get("staff.health.operator"), [operator]),
            FormRow(s.get("staff.health.disk"), [disk]),
            FormRow(s.get("staff.health.problems"), lines=problems),
            FormRow("", [Press(s.get("staff.health.refresh"), view.refresh_health)])]


def statistics_rows(view: InfoView) -> list[FormRow]:
    s = view.strings
    rows = [FormRow(s.get("staff.statistics.period"), [
        Press(s.get(f"staff.statistics.{_PERIOD_KEYS[p]}"), partial(view.choose_period, p),
              selected=p is view.period) for p in Period])]
    if view.stats is None:
        return [*rows, FormRow(s.get("staff.menu.loading"))]
    stats = view.stats[view.period]
    results, formats = stats.results, stats.formats
    length = s.get("staff.statistics.length_none") if stats.average_moves is None else \
        s.get("staff.statistics.length_value", moves=decimal(s, stats.average_moves, 0),
              minutes=decimal(s, stats.average_minutes or 0.0, 1))
    guesses = [s.get("staff.statistics.mode_line", mode=s.get(f"staff.statistics.mode_{mode}"),
                     counts=s.get("staff.statistics.guesses_value",
                                  machine=counts.get("machine", 0),
                                  person=counts.get("person", 0), none=counts.get("none", 0)))
               for mode, counts in stats.guesses.items()] or ["—"]
    rows += [
        FormRow(s.get("staff.statistics.games"), [Cell(s.get(
            "staff.statistics.games_value", games=stats.games, abandoned=stats.abandoned))]),
        FormRow(s.get("staff.statistics.results"), [Cell(s.get(
            "staff.statistics.results_value", visitor=results.get("visitor", 0),
            turk=results.get("turk", 0), draw=results.get("draw", 0)))]),
        FormRow(s.get("staff.statistics.formats"), [Cell(s.get(
            "staff.statistics.formats_value", full=formats.get("full", 0),
            endgame=formats.get("endgame", 0), odds=formats.get("odds", 0)))]),
        FormRow(s.get("staff.statistics.length"), [Cell(length)]),
        FormRow(s.get("staff.statistics.guesses"), lines=guesses),
        _export_row(view)]
    return rows


def _export_row(view: InfoView) -> FormRow:
    s = view.strings
    note = s.get("staff.statistics.anonymous")
    if view.targets is None:
        return FormRow(s.get("staff.statistics.export"), [Cell(s.get("staff.menu.loading"))],
                       note=note)
    drives = [t for t in view.targets if t != view.data_dir][:MAX_DRIVES]
    items: list[Item] = [Press(drive.name, partial(view.export, drive)) for drive in drives]
    items.append(Press(s.get("staff.statistics.data_folder"), partial(view.export,
                                                                       view.data_dir)))
    return FormRow(s.get("staff.statistics.export"), items, note=note)


def system_rows(view: InfoView) -> list[FormRow]:
    s = view.strings
    restart = "staff.system.restart_confirm" if view.confirming == "restart" \
        else "staff.system.restart"
    quit_key = "staff.system.quit_confirm" if view.confirming == "quit" else "staff.system.quit"
    return [
        FormRow("", [Press(s.get(restart), partial(view.press, "restart"),
                           selected=view.confirming == "restart")]),
        FormRow("", [Press(s.get(quit_key), partial(view.press, "quit"),
                           selected=view.confirming == "quit")]),
        FormRow(s.get("staff.system.settings_file"), [Cell(str(view.settings_path))]),
        FormRow(s.get("staff.system.data_folder"), [Cell(str(view.data_dir))]),
    ]
