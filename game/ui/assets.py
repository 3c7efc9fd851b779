"""Loading the game's files: fonts, vector art, chess pieces — cached, checked at start-up.

Owns: ``Assets`` (one root, resolved through ``importlib.resources`` so an installed wheel
finds its files) and ``AssetError``. SVG art is rasterised at the size it is drawn with
``pygame.image.load_sized_svg`` and cached per size, so it is sharp on any screen. Pieces are
python-chess's own SVG set (``chess.svg.piece``).
"""

from __future__ import annotations

import io
import logging
from collections import OrderedDict
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import chess
import chess.svg
import pygame

log = logging.getLogger(__name__)

REQUIRED_FILES = (
    "fonts/ebgaramond12-regular.ttf",
    "fonts/ebgaramond12-italic.ttf",
    "fonts/ebgaramond12-bold.ttf",
    "fonts/ebgaramondsc12-regular.ttf",
    "fonts/dejavusans.ttf",
    "fonts/dejavusans-bold.ttf",
)


class AssetError(RuntimeError):
    """A file the game needs is missing or unreadable; the message names it."""


def asset_root() -> Path:
    """The folder holding the game's assets (inside the installed package)."""
    return Path(str(files("game.assets")))


def surface_bytes(surface: pygame.Surface) -> int:
    """The memory a surface's pixels take."""
    return surface.get_pitch() * surface.get_height()


class SurfaceCache(OrderedDict[tuple[object, ...], pygame.Surface]):
    """A least-recently-used cache of rendered surfaces, bounded by count and by the bytes
    their pixels take (the art of a scene left behind gives way to the scene in use)."""

    def __init__(self, limit: int, *, max_bytes: int | None = None) -> None:
        super().__init__()
        self.limit = limit
        self.max_bytes = max_bytes
        self.bytes = 0

    def fetch(self, key: tuple[object, ...]) -> pygame.Surface | None:
        surface = self.get(key)
        if surface is not None:
            self.move_to_end(key)
        return surface

    def store(self, key: tuple[object, ...], surface: pygame.Surface) -> pygame.Surface:
        old = self.pop(key, None)
        if old is not None:
            self.bytes -= surface_bytes(old)
        self[key] = surface
        self.bytes += surface_bytes(surface)
        self.trim()
        return surface

    def trim(self) -> None:
        """Drop the least recently used until within both limits (never the newest)."""
        while len(self) > 1 and (len(self) > self.limit or (
                self.max_bytes is not None and self.bytes > self.max_bytes)):
            _, dropped = self.popitem(last=False)
            self.bytes -= surface_bytes(dropped)

    def clear(self) -> None:
        super().clear()
        self.bytes = 0


MIN_ART_BYTES = 32_000_000
ART_SCREENS = 5
"""The rendered art kept: about five windows' worth of pixels (the play screen's own parts
take about three and a half), never less than ``MIN_ART_BYTES``."""


class Assets:
    """The game's files, loaded on demand and cached."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or asset_root()
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._svgs = SurfaceCache(400, max_bytes=MIN_ART_BYTES)
        self._pieces = SurfaceCache(200)

    def fit_caches(self, window: tuple[int, int]) -> None:
        """Size the art cache for a window: enough for the scene in use, not for every
        scene seen since start-up."""
        self._svgs.max_bytes = max(MIN_ART_BYTES, ART_SCREENS * 4 * window[0] * window[1])
        self._svgs.trim()

    def path(self, relative: str) -> Path:
        """The full path of an asset.

        :raises AssetError: if it does not exist.
        """
        full = self.root / relative
        if not full.is_file():
            raise AssetError(f"missing asset {relative!r} (looked in {self.root}); "
                             "reinstall the game or restore the file")
        return full

    def check(self, required: Iterable[str] = REQUIRED_FILES) -> None:
        """Fail at start-up, with every missing file named, rather than during a visit.

        :raises AssetError: listing the missing files.
        """
        missing = [name for name in required if not (self.root / name).is_file()]
        if missing:
            raise AssetError(f"missing assets in {self.root}: {', '.join(missing)}; "
                             "reinstall the game")

    def font(self, name: str, size: int) -> pygame.font.Font:
        """A bundled font (file name without folder) at a pixel size."""
        key = (name, max(4, size))
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(self.path(f"fonts/{name}"), key[1])
            self._fonts[key] = font
        return font

    def svg(self, relative: str, size: tuple[int, int]) -> pygame.Surface:
        """An SVG file rendered to fit ``size`` (aspect kept), cached per size.

        :raises AssetError: if the file is missing or cannot be rendered.
        """
        key = (relative, max(1, size[0]), max(1, size[1]))
        cached = self._svgs.fetch(key)
        if cached is not None:
            return cached
        try:
            surface = pygame.image.load_sized_svg(self.path(relative), (key[1], key[2]))
        except (pygame.error, ValueError) as exc:
            raise AssetError(f"cannot render {relative!r}: {exc}") from exc
        return self._svgs.store(key, _ready(surface))

    def piece(self, piece: chess.Piece, size: int) -> pygame.Surface:
        """A chess piece from python-chess's SVG set, ``size`` pixels square."""
        key = (piece.symbol(), max(1, size))
        cached = self._pieces.fetch(key)
        if cached is not None:
            return cached
        svg = chess.svg.piece(piece).encode()
        surface = pygame.image.load_sized_svg(io.BytesIO(svg), (key[1], key[1]))
        return self._pieces.store(key, _ready(surface))


def for_display(surface: pygame.Surface, *, opaque: bool = False) -> pygame.Surface:
    """The surface in the display's pixel format (much faster to blit), when there is one."""
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        return surface.convert() if opaque else surface.convert_alpha()
    return surface


_ready = for_display
