"""The attract loop redraws and presents only what changed — the Turk's arm, the board, the
notes, the drifting invitation; a frame that moved only the arm is the layer kept under the
arms and the arm — and what is on the screen is still exactly what a full
redraw would show. A greeting on the letter board and a replay are run with the real app's
loop; every frame drawn in part or skipped is compared pixel for pixel with a full redraw."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.attract.helpers import make_app, make_scene
from tests.ui.helpers import FrameChecker


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920)], ids=["landscape", "portrait"])
def test_partial_frames_of_the_attract_loop_show_what_a_full_redraw_would(
        tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, size)
    checker = FrameChecker(app, tmp_path)
    try:
        scene = make_scene(app, seed=3)
        replay = next(key for key in scene.keys if key.startswith("replay:"))
        for key in ("greeting", replay):
            scene.start_act(key)
            checker.step(5 * 60)
        counts = app.presenter.counts
        assert counts.partial > 300, counts  # the loop no longer redraws every frame whole
        assert checker.checked > 300
        assert scene.under_arms.counts.composed > 100, scene.under_arms.counts  # arms alone
        # the tour and the show animate the whole screen: drawn whole, as before
        scene.start_act("tour")
        full = counts.full
        checker.step(60)
        assert app.presenter.counts.full - full >= 59
    finally:
        app.close()
