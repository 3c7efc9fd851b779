"""``turk screenshot`` reaches the guess and every kind of reveal page."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.config import Settings
from game.screenshot import ScreenshotError, Shot, reveal_recipe, take_screenshot


@pytest.mark.parametrize(("scene", "language", "size"), [
    ("guess", "de", (640, 360)),
    ("reveal-operator", "en", (640, 360)),
    ("reveal-engine-people+1", "fr", (360, 640)),
    ("reveal-standin-stand_in", "de", (640, 360)),
    ("reveal-hybrid-tally", "en", (360, 640)),
    ("ledger", "fr", (640, 360)),
    ("reveal-operator-roll+2", "en", (640, 360)),
    ("history-question+sources", "de", (360, 640)),
])
def test_reveal_screens_render(tmp_path: Path, scene: str, language: str,
                               size: tuple[int, int]) -> None:
    out = take_screenshot(Shot(scene, size, language=language), tmp_path / "shot.png",
                          settings=Settings(data_dir=tmp_path / "data"))
    image = pygame.image.load(str(out))
    assert image.get_size() == size
    colours = {image.get_at((x, y))[:3] for x in range(0, size[0], 16)
               for y in range(0, size[1], 16)}
    assert len(colours) > 40  # a picture, not a blank screen


def test_names_that_are_not_reveal_scenes() -> None:
    assert reveal_recipe("reveal-puppet") is None
    assert reveal_recipe("reveal-engine+x") is None
    assert reveal_recipe("play") is None
    assert reveal_recipe("history-amt+2") is not None


def test_an_unknown_page_names_the_pages(tmp_path: Path) -> None:
    with pytest.raises(ScreenshotError, match="pages: engine, people"):
        take_screenshot(Shot("reveal-engine-nowhere", (320, 200)), tmp_path / "x.png",
                        settings=Settings(data_dir=tmp_path / "data"))
