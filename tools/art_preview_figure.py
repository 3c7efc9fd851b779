"""Preview sheets for the automaton figure's art (a tool for the artist, not part of the game).

Reads ``assets/svg/figure/parts.toml``, renders every part alone on a checkerboard and composes
the whole figure behind a stand-in cabinet top and board in the poses the game needs: the left
arm at rest and reaching the extreme squares, holding a piece, pointing; the head tilted, the
face slid, the pupils at their edges, the lids closed; the back view; landscape, portrait and
two extra scales. PNGs go to ``out/figure/`` (git-ignored).

The two-joint inverse kinematics here is the preview's own (law of cosines, elbow out); the
game has its own animation code. This module imports pygame-ce and chess only; it must not
import the game package, so it runs on the art alone.

Run: ``SDL_VIDEODRIVER=dummy .venv/bin/python tools/art_preview_figure.py``
"""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import chess
import chess.svg
import pygame

ROOT = Path(__file__).resolve().parent.parent
FIGURE = ROOT / "assets" / "svg" / "figure"
Vec = tuple[float, float]

# Stand-ins for other people's art, drawn only so the figure can be judged in place.
CABINET_TOP = (-0.34, -0.12, 1.68, 1.18)
CABINET_FRONT = (-0.34, 1.06, 1.68, 1.0)
CUSHION = (1.02, -0.14, 0.32, 0.24)
Z_CABINET = 10  # figure parts below this are behind the cabinet top, above it in front


@dataclass(frozen=True)
class Pose:
    """One picture: where the left hand goes and how the head, face and eyes sit."""

    name: str
    grip: Vec = (1.16, -0.02)
    hand: str = "left_hand_open"
    hand_deg: float | None = None  # None: the hand points along shoulder -> grip
    head_deg: float = 0.0
    face_dx: float = 0.0
    pupil: Vec = (0.0, 0.0)  # fraction of pupil_travel, x and y
    lids_closed: bool = False
    tap_deg: float = 0.0
    holding: bool = False
    cushion: bool = False
    back: bool = False
    elbow_in: bool = False


@dataclass(frozen=True)
class View:
    """A canvas and where the stage sits on it."""

    size: tuple[int, int]
    ppu: float
    origin: Vec  # pixel position of stage (0, 0)


@dataclass
class Art:
    """The manifest and a cache of rendered surfaces, keyed by file and pixel size."""

    parts: dict[str, dict[str, Any]]
    rig: dict[str, Any]
    cache: dict[tuple[str, int, int], pygame.Surface] = field(default_factory=dict)

    def surface(self, name: str, ppu: float) -> pygame.Surface:
        """Render one part at ``ppu`` pixels per stage unit (cached)."""
        part = self.parts[name]
        w, h = part["rect"][2:] if "rect" in part else part["size"]
        size = (max(1, round(w * ppu)), max(1, round(h * ppu)))
        key = (part["file"], *size)
        if key not in self.cache:
            self.cache[key] = pygame.image.load_sized_svg(str(FIGURE / part["file"]), size)
        return self.cache[key]


def load_art() -> Art:
    """Read the figure manifest.

    :raises OSError: when the manifest cannot be read.
    :raises tomllib.TOMLDecodeError: when it is not valid TOML.
    """
    data = tomllib.loads((FIGURE / "parts.toml").read_text(encoding="utf-8"))
    return Art(parts=data["parts"], rig=data["rig"])


def rotate(v: Vec, deg: float) -> Vec:
    """Rotate a vector by ``deg`` degrees, screen convention (positive turns +x towards +y)."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return (v[0] * c - v[1] * s, v[0] * s + v[1] * c)


def solve_arm(rig: dict[str, Any], shoulder: Vec, wrist: Vec,
              elbow_in: bool) -> tuple[float, float]:
    """Two-joint IK: upper-arm and forearm directions (degrees) that put the wrist at ``wrist``.

    Law of cosines; the elbow-out solution bends the elbow away from the body (towards +x when
    the arm reaches down). An unreachable wrist gets the straightest allowed arm towards it.
    """
    a, b = rig["upper_arm"], rig["forearm"]
    dx, dy = wrist[0] - shoulder[0], wrist[1] - shoulder[1]
    d = min(max(math.hypot(dx, dy), abs(a - b) + 1e-6), wrist_reach(rig))
    theta = math.atan2(dy, dx)
    alpha = math.acos((a * a + d * d - b * b) / (2 * a * d))
    upper = theta + alpha if elbow_in else theta - alpha
    elbow = (shoulder[0] + a * math.cos(upper), shoulder[1] + a * math.sin(upper))
    fore = math.atan2(wrist[1] - elbow[1], wrist[0] - elbow[0])
    # when clamped the forearm points at the wrist target from the reached elbow
    return math.degrees(upper), math.degrees(fore)


def wrist_reach(rig: dict[str, Any]) -> float:
    """Shoulder-to-wrist distance with the elbow at its straightest allowed bend."""
    a, b, bend = rig["upper_arm"], rig["forearm"], math.radians(rig["elbow_bend_deg"][0])
    return math.sqrt(a * a + b * b + 2 * a * b * math.cos(bend))


def lean_for(rig: dict[str, Any], grip: Vec) -> Vec:
    """How far the torso must lean towards ``grip`` so that the hand can reach it."""
    sx, sy = rig["left_shoulder"]
    reach = wrist_reach(rig) + rig["hand"] - 0.005
    dx, dy = grip[0] - sx, grip[1] - sy
    d = math.hypot(dx, dy)
    if d <= reach:
        return (0.0, 0.0)
    k = (d - reach) / d
    return (dx * k, dy * k)


def blit_turned(canvas: pygame.Surface, surf: pygame.Surface, view: View, *, at: Vec,
                pivot_px: Vec, deg: float) -> None:
    """Blit ``surf`` turned by ``deg`` about its pixel ``pivot_px``, which lands on stage ``at``."""
    w, h = surf.get_size()
    off = rotate((pivot_px[0] - w / 2, pivot_px[1] - h / 2), deg)
    turned = pygame.transform.rotozoom(surf, -deg, 1.0) if deg else surf
    cx = view.origin[0] + at[0] * view.ppu - off[0]
    cy = view.origin[1] + at[1] * view.ppu - off[1]
    canvas.blit(turned, turned.get_rect(center=(round(cx), round(cy))))


def blit_part(canvas: pygame.Surface, art: Art, view: View, name: str, *,
              at: Vec, deg: float) -> None:
    """Draw a jointed part with its pivot at stage point ``at``, turned by ``deg``."""
    px, py = art.parts[name]["pivot"]
    blit_turned(canvas, art.surface(name, view.ppu), view, at=at,
                pivot_px=(px * view.ppu, py * view.ppu), deg=deg)


def blit_placed(canvas: pygame.Surface, art: Art, view: View, name: str, *,
                pivot: Vec = (0.0, 0.0), deg: float = 0.0, shift: Vec = (0.0, 0.0)) -> None:
    """Draw a rect part, slid by ``shift`` then turned by ``deg`` about stage point ``pivot``."""
    x, y = art.parts[name]["rect"][:2]
    pivot_px = ((pivot[0] - x - shift[0]) * view.ppu, (pivot[1] - y - shift[1]) * view.ppu)
    blit_turned(canvas, art.surface(name, view.ppu), view, at=pivot, pivot_px=pivot_px, deg=deg)


def stage_rect(view: View, rect: tuple[float, float, float, float]) -> pygame.Rect:
    """A stage-unit rectangle in canvas pixels."""
    x, y, w, h = rect
    return pygame.Rect(round(view.origin[0] + x * view.ppu), round(view.origin[1] + y * view.ppu),
                       round(w * view.ppu), round(h * view.ppu))


def piece_surfaces(ppu: float) -> dict[str, pygame.Surface]:
    """python-chess's own piece art at the size of a square."""
    side = round(ppu / 8)
    return {sym: pygame.image.load_sized_svg(
        io.BytesIO(chess.svg.piece(chess.Piece.from_symbol(sym)).encode()), (side, side))
        for sym in "PNBRQKpnbrqk"}


def draw_stage(canvas: pygame.Surface, view: View, pose: Pose) -> None:
    """The stand-in cabinet top, board, pieces and cushion."""
    pygame.draw.rect(canvas, (92, 52, 28), stage_rect(view, CABINET_TOP))
    pygame.draw.rect(canvas, (64, 36, 20), stage_rect(view, CABINET_FRONT))
    pygame.draw.rect(canvas, (60, 34, 18), stage_rect(view, (-0.06, -0.06, 1.12, 1.12)))
    for sq in chess.SQUARES:
        f, r = chess.square_file(sq), chess.square_rank(sq)
        light = (f + r) % 2 == 1
        pygame.draw.rect(canvas, (226, 204, 160) if light else (128, 84, 52),
                         stage_rect(view, (f / 8, (7 - r) / 8, 1 / 8, 1 / 8)))
    pieces = piece_surfaces(view.ppu)
    board = chess.Board()
    for sq, piece in board.piece_map().items():
        f, r = chess.square_file(sq), chess.square_rank(sq)
        canvas.blit(pieces[piece.symbol()], stage_rect(view, (f / 8, (7 - r) / 8, 1, 1)).topleft)
    if pose.cushion:
        pygame.draw.rect(canvas, (120, 28, 34), stage_rect(view, CUSHION),
                         border_radius=round(0.05 * view.ppu))


def arm_chain(art: Art, pose: Pose, shoulder: Vec) -> dict[str, tuple[Vec, float]]:
    """Pivot point and direction of each left-arm part for ``pose``."""
    rig = art.rig
    sx, sy = shoulder
    gx, gy = pose.grip
    hand_deg = pose.hand_deg
    if hand_deg is None:
        hand_deg = math.degrees(math.atan2(gy - sy, gx - sx))
    hv = rotate((rig["hand"], 0.0), hand_deg)
    wrist = (gx - hv[0], gy - hv[1])
    upper, fore = solve_arm(rig, shoulder, wrist, pose.elbow_in)
    elbow = (sx + rig["upper_arm"] * math.cos(math.radians(upper)),
             sy + rig["upper_arm"] * math.sin(math.radians(upper)))
    wr = (elbow[0] + rig["forearm"] * math.cos(math.radians(fore)),
          elbow[1] + rig["forearm"] * math.sin(math.radians(fore)))
    return {"left_upper_arm": (shoulder, upper), "left_forearm": (elbow, fore),
            pose.hand: (wr, hand_deg)}


def check_limits(art: Art, chain: dict[str, tuple[Vec, float]]) -> list[str]:
    """Human-readable notes on joints outside the rig's limits."""
    rig = art.rig
    notes = []
    upper = chain["left_upper_arm"][1]
    bend = (chain["left_forearm"][1] - upper + 180) % 360 - 180
    lo, hi = rig["shoulder_deg"]
    if not lo <= (upper + 90) % 360 - 90 <= hi:
        notes.append(f"shoulder {upper:.1f} deg outside {lo}..{hi}")
    blo, bhi = rig["elbow_bend_deg"]
    if not blo <= abs(bend) <= bhi:
        notes.append(f"elbow bend {abs(bend):.1f} deg outside {blo}..{bhi}")
    return notes


def add(a: Vec, b: Vec) -> Vec:
    """Vector sum."""
    return (a[0] + b[0], a[1] + b[1])


def head_layers(art: Art, pose: Pose, lean: Vec) -> list[tuple[int, str, Vec, float, Vec]]:
    """Head, face and lid layers as (z, name, pivot, degrees, shift)."""
    neck = add(tuple(art.rig["neck"]), lean)
    layers = [(art.parts["head"]["z"], "head", neck, pose.head_deg, lean),
              (art.parts["face"]["z"], "face", neck, pose.head_deg, add(lean, (pose.face_dx, 0)))]
    if pose.lids_closed:
        layers.append((art.parts["eyelids"]["z"], "eyelids", neck, pose.head_deg,
                       add(lean, (pose.face_dx, 0))))
    return layers


def pupil_points(art: Art, pose: Pose, lean: Vec) -> list[Vec]:
    """Stage points where the two pupils are drawn."""
    rig = art.rig
    nx, ny = rig["neck"]
    travel = rig["pupil_travel"]
    out = []
    for ex, ey in rig["eyes"]:
        p = (ex + pose.face_dx + pose.pupil[0] * travel - nx, ey + pose.pupil[1] * travel - ny)
        r = rotate(p, pose.head_deg)
        out.append((nx + r[0] + lean[0], ny + r[1] + lean[1]))
    return out


def right_arm(art: Art, pose: Pose, lean: Vec) -> list[tuple[str, Vec, float]]:
    """The resting right arm as (name, pivot, degrees); ``tap_deg`` lifts the forearm."""
    rig = art.rig
    shoulder = add(tuple(rig["right_shoulder"]), lean)
    up = rig["right_upper_arm_deg"]
    length = art.parts["right_upper_arm"]["length"]
    elbow = add(shoulder, rotate((length, 0.0), up))
    return [("right_upper_arm", shoulder, up),
            ("right_forearm", elbow, rig["right_forearm_deg"] + pose.tap_deg)]


def compose(art: Art, pose: Pose, view: View, notes: list[str]) -> pygame.Surface:
    """The whole figure in ``pose`` on the stand-in stage."""
    canvas = pygame.Surface(view.size)
    canvas.fill((34, 26, 22))
    lean = lean_for(art.rig, pose.grip)
    if lean != (0.0, 0.0):
        notes.append(f"torso leans ({lean[0]:+.3f}, {lean[1]:+.3f})")
    draws: list[tuple[float, Any]] = [(Z_CABINET, lambda: draw_stage(canvas, view, pose))]
    if pose.back:
        draws.append((art.parts["back"]["z"],
                      lambda: blit_placed(canvas, art, view, "back")))
    else:
        draws += figure_draws(art, pose, view, canvas, lean=lean, notes=notes)
    for _z, draw in sorted(draws, key=lambda d: d[0]):
        draw()
    return canvas


def figure_draws(art: Art, pose: Pose, view: View, canvas: pygame.Surface, *, lean: Vec,
                 notes: list[str]) -> list[tuple[float, Any]]:
    """Draw calls (z, callable) for every front-view part in ``pose``."""
    parts = art.parts
    draws: list[tuple[float, Any]] = [
        (parts["torso"]["z"], lambda: blit_placed(canvas, art, view, "torso", shift=lean))]
    for z, name, pivot, deg, shift in head_layers(art, pose, lean):
        draws.append((z, lambda n=name, p=pivot, d=deg, s=shift:
                      blit_placed(canvas, art, view, n, pivot=p, deg=d, shift=s)))
    for p in pupil_points(art, pose, lean):
        draws.append((parts["pupils"]["z"], lambda p=p:
                      blit_part(canvas, art, view, "pupils", at=p, deg=pose.head_deg)))
    for name, at, deg in right_arm(art, pose, lean):
        draws.append((parts[name]["z"], lambda n=name, a=at, d=deg:
                      blit_part(canvas, art, view, n, at=a, deg=d)))
    chain = arm_chain(art, pose, add(tuple(art.rig["left_shoulder"]), lean))
    notes += check_limits(art, chain)
    for name, (at, deg) in chain.items():
        draws.append((parts[name]["z"], lambda n=name, a=at, d=deg:
                      blit_part(canvas, art, view, n, at=a, deg=d)))
    if pose.holding:
        # the held piece, as a plain disc between the upper arm and the hand
        disc = stage_rect(view, (*pose.grip, 0, 0)).topleft
        draws.append((parts[pose.hand]["z"] - 0.5, lambda: pygame.draw.circle(
            canvas, (236, 226, 200), disc, round(0.03 * view.ppu))))
    return draws


def square_centre(name: str) -> Vec:
    """Centre of a square such as ``"e2"``, white at the bottom."""
    sq = chess.parse_square(name)
    return ((chess.square_file(sq) + 0.5) / 8, (7.5 - chess.square_rank(sq)) / 8)


def part_sheet(art: Art, name: str, ppu: float) -> pygame.Surface:
    """One part alone on a checkerboard, its pivot marked with a red cross."""
    surf, pad, cell = art.surface(name, ppu), 24, 16
    sheet = pygame.Surface((surf.get_width() + 2 * pad, surf.get_height() + 2 * pad))
    for y in range(0, sheet.get_height(), cell):  # a grey checkerboard shows transparency
        for x in range(0, sheet.get_width(), cell):
            sheet.fill((170, 170, 170) if (x // cell + y // cell) % 2 else (120, 120, 120),
                       (x, y, cell, cell))
    sheet.blit(surf, (pad, pad))
    part = art.parts[name]
    marks = []
    if "pivot" in part:
        px, py = (round(pad + c * ppu) for c in part["pivot"])
        marks.append(((220, 30, 30), px))
        if "length" in part:  # the next joint (or the grip point), in blue
            marks.append(((30, 90, 220), round(px + part["length"] * ppu)))
    for colour, x in marks:
        pygame.draw.line(sheet, colour, (x - 8, py), (x + 8, py), 2)
        pygame.draw.line(sheet, colour, (x, py - 8), (x, py + 8), 2)
    return sheet


def poses() -> list[Pose]:
    """Every pose the sheets show."""
    return [
        Pose("rest", grip=(1.20, 0.0), cushion=True, hand_deg=85),
        Pose("rest-elbow-in", grip=(1.26, 0.02), cushion=True, hand_deg=325, elbow_in=True),
        Pose("reach-e2", grip=square_centre("e2")),
        Pose("reach-a1", grip=square_centre("a1")),
        Pose("reach-h1", grip=square_centre("h1")),
        Pose("reach-a8", grip=square_centre("a8")),
        Pose("reach-h8", grip=square_centre("h8")),
        Pose("hold-d5", grip=square_centre("d5"), hand="left_hand_grip", holding=True),
        Pose("hold-b3", grip=square_centre("b3"), hand="left_hand_grip", holding=True),
        Pose("point-c6", grip=square_centre("c6"), hand="left_hand_point"),
        Pose("look-left", grip=square_centre("g4"), head_deg=-6, face_dx=-0.02, pupil=(-1, 0)),
        Pose("look-right", grip=square_centre("g4"), head_deg=6, face_dx=0.02, pupil=(1, 0)),
        Pose("eyes-up", grip=square_centre("f3"), pupil=(0, -1)),
        Pose("eyes-down-left", grip=square_centre("f3"), pupil=(-0.7, 0.7)),
        Pose("eyes-closed", grip=square_centre("f3"), lids_closed=True),
        Pose("tap", grip=square_centre("f3"), tap_deg=-7),
        Pose("back", back=True),
    ]


def centred(size: tuple[int, int], ppu: float, centre: Vec) -> View:
    """A view of ``size`` pixels with stage point ``centre`` in the middle."""
    return View(size, ppu, (size[0] / 2 - centre[0] * ppu, size[1] / 2 - centre[1] * ppu))


VIEWS = {  # name: (canvas size, px per unit, stage point in the middle; None: the hand)
    "landscape": ((1920, 1080), 580, (0.5, 0.13)),
    "portrait": ((1080, 1920), 620, (0.5, 0.72)),
    "s300": ((960, 600), 300, (0.5, 0.1)),
    "s1300-head": ((1200, 1000), 1300, (0.5, -0.45)),
    "s1300-back": ((1300, 900), 1300, (0.5, -0.38)),
    "s1300-arm": ((1400, 1400), 1300, None),
}
PLAN = [("portrait", "rest"), ("portrait", "reach-a1"), ("portrait", "back"), ("s300", "rest"),
        ("s300", "hold-d5"), ("s1300-head", "look-left"), ("s1300-head", "eyes-up"),
        ("s1300-head", "eyes-closed"), ("s1300-head", "rest"), ("s1300-back", "back"),
        ("s1300-arm", "rest"), ("s1300-arm", "reach-e2"), ("s1300-arm", "hold-b3"),
        ("s1300-arm", "reach-h8"), ("s1300-arm", "point-c6")]


def picture(art: Art, pose: Pose, view_name: str, notes: list[str]) -> pygame.Surface:
    """``pose`` in the named view (arm close-ups frame the hand)."""
    size, ppu, centre = VIEWS[view_name]
    return compose(art, pose, centred(size, ppu, centre or add(pose.grip, (0.12, -0.12))), notes)


def grid(tiles: list[pygame.Surface], cols: int, tile: tuple[int, int]) -> pygame.Surface:
    """Tiles scaled to ``tile`` pixels, ``cols`` to a row."""
    rows = (len(tiles) + cols - 1) // cols
    sheet = pygame.Surface((cols * (tile[0] + 4), rows * (tile[1] + 4)))
    for i, t in enumerate(tiles):
        scaled = t if t.get_size() == tile else pygame.transform.smoothscale(t, tile)
        sheet.blit(scaled, ((i % cols) * (tile[0] + 4) + 2, (i // cols) * (tile[1] + 4) + 2))
    return sheet


def extra_sheets(art: Art) -> dict[str, pygame.Surface]:
    """The three hands side by side, and four eye states of the face, close up."""
    hands = [part_sheet(art, n, 2500) for n in ("left_hand_open", "left_hand_grip",
                                                "left_hand_point")]
    eyes = [Pose("e", pupil=(-0.7, 0.7)), Pose("e", head_deg=6, face_dx=0.02, pupil=(1, 0)),
            Pose("e", head_deg=-6, face_dx=-0.02, lids_closed=True), Pose("e", pupil=(0.7, -0.7))]
    faces = [compose(art, p, centred((700, 450), 1300, (0.5, -0.5)), []) for p in eyes]
    return {"hands": grid(hands, 3, hands[0].get_size()), "faces": grid(faces, 2, (700, 450))}


def main(argv: list[str] | None = None) -> int:
    """Write the part sheets and pose pictures; print any joint-limit notes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "figure")
    parser.add_argument("--only", default="", help="write only pictures whose name has this")
    args = parser.parse_args(argv)
    pygame.init()
    art = load_art()
    (args.out / "parts").mkdir(parents=True, exist_ok=True)
    for name in (n for n in art.parts if args.only in n):
        pygame.image.save(part_sheet(art, name, 1000), args.out / "parts" / f"{name}.png")
    by_name = {p.name: p for p in poses()}
    thumbs = []
    for view_name, pose_name in [("landscape", p) for p in by_name] + PLAN:
        if args.only in f"{view_name}-{pose_name}":
            notes: list[str] = []
            shot = picture(art, by_name[pose_name], view_name, notes)
            pygame.image.save(shot, args.out / f"{view_name}-{pose_name}.png")
            thumbs += [shot] if view_name == "landscape" else []
            print(f"{view_name}-{pose_name}" + (": " + "; ".join(notes) if notes else ""))
    if not args.only:
        pygame.image.save(grid(thumbs, 4, (480, 270)), args.out / "contact-sheet.png")
        for name, sheet in extra_sheets(art).items():
            pygame.image.save(sheet, args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
