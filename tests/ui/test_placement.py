"""Where windows open: the first window fits its screen (and takes its orientation when no
size was chosen); `turk duo` puts the two windows side by side (issue 11, items 13 and 14).
The real windows are checked under Xvfb by the walk-through (tests/visit)."""

from __future__ import annotations

import pytest

from game.ui.placement import Placement, first_window, side_by_side


def inside(placement: Placement, screen: tuple[int, int]) -> bool:
    assert placement.position is not None
    x, y = placement.position
    return x >= 0 and y >= 0 and x + placement.size[0] <= screen[0] and \
        y + placement.size[1] <= screen[1]


@pytest.mark.parametrize("screen", [(1080, 1920), (1920, 1080), (1280, 720), (800, 600),
                                    (3840, 2160), (768, 1366)])
def test_the_default_window_fits_its_screen_in_the_screens_orientation(
        screen: tuple[int, int]) -> None:
    placement = first_window((1280, 720), screen, chosen=False)
    assert inside(placement, screen)
    width, height = placement.size
    assert (height > width) == (screen[1] > screen[0])
    assert abs(width / height - (1280 / 720 if width > height else 720 / 1280)) < 0.01


def test_a_size_is_kept_while_the_screen_holds_it() -> None:
    assert first_window((1280, 720), (1280, 720), chosen=True) == Placement((1280, 720), (0, 0))
    assert first_window((1280, 720), (1280, 720), chosen=False) == Placement((1280, 720), (0, 0))
    assert first_window((1280, 720), (1920, 1080), chosen=False) == \
        Placement((1280, 720), (320, 180))
    assert first_window((1280, 720), (1080, 1920), chosen=True).size == (994, 559)
    assert first_window((1280, 720), None, chosen=False) == Placement((1280, 720))


def test_duo_windows_are_the_two_halves_of_the_screen() -> None:
    left, right = side_by_side((1920, 1080))
    assert left == Placement((960, 1080), (0, 0))
    assert right == Placement((960, 1080), (960, 0))
    odd_left, odd_right = side_by_side((1366, 768))
    assert odd_left.size[0] + odd_right.size[0] == 1366
