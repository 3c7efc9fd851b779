"""Every act of the attract loop performs and draws to its end without failing: the loop's
safety net (a failing act is logged as a warning and skipped) must never be what keeps it
running."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.attract.helpers import make_app, make_scene

STEP = 1 / 30


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_no_act_fails_over_a_round_of_every_act(tmp_path: Path, size: tuple[int, int],
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="game.ui.attract")
    app = make_app(tmp_path, size)
    try:
        scene = make_scene(app, seed=11)
        for index in range(round(20 * 60 / STEP)):  # twenty minutes: every act, twice over
            scene.update(STEP)
            if index % 15 == 0:
                scene.draw(app.screen, 0.0)
        kinds = {key.split(":")[0] for key in scene.history}
        assert {"replay", "tour", "show", "greeting"} <= kinds, kinds
    finally:
        app.close()
    failures = [r.getMessage() for r in caplog.records if "fail" in r.getMessage()]
    assert failures == []
