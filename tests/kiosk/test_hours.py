"""Opening hours: parsed from the settings' lines, open and closed at the right moments."""

from __future__ import annotations

import datetime as dt

import pytest

from game.model.hours import parse_hours

MONDAY = dt.datetime(2026, 12, 7)  # a Monday


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    return MONDAY + dt.timedelta(days=days, hours=hour, minutes=minute)


def test_no_lines_means_always_open() -> None:
    hours = parse_hours([])
    assert hours.always_open and hours.is_open(at(6, 3)) and hours.next_opening(at(0, 0)) is None


def test_weekdays_and_weekend_spans() -> None:
    hours = parse_hours(["mon-fri 09:00-17:00", "sat,sun 10:00-18:00"])
    assert not hours.is_open(at(0, 8, 59))
    assert hours.is_open(at(0, 9)) and hours.is_open(at(4, 16, 59))
    assert not hours.is_open(at(4, 17))  # closing time itself is closed
    assert not hours.is_open(at(5, 9, 30)) and hours.is_open(at(5, 10))
    assert hours.next_opening(at(4, 17)) == at(5, 10)  # Friday evening → Saturday 10:00
    assert hours.next_opening(at(6, 19)) == at(7, 9)  # Sunday evening → Monday 09:00
    assert hours.next_opening(at(2, 12)) == at(3, 9)  # while open: the next day's opening


def test_a_range_may_wrap_over_the_weekend() -> None:
    hours = parse_hours(["sat-mon 12:00-24:00"])
    assert hours.is_open(at(0, 23, 59)) and hours.is_open(at(6, 12))
    assert not hours.is_open(at(1, 13))


@pytest.mark.parametrize(("line", "fragment"), [
    ("monday 09:00-17:00", "days are written mon, tue"),
    ("mon-fri 9-17", "is not like"),
    ("mon-fri 17:00-09:00", "closing time must come after"),
    ("mon 25:00-26:00", "not a time of day"),
])
def test_mistakes_say_how_to_write_it(line: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_hours([line])
