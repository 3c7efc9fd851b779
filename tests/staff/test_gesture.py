"""The staff gesture: five taps in the top-left corner within three seconds."""

from __future__ import annotations

import pytest

from game.model.staff_gesture import CornerTaps, corner_side

SIZES = [(1920, 1080), (1280, 720), (1080, 1920)]


@pytest.mark.parametrize("size", SIZES)
def test_five_taps_in_the_corner_within_three_seconds_open_the_pad(
        size: tuple[int, int]) -> None:
    taps = CornerTaps()
    opened = [taps.tap((5, 8), size, 10.0 + 0.6 * i) for i in range(5)]
    assert opened == [False, False, False, False, True]
    assert taps.count == 0  # and the count starts again


def test_four_taps_then_a_pause_do_not_open_it() -> None:
    taps = CornerTaps()
    for i in range(4):
        assert not taps.tap((10, 10), (1280, 720), i * 0.5)
    assert not taps.tap((10, 10), (1280, 720), 1.5 + 3.2)  # the first four have run out
    assert taps.count == 1
    # Four more quick taps after the pause make five within the window: now it opens.
    results = [taps.tap((10, 10), (1280, 720), 4.8 + i * 0.3) for i in range(4)]
    assert results == [False, False, False, True]


def test_five_taps_spread_over_more_than_three_seconds_do_not_open_it() -> None:
    taps = CornerTaps()
    assert not any(taps.tap((3, 3), (1920, 1080), i * 0.8) for i in range(5))  # 0 … 3.2 s


def test_a_tap_elsewhere_starts_the_count_again() -> None:
    taps = CornerTaps()
    size = (1920, 1080)
    for i in range(4):
        taps.tap((4, 4), size, i * 0.2)
    assert not taps.tap((960, 540), size, 0.9)
    assert taps.count == 0
    assert not taps.tap((4, 4), size, 1.0)
    assert taps.count == 1


@pytest.mark.parametrize("size", SIZES)
def test_the_corner_is_a_small_square_at_the_top_left(size: tuple[int, int]) -> None:
    taps = CornerTaps()
    side = corner_side(size)
    assert 56 <= side <= 0.1 * min(size) + 1
    assert taps.in_corner((0, 0), size) and taps.in_corner((side - 1, side - 1), size)
    assert not taps.in_corner((side, 0), size) and not taps.in_corner((0, side), size)
    assert not taps.in_corner((size[0] - 2, 2), size)  # not the top-right corner
