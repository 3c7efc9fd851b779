"""Checks on the cabinet, prop and scene art: manifests, SVG subset, geometry, cell table.

Every part named in ``assets/svg/{cabinet,props,scenes}/parts.toml`` must exist, load with
``pygame.image.load_sized_svg`` (NanoSVG) and keep to what NanoSVG draws: no text, filters,
masks, clip paths, CSS, embedded images or patterns, and no gradient that NanoSVG would
silently misread.
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pygame
import pytest

SVG_DIR = Path(__file__).resolve().parents[2] / "assets" / "svg"
FOLDERS = ("cabinet", "props", "scenes")
NS = "{http://www.w3.org/2000/svg}"
FORBIDDEN = {"text", "tspan", "filter", "mask", "clipPath", "style", "image", "pattern",
             "foreignObject", "use", "symbol", "marker"}
BBOX_ATTRS = ("x1", "y1", "x2", "y2", "cx", "cy", "r", "fx", "fy")


def _entries() -> list[tuple[str, str, dict[str, object]]]:
    out = []
    for folder in FOLDERS:
        data = tomllib.loads((SVG_DIR / folder / "parts.toml").read_text(encoding="utf-8"))
        out += [(folder, name, entry) for name, entry in data["parts"].items()]
    return out


ENTRIES = _entries()
IDS = [f"{folder}/{name}" for folder, name, _ in ENTRIES]


def _size(entry: dict[str, object]) -> tuple[float, float]:
    if "rect" in entry:
        rect = entry["rect"]
        assert isinstance(rect, list) and len(rect) == 4
        return float(rect[2]), float(rect[3])
    size = entry["size"]
    assert isinstance(size, list) and len(size) == 2
    return float(size[0]), float(size[1])


def _root(folder: str, entry: dict[str, object]) -> ET.Element:
    return ET.parse(SVG_DIR / folder / str(entry["file"])).getroot()


def test_manifests_list_parts() -> None:
    names = {name for _, name, _ in ENTRIES}
    assert {"cabinet_top", "cabinet_front", "cabinet_front_door1_open", "cupboard_glow",
            "cabinet_front_main_open", "drawer_open", "key"} <= names
    assert {"candle", "flame", "counter_white", "counter_red", "letter_board", "pipe",
            "cushion"} <= names
    assert {"backdrop_landscape", "backdrop_portrait", "interior_operator",
            "interior_program"} <= names


@pytest.mark.parametrize(("folder", "name", "entry"), ENTRIES, ids=IDS)
def test_part_file_is_a_clean_svg(folder: str, name: str, entry: dict[str, object]) -> None:
    file = str(entry["file"])
    assert file == file.lower() and file.endswith(".svg") and "/" not in file
    assert name == name.lower()
    root = _root(folder, entry)
    assert root.tag == NS + "svg"
    tags = {el.tag.removeprefix(NS) for el in root.iter()}
    assert not tags & FORBIDDEN, f"{file} uses {sorted(tags & FORBIDDEN)}"
    for el in root.iter():
        assert "style" not in el.attrib and "class" not in el.attrib, f"CSS in {file}"


@pytest.mark.parametrize(("folder", "name", "entry"), ENTRIES, ids=IDS)
def test_viewbox_aspect_matches_size(folder: str, name: str, entry: dict[str, object]) -> None:
    x, y, w, h = (float(v) for v in _root(folder, entry).attrib["viewBox"].split())
    assert (x, y) == (0.0, 0.0)
    sw, sh = _size(entry)
    assert w / h == pytest.approx(sw / sh, rel=1e-3), f"{name}: viewBox {w}x{h} vs {sw}x{sh}"


@pytest.mark.parametrize(("folder", "name", "entry"), ENTRIES, ids=IDS)
def test_gradients_resolve_and_use_percent_in_bounding_box_units(
        folder: str, name: str, entry: dict[str, object]) -> None:
    """NanoSVG reads a unitless bounding-box coordinate as user units, so "1" means 1 px."""
    root = _root(folder, entry)
    ids = {el.attrib["id"] for el in root.iter() if "id" in el.attrib}
    text = (SVG_DIR / folder / str(entry["file"])).read_text(encoding="utf-8")
    for ref in re.findall(r"url\(#([^)]+)\)", text):
        assert ref in ids, f"{name}: url(#{ref}) is not defined"
    for el in root.iter():
        tag = el.tag.removeprefix(NS)
        if tag not in ("linearGradient", "radialGradient"):
            continue
        if el.attrib.get("gradientUnits") == "userSpaceOnUse":
            continue
        for attr in BBOX_ATTRS:
            if attr in el.attrib:
                assert el.attrib[attr].endswith("%"), f"{name}: {tag} {attr}= needs %"


@pytest.mark.parametrize(("folder", "name", "entry"), ENTRIES, ids=IDS)
def test_part_renders(folder: str, name: str, entry: dict[str, object]) -> None:
    sw, sh = _size(entry)
    wanted = (max(8, round(sw * 400)), max(8, round(sh * 400)))
    surface = pygame.image.load_sized_svg(str(SVG_DIR / folder / str(entry["file"])), wanted)
    assert abs(surface.get_width() - wanted[0]) <= 1
    assert abs(surface.get_height() - wanted[1]) <= 1
    alpha = pygame.transform.average_color(surface, consider_alpha=True)
    assert max(alpha) > 0, f"{name} rendered empty"


def test_stage_regions() -> None:
    parts = {name: entry for _, name, entry in ENTRIES}
    front = [-0.34, 1.06, 1.68, 1.0]
    assert parts["cabinet_top"]["rect"] == [-0.34, -0.12, 1.68, 1.18]
    for name in ("cabinet_front", "cabinet_front_door1_open", "cabinet_front_main_open",
                 "interior_operator", "interior_program"):
        assert parts[name]["rect"] == front, name
    assert parts["cushion"]["rect"] == [1.02, -0.14, 0.32, 0.24]
    assert parts["letter_board"]["rect"] == [0.0, 0.0, 1.0, 1.0]
    for name in ("counter_white", "counter_red"):
        assert _size(parts[name]) == (0.07, 0.07)
    for name, entry in parts.items():
        if "pivot" in entry:
            w, h = _size(entry)
            px, py = entry["pivot"]  # type: ignore[misc]
            assert 0 <= px <= w and 0 <= py <= h, name
    kx, ky = parts["key"]["at"]  # type: ignore[misc]
    assert -0.34 < kx < -0.06 and 1.06 < ky < 2.06
    fx, fy = parts["candle"]["flame_at"]  # type: ignore[misc]
    assert 0 <= fx <= 0.16 and 0 <= fy <= 0.26


def test_letter_board_cells() -> None:
    table = tomllib.loads((SVG_DIR / "props" / "letter_board.toml").read_text(encoding="utf-8"))
    cells = table["cells"]
    chars = [cell["char"] for cell in cells]
    wanted = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + list("1234567890") + ["&"]
    assert sorted(chars) == sorted(wanted)
    boxes = []
    for cell in cells:
        (x, y), (w, h) = cell["centre"], cell["size"]
        assert 0 < w < 0.2 and 0 < h < 0.2
        assert w / 2 <= x <= 1 - w / 2 and h / 2 <= y <= 1 - h / 2
        boxes.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            assert min(overlap) <= 1e-6, f"cells overlap: {a} {b}"
    assert 0 < table["font_scale"] < 1 and len(table["ink"]) == 3
