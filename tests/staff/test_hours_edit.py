"""Opening hours edited by touch are written back as lines the settings check reads again."""

from __future__ import annotations

import datetime as dt

import pytest

from game.model.hours import parse_hours
from game.model.hours_edit import NEW_SPAN, format_days, format_hours, shifted, with_day


@pytest.mark.parametrize("lines", [["mon-fri 09:00-17:00", "sat,sun 10:00-18:00"],
                                   ["mon,wed,fri 08:30-24:00"], ["mon-sun 00:00-24:00"], []])
def test_hours_written_back_read_the_same(lines: list[str]) -> None:
    hours = parse_hours(lines)
    assert format_hours(hours) == tuple(lines)
    assert parse_hours(format_hours(hours)) == hours


def test_days_are_written_as_ranges_and_lists() -> None:
    assert format_days(frozenset({0, 1, 2, 3, 4})) == "mon-fri"
    assert format_days(frozenset({5, 6})) == "sat,sun"
    assert format_days(frozenset({0, 1, 3, 4, 5})) == "mon,tue,thu-sat"


def test_a_span_keeps_one_day_and_opens_before_it_closes() -> None:
    only_monday = with_day(with_day(NEW_SPAN, 1, on=False), 2, on=False)
    only_monday = with_day(with_day(with_day(only_monday, 3, on=False), 4, on=False), 0, on=True)
    assert only_monday.days == frozenset({0})
    assert with_day(only_monday, 0, on=False) == only_monday
    late = shifted(NEW_SPAN, closing=False, steps=100)
    assert late.opens == dt.time(16, 30) and late.closes == dt.time(17, 0)
    assert shifted(NEW_SPAN, closing=True, steps=100).closes == dt.time.max
    assert shifted(NEW_SPAN, closing=False, steps=-100).opens == dt.time(0, 0)
