"""A museum's opening hours: when the kiosk invites visitors, and when it shows a "closed" card.

Owns: ``OpeningHours`` (parsed from lines such as ``"mon-fri 09:00-17:00"`` and
``"sat,sun 10:00-18:00"``), ``parse_hours`` (with an error that says what is wrong and how to
write it), ``is_open`` and ``next_opening``. No lines means always open. Times are the kiosk's
local wall-clock time, handed in by the caller (nothing here reads a clock).

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names as written in the settings file (``datetime.weekday()`` order)."""

EXAMPLE = '["mon-fri 09:00-17:00", "sat,sun 10:00-18:00"]'

_LINE = re.compile(r"^\s*([a-z,\-]+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Span:
    """Open on ``days`` (weekday numbers, Monday = 0) from ``opens`` until ``closes``."""

    days: frozenset[int]
    opens: dt.time
    closes: dt.time

    def covers(self, moment: dt.datetime) -> bool:
        return moment.weekday() in self.days and self.opens <= moment.time() < self.closes


@dataclass(frozen=True)
class OpeningHours:
    """When the kiosk is open; no spans means always."""

    spans: tuple[Span, ...] = ()

    @property
    def always_open(self) -> bool:
        return not self.spans

    def is_open(self, moment: dt.datetime) -> bool:
        return self.always_open or any(span.covers(moment) for span in self.spans)

    def next_opening(self, moment: dt.datetime) -> dt.datetime | None:
        """The first moment after ``moment`` at which the kiosk opens (``None`` if it is
        always open, or never)."""
        if self.always_open:
            return None
        best: dt.datetime | None = None
        for offset in range(8):
            day = (moment + dt.timedelta(days=offset)).date()
            for span in self.spans:
                if day.weekday() not in span.days:
                    continue
                start = dt.datetime.combine(day, span.opens, tzinfo=moment.tzinfo)
                if start > moment and (best is None or start < best):
                    best = start
        return best


def _days(text: str, line: str) -> frozenset[int]:
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"{line!r}: days are written {', '.join(DAYS)}, as a range "
                             "(mon-fri) or a list (sat,sun)")
        start, end = DAYS.index(first), DAYS.index(last or first)
        index = start
        while True:  # a range may wrap over the week's end ("sat-mon")
            days.add(index)
            if index == end:
                break
            index = (index + 1) % 7
    return frozenset(days)


def _time(hours: str, minutes: str, line: str) -> dt.time:
    value_h, value_m = int(hours), int(minutes)
    if value_h == 24 and value_m == 0:
        return dt.time.max
    if not (0 <= value_h <= 23 and 0 <= value_m <= 59):
        raise ValueError(f"{line!r}: {hours}:{minutes} is not a time of day (00:00 to 24:00)")
    return dt.time(value_h, value_m)


def parse_hours(lines: Sequence[str]) -> OpeningHours:
    """Opening hours from settings lines, e.g. ``["mon-fri 09:00-17:00"]``.

    :raises ValueError: naming the line that is wrong and how to write it.
    """
    spans: list[Span] = []
    for raw in lines:
        line = raw.strip().lower()
        match = _LINE.match(line)
        if match is None:
            raise ValueError(f"{raw!r} is not like \"mon-fri 09:00-17:00\" (days, then "
                             f"opening and closing time); e.g. hours = {EXAMPLE}")
        opens = _time(match.group(2), match.group(3), raw)
        closes = _time(match.group(4), match.group(5), raw)
        if closes <= opens:
            raise ValueError(f"{raw!r}: the closing time must come after the opening time")
        spans.append(Span(_days(match.group(1), raw), opens, closes))
    return OpeningHours(tuple(spans))
