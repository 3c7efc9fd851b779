"""The attract loop in a test: the real app's services under SDL's dummy driver, a seeded
loop, fixed steps, and cheap fingerprints of what is on the screen."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Sequence
from pathlib import Path

import pygame

from game.app import App, Launch
from game.config import Settings
from game.ui.attract.scene import AttractScene

STEP = 1 / 60


def make_app(tmp_path: Path, size: tuple[int, int] = (1280, 720), *,
             language: str = "en") -> App:
    settings = Settings(data_dir=tmp_path, window_size=size, language=language, mute=True,
                        pacing=False, greeting=False, show=False)
    return App(Launch(settings))


def make_scene(app: App, *, languages: Sequence[str] = ("en", "de", "fr"), seed: int = 1,
               started: list[str] | None = None) -> AttractScene:
    """The loop on the app's stack; touches are recorded in ``started``."""
    calls = started if started is not None else []
    scene = AttractScene(app.services, languages=languages, on_start=calls.append,
                         rng=random.Random(seed))
    app.stack.replace(scene)
    return scene


def run(scene: AttractScene, seconds: float, step: float = STEP) -> None:
    for _ in range(round(seconds / step)):
        scene.update(step)


def fingerprint(surface: pygame.Surface, area: pygame.Rect | None = None) -> str:
    """A cheap hash of the frame (or part of it), scaled down to 64×36 first."""
    part = surface.subsurface(area) if area is not None else surface
    small = pygame.transform.smoothscale(part, (64, 36))
    return hashlib.blake2b(pygame.image.tobytes(small, "RGB"), digest_size=8).hexdigest()


def longest_still_s(samples: Sequence[str], every_s: float) -> float:
    """The longest time the samples stayed the same (a run of n equal samples lasts
    (n - 1) × ``every_s``)."""
    longest = run_length = 0
    for previous, current in itertools.pairwise(samples):
        run_length = run_length + 1 if current == previous else 0
        longest = max(longest, run_length)
    return longest * every_s
