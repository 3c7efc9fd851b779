"""The automaton at rest is never quite still: breathing, blinking, eyes that wander or follow.

Owns: ``IdleLife`` — small procedural motions laid over whatever pose the figure holds:
a slow breath, a blink every few seconds, glances, and eyes (and a little of the head) that
follow a point of interest such as the piece the visitor is dragging.

Pure arithmetic: no pygame; randomness is seeded by the caller.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from game.ui.automaton.pose import Pose

Point = tuple[float, float]
BREATH_PERIOD_S = 4.6
BREATH_STEP_S = 0.4
"""The breath moves in small steps (each well under a pixel): a figure at rest changes its
picture a few times a second, not every frame, so an untouched screen draws little."""
BLINK_S = 0.16
BLINK_STEPS = 3
EYES: Point = (0.5, -0.51)


@dataclass
class IdleLife:
    rng: random.Random
    time_s: float = 0.0
    next_blink_s: float = 2.5
    blink_left_s: float = 0.0
    glance: Point = (0.0, 0.0)
    next_glance_s: float = 3.0
    interest: Point | None = None
    """A stage point the eyes follow (the visitor's dragged piece), or ``None``."""

    def update(self, dt: float) -> None:
        self.time_s += dt
        if self.blink_left_s > 0:
            self.blink_left_s = max(0.0, self.blink_left_s - dt)
        elif self.time_s >= self.next_blink_s:
            self.blink_left_s = BLINK_S
            self.next_blink_s = self.time_s + self.rng.uniform(2.5, 6.5)
        if self.time_s >= self.next_glance_s:
            self.glance = (self.rng.uniform(-0.7, 0.7), self.rng.uniform(-0.3, 0.6))
            self.next_glance_s = self.time_s + self.rng.uniform(2.0, 5.0)

    @property
    def breath(self) -> float:
        """−1 … 1 over a slow breathing cycle."""
        stepped = math.floor(self.time_s / BREATH_STEP_S) * BREATH_STEP_S
        return math.sin(2 * math.pi * stepped / BREATH_PERIOD_S)

    @property
    def blink(self) -> float:
        """How closed the lids are for blinking, 0 … 1."""
        if self.blink_left_s <= 0:
            return 0.0
        closed = math.sin(math.pi * (1 - self.blink_left_s / BLINK_S))
        return round(closed * BLINK_STEPS) / BLINK_STEPS  # a few distinct lids, not one a frame

    def apply(self, pose: Pose, *, performing: bool) -> Pose:
        """The pose with breathing and blinking, and — when idle — gaze and a slight turn."""
        lids = max(pose.lids, self.blink)
        lean = (pose.lean[0], pose.lean[1] + 0.0035 * self.breath)
        if performing:
            return pose.with_(lids=lids, lean=lean)
        gaze = self.glance
        face = pose.face
        if self.interest is not None:
            dx = self.interest[0] - EYES[0]
            dy = self.interest[1] - EYES[1]
            gaze = (max(-1.0, min(1.0, dx * 1.6)), max(-1.0, min(1.0, dy * 0.9)))
            face = max(-0.6, min(0.6, dx * 0.7))
        return pose.with_(lids=lids, lean=lean, gaze=gaze, face=face)
