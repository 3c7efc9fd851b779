"""Burn-in: in ten minutes of the attract loop at 1920×1080 no frame — and no frame of the
acts' part of the screen — stays the same for more than ten seconds; and the check does catch
a frozen act and a frozen screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.app import App
from game.ui.attract.board_acts import ReplayAct
from game.ui.attract.invitation import Invitation
from game.ui.attract.scene import AttractScene
from tests.attract.helpers import STEP, fingerprint, longest_still_s, make_app, make_scene

SAMPLE_S = 0.5
LIMIT_S = 10.0


@pytest.fixture
def big_app(tmp_path: Path) -> Iterator[App]:
    app = make_app(tmp_path, (1920, 1080))
    yield app
    app.close()


def sample(app: App, scene: AttractScene, seconds: float) -> tuple[list[str], list[str]]:
    """Fingerprints of the whole frame and of the acts' area, every half second."""
    whole: list[str] = []
    acts: list[str] = []
    per_sample = round(SAMPLE_S / STEP)
    for _ in range(round(seconds / SAMPLE_S)):
        for _ in range(per_sample):
            scene.update(STEP)
        scene.draw(app.screen, 0.0)
        whole.append(fingerprint(app.screen))
        acts.append(fingerprint(app.screen, scene.layout.act_area))
    return whole, acts


def test_nothing_stands_still_for_ten_seconds_in_ten_minutes(big_app: App) -> None:
    scene = make_scene(big_app, seed=7)
    whole, acts = sample(big_app, scene, 10 * 60)
    kinds = {key.partition(":")[0] for key in scene.history}
    assert kinds == {"replay", "tour", "greeting", "show"}  # every act was watched
    assert longest_still_s(whole, SAMPLE_S) <= LIMIT_S
    assert longest_still_s(acts, SAMPLE_S) <= LIMIT_S


def test_a_frozen_act_is_caught(big_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReplayAct, "update", lambda self, dt: None)
    scene = make_scene(big_app, seed=7)
    scene.start_act("replay:napoleon-1809")
    whole, acts = sample(big_app, scene, 30)
    assert longest_still_s(acts, SAMPLE_S) > LIMIT_S
    assert longest_still_s(whole, SAMPLE_S) < LIMIT_S  # the invitation alone still drifts


def test_a_frozen_screen_is_caught(big_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReplayAct, "update", lambda self, dt: None)
    monkeypatch.setattr(Invitation, "update", lambda self, dt: None)
    scene = make_scene(big_app, seed=7)
    scene.start_act("replay:napoleon-1809")
    whole, _ = sample(big_app, scene, 30)
    assert longest_still_s(whole, SAMPLE_S) > LIMIT_S


def test_the_stillness_count() -> None:
    assert longest_still_s(["a", "a", "a", "b", "b"], 0.5) == 1.0
    assert longest_still_s(["a", "b", "c"], 0.5) == 0.0
    assert longest_still_s(["a"] * 22, 0.5) == 10.5
