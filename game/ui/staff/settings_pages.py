"""The staff menu's pages that change settings: the visit, idle times, languages and sound,
opening hours.

Owns: one function per page that turns the settings shown into rows of big controls
(``game.ui.staff.form``): choices, on/off switches, steppers (− value +) and the opening hours'
days and times. A control calls ``SettingsView.set`` with the new value; the menu writes it.
The controls only offer values the settings check accepts, and never leave a list empty (a
kiosk must offer at least one kind of game and one language).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from game.config import KIOSK_MODES, LANGUAGES, RESUME_POLICIES, VISIT_FORMATS, Settings
from game.content.strings import Strings
from game.model.hours import Span, parse_hours
from game.model.hours_edit import NEW_SPAN, format_span, format_time, shifted, with_day
from game.settings_file import RESTART_FIELDS
from game.ui.staff.form import Cell, FormRow, Item, Press

MINUS, PLUS = "−", "+"
MAX_SPANS = 3
"""Opening-hours lines the page offers (a museum rarely needs more; the file takes any)."""


@dataclass(frozen=True)
class SettingsView:
    """What a settings page needs."""

    strings: Strings
    shown: Settings
    running: Settings
    """The settings the kiosk started with (a mode change shows "after a restart")."""
    set: Callable[..., None]
    restart: Callable[[], None]


def _choice(options: Sequence[tuple[Any, str]], current: Any,
            choose: Callable[[Any], None]) -> list[Item]:
    return [Press(label, partial(choose, value), selected=value == current)
            for value, label in options]


def _toggles(options: Sequence[tuple[str, str]], current: Sequence[str],
             change: Callable[[tuple[str, ...]], None]) -> list[Item]:
    """Switches for a non-empty subset of ``options`` (kept in ``options``' order)."""
    def flip(value: str) -> None:
        chosen = set(current) ^ {value}
        if chosen:
            change(tuple(v for v, _label in options if v in chosen))
    return [Press(label, partial(flip, value), selected=value in current)
            for value, label in options]


def stepper(label: str, value: int, *, low: int, high: int, step: int, shown: str,
            change: Callable[[int], None], note: str = "") -> FormRow:
    """− value + for a whole number in ``low…high``."""
    return FormRow(label, [
        Press(MINUS, lambda: change(max(low, value - step)), enabled=value > low),
        Cell(shown, weight=2.0),
        Press(PLUS, lambda: change(min(high, value + step)), enabled=value < high)], note=note)


def _on_off(view: SettingsView, label: str, value: bool,
            change: Callable[[bool], None]) -> FormRow:
    s = view.strings
    return FormRow(label, _choice([(True, s.get("staff.language.on")),
                                   (False, s.get("staff.language.off"))], value, change))


def visit_rows(view: SettingsView) -> list[FormRow]:
    s, shown = view.strings, view.shown
    rows = [FormRow(s.get("staff.visit.mode"),
                    _choice([(m, s.get(f"staff.visit.mode_{m}")) for m in KIOSK_MODES],
                            shown.kiosk_mode, lambda m: view.set(kiosk_mode=m)))]
    if any(getattr(shown, f) != getattr(view.running, f) for f in RESTART_FIELDS):
        rows.append(FormRow("", [Press(s.get("staff.menu.restart_now"), view.restart)],
                            note=s.get("staff.menu.restart_note")))
    rows.append(FormRow(s.get("staff.visit.level"),
                        _choice([(n, str(n)) for n in range(1, 9)], shown.level,
                                lambda n: view.set(level=n))))
    rows.append(FormRow(s.get("staff.visit.formats"),
                        _toggles([(f, s.get(f"kiosk.visit.{f}")) for f in VISIT_FORMATS],
                                 shown.formats, lambda f: view.set(formats=f))))
    cap = shown.time_cap_min
    rows.append(stepper(s.get("staff.visit.time_cap"), cap, low=0, high=240, step=5,
                        shown=s.get("staff.visit.minutes", minutes=cap) if cap
                        else s.get("staff.visit.time_cap_off"),
                        change=lambda v: view.set(time_cap_min=v)))
    rows.append(FormRow(s.get("staff.visit.resume"),
                        _choice([(r, s.get(f"staff.visit.resume_{r}")) for r in RESUME_POLICIES],
                                shown.resume, lambda r: view.set(resume=r))))
    return rows


def times_rows(view: SettingsView) -> list[FormRow]:
    s, shown = view.strings, view.shown

    def seconds(value: int) -> str:
        return s.get("staff.times.seconds", seconds=value)
    return [
        stepper(s.get("staff.times.idle"), shown.idle_s, low=15, high=3600, step=15,
                shown=seconds(shown.idle_s), change=lambda v: view.set(idle_s=v),
                note=s.get("staff.times.note")),
        stepper(s.get("staff.times.still_there"), shown.still_there_s, low=20, high=600,
                step=5, shown=seconds(shown.still_there_s),
                change=lambda v: view.set(still_there_s=v)),
        stepper(s.get("staff.times.leave_reveal"), shown.leave_reveal_s, low=15, high=3600,
                step=15, shown=seconds(shown.leave_reveal_s),
                change=lambda v: view.set(leave_reveal_s=v)),
    ]


def language_rows(view: SettingsView) -> list[FormRow]:
    s, shown = view.strings, view.shown
    names = {language.code: language.name for language in s.languages}
    options = [(code, names.get(code, code)) for code in LANGUAGES]
    own = shown.languages[0]

    def offer(chosen: tuple[str, ...]) -> None:
        first = own if own in chosen else chosen[0]  # the kiosk's own language stays first
        view.set(languages=(first, *(c for c in chosen if c != first)))

    def make_own(code: str) -> None:
        view.set(languages=(code, *(c for c in shown.languages if c != code)))
    return [
        FormRow(s.get("staff.language.offered"), _toggles(options, shown.languages, offer)),
        FormRow(s.get("staff.language.own"),
                _choice([(c, n) for c, n in options if c in shown.languages], own, make_own)),
        stepper(s.get("staff.language.volume"), shown.volume, low=0, high=100, step=10,
                shown=s.get("staff.language.percent", percent=shown.volume),
                change=lambda v: view.set(volume=v)),
        _on_off(view, s.get("staff.language.mute"), not shown.mute,
                lambda on: view.set(mute=not on)),
        _on_off(view, s.get("staff.language.captions"), shown.captions,
                lambda on: view.set(captions=on)),
    ]


def hours_rows(view: SettingsView) -> list[FormRow]:
    s = view.strings
    spans = list(parse_hours(view.shown.hours).spans)
    day_names = s.get_list("staff.hours.days")

    def write(new: list[Span]) -> None:
        view.set(hours=tuple(format_span(span) for span in new))

    def put(index: int, span: Span) -> None:
        write([*spans[:index], span, *spans[index + 1:]])

    def toggle_day(index: int, day: int) -> None:
        span = spans[index]
        put(index, with_day(span, day, on=day not in span.days))

    def move(index: int, closing: bool, steps: int) -> None:
        put(index, shifted(spans[index], closing=closing, steps=steps))

    def remove(index: int) -> None:
        write(spans[:index] + spans[index + 1:])

    rows: list[FormRow] = []
    for index, span in enumerate(spans[:MAX_SPANS]):
        days: list[Item] = [Press(day_names[day], partial(toggle_day, index, day),
                                  selected=day in span.days) for day in range(7)]
        times: list[Item] = [
            Cell(f"{s.get('staff.hours.opens')} {format_time(span.opens)}", weight=2.4),
            Press(MINUS, partial(move, index, False, -1)),
            Press(PLUS, partial(move, index, False, 1)),
            Cell(f"{s.get('staff.hours.closes')} {format_time(span.closes)}", weight=2.4),
            Press(MINUS, partial(move, index, True, -1)),
            Press(PLUS, partial(move, index, True, 1)),
            Press(s.get("staff.hours.remove"), partial(remove, index), weight=1.6)]
        rows.append(FormRow(_span_label(span, day_names), [*days, *times], item_rows=2))
    note = s.get("staff.hours.note") if spans else s.get("staff.hours.none")
    rows.append(FormRow("", [
        Press(s.get("staff.hours.add"), lambda: write([*spans, NEW_SPAN]),
              enabled=len(spans) < MAX_SPANS),
        Press(s.get("staff.hours.always"), lambda: write([]), selected=not spans)], note=note))
    return rows


def _span_label(span: Span, day_names: Sequence[str]) -> str:
    days = " ".join(day_names[day] for day in sorted(span.days))
    return f"{days}  {format_time(span.opens)}–{format_time(span.closes)}"

