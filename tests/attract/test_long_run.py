"""An hour of the attract loop, stepped fast: no act piles up behind the one performing, every
cache stays within its bound, the Python heap stays flat, and no ERROR is logged (the
conftest fails any test that logs one)."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest

from game.app import App
from tests.attract.helpers import make_app, make_scene

pytestmark = pytest.mark.slow

STEP = 1 / 20
"""A coarse step (the loop takes any ``dt``): an hour in a few seconds of real time."""
ALIVE_AT_MOST_ONE = ("Automaton", "BoardView", "Captions", "Match", "GameSession", "Staging",
                     "ReplayAct", "GreetingAct", "TourAct", "ShowAct", "_LoopTour", "_LoopShow",
                     "AttractScene")


def census() -> tuple[int, Counter[str]]:
    gc.collect()
    objects = gc.get_objects()
    return len(objects), Counter(type(o).__name__ for o in objects)


def cache_sizes(app: App) -> dict[str, tuple[int, int]]:
    """(size, bound) of every cache the loop draws through."""
    services = app.services
    return {
        "text": (len(services.text._cache), services.text._limit),
        "wrapped": (len(services.text._wrapped), services.text._limit),
        "svgs": (len(services.assets._svgs), services.assets._svgs.limit),
        "pieces": (len(services.assets._pieces), services.assets._pieces.limit),
        "turned": (len(services.painter._turned), 64),
    }


def test_eighty_minutes_leave_nothing_growing(tmp_path: Path) -> None:
    app = make_app(tmp_path, (1280, 720))
    try:
        scene = make_scene(app, seed=3)
        heap: list[int] = []
        for minute in range(1, 81):  # enough acts to fill the bounded log of acts
            for index in range(round(60 / STEP)):
                scene.update(STEP)
                if index % 100 == 0:  # a frame every five seconds
                    scene.draw(app.screen, 0.0)
            if minute % 20 == 0:
                count, kinds = census()
                heap.append(count)
                piled = {name: kinds[name] for name in ALIVE_AT_MOST_ONE if kinds[name] > 1}
                assert piled == {}, (minute, piled)
                assert all(size <= bound for size, bound in cache_sizes(app).values())
                footprint = scene.footprint()
                assert footprint["history"] <= 64 and footprint["fitted"] <= 6
        assert len(scene.history) == 64  # the log of acts is bounded, and it was filled
        assert heap[-1] <= heap[0] * 1.05, heap
    finally:
        app.close()
