"""Squares map to pixels both ways, and every layout fits its window."""

from __future__ import annotations

import chess
import pygame
import pytest

from game.ui.board_view import BoardGeometry
from game.ui.layout import Viewport, play_layout


@pytest.mark.parametrize("white_at_bottom", [True, False])
def test_every_square_round_trips(white_at_bottom: bool) -> None:
    geometry = BoardGeometry(pygame.Rect(100, 50, 640, 640), white_at_bottom)
    for square in chess.SQUARES:
        assert geometry.square_at(geometry.square_center(square)) == square
        assert geometry.square_rect(square).collidepoint(geometry.square_center(square))


def test_orientation_puts_the_visitors_side_at_the_bottom() -> None:
    rect = pygame.Rect(0, 0, 800, 800)
    assert BoardGeometry(rect, True).square_at((10, 790)) == chess.A1
    assert BoardGeometry(rect, False).square_at((10, 790)) == chess.H8
    assert BoardGeometry(rect, True).square_at((-1, 10)) is None


def test_squares_tile_the_board_without_gaps() -> None:
    geometry = BoardGeometry(pygame.Rect(13, 7, 581, 581), True)
    area = sum(geometry.square_rect(s).width * geometry.square_rect(s).height
               for s in chess.SQUARES)
    assert area == 581 * 581


SIZES = [(1920, 1080), (1280, 720), (3840, 2160), (1080, 1920), (1024, 768), (800, 1280),
         (2560, 1080)]


@pytest.mark.parametrize("size", SIZES)
def test_play_layout_fits_the_window_and_nothing_overlaps(size: tuple[int, int]) -> None:
    layout = play_layout(size)
    window = pygame.Rect((0, 0), size)
    parts = {"board": layout.board, "status": layout.status, "buttons": layout.buttons,
             "moves": layout.moves, "languages": layout.languages}
    for name, rect in parts.items():
        assert window.contains(rect), f"{name} {rect} leaves the {size} window"
    names = list(parts)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            assert not parts[first].colliderect(parts[second]), f"{first} overlaps {second}"
    assert layout.board.width == layout.board.height


def test_portrait_screens_get_the_portrait_design() -> None:
    assert Viewport.for_window((1080, 1920)).is_portrait
    assert not Viewport.for_window((1920, 1080)).is_portrait
    viewport = Viewport.for_window((3840, 2160))
    assert viewport.scale == 2.0 and viewport.offset == (0.0, 0.0)
    letterboxed = Viewport.for_window((2560, 1080))
    assert letterboxed.offset[0] > 0 and letterboxed.scale == 1.0
