"""The automaton's pose: every degree of freedom the view draws, as plain numbers.

Owns: ``Pose`` (frozen) and ``blend`` (interpolation between two poses). The left hand is
given by where its grip point should be; the arm follows by inverse kinematics when drawn.

Pure arithmetic: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

Point = tuple[float, float]

REST_HAND: Point = (1.21, -0.02)
"""Where the left hand rests, on the cushion beside the board (stage units)."""


@dataclass(frozen=True)
class Pose:
    hand: Point = REST_HAND
    """Stage point the left hand's grip point is at."""
    hand_shape: str = "open"
    """``open``, ``grip`` (holding a piece) or ``point`` (the letter board)."""
    lift: float = 0.0
    """How high the hand is raised, 0 (touching the board) to 1 (carrying height)."""
    head_deg: float = 0.0
    """Head tilt about the neck, clockwise on screen."""
    face: float = 0.0
    """Turning the head: −1 (to the viewer's left) … 1 (right)."""
    gaze: Point = (0.0, 0.0)
    """Where the pupils look, each axis −1 … 1."""
    lids: float = 0.0
    """Eyelids: 0 open … 1 closed."""
    tap: float = 0.0
    """The right forearm raised for a rap on the cabinet: 0 resting … 1 raised."""
    lean: Point = (0.0, 0.0)
    """The torso's lean (stage units), e.g. a bow."""
    nod: float = 0.0
    """The head bowed forward: 0 upright … 1 a full nod."""

    def with_(self, **changes: object) -> Pose:
        """A copy with some channels changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


REST = Pose()


def _mix(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _mix2(a: Point, b: Point, t: float) -> Point:
    return (_mix(a[0], b[0], t), _mix(a[1], b[1], t))


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` of the way from ``a`` to ``b`` (hand shape switches at 1)."""
    return Pose(
        hand=_mix2(a.hand, b.hand, t),
        hand_shape=b.hand_shape if t >= 1.0 else a.hand_shape,
        lift=_mix(a.lift, b.lift, t),
        head_deg=_mix(a.head_deg, b.head_deg, t),
        face=_mix(a.face, b.face, t),
        gaze=_mix2(a.gaze, b.gaze, t),
        lids=_mix(a.lids, b.lids, t),
        tap=_mix(a.tap, b.tap, t),
        lean=_mix2(a.lean, b.lean, t),
        nod=_mix(a.nod, b.nod, t),
    )
