"""The fixed-step clock: logic at 60 Hz, drawing as often as frames come, interpolated.

Owns: ``FixedStep`` — turns the real time between frames into a whole number of logic steps
and an interpolation fraction for drawing ("Fix your timestep"). A long stall (a dragged
window, a slow disk) is clamped so the game never tries to catch up in a burst.
"""

from __future__ import annotations

from dataclasses import dataclass

STEP_S = 1.0 / 60.0


@dataclass
class FixedStep:
    """Accumulates frame time and hands out fixed steps."""

    step_s: float = STEP_S
    max_steps: int = 5
    """At most this many logic steps per frame; anything beyond is dropped."""
    max_frame_s: float = 0.25
    """A longer frame (a stall) counts as this long."""
    accumulator: float = 0.0

    def advance(self, frame_s: float) -> tuple[int, float]:
        """Add one frame's time; return (steps to run now, interpolation alpha in [0, 1))."""
        self.accumulator += max(0.0, min(frame_s, self.max_frame_s))
        steps = int(self.accumulator / self.step_s)
        if steps > self.max_steps:
            steps = self.max_steps
            self.accumulator = 0.0
        else:
            self.accumulator -= steps * self.step_s
        return steps, self.accumulator / self.step_s
