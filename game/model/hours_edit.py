"""Editing opening hours by touch: spans written back as settings lines, days and times moved.

Owns: ``format_span``/``format_hours`` (an ``OpeningHours`` back to lines such as
``"mon-fri 09:00-17:00"`` that ``parse_hours`` reads again), and the small edits the staff
menu offers — a day switched on or off (``with_day``), the opening or closing time moved by a
step (``shifted``), a new span (``NEW_SPAN``). Each edit keeps the span valid: at least one day,
opening before closing, times between 00:00 and 24:00.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from game.model.hours import DAYS, OpeningHours, Span

DAY_MINUTES = 24 * 60
STEP_MIN = 30
"""How far one tap moves an opening or closing time."""
NEW_SPAN = Span(frozenset(range(5)), dt.time(9, 0), dt.time(17, 0))
"""What "add hours" starts from: Monday to Friday, 09:00 to 17:00."""


def minutes_of(moment: dt.time) -> int:
    """Minutes since midnight (``time.max`` — written 24:00 — is the whole day)."""
    if moment == dt.time.max:
        return DAY_MINUTES
    return moment.hour * 60 + moment.minute


def time_of(minutes: int) -> dt.time:
    """The time ``minutes`` after midnight (1440 is 24:00, ``time.max``)."""
    if minutes >= DAY_MINUTES:
        return dt.time.max
    return dt.time(minutes // 60, minutes % 60)


def format_time(moment: dt.time) -> str:
    minutes = minutes_of(moment)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_days(days: frozenset[int]) -> str:
    """``mon-fri``, ``sat,sun``, ``mon,wed,fri``: runs of three or more days as ranges."""
    if not days:
        raise ValueError("a span needs at least one day")
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]}-{DAYS[run[-1]]}")
        else:
            parts.extend(DAYS[day] for day in run)
    return ",".join(parts)


def format_span(span: Span) -> str:
    """The settings line for ``span``, e.g. ``"mon-fri 09:00-17:00"``."""
    return f"{format_days(span.days)} {format_time(span.opens)}-{format_time(span.closes)}"


def format_hours(hours: OpeningHours) -> tuple[str, ...]:
    """The ``[kiosk] hours`` lines for ``hours`` (none: always open)."""
    return tuple(format_span(span) for span in hours.spans)


def with_day(span: Span, day: int, *, on: bool) -> Span:
    """``span`` with ``day`` (Monday = 0) switched on or off; the last day stays on."""
    days = span.days | {day} if on else span.days - {day}
    return replace(span, days=frozenset(days)) if days else span


def shifted(span: Span, *, closing: bool, steps: int) -> Span:
    """``span`` with its opening (or closing) time moved by ``steps`` × ``STEP_MIN``, kept
    inside the day and at least one step from the other end."""
    opens, closes = minutes_of(span.opens), minutes_of(span.closes)
    if closing:
        closes = min(DAY_MINUTES, max(opens + STEP_MIN, closes + steps * STEP_MIN))
    else:
        opens = max(0, min(closes - STEP_MIN, opens + steps * STEP_MIN))
    return replace(span, opens=time_of(opens), closes=time_of(closes))
