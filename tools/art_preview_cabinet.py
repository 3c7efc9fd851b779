"""Render the cabinet, prop and scene art into preview PNGs under ``out/``.

Owns: reading the three art manifests (``assets/svg/{cabinet,props,scenes}/parts.toml``) and
composing them the way docs/stage.md places them, so the art can be judged at the sizes the game
uses. It is a tool for the artist, not part of the game: it must not import ``game``.

Usage (headless)::

    SDL_VIDEODRIVER=dummy .venv/bin/python tools/art_preview_cabinet.py [--only NAME ...]

Pictures written (all in ``out/``):
    part_<folder>_<name>.png      each part alone on a checkerboard (580 px per unit)
    stage_landscape.png           1920x1080, 580 px/unit, as during play
    stage_portrait.png            1080x1920, 620 px/unit
    stage_landscape_300.png       the landscape stage at 300 px/unit
    stage_landscape_1300.png      the cabinet at 1300 px/unit (large)
    exhibition.png                whole front: door 1 open + glow + candle, main open, drawer
    interiors.png                 the two cut-away interiors under the cabinet top
    letter_board.png              the letter board with its letters drawn from the cell table
    knights_tour.png              counters on the board
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import chess
import chess.svg
import pygame

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "assets" / "svg"
OUT = ROOT / "out"
FONT = ROOT / "assets" / "fonts" / "ebgaramond12-regular.ttf"
LIGHT = (240, 217, 181)
DARK = (181, 136, 99)


@dataclass(frozen=True)
class Part:
    """One manifest entry: a placed part (``rect``) or a pivoted one (``size`` + ``pivot``)."""

    folder: str
    name: str
    file: Path
    z: int
    rect: tuple[float, float, float, float] | None
    size: tuple[float, float]
    pivot: tuple[float, float] | None
    extra: dict[str, object]


def load_parts(folder: str) -> dict[str, Part]:
    """Read ``assets/svg/<folder>/parts.toml`` into parts keyed by name.

    :raises FileNotFoundError: if the manifest is missing.
    :raises KeyError: if an entry lacks ``file`` or both ``rect`` and ``size``.
    """
    data = tomllib.loads((SVG / folder / "parts.toml").read_text(encoding="utf-8"))
    parts: dict[str, Part] = {}
    for name, entry in data["parts"].items():
        rect = tuple(entry["rect"]) if "rect" in entry else None
        size = (rect[2], rect[3]) if rect else tuple(entry["size"])
        pivot = tuple(entry["pivot"]) if "pivot" in entry else None
        known = {"file", "rect", "size", "pivot", "z"}
        parts[name] = Part(folder, name, SVG / folder / entry["file"], int(entry.get("z", 0)),
                           rect, size, pivot,  # type: ignore[arg-type]
                           {k: v for k, v in entry.items() if k not in known})
    return parts


class Stage:
    """Maps stage units to pixels on one canvas and draws parts onto it."""

    def __init__(self, canvas: pygame.Surface, ppu: float, origin: tuple[float, float]) -> None:
        self.canvas = canvas
        self.ppu = ppu
        self.origin = origin  # stage point drawn at the canvas's top-left corner

    def px(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.origin[0]) * self.ppu, (y - self.origin[1]) * self.ppu)

    def render(self, part: Part) -> pygame.Surface:
        w, h = part.size
        return pygame.image.load_sized_svg(str(part.file), (round(w * self.ppu),
                                                            round(h * self.ppu)))

    def place(self, part: Part, at: tuple[float, float] | None = None,
              angle_deg: float = 0.0) -> None:
        """Draw a part at its rect, or with its pivot on ``at`` turned by ``angle_deg``."""
        if not part.file.exists():
            print("missing", part.file)
            return
        image = self.render(part)
        if part.rect is not None and at is None:
            self.canvas.blit(image, [round(v) for v in self.px(part.rect[0], part.rect[1])])
            return
        assert part.pivot is not None and at is not None
        pivot_px = pygame.Vector2(part.pivot) * self.ppu
        centre = pygame.Vector2(image.get_size()) / 2
        turned = pygame.transform.rotozoom(image, -angle_deg, 1.0)
        offset = (centre - pivot_px).rotate(angle_deg)
        x, y = self.px(*at)
        self.canvas.blit(turned, turned.get_rect(center=(x + offset.x, y + offset.y)))

    def squares(self) -> None:
        """The plain 8x8 board the game draws in code."""
        s = self.ppu / 8
        for file in range(8):
            for rank in range(8):
                x, y = self.px(file / 8, rank / 8)
                colour = LIGHT if (file + rank) % 2 == 0 else DARK
                self.canvas.fill(colour, pygame.Rect(round(x), round(y),
                                                     round(x + s) - round(x),
                                                     round(y + s) - round(y)))

    def piece(self, symbol: str, x: float, y: float, size: float) -> None:
        data = chess.svg.piece(chess.Piece.from_symbol(symbol)).encode()
        px = round(size * self.ppu)
        image = pygame.image.load_sized_svg(io.BytesIO(data), (px, px))
        cx, cy = self.px(x, y)
        self.canvas.blit(image, image.get_rect(center=(round(cx), round(cy))))

    def position(self, fen: str) -> None:
        board = chess.Board(fen)
        for square, piece in board.piece_map().items():
            self.piece(piece.symbol(), chess.square_file(square) / 8 + 1 / 16,
                       (7 - chess.square_rank(square)) / 8 + 1 / 16, 0.118)

    def silhouette(self) -> None:
        """A grey stand-in for the figure (the figure is another folder's art)."""
        grey = (92, 88, 84)
        cx, cy = self.px(0.5, -0.5)
        r = 0.11 * self.ppu
        body = [self.px(0.08, 0.0), self.px(0.14, -0.30), self.px(0.86, -0.30),
                self.px(0.92, 0.0)]
        pygame.draw.polygon(self.canvas, grey, body)
        pygame.draw.circle(self.canvas, grey, (cx, cy), r)
        pygame.draw.ellipse(self.canvas, (110, 104, 98),
                            pygame.Rect(cx - 1.4 * r, cy - 2.2 * r, 2.8 * r, 1.6 * r))


def checkerboard(size: tuple[int, int], cell: int = 16) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill((200, 200, 200))
    for y in range(0, size[1], cell):
        for x in range((y // cell) % 2 * cell, size[0], 2 * cell):
            surface.fill((150, 150, 150), pygame.Rect(x, y, cell, cell))
    return surface


def save(surface: pygame.Surface, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    pygame.image.save(surface, str(OUT / name))
    print("wrote", OUT / name)


def parts_alone(all_parts: list[Part], ppu: float = 580) -> None:
    for part in all_parts:
        if not part.file.exists():
            print("missing", part.file)
            continue
        w, h = part.size
        image = pygame.image.load_sized_svg(str(part.file), (round(w * ppu), round(h * ppu)))
        canvas = checkerboard((image.get_width() + 40, image.get_height() + 40))
        canvas.blit(image, (20, 20))
        if part.pivot is not None:
            p = (20 + part.pivot[0] * ppu, 20 + part.pivot[1] * ppu)
            pygame.draw.circle(canvas, (0, 160, 255), p, 5, 2)
        save(canvas, f"part_{part.folder}_{part.name}.png")


def play_stage(cab: dict[str, Part], props: dict[str, Part], scenes: dict[str, Part], *,
               size: tuple[int, int], ppu: float, backdrop: str,
               origin: tuple[float, float]) -> pygame.Surface:
    """The stage as during play: backdrop, figure stand-in, top, board, front, cushion."""
    stage = Stage(pygame.Surface(size), ppu, origin)
    stage.canvas.fill((0, 0, 0))
    stage.place(scenes[backdrop])
    stage.silhouette()
    stage.place(cab["cabinet_top"])
    stage.place(cab["cabinet_front"])
    stage.squares()
    stage.position("r1bqk2r/pppp1ppp/2n2n2/2b1p3/2B1P3/2N2N2/PPPP1PPP/R1BQK2R w KQkq - 6 5")
    for i, symbol in enumerate("pPn"):
        stage.piece(symbol, -0.20 if i % 2 else 1.20, 0.30 + 0.12 * i, 0.11)
    stage.place(props["cushion"])
    stage.place(cab["key"], tuple(cab["key"].extra["at"]))  # type: ignore[arg-type]
    panels(stage.canvas, LANDSCAPE_PANELS if size[0] > size[1] else PORTRAIT_PANELS)
    return stage.canvas


def landscape_origin(ppu: float, width: int, height: int) -> tuple[float, float]:
    """Board centred across, the figure's turban just below the top (as game/ui/layout.py)."""
    return (0.5 - width / ppu / 2, -0.74 - 22 / 580)


# The play screen's panels in design pixels (mirrors game/ui/layout.py), drawn as dark
# translucent boxes so the art can be judged where text will sit over it.
LANDSCAPE_PANELS = [(48, 150, 400, 150), (48, 330, 400, 560), (1472, 150, 400, 740),
                    (610, 980, 700, 70), (48, 960, 400, 72)]
PORTRAIT_PANELS = [(48, 40, 984, 130), (48, 1420, 984, 64), (48, 1500, 984, 180),
                   (48, 1700, 984, 100), (48, 1820, 984, 72)]


def panels(canvas: pygame.Surface, boxes: list[tuple[int, int, int, int]]) -> None:
    scale = canvas.get_width() / (1920 if canvas.get_width() > canvas.get_height() else 1080)
    for box in boxes:
        rect = pygame.Rect(*(round(v * scale) for v in box))
        veil = pygame.Surface(rect.size, pygame.SRCALPHA)
        veil.fill((0, 0, 0, 70))
        canvas.blit(veil, rect)
        pygame.draw.rect(canvas, (120, 110, 96), rect, 1)


def exhibition(cab: dict[str, Part], props: dict[str, Part], scenes: dict[str, Part],
               ppu: float = 760) -> pygame.Surface:
    stage = Stage(pygame.Surface((1500, 1100)), ppu, (-0.48, 0.84))
    stage.canvas.fill((0, 0, 0))
    stage.place(scenes["backdrop_portrait"])
    stage.place(cab["cabinet_top"])
    stage.squares()
    stage.place(cab["cabinet_front"])
    for name in ("cabinet_front_door1_open", "cupboard_glow", "cabinet_front_main_open",
                 "main_glow", "drawer_open"):
        stage.place(cab[name])
    candle = props["candle"]
    base = (-0.44, 1.62)
    stage.place(candle, base)
    assert candle.pivot is not None
    flame_at = tuple(candle.extra["flame_at"])  # type: ignore[arg-type]
    stage.place(props["flame"], (base[0] - candle.pivot[0] + flame_at[0],
                                 base[1] - candle.pivot[1] + flame_at[1]))
    return stage.canvas


def interiors(cab: dict[str, Part], scenes: dict[str, Part], ppu: float = 560) -> pygame.Surface:
    canvas = pygame.Surface((2000, 1260))
    canvas.fill((12, 10, 8))
    for i, name in enumerate(("interior_operator", "interior_program")):
        stage = Stage(canvas, ppu, (-0.40 - i * 1.78, 0.0))
        stage.place(cab["cabinet_top"])
        stage.squares()
        stage.place(scenes[name])
    return canvas


def letter_board(props: dict[str, Part], ppu: float = 700) -> pygame.Surface:
    stage = Stage(pygame.Surface((round(1.2 * ppu), round(1.2 * ppu))), ppu, (-0.1, -0.1))
    stage.canvas.fill((30, 20, 14))
    stage.squares()
    stage.place(props["letter_board"])
    table = tomllib.loads((SVG / "props" / "letter_board.toml").read_text(encoding="utf-8"))
    for cell in table["cells"]:
        x, y = cell["centre"]
        h = cell["size"][1]
        font = pygame.font.Font(str(FONT), round(h * ppu * table["font_scale"]))
        glyph = font.render(cell["char"], True, tuple(table["ink"]))
        cx, cy = stage.px(x, y)
        stage.canvas.blit(glyph, glyph.get_rect(center=(round(cx), round(cy))))
    return stage.canvas


def knights_tour(cab: dict[str, Part], props: dict[str, Part],
                 ppu: float = 580) -> pygame.Surface:
    stage = Stage(pygame.Surface((1100, 800)), ppu, (-0.4, -0.14))
    stage.place(cab["cabinet_top"])
    stage.squares()
    tour = ["a1", "b3", "c1", "a2", "b4", "a6", "b8", "d7", "f8", "h7", "g5", "h3", "g1"]
    for i, name in enumerate(tour[:-1]):
        square = chess.parse_square(name)
        x = chess.square_file(square) / 8 + 1 / 16
        y = (7 - chess.square_rank(square)) / 8 + 1 / 16
        stage.place(props["counter_white" if i == 0 else "counter_red"], (x, y))
    last = chess.parse_square(tour[-1])
    stage.piece("N", chess.square_file(last) / 8 + 1 / 16,
                (7 - chess.square_rank(last)) / 8 + 1 / 16, 0.118)
    return stage.canvas


def crop_1300(cab: dict[str, Part], props: dict[str, Part],
              scenes: dict[str, Part]) -> pygame.Surface:
    ppu = 1300
    stage = Stage(pygame.Surface((2400, 1500)), ppu, (-0.42, 0.55))
    stage.place(scenes["backdrop_portrait"])
    stage.place(cab["cabinet_top"])
    stage.squares()
    stage.place(cab["cabinet_front"])
    stage.place(cab["key"], tuple(cab["key"].extra["at"]))  # type: ignore[arg-type]
    return stage.canvas


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None,
                        help="picture names to render (parts, landscape, portrait, ...)")
    only = parser.parse_args(argv).only
    pygame.init()
    cab, props, scenes = load_parts("cabinet"), load_parts("props"), load_parts("scenes")
    jobs = {
        "parts": lambda: parts_alone([*cab.values(), *props.values(), *scenes.values()]),
        "landscape": lambda: save(play_stage(cab, props, scenes, size=(1920, 1080), ppu=580,
                                             backdrop="backdrop_landscape",
                                             origin=landscape_origin(580, 1920, 1080)),
                                  "stage_landscape.png"),
        "portrait": lambda: save(play_stage(cab, props, scenes, size=(1080, 1920), ppu=620,
                                            backdrop="backdrop_portrait",
                                            origin=(0.5 - 1080 / 620 / 2, -0.98)),
                                 "stage_portrait.png"),
        "small": lambda: save(play_stage(cab, props, scenes, size=(993, 559), ppu=300,
                                         backdrop="backdrop_landscape",
                                         origin=landscape_origin(300, 993, 559)),
                              "stage_landscape_300.png"),
        "large": lambda: save(crop_1300(cab, props, scenes), "stage_landscape_1300.png"),
        "exhibition": lambda: save(exhibition(cab, props, scenes), "exhibition.png"),
        "interiors": lambda: save(interiors(cab, scenes), "interiors.png"),
        "letters": lambda: save(letter_board(props), "letter_board.png"),
        "tour": lambda: save(knights_tour(cab, props), "knights_tour.png"),
    }
    for name, job in jobs.items():
        if only is None or name in only:
            job()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
