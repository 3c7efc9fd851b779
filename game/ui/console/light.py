"""Candlelight inside the cabinet: the backdrop, the candle, its flickering flame and glow.

Owns: ``Candle`` (the chamberstick and flame from ``assets/svg/props``, placed by the props
manifest; the flame sways and stretches and the glow breathes, from a few slow sines, so it
looks alive and costs two small blits a frame), ``compose_interior`` (the back wall of the
cabinet's interior, from ``assets/svg/scenes/interior_operator.svg``, composed once per
window size) and ``Lighting`` (one warm multiply pass over the whole window, bright by the
flame and brown in the far corners, so everything drawn before it looks candle-lit). The real
operator worked by candlelight (CONTENT.md §1.5, [W2-mitchell][LEV]).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass

import pygame

from game.ui.assets import Assets

PROPS = "svg/props"
INTERIOR = "svg/scenes/interior_operator.svg"
INTERIOR_VIEWBOX = (1680, 1000)
WALL = pygame.Rect(40, 70, 860, 730)
"""The part of the interior art with the gears, the planks and the discs overhead, and
neither the operator nor his candle (viewBox units)."""
GLOW_LEVELS = 6


@dataclass(frozen=True)
class _Prop:
    size: tuple[float, float]
    pivot: tuple[float, float]


def _props(assets: Assets) -> dict[str, dict[str, object]]:
    data = tomllib.loads(assets.path(f"{PROPS}/parts.toml").read_text(encoding="utf-8"))
    parts: dict[str, dict[str, object]] = data["parts"]
    return parts


def _prop(parts: dict[str, dict[str, object]], name: str) -> _Prop:
    size, pivot = parts[name]["size"], parts[name]["pivot"]
    assert isinstance(size, list) and isinstance(pivot, list)
    return _Prop((float(size[0]), float(size[1])), (float(pivot[0]), float(pivot[1])))


class Candle:
    """The operator's candle, drawn standing at a point, with a live flame."""

    def __init__(self, assets: Assets) -> None:
        self._assets = assets
        parts = _props(assets)
        self._stick = _prop(parts, "candle")
        self._flame = _prop(parts, "flame")
        wick = parts["candle"]["flame_at"]
        assert isinstance(wick, list)
        self._wick = (float(wick[0]), float(wick[1]))
        self._t = 0.0
        self._glows: dict[int, list[pygame.Surface]] = {}

    def update(self, dt: float) -> None:
        self._t += dt

    @property
    def intensity(self) -> float:
        """How bright the flame is now, about 0.86 to 1.0."""
        t = self._t
        return 0.93 + 0.04 * math.sin(t * 7.3) + 0.03 * math.sin(t * 12.9 + 1.7)

    def wick(self, foot: tuple[float, float], height: float) -> tuple[float, float]:
        """Window position of the wick's tip for a candle of ``height`` standing at ``foot``."""
        unit = height / self._stick.size[1]
        return (foot[0] + (self._wick[0] - self._stick.pivot[0]) * unit,
                foot[1] + (self._wick[1] - self._stick.pivot[1]) * unit)

    def draw(self, surface: pygame.Surface, foot: tuple[float, float], height: float) -> None:
        """The chamberstick standing at ``foot`` (window pixels), ``height`` tall, lit."""
        unit = height / self._stick.size[1]
        stick = self._assets.svg(f"{PROPS}/candle.svg", (round(self._stick.size[0] * unit),
                                                         round(height)))
        surface.blit(stick, (round(foot[0] - self._stick.pivot[0] * unit),
                             round(foot[1] - self._stick.pivot[1] * unit)))
        self._draw_flame(surface, self.wick(foot, height), unit)

    def _draw_flame(self, surface: pygame.Surface, wick: tuple[float, float],
                    unit: float) -> None:
        t = self._t
        size = (round(self._flame.size[0] * unit), round(self._flame.size[1] * unit))
        flame = self._assets.svg(f"{PROPS}/flame.svg", size)
        stretch = 1.0 + 0.06 * math.sin(t * 9.1) + 0.04 * math.sin(t * 15.7 + 0.6)
        stretched = pygame.transform.smoothscale(flame, (size[0], round(size[1] * stretch)))
        pivot = pygame.Vector2(self._flame.pivot[0] * unit, self._flame.pivot[1] * unit * stretch)
        angle = 2.4 * math.sin(t * 1.9) + 1.1 * math.sin(t * 5.3 + 2.0)
        rotated = pygame.transform.rotate(stretched, angle)
        offset = pivot - pygame.Vector2(stretched.get_rect().center)
        center = pygame.Vector2(wick) - offset.rotate(-angle)
        surface.blit(rotated, rotated.get_rect(center=(round(center.x), round(center.y))))

    def draw_glow(self, surface: pygame.Surface, center: tuple[float, float],
                  radius: int) -> None:
        """The flame's light on what is around it (added, so it only brightens)."""
        levels = self._glows.get(radius)
        if levels is None:
            levels = [_glow(radius, (0.24 + 0.08 * i / (GLOW_LEVELS - 1)))
                      for i in range(GLOW_LEVELS)]
            if len(self._glows) > 4:
                self._glows.clear()
            self._glows[radius] = levels
        index = round((self.intensity - 0.86) / 0.14 * (GLOW_LEVELS - 1))
        glow = levels[max(0, min(GLOW_LEVELS - 1, index))]
        surface.blit(glow, glow.get_rect(center=(round(center[0]), round(center[1]))),
                     special_flags=pygame.BLEND_RGB_ADD)


def _radial(size: tuple[int, int], center: tuple[float, float], radius: float, *,
            inner: tuple[int, int, int], outer: tuple[int, int, int],
            power: float = 1.6) -> pygame.Surface:
    """A smooth radial gradient: computed on a small grid, then scaled up."""
    grid = (48, max(1, round(48 * size[1] / max(1, size[0]))))
    small = pygame.Surface(grid)
    cx, cy = center[0] * grid[0] / size[0], center[1] * grid[1] / size[1]
    r = max(1e-6, radius * grid[0] / size[0])
    for y in range(grid[1]):
        for x in range(grid[0]):
            d = min(1.0, math.hypot(x + 0.5 - cx, y + 0.5 - cy) / r)
            f = (1.0 - d) ** power
            small.set_at((x, y), tuple(round(o + (i - o) * f) for i, o in zip(inner, outer,
                                                                              strict=True)))
    return pygame.transform.smoothscale(small, size)


def _glow(radius: int, strength: float) -> pygame.Surface:
    warm = (round(255 * strength), round(170 * strength), round(70 * strength))
    side = max(2, radius * 2)
    return _radial((side, side), (radius, radius), radius, inner=warm, outer=(0, 0, 0),
                   power=2.2)


def light_map(size: tuple[int, int], light: tuple[float, float], reach: float, *,
              near: tuple[int, int, int] = (255, 244, 222),
              far: tuple[int, int, int] = (150, 118, 92)) -> pygame.Surface:
    """A multiply map for a ``size`` area lit from ``light`` (area pixels): warm and full
    near the flame, dimmer and browner ``reach`` pixels away and beyond."""
    return _radial(size, light, reach, inner=near, outer=far, power=0.8)


class Lighting:
    """The candle's light over a whole window: one multiply pass (composed per size)."""

    def __init__(self) -> None:
        self._map: tuple[tuple[object, ...], pygame.Surface] | None = None

    def apply(self, surface: pygame.Surface, light: tuple[float, float], reach: float) -> None:
        """Light everything drawn so far on ``surface`` by a candle at ``light``."""
        key = (surface.get_size(), round(light[0]), round(light[1]), round(reach))
        if self._map is None or self._map[0] != key:
            self._map = (key, light_map(surface.get_size(), light, reach))
        surface.blit(self._map[1], (0, 0), special_flags=pygame.BLEND_RGB_MULT)


def compose_interior(assets: Assets, size: tuple[int, int]) -> pygame.Surface:
    """The cabinet's back wall filling ``size`` (unlit: :class:`Lighting` lights it).

    :raises AssetError: if the interior art is missing.
    """
    art = assets.svg(INTERIOR, INTERIOR_VIEWBOX)
    wall = art.subsurface(WALL)
    scale = max(size[0] / WALL.width, size[1] / WALL.height)
    scaled = pygame.transform.smoothscale(wall, (math.ceil(WALL.width * scale),
                                                 math.ceil(WALL.height * scale)))
    canvas = pygame.Surface(size)
    canvas.blit(scaled, ((size[0] - scaled.get_width()) // 2,
                         (size[1] - scaled.get_height()) // 2))
    return canvas
