"""The playing arm's inverse kinematics: where the shoulder, elbow and wrist go.

Owns: ``ArmRig`` (the arm's joints and limits, read from the figure's manifest) and ``solve``
(two-joint inverse kinematics by the law of cosines, elbow out). The arm is drawn in the
picture plane, but it lives in depth: when the hand comes near the body the arm bends towards
the viewer, so its segments are drawn shorter ("foreshortened") rather than folding into an
unnatural hairpin. Targets beyond reach are met by leaning the torso a little.

Pure arithmetic: no pygame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

Point = tuple[float, float]

NATURAL_REACH = 0.9
"""The straightness of the arm (reach ÷ full length) at which it is drawn at full length."""
MIN_STRETCH = 0.36
"""The shortest the arm is ever drawn, as a fraction of its length."""
MAX_LEAN = 0.09
"""How far (stage units) the torso may lean towards a target out of reach."""
LEAN_FROM = 0.9
"""The reach (÷ full length) from which the torso begins to lean towards the target."""


@dataclass(frozen=True)
class ArmRig:
    shoulder: Point
    upper: float
    fore: float
    hand: float
    elbow_bend_deg: tuple[float, float]
    shoulder_deg: tuple[float, float]

    @property
    def length(self) -> float:
        return self.upper + self.fore + self.hand

    @classmethod
    def from_manifest(cls, rig: Mapping[str, object]) -> ArmRig:
        """The left arm from the figure manifest's ``[rig]`` table.

        :raises ValueError: if a value is missing or not a number.
        """
        def pair(key: str) -> Point:
            value = rig[key]
            if not isinstance(value, list) or len(value) != 2:
                raise ValueError(f"rig.{key} must be [a, b]")
            return float(value[0]), float(value[1])

        def number(key: str) -> float:
            value = rig[key]
            if not isinstance(value, int | float):
                raise ValueError(f"rig.{key} must be a number")
            return float(value)

        return cls(pair("left_shoulder"), number("upper_arm"), number("forearm"),
                   number("hand"), pair("elbow_bend_deg"), pair("shoulder_deg"))


@dataclass(frozen=True)
class ArmPose:
    """A solved arm: joint positions (stage units), directions (degrees) and foreshortening."""

    shoulder: Point
    elbow: Point
    wrist: Point
    grip: Point
    upper_deg: float
    fore_deg: float
    """Direction of the forearm and hand (0 = +x, 90 = down)."""
    upper_stretch: float
    """How much of the upper arm's length shows (1 = full; less when foreshortened)."""
    fore_stretch: float
    lean: Point
    """How far the torso leaned to reach."""
    elbow_bend_deg: float
    """The interior bend at the elbow in the picture (0 = straight)."""


def _smoothstep(value: float) -> float:
    t = min(1.0, max(0.0, value))
    return t * t * (3 - 2 * t)


def _lean_towards(rig: ArmRig, target: Point, lean: Point) -> tuple[Point, Point]:
    """The shoulder (after leaning) and the lean.

    The torso starts to lean gently before the arm is straight, so the arm never snaps
    through its last few degrees (where an elbow swings fastest for a small reach).
    """
    shoulder = (rig.shoulder[0] + lean[0], rig.shoulder[1] + lean[1])
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    distance = math.hypot(dx, dy)
    start = LEAN_FROM * rig.length
    if distance > start:
        extra = min(MAX_LEAN, (distance - start) * 0.6, distance - rig.length * 0.9)
        extra = max(0.0, extra)
        shoulder = (shoulder[0] + dx / distance * extra, shoulder[1] + dy / distance * extra)
        lean = (lean[0] + dx / distance * extra, lean[1] + dy / distance * extra)
    return shoulder, lean


def solve(rig: ArmRig, target: Point, *, lean: Point = (0.0, 0.0)) -> ArmPose:
    """Place the arm so its grip point is at ``target`` (stage units).

    Over the board the elbow bows outwards; beside the body, to the right of the shoulder,
    it hangs down, the arm resting like its twin on the other side — the two solutions are
    blended smoothly in between. The torso leans by ``lean`` plus whatever (up to
    ``MAX_LEAN``) a target out of reach needs.
    """
    shoulder, lean = _lean_towards(rig, target, lean)
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    distance = max(1e-6, math.hypot(dx, dy))
    stretch = min(1.0, max(MIN_STRETCH, distance / (NATURAL_REACH * rig.length)))
    first = rig.upper * stretch
    second = (rig.fore + rig.hand) * stretch
    span = min(max(distance, abs(first - second) + 1e-6), first + second - 1e-9)
    toward = math.atan2(dy, dx)
    cos_shoulder = (first * first + span * span - second * second) / (2 * first * span)
    offset = math.acos(max(-1.0, min(1.0, cos_shoulder)))
    outward = toward - offset  # the counter-clockwise side on screen: away from the body
    hanging = toward + offset
    weight = _smoothstep((target[0] - shoulder[0] - 0.08) / 0.22) * _smoothstep(
        (0.35 - target[1]) / 0.25)
    elbow = ((1 - weight) * math.cos(outward) + weight * math.cos(hanging),
             (1 - weight) * math.sin(outward) + weight * math.sin(hanging))
    norm = math.hypot(*elbow) or 1.0
    elbow = (shoulder[0] + first * elbow[0] / norm, shoulder[1] + first * elbow[1] / norm)
    fore = math.atan2(target[1] - elbow[1], target[0] - elbow[0])
    wrist = (target[0] - rig.hand * math.cos(fore), target[1] - rig.hand * math.sin(fore))
    upper = math.atan2(elbow[1] - shoulder[1], elbow[0] - shoulder[0])
    fore_length = math.hypot(wrist[0] - elbow[0], wrist[1] - elbow[1])
    bend = abs((math.degrees(fore - upper) + 180) % 360 - 180)
    return ArmPose(shoulder, elbow, wrist, target, math.degrees(upper), math.degrees(fore),
                   first / rig.upper, max(0.05, fore_length / rig.fore), lean, bend)


def within_limits(rig: ArmRig, pose: ArmPose) -> bool:
    """Whether no joint is beyond its limits."""
    low, high = rig.shoulder_deg
    upper = pose.upper_deg
    while upper < low:
        upper += 360
    return low <= upper <= high and rig.elbow_bend_deg[0] <= pose.elbow_bend_deg \
        <= rig.elbow_bend_deg[1]
