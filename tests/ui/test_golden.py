"""Golden images of the automaton in a few poses, compared with a tolerance.

On a mismatch a side-by-side picture (expected | actual | difference) is written next to the
reference as ``<name>-diff.png``. To accept new references after a deliberate change to the
art or the drawing: ``TURK_UPDATE_GOLDEN=1 pytest tests/ui/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import chess
import pygame
import pytest

from game.ui.art import ArtBook, PartPainter
from game.ui.assets import Assets
from game.ui.automaton.gestures import BoardFrame
from game.ui.automaton.pose import Pose
from game.ui.automaton.view import AutomatonView
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.layout import play_layout
from game.ui.stage_view import StageView
from game.ui.text import TextPainter

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SIZE = (640, 360)
MEAN_TOLERANCE = 1.5
"""Average difference per channel (0–255) allowed: rasterisers differ slightly by platform."""
PIXEL_TOLERANCE = 0.01
"""Share of pixels allowed to differ by more than 48 in some channel."""

POSES = {
    "rest": (Pose(), None),
    "reach-a1": (Pose(hand=BoardFrame().point(chess.A1), hand_shape="open"), None),
    "carry-e4": (Pose(hand=BoardFrame().point(chess.E4), hand_shape="grip", lift=1.0),
                 chess.Piece.from_symbol("N")),
    "nod-point": (Pose(hand=(0.3, 0.4), hand_shape="point", nod=1.0, face=-1.0,
                       gaze=(-1.0, 0.0), head_deg=-3.0, tap=1.0), None),
}


@pytest.fixture(scope="module")
def render():  # type: ignore[no-untyped-def]
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    assets = Assets()
    painter = PartPainter(assets, ArtBook.load(assets))
    text = TextPainter(assets)
    layout = play_layout(SIZE)
    stage = StageView(painter, text)
    view = AutomatonView(assets, painter)
    board = BoardView(assets, text, BoardGeometry(layout.board, True))
    board.state.show_coordinates = False  # no text: fonts differ more than art between builds
    board.show_position(chess.Board().piece_map())

    def draw(pose: Pose, carried: chess.Piece | None) -> pygame.Surface:
        surface = pygame.Surface(SIZE)
        stage.draw_room(surface, layout.viewport, layout.stage)
        view.draw_body(surface, layout.stage, pose)
        stage.draw_cabinet(surface, layout.stage)
        board.draw(surface)
        view.draw_arms(surface, layout.stage, pose, carried)
        return surface

    yield draw
    pygame.display.quit()


def compare(name: str, actual: pygame.Surface) -> None:
    reference = GOLDEN / f"automaton-{name}.png"
    if os.environ.get("TURK_UPDATE_GOLDEN") or not reference.exists():
        if not os.environ.get("TURK_UPDATE_GOLDEN"):
            pytest.fail(f"no reference {reference.name}; run with TURK_UPDATE_GOLDEN=1")
        pygame.image.save(actual, str(reference))
        return
    expected = pygame.image.load(str(reference))
    assert expected.get_size() == actual.get_size()
    total, far = 0, 0
    diff = pygame.Surface(SIZE)
    for y in range(SIZE[1]):
        for x in range(SIZE[0]):
            a, b = expected.get_at((x, y)), actual.get_at((x, y))
            delta = (abs(a.r - b.r), abs(a.g - b.g), abs(a.b - b.b))
            total += sum(delta)
            if max(delta) > 48:
                far += 1
            diff.set_at((x, y), (min(255, delta[0] * 4), min(255, delta[1] * 4),
                                 min(255, delta[2] * 4)))
    mean = total / (SIZE[0] * SIZE[1] * 3)
    share = far / (SIZE[0] * SIZE[1])
    if mean > MEAN_TOLERANCE or share > PIXEL_TOLERANCE:
        sheet = pygame.Surface((SIZE[0] * 3, SIZE[1]))
        for index, image in enumerate((expected, actual, diff)):
            sheet.blit(image, (index * SIZE[0], 0))
        out = GOLDEN / f"automaton-{name}-diff.png"
        pygame.image.save(sheet, str(out))
        pytest.fail(f"{name}: mean difference {mean:.2f}, {share:.2%} of pixels far off; "
                    f"see {out}")


@pytest.mark.parametrize("name", list(POSES))
def test_automaton_pose_matches_its_golden_image(render, name: str) -> None:  # type: ignore[no-untyped-def]
    pose, carried = POSES[name]
    compare(name, render(pose, carried))
