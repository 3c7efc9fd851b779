"""Drawing the automaton from a pose: body behind the cabinet, arms in front of the board.

Owns: ``AutomatonView``. The figure is drawn in two passes because the cabinet top and the
board lie between its body and its arms: ``draw_body`` (torso, head, face, eyes) before the
cabinet, ``draw_arms`` (the resting right arm, the playing left arm solved by inverse
kinematics, the carried piece with its shadow) after the pieces. Drawing changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import chess
import pygame

from game.ui.art import PartPainter, rotate
from game.ui.assets import Assets
from game.ui.automaton.ik import ArmPose, ArmRig, solve
from game.ui.automaton.pose import Pose
from game.ui.layout import Stage

Point = tuple[float, float]
NOD_DROP = 0.014
"""How far the head sinks at a full nod (stage units)."""
FACE_SLIDE = 0.02
"""How far the face slides at a full turn of the head (stage units)."""
LIFT_RISE = 0.03
"""How far up the screen a fully lifted hand appears (its height above the board)."""
LIFT_GROWTH = 0.12
"""How much larger a fully lifted hand and piece are drawn (nearer the viewer)."""
TAP_DEG = -7.0
BODY = (0.0, -0.76, 1.0, 0.76)
"""The torso and the head at rest (stage units: x, y, w, h), from the parts' rectangles."""
BODY_MARGIN = 0.14
"""How far beyond ``BODY`` the torso and head can draw: the longest lean (``MAX_LEAN`` of
the arm's reach plus a breath), a nod, a turned head's corners."""


@dataclass(frozen=True)
class _Head:
    neck: Point
    """Where the neck pivot is drawn (after lean and nod)."""
    angle: float
    offset: Point
    """How far the head's parts move with the lean and the nod."""


def _add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


class AutomatonView:
    """Draws the figure for a pose."""

    def __init__(self, assets: Assets, painter: PartPainter) -> None:
        self._assets = assets
        self._painter = painter
        rig = painter.book.rig
        self.arm = ArmRig.from_manifest(rig)
        self.neck = _point(rig["neck"])
        eyes = rig["eyes"]
        assert isinstance(eyes, list)
        self.eyes = [_point(e) for e in eyes]
        travel = rig["pupil_travel"]
        self.pupil_travel = float(travel) if isinstance(travel, int | float) else 0.004
        self.right_shoulder = _point(rig["right_shoulder"])
        self.right_upper_deg = _number(rig["right_upper_arm_deg"])
        self.right_fore_deg = _number(rig["right_forearm_deg"])

    def solve_arm(self, pose: Pose) -> ArmPose:
        raised = (pose.hand[0], pose.hand[1] - LIFT_RISE * pose.lift)
        return solve(self.arm, raised, lean=pose.lean)

    # -- where the drawing goes ----------------------------------------------------------

    def body_bounds(self, stage: Stage) -> pygame.Rect:
        """The window rectangle the torso, head, face and eyes can draw in, in any pose."""
        x, y, w, h = BODY
        m = BODY_MARGIN
        return stage.rect(x - m, y - m, w + 2 * m, h + 2 * m)

    def arm_bounds(self, stage: Stage, pose: Pose, carried: chess.Piece | None) -> pygame.Rect:
        """The window rectangle the playing (left) arm, its hand and the piece it carries
        (with its shadow) draw in for ``pose``, found as ``draw_arms`` places them."""
        arm = self.solve_arm(pose)
        bounds = self._painter.bounds_at
        grow = 1.0 + LIFT_GROWTH * pose.lift
        boxes = [bounds(stage, "left_upper_arm", arm.shoulder, angle_deg=arm.upper_deg,
                        stretch=arm.upper_stretch),
                 bounds(stage, "left_forearm", arm.elbow, angle_deg=arm.fore_deg,
                        stretch=arm.fore_stretch),
                 bounds(stage, f"left_hand_{pose.hand_shape}", arm.wrist,
                        angle_deg=arm.fore_deg, scale=grow)]
        if carried is not None:
            size = stage.unit / 8 * 0.94 * (1.0 + 0.15 * pose.lift)
            for x, y in (pose.hand, (pose.hand[0], pose.hand[1] - LIFT_RISE * pose.lift)):
                centre = stage.point(x, y)
                boxes.append(pygame.Rect(round(centre[0] - size * 0.7) - 3,
                                         round(centre[1] - size * 0.6) - 3,
                                         round(size * 1.4) + 6, round(size * 1.6) + 6))
        return boxes[0].unionall(boxes[1:])

    def resting_arm_bounds(self, stage: Stage, pose: Pose) -> pygame.Rect:
        """The window rectangle the resting (right) arm draws in for ``pose`` (it moves with
        the torso's lean and lifts its forearm to rap the cabinet)."""
        arm = self.solve_arm(pose)
        shoulder = _add(self.right_shoulder, arm.lean)
        length = self._painter.book["right_upper_arm"].length
        elbow = rotate((shoulder[0] + length, shoulder[1]), shoulder, self.right_upper_deg)
        bounds = self._painter.bounds_at
        upper = bounds(stage, "right_upper_arm", shoulder, angle_deg=self.right_upper_deg)
        fore = bounds(stage, "right_forearm", elbow,
                      angle_deg=self.right_fore_deg + TAP_DEG * pose.tap)
        return upper.union(fore)

    # -- behind the cabinet ---------------------------------------------------------------

    def draw_body(self, surface: pygame.Surface, stage: Stage, pose: Pose, *,
                  turned_round: bool = False) -> None:
        paint = self._painter
        if turned_round:
            return  # the back view is drawn in front of the cabinet top by draw_arms
        arm = self.solve_arm(pose)
        lean = arm.lean
        paint.draw_placed(surface, stage, "torso", offset=lean)
        drop = (lean[0], lean[1] + NOD_DROP * pose.nod)
        neck = _add(self.neck, drop)
        head = _Head(neck, pose.head_deg, drop)
        self._draw_turned(surface, stage, "head", head)
        slide = (FACE_SLIDE * pose.face, 0.0)
        self._draw_turned(surface, stage, "face", head, slide=slide)
        for eye in self.eyes:
            centre = _add(_add(eye, slide), (lean[0], lean[1] + NOD_DROP * pose.nod))
            centre = rotate(centre, neck, pose.head_deg)
            look = (centre[0] + pose.gaze[0] * self.pupil_travel,
                    centre[1] + pose.gaze[1] * self.pupil_travel)
            paint.draw_at(surface, stage, "pupils", look)
        if pose.lids > 0.05:
            self._draw_turned(surface, stage, "eyelids", head, slide=slide,
                              alpha=round(255 * min(1.0, pose.lids * 1.4)))

    def _draw_turned(self, surface: pygame.Surface, stage: Stage, name: str, head: _Head, *,
                     slide: Point = (0.0, 0.0), alpha: int = 255) -> None:
        """A placed part of the head, turned with the head about the neck."""
        spec = self._painter.book[name]
        assert spec.rect is not None
        x, y, w, h = spec.rect
        neck, angle = head.neck, head.angle
        top_left = (x + slide[0] + head.offset[0], y + slide[1] + head.offset[1])
        if abs(angle) < 0.05:
            self._painter.draw_placed(surface, stage, name, offset=(
                top_left[0] - x, top_left[1] - y), alpha=alpha)
            return
        centre = (top_left[0] + w / 2, top_left[1] + h / 2)
        turned = rotate(centre, neck, angle)
        image = self._painter.image(name, stage.unit)
        rotated = pygame.transform.rotozoom(image, -angle, 1.0)
        if alpha < 255:
            rotated.set_alpha(alpha)
        surface.blit(rotated, rotated.get_rect(center=stage.point(*turned)))

    # -- in front of the board ----------------------------------------------------------

    def draw_arms(self, surface: pygame.Surface, stage: Stage, pose: Pose,
                  carried: chess.Piece | None, *, turned_round: bool = False) -> None:
        paint = self._painter
        if turned_round:
            paint.draw_placed(surface, stage, "back")
            return
        arm = self.solve_arm(pose)
        lean = arm.lean
        shoulder = _add(self.right_shoulder, lean)
        paint.draw_at(surface, stage, "right_upper_arm", shoulder, angle_deg=self.right_upper_deg)
        length = paint.book["right_upper_arm"].length
        elbow = rotate((shoulder[0] + length, shoulder[1]), shoulder, self.right_upper_deg)
        paint.draw_at(surface, stage, "right_forearm", elbow,
                      angle_deg=self.right_fore_deg + TAP_DEG * pose.tap)
        if carried is not None:
            self._draw_carried(surface, stage, pose, carried)
        paint.draw_at(surface, stage, "left_upper_arm", arm.shoulder, angle_deg=arm.upper_deg,
                      stretch=arm.upper_stretch)
        grow = 1.0 + LIFT_GROWTH * pose.lift
        paint.draw_at(surface, stage, f"left_hand_{pose.hand_shape}", arm.wrist,
                      angle_deg=arm.fore_deg, scale=grow)
        paint.draw_at(surface, stage, "left_forearm", arm.elbow, angle_deg=arm.fore_deg,
                      stretch=arm.fore_stretch)

    def _draw_carried(self, surface: pygame.Surface, stage: Stage, pose: Pose,
                      piece: chess.Piece) -> None:
        size = round(stage.unit / 8 * 0.94 * (1.0 + 0.15 * pose.lift))
        ground = stage.point(*pose.hand)
        if pose.lift > 0.02:
            shadow = pygame.Surface((size, size // 2), pygame.SRCALPHA)
            pygame.draw.ellipse(shadow, (20, 10, 5, round(90 * pose.lift)), shadow.get_rect())
            surface.blit(shadow, shadow.get_rect(center=(ground[0] + size * 0.08 * pose.lift,
                                                         ground[1] + size * 0.3)))
        raised = stage.point(pose.hand[0], pose.hand[1] - LIFT_RISE * pose.lift)
        image = self._assets.piece(piece, size)
        surface.blit(image, image.get_rect(center=raised))


def _point(value: object) -> Point:
    assert isinstance(value, list) and len(value) == 2
    return float(value[0]), float(value[1])


def _number(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)
