"""The stage's vector art: the part manifests, and drawing a part at stage coordinates.

Owns: ``PartSpec`` and ``ArtBook`` (every ``parts.toml`` under ``assets/svg``, read once and
checked) and ``PartPainter`` (draws a part either into its placed rectangle or with its pivot
at a stage point, turned by an angle and, for limbs, foreshortened along their length). Parts
are rasterised by ``Assets.svg`` at the size they are drawn, so they are sharp on any screen.
Geometry is in stage units (docs/stage.md): the board is 1 × 1.
"""

from __future__ import annotations

import math
import tomllib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

import pygame

from game.ui.assets import AssetError, Assets
from game.ui.layout import Stage

FOLDERS = ("scenes", "cabinet", "props", "figure")

Point = tuple[float, float]


@dataclass(frozen=True)
class PartSpec:
    """One drawable part from a manifest."""

    name: str
    file: str
    """Path below the assets folder, e.g. ``svg/figure/torso.svg``."""
    z: int
    rect: tuple[float, float, float, float] | None = None
    """Placed parts: where the whole drawing goes (stage units)."""
    size: Point | None = None
    """Jointed parts: the drawing's size (stage units)."""
    pivot: Point = (0.0, 0.0)
    """Jointed parts: the point it turns about, from its top-left (stage units)."""
    length: float = 0.0
    """Limbs: pivot → next joint along +x."""
    extra: Mapping[str, object] = field(default_factory=dict)
    """Any other keys of the manifest entry (``at``, ``flame_at``…)."""

    def point(self, key: str) -> Point:
        """A point given in the manifest entry, e.g. ``at``.

        :raises KeyError: if the entry has no such point.
        """
        value = self.extra[key]
        if not (isinstance(value, list) and len(value) == 2):
            raise KeyError(f"part {self.name!r} has no point {key!r}")
        return float(value[0]), float(value[1])


def _pair(value: object, where: str) -> Point:
    if not (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int | float) for v in value)):
        raise AssetError(f"{where}: expected [x, y], got {value!r}")
    return float(value[0]), float(value[1])


def _spec(name: str, folder: str, entry: Mapping[str, object], where: str) -> PartSpec:
    file = entry.get("file")
    if not isinstance(file, str):
        raise AssetError(f"{where}: part {name!r} has no file")
    rect_value = entry.get("rect")
    rect = None
    if rect_value is not None:
        if not (isinstance(rect_value, list) and len(rect_value) == 4):
            raise AssetError(f"{where}: part {name!r}: rect must be [x, y, w, h]")
        rect = (float(rect_value[0]), float(rect_value[1]), float(rect_value[2]),
                float(rect_value[3]))
    size = _pair(entry["size"], where) if "size" in entry else None
    if rect is None and size is None:
        raise AssetError(f"{where}: part {name!r} needs a rect or a size")
    pivot = _pair(entry["pivot"], where) if "pivot" in entry else (0.0, 0.0)
    length = entry.get("length", 0.0)
    z = entry.get("z", 0)
    known = {"file", "rect", "size", "pivot", "length", "z"}
    extra = {k: v for k, v in entry.items() if k not in known}
    return PartSpec(name, f"svg/{folder}/{file}", int(z) if isinstance(z, int) else 0, rect,
                    size, pivot, float(length) if isinstance(length, int | float) else 0.0,
                    extra)


@dataclass(frozen=True)
class ArtBook:
    """Every part of the stage, and the figure's rig table."""

    parts: Mapping[str, PartSpec]
    rig: Mapping[str, object]

    @classmethod
    def load(cls, assets: Assets) -> ArtBook:
        """Read all manifests.

        :raises AssetError: naming the manifest and the problem.
        """
        parts: dict[str, PartSpec] = {}
        rig: dict[str, object] = {}
        for folder in FOLDERS:
            manifest = assets.path(f"svg/{folder}/parts.toml")
            try:
                data = tomllib.loads(manifest.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise AssetError(f"{manifest}: {exc}") from exc
            for name, entry in dict(data.get("parts", {})).items():
                parts[name] = _spec(name, folder, entry, str(manifest))
            rig.update(data.get("rig", {}))
        return cls(parts, rig)

    def __getitem__(self, name: str) -> PartSpec:
        return self.parts[name]


class PartPainter:
    """Draws parts onto a surface for a given stage placement."""

    def __init__(self, assets: Assets, book: ArtBook) -> None:
        self._assets = assets
        self.book = book
        self._turned: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()

    @property
    def assets(self) -> Assets:
        return self._assets

    def image(self, name: str, unit: float, *, width: float | None = None,
              height: float | None = None) -> pygame.Surface:
        """The part rasterised for ``unit`` pixels per stage unit (cached per size)."""
        spec = self.book[name]
        w, h = (spec.rect[2], spec.rect[3]) if spec.rect else (spec.size or (1.0, 1.0))
        size = (max(1, round((width or w) * unit)), max(1, round((height or h) * unit)))
        return self._assets.svg(spec.file, size)

    def prewarm(self, stage: Stage, names: list[str] | tuple[str, ...] | None = None) -> None:
        """Rasterise parts now for this stage size, so no frame waits for one later."""
        for name in names if names is not None else list(self.book.parts):
            spec = self.book[name]
            if spec.rect is not None:
                self._assets.svg(spec.file, stage.rect(*spec.rect).size)
            else:
                self.image(name, stage.unit)

    def draw_placed(self, surface: pygame.Surface, stage: Stage, name: str, *,
                    alpha: int = 255, offset: Point = (0.0, 0.0)) -> None:
        """Draw a placed part into its rectangle (moved by ``offset`` stage units)."""
        spec = self.book[name]
        assert spec.rect is not None, f"{name} is not a placed part"
        x, y, w, h = spec.rect
        rect = stage.rect(x + offset[0], y + offset[1], w, h)
        image = self._assets.svg(spec.file, rect.size)
        if alpha < 255:
            image = image.copy()
            image.set_alpha(alpha)
        surface.blit(image, rect)

    def draw_at(self, surface: pygame.Surface, stage: Stage, name: str, at: Point, *,
                angle_deg: float = 0.0, stretch: float = 1.0, scale: float = 1.0,
                alpha: int = 255) -> None:
        """Draw a jointed part with its pivot at stage point ``at``.

        ``angle_deg`` turns it clockwise on screen (0 = along +x, 90 = pointing down);
        ``stretch`` shortens it along its own x axis (a limb seen foreshortened); ``scale``
        enlarges it evenly (a hand lifted towards the viewer).
        """
        spec = self.book[name]
        w, h = spec.size or (1.0, 1.0)
        unit = stage.unit * scale
        base = self._assets.svg(spec.file, (max(1, round(w * unit)), max(1, round(h * unit))))
        pivot = pygame.Vector2(spec.pivot[0] * unit, spec.pivot[1] * unit)
        stretch = round(stretch, 3)
        angle_deg = round(angle_deg, 1)
        if abs(stretch - 1.0) > 1e-3:
            pivot.x *= round(base.get_width() * stretch) / base.get_width()
        image = self._turned_image(base, spec.file, stretch, angle_deg)
        if abs(stretch - 1.0) > 1e-3:
            base_width = max(1, round(base.get_width() * stretch))
        else:
            base_width = base.get_width()
        offset = pivot - pygame.Vector2(base_width / 2, base.get_height() / 2)
        offset.rotate_ip(angle_deg)
        target = pygame.Vector2(stage.point(*at))
        rect = image.get_rect(center=(round(target.x - offset.x), round(target.y - offset.y)))
        if alpha < 255:
            image = image.copy()  # never change the cached drawing
            image.set_alpha(alpha)
        surface.blit(image, rect)

    def bounds_at(self, stage: Stage, name: str, at: Point, *, angle_deg: float = 0.0,
                  stretch: float = 1.0, scale: float = 1.0) -> pygame.Rect:
        """The window rectangle ``draw_at`` with the same arguments draws in (a few pixels
        larger), found without drawing: the part's corners turned about its pivot."""
        spec = self.book[name]
        w, h = spec.size or (1.0, 1.0)
        unit = stage.unit * scale
        width, height = w * unit * stretch, h * unit
        pivot = pygame.Vector2(spec.pivot[0] * unit * stretch, spec.pivot[1] * unit)
        target = pygame.Vector2(stage.point(*at))
        corners = [(pygame.Vector2(x, y) - pivot).rotate(angle_deg) + target
                   for x in (0.0, width) for y in (0.0, height)]
        left, top = min(c.x for c in corners), min(c.y for c in corners)
        right, bottom = max(c.x for c in corners), max(c.y for c in corners)
        return pygame.Rect(int(left) - 3, int(top) - 3, int(right - left) + 8,
                           int(bottom - top) + 8)

    def _turned_image(self, base: pygame.Surface, file: str, stretch: float,
                      angle_deg: float) -> pygame.Surface:
        """``base`` foreshortened and turned; the last few results are kept, so a part at
        rest costs no transform at all."""
        key = (file, base.get_size(), stretch, angle_deg)
        image = self._turned.get(key)
        if image is not None:
            self._turned.move_to_end(key)
            return image
        image = base
        if abs(stretch - 1.0) > 1e-3:
            width = max(1, round(base.get_width() * stretch))
            image = pygame.transform.smoothscale(image, (width, base.get_height()))
        if angle_deg:
            image = pygame.transform.rotozoom(image, -angle_deg, 1.0)
        self._turned[key] = image
        if len(self._turned) > 64:
            self._turned.popitem(last=False)
        return image


def rotate(point: Point, about: Point, angle_deg: float) -> Point:
    """``point`` turned clockwise on screen by ``angle_deg`` about ``about``."""
    a = math.radians(angle_deg)
    dx, dy = point[0] - about[0], point[1] - about[1]
    return (about[0] + dx * math.cos(a) - dy * math.sin(a),
            about[1] + dx * math.sin(a) + dy * math.cos(a))
