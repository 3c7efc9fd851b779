"""A portrait of the whole automaton for the history screens: figure, cabinet, board.

Owns: ``AutomatonPortrait`` — composes the figure's parts (``assets/svg/figure``), the
cabinet's top and front (``assets/svg/cabinet``) and a board in the opening of a game, with
the playing arm reaching over the board, into one picture per size (cached). It is a still
picture, placed by the rig of ``parts.toml`` with a two-joint reach; the animated automaton
of the play screen lives elsewhere.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from typing import Any

import chess
import pygame

from game.ui.assets import Assets

Vec = tuple[float, float]

BOX = (-0.36, -0.8, 1.72, 2.88)
"""The portrait's extent in stage units (x, y, width, height)."""
POSITION = "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3"
GRIP = (0.69, 0.56)
"""Where the open hand hovers: over the board, as if to move."""
FRONT_RECT = (-0.34, 1.06, 1.68, 1.0)
TOP_RECT = (-0.34, -0.12, 1.68, 1.18)
CUSHION_RECT = (1.02, -0.14, 0.32, 0.24)
LIGHT, DARK = (236, 216, 176), (165, 117, 80)


def turn(v: Vec, degrees: float) -> Vec:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (v[0] * c - v[1] * s, v[0] * s + v[1] * c)


def reach(shoulder: Vec, wrist: Vec, upper: float, fore: float) -> tuple[float, float]:
    """Upper-arm and forearm directions (degrees) that put the wrist at ``wrist``, elbow out."""
    dx, dy = wrist[0] - shoulder[0], wrist[1] - shoulder[1]
    d = min(max(math.hypot(dx, dy), abs(upper - fore) + 1e-6), upper + fore - 1e-6)
    theta = math.atan2(dy, dx)
    alpha = math.acos((upper * upper + d * d - fore * fore) / (2 * upper * d))
    angle = theta - alpha
    elbow = (shoulder[0] + upper * math.cos(angle), shoulder[1] + upper * math.sin(angle))
    return math.degrees(angle), math.degrees(math.atan2(wrist[1] - elbow[1],
                                                        wrist[0] - elbow[0]))


@dataclass(frozen=True)
class _View:
    origin: Vec
    unit: float

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        left, top = self.origin[0] + x * self.unit, self.origin[1] + y * self.unit
        return pygame.Rect(round(left), round(top), round(w * self.unit), round(h * self.unit))

    def point(self, p: Vec) -> Vec:
        return (self.origin[0] + p[0] * self.unit, self.origin[1] + p[1] * self.unit)


class AutomatonPortrait:
    """The automaton, composed once per size."""

    def __init__(self, assets: Assets) -> None:
        self._assets = assets
        self._cache: dict[tuple[int, int], pygame.Surface] = {}
        self._figure: dict[str, Any] | None = None

    def _manifest(self) -> dict[str, Any]:
        if self._figure is None:
            path = self._assets.path("svg/figure/parts.toml")
            self._figure = tomllib.loads(path.read_text(encoding="utf-8"))
        return self._figure

    def picture(self, size: tuple[int, int]) -> pygame.Surface:
        """The automaton fitted into ``size`` (transparent around it)."""
        cached = self._cache.get(size)
        if cached is None:
            cached = self._compose(size)
            self._cache = {size: cached}
        return cached

    def _compose(self, size: tuple[int, int]) -> pygame.Surface:
        unit = min(size[0] / BOX[2], size[1] / BOX[3])
        origin = (size[0] / 2 - (BOX[0] + BOX[2] / 2) * unit,
                  size[1] / 2 - (BOX[1] + BOX[3] / 2) * unit)
        view = _View(origin, unit)
        canvas = pygame.Surface(size, pygame.SRCALPHA)
        data = self._manifest()
        parts, rig = data["parts"], data["rig"]
        for name in ("torso", "head", "face"):
            self._placed(canvas, view, f"svg/figure/{parts[name]['file']}", parts[name]["rect"])
        self._pupils(canvas, view, parts["pupils"], rig)
        self._placed(canvas, view, "svg/cabinet/cabinet_top.svg", TOP_RECT)
        self._board(canvas, view)
        self._placed(canvas, view, "svg/cabinet/cabinet_front.svg", FRONT_RECT)
        self._placed(canvas, view, "svg/props/cushion.svg", CUSHION_RECT)
        self._right_arm(canvas, view, parts, rig)
        self._left_arm(canvas, view, parts, rig)
        return canvas

    def _placed(self, canvas: pygame.Surface, view: _View, path: str,
                rect: tuple[float, float, float, float] | list[float]) -> None:
        target = view.rect(*rect)
        canvas.blit(self._assets.svg(path, target.size), target)

    def _jointed(self, canvas: pygame.Surface, view: _View, part: dict[str, Any],
                 at: Vec, degrees: float) -> None:
        w, h = part["size"]
        image = self._assets.svg(f"svg/figure/{part['file']}",
                                 (round(w * view.unit), round(h * view.unit)))
        px, py = part["pivot"]
        offset = turn(((px - w / 2) * view.unit, (py - h / 2) * view.unit), degrees)
        turned = pygame.transform.rotozoom(image, -degrees, 1.0)
        x, y = view.point(at)
        canvas.blit(turned, turned.get_rect(center=(round(x - offset[0]), round(y - offset[1]))))

    def _pupils(self, canvas: pygame.Surface, view: _View, part: dict[str, Any],
                rig: dict[str, Any]) -> None:
        for eye in rig["eyes"]:
            self._jointed(canvas, view, part, (eye[0] + 0.002, eye[1] + 0.002), 0.0)

    def _board(self, canvas: pygame.Surface, view: _View) -> None:
        board = chess.Board(POSITION)
        side = max(8, round(view.unit / 8))
        for square in chess.SQUARES:
            file, rank = chess.square_file(square), chess.square_rank(square)
            cell = view.rect(file / 8, (7 - rank) / 8, 1 / 8, 1 / 8)
            canvas.fill(LIGHT if (file + rank) % 2 else DARK, cell)
            piece = board.piece_at(square)
            if piece is not None:
                image = self._assets.piece(piece, side)
                canvas.blit(image, image.get_rect(center=cell.center))

    def _right_arm(self, canvas: pygame.Surface, view: _View, parts: dict[str, Any],
                   rig: dict[str, Any]) -> None:
        shoulder = tuple(rig["right_shoulder"])
        up = rig["right_upper_arm_deg"]
        length = parts["right_upper_arm"]["length"]
        elbow = turn((length, 0.0), up)
        self._jointed(canvas, view, parts["right_upper_arm"], (shoulder[0], shoulder[1]), up)
        self._jointed(canvas, view, parts["right_forearm"],
                      (shoulder[0] + elbow[0], shoulder[1] + elbow[1]), rig["right_forearm_deg"])

    def _left_arm(self, canvas: pygame.Surface, view: _View, parts: dict[str, Any],
                  rig: dict[str, Any]) -> None:
        sx, sy = rig["left_shoulder"]
        hand_deg = math.degrees(math.atan2(GRIP[1] - sy, GRIP[0] - sx))
        hand = turn((rig["hand"], 0.0), hand_deg)
        wrist = (GRIP[0] - hand[0], GRIP[1] - hand[1])
        upper, fore = reach((sx, sy), wrist, rig["upper_arm"], rig["forearm"])
        elbow = (sx + rig["upper_arm"] * math.cos(math.radians(upper)),
                 sy + rig["upper_arm"] * math.sin(math.radians(upper)))
        self._jointed(canvas, view, parts["left_upper_arm"], (sx, sy), upper)
        self._jointed(canvas, view, parts["left_hand_open"], wrist, hand_deg)
        self._jointed(canvas, view, parts["left_forearm"], elbow, fore)
