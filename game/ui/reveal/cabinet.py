"""The cabinet opening on the truth: its front doors swing away from the cut-away interior.

Owns: ``CabinetView`` — draws the cabinet's front (``assets/svg/cabinet``) over one of the
interiors (``assets/svg/scenes/interior_operator.svg``: the hidden player by candlelight;
``interior_program.svg``: a computer where he sat), with the door leaves turning on their
hinges as ``opened`` goes from 0 to 1, a candle glow that breathes with time, and the
compositions the reveal needs: the program with the ghost of a person in it (people inside
the program) and the person with the program's board beside them (hybrid play).
"""

from __future__ import annotations

import math

import pygame

from game.ui.assets import Assets

ASPECT = 1.68
"""The cabinet front's width over its height (stage units 1.68 × 1.0)."""
FRONT = "svg/cabinet/cabinet_front.svg"
INTERIORS = {"operator": "svg/scenes/interior_operator.svg",
             "program": "svg/scenes/interior_program.svg"}

# The door leaves as fractions of the front: (left, right, hinge on the left?).
LEAVES = ((0.012, 0.368, True), (0.368, 0.64, True), (0.64, 0.988, False))
LEAF_TOP, LEAF_BOTTOM = 0.066, 0.83
CANDLE = (0.592, 0.40)
"""The interior candle's flame, as fractions of the front."""
BOARD_CROP = (0.665, 0.34, 0.215, 0.36)
"""The program's circuit board in ``interior_program.svg`` (x, y, w, h as fractions)."""


def fit_rect(area: pygame.Rect, aspect: float) -> pygame.Rect:
    """The largest rectangle of ``aspect`` (width / height) centred in ``area``."""
    width = min(area.width, round(area.height * aspect))
    height = round(width / aspect)
    rect = pygame.Rect(0, 0, width, height)
    rect.center = area.center
    return rect


def ease(t: float) -> float:
    """Smooth start and stop (0 → 0, 1 → 1)."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


class CabinetView:
    """Draws the cabinet front, open or closed, over an interior."""

    def __init__(self, assets: Assets) -> None:
        self._assets = assets
        self._glow: dict[int, pygame.Surface] = {}

    def front(self, size: tuple[int, int]) -> pygame.Surface:
        return self._assets.svg(FRONT, size)

    def interior(self, name: str, size: tuple[int, int]) -> pygame.Surface:
        return self._assets.svg(INTERIORS[name], size)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, interior: str, *,
             opened: float, time_s: float, ghost: float = 0.0, inset: bool = False) -> None:
        """The cabinet in ``rect`` (its aspect kept) with the doors ``opened`` (0–1).

        :param ghost: how strongly the hidden person shows through the program (0–1).
        :param inset: show the program's board beside the person (hybrid play).
        """
        size = rect.size
        surface.blit(self.interior(interior, size), rect)
        if ghost > 0:
            person = self.interior("operator", size).copy()
            person.set_alpha(round(255 * ghost))
            surface.blit(person, rect)
        if inset:
            self._draw_inset(surface, rect)
        if interior == "operator" or ghost > 0:
            self._draw_glow(surface, rect, time_s, strength=1.0 if interior == "operator"
                            else ghost)
        if opened < 1:
            self._draw_leaves(surface, rect, ease(opened))

    def _draw_leaves(self, surface: pygame.Surface, rect: pygame.Rect, opened: float) -> None:
        front = self.front(rect.size)
        angle = opened * math.radians(88)
        squeeze, lift = math.cos(angle), 1 + 0.08 * math.sin(angle)
        shade = round(255 * (1 - 0.55 * math.sin(angle)))
        top = round(rect.height * LEAF_TOP)
        height = round(rect.height * LEAF_BOTTOM) - top
        for left, right, hinge_left in LEAVES:
            x0, x1 = round(rect.width * left), round(rect.width * right)
            leaf = front.subsurface(pygame.Rect(x0, top, x1 - x0, height))
            width = max(1, round((x1 - x0) * squeeze))
            tall = round(height * lift)
            turned = pygame.transform.smoothscale(leaf, (width, tall))
            if shade < 255:
                turned = turned.copy()
                turned.fill((shade, shade, shade), special_flags=pygame.BLEND_RGB_MULT)
            x = rect.left + (x0 if hinge_left else x1 - width)
            y = rect.top + top - (tall - height) // 2
            surface.blit(turned, (x, y))

    def _draw_glow(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float, *,
                   strength: float) -> None:
        """Candle light added to the picture, brightest at the flame, breathing with time."""
        radius = max(4, round(rect.height * 0.3))
        glow = self._glow.get(radius)
        if glow is None:
            glow = pygame.Surface((radius * 2, radius * 2))
            for step in range(16, 0, -1):
                k = (1 - step / 16) ** 1.6
                pygame.draw.circle(glow, (round(90 * k), round(62 * k), round(30 * k)),
                                   (radius, radius), radius * step / 16)
            self._glow = {radius: glow}
        flicker = 0.8 + 0.12 * math.sin(time_s * 7.3) + 0.08 * math.sin(time_s * 17.9)
        level = round(255 * min(1.0, flicker * strength))
        lit = glow.copy()
        lit.fill((level, level, level), special_flags=pygame.BLEND_RGB_MULT)
        center = (rect.left + rect.width * CANDLE[0], rect.top + rect.height * CANDLE[1])
        surface.blit(lit, lit.get_rect(center=(round(center[0]), round(center[1]))),
                     special_flags=pygame.BLEND_RGB_ADD)

    def _draw_inset(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The program's board in a brass frame where the gears are: the suggestions."""
        program = self.interior("program", rect.size)
        x, y, w, h = BOARD_CROP
        crop = pygame.Rect(round(rect.width * x), round(rect.height * y),
                           round(rect.width * w), round(rect.height * h))
        board = program.subsurface(crop)
        target = pygame.Rect(0, 0, round(crop.width * 0.9), round(crop.height * 0.9))
        target.center = (rect.left + round(rect.width * 0.22), rect.top + round(rect.height * 0.4))
        frame = target.inflate(max(4, rect.width // 80), max(4, rect.width // 80))
        pygame.draw.rect(surface, (24, 16, 12), frame, border_radius=6)
        pygame.draw.rect(surface, (196, 156, 84), frame, max(2, rect.width // 300),
                         border_radius=6)
        surface.blit(pygame.transform.smoothscale(board, target.size), target)
