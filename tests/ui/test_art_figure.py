"""The automaton figure's art (assets/svg/figure): files, placement, SVG subset, rig, joints.

Every part in ``parts.toml`` must exist under a lowercase name, render with
``pygame.image.load_sized_svg`` at the game's scales, have a viewBox with the aspect of its
placement, and use only what NanoSVG draws. The rig must agree with the parts, the limbs must
be solid at their joints, and the pupils must stay inside the eyes (and under the closed lids)
for every offset up to ``pupil_travel``.
"""

from __future__ import annotations

import colorsys
import math
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pygame
import pytest

FIGURE = Path(__file__).resolve().parents[2] / "assets" / "svg" / "figure"
FORBIDDEN = {"text", "filter", "mask", "clipPath", "style", "image", "pattern", "use", "symbol",
             "foreignObject", "script"}
MANIFEST: dict[str, Any] = tomllib.loads((FIGURE / "parts.toml").read_text(encoding="utf-8"))
PARTS: dict[str, dict[str, Any]] = MANIFEST["parts"]
RIG: dict[str, Any] = MANIFEST["rig"]
IRIS_RADIUS = 0.0065  # the iris circle in pupils.svg (r = 6.5 thousandths)


def svg_root(name: str) -> ET.Element:
    return ET.parse(FIGURE / PARTS[name]["file"]).getroot()


def tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def placement(name: str) -> tuple[float, float]:
    part = PARTS[name]
    w, h = part["rect"][2:] if "rect" in part else part["size"]
    return w, h


def render(name: str, ppu: float) -> pygame.Surface:
    w, h = placement(name)
    return pygame.image.load_sized_svg(str(FIGURE / PARTS[name]["file"]),
                                       (round(w * ppu), round(h * ppu)))


@pytest.mark.parametrize("name", sorted(PARTS))
def test_file_exists_under_a_lowercase_name(name: str) -> None:
    file = PARTS[name]["file"]
    assert file == file.lower()
    assert (FIGURE / file).is_file()
    assert ("rect" in PARTS[name]) != ("size" in PARTS[name]), "a part is placed or jointed"


@pytest.mark.parametrize("name", sorted(PARTS))
def test_viewbox_has_the_aspect_of_its_placement(name: str) -> None:
    _x, _y, vw, vh = (float(v) for v in svg_root(name).attrib["viewBox"].split())
    w, h = placement(name)
    assert vw / vh == pytest.approx(w / h, rel=1e-3)


@pytest.mark.parametrize("name", sorted(PARTS))
def test_uses_only_what_nanosvg_draws(name: str) -> None:
    root = svg_root(name)
    ids = {e.attrib["id"] for e in root.iter() if "id" in e.attrib}
    for element in root.iter():
        assert tag(element) not in FORBIDDEN, f"<{tag(element)}> in {name}"
        assert "class" not in element.attrib and "style" not in element.attrib
        for value in element.attrib.values():
            for ref in re.findall(r"url\(#([^)]+)\)", value):
                assert ref in ids, f"{name} refers to a gradient #{ref} it does not define"


@pytest.mark.parametrize("ppu", [300, 580, 1300])
@pytest.mark.parametrize("name", sorted(PARTS))
def test_renders_at_game_scales(name: str, ppu: int) -> None:
    surface = render(name, ppu)
    w, h = placement(name)
    assert abs(surface.get_width() - w * ppu) <= 1 and abs(surface.get_height() - h * ppu) <= 1
    assert pygame.mask.from_surface(surface).count() > 0, "draws something"


def alpha_at(surface: pygame.Surface, part: dict[str, Any], ppu: float,
             x: float, y: float = 0.0) -> int:
    """Alpha at ``(x, y)`` stage units from the part's pivot."""
    px, py = part["pivot"]
    return int(surface.get_at((round((px + x) * ppu), round((py + y) * ppu))).a)


@pytest.mark.parametrize("name", [n for n in PARTS if "length" in PARTS[n]])
def test_limbs_are_solid_round_their_joints(name: str) -> None:
    part, ppu = PARTS[name], 1000
    surface = render(name, ppu)
    for deg in range(0, 360, 30):  # the joint is covered in every direction
        dx, dy = math.cos(math.radians(deg)) * 0.02, math.sin(math.radians(deg)) * 0.02
        assert alpha_at(surface, part, ppu, dx, dy) == 255, f"{name} open at its pivot"
    if not name.startswith("left_hand"):
        assert alpha_at(surface, part, ppu, part["length"]) == 255, f"{name} open at its end"


def test_hands_reach_the_grip_point() -> None:
    ppu = 1000
    point, grip = PARTS["left_hand_point"], PARTS["left_hand_grip"]
    pointing = render("left_hand_point", ppu)
    assert alpha_at(pointing, point, ppu, RIG["hand"] - 0.003) == 255, "the fingertip"
    assert alpha_at(pointing, point, ppu, RIG["hand"] + 0.004) == 0, "ends on the grip point"
    assert alpha_at(render("left_hand_grip", ppu), grip, ppu, RIG["hand"]) == 0, "space for a piece"


def test_rig_agrees_with_the_parts() -> None:
    assert PARTS["left_upper_arm"]["length"] == RIG["upper_arm"]
    assert PARTS["left_forearm"]["length"] == RIG["forearm"]
    for hand in ("left_hand_open", "left_hand_grip", "left_hand_point"):
        assert PARTS[hand]["length"] == RIG["hand"]
    lo, hi = RIG["elbow_bend_deg"]
    assert 0 <= lo < hi <= 180
    hx, hy, hw, hh = PARTS["head"]["rect"]
    assert hx < RIG["neck"][0] < hx + hw and hy < RIG["neck"][1] < hy + hh
    pivot, size = PARTS["pupils"]["pivot"], PARTS["pupils"]["size"]
    assert pivot == [size[0] / 2, size[1] / 2], "a pupil turns about its centre"


def rim_points(travel: float) -> list[tuple[float, float]]:
    """Stage points on the edge of an iris moved ``travel`` in 16 directions, both eyes."""
    points = []
    for ex, ey in RIG["eyes"]:
        for k in range(16):
            a = 2 * math.pi * k / 16
            for b in range(24):
                c = 2 * math.pi * b / 24
                points.append((ex + travel * math.cos(a) + IRIS_RADIUS * math.cos(c),
                               ey + travel * math.sin(a) + IRIS_RADIUS * math.sin(c)))
    return points


def sample(name: str, ppu: float, point: tuple[float, float]) -> pygame.Color:
    x, y, _w, _h = PARTS[name]["rect"]
    return render_cached(name, ppu).get_at((round((point[0] - x) * ppu),
                                            round((point[1] - y) * ppu)))


_CACHE: dict[tuple[str, float], pygame.Surface] = {}


def render_cached(name: str, ppu: float) -> pygame.Surface:
    if (name, ppu) not in _CACHE:
        _CACHE[(name, ppu)] = render(name, ppu)
    return _CACHE[(name, ppu)]


def test_pupils_stay_inside_the_eyes() -> None:
    """Wherever the iris edge can go, the face beneath is eye white or lash line, not skin."""
    travel = RIG["pupil_travel"] - 0.001  # the iris may just touch the lid lines
    for point in rim_points(travel):
        colour = sample("face", 4000, point)
        _h, s, v = colorsys.rgb_to_hsv(colour.r / 255, colour.g / 255, colour.b / 255)
        assert colour.a == 255 and (s < 0.36 or v < 0.3), f"iris edge on skin at {point}"


def test_closed_lids_cover_the_pupils() -> None:
    for point in rim_points(RIG["pupil_travel"]):
        assert sample("eyelids", 4000, point).a == 255, f"pupil shows through the lids at {point}"


def blit_about_neck(canvas: pygame.Surface, name: str, ppu: float, origin: tuple[float, float],
                    *, deg: float, slide: float) -> None:
    """Draw a rect part slid by ``slide`` and turned ``deg`` about the rig's neck pivot."""
    x, y, _w, _h = PARTS[name]["rect"]
    nx, ny = RIG["neck"]
    surface = render_cached(name, ppu)
    w, h = surface.get_size()
    pivot = ((nx - x - slide) * ppu - w / 2, (ny - y) * ppu - h / 2)
    a = math.radians(deg)
    turned = (pivot[0] * math.cos(a) - pivot[1] * math.sin(a),
              pivot[0] * math.sin(a) + pivot[1] * math.cos(a))
    image = pygame.transform.rotozoom(surface, -deg, 1.0)
    centre = ((nx - origin[0]) * ppu - turned[0], (ny - origin[1]) * ppu - turned[1])
    canvas.blit(image, image.get_rect(center=(round(centre[0]), round(centre[1]))))


@pytest.mark.parametrize(("deg", "slide"), [(-8, -0.02), (8, 0.02), (-8, 0.02), (8, -0.02), (0, 0)])
def test_head_turns_without_a_gap_at_the_neck(deg: float, slide: float) -> None:
    """Torso, head and face leave no hole round the neck when the head nods or turns.

    The silhouette may change (the beard swings), but no see-through pocket may open inside
    the figure: every transparent area must reach the edge of the picture.
    """
    ppu, origin = 1000, (0.30, -0.50)
    canvas = pygame.Surface((400, 300), pygame.SRCALPHA)
    x, y, _w, _h = PARTS["torso"]["rect"]
    canvas.blit(render_cached("torso", ppu), (round((x - origin[0]) * ppu),
                                              round((y - origin[1]) * ppu)))
    blit_about_neck(canvas, "head", ppu, origin, deg=deg, slide=0.0)
    blit_about_neck(canvas, "face", ppu, origin, deg=deg, slide=slide)
    see_through = pygame.mask.from_surface(canvas, 127)
    see_through.invert()
    frame = canvas.get_rect()
    for pocket in see_through.connected_components(minimum=3):
        box = pocket.get_bounding_rects()[0].unionall(pocket.get_bounding_rects())
        assert not frame.inflate(-2, -2).contains(box), (
            f"hole near ({origin[0] + box.centerx / ppu:.3f}, {origin[1] + box.centery / ppu:.3f})")
