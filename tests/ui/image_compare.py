"""Comparing two renders pixel by pixel, for the golden-image tests.

Owns: the per-pixel comparison (a pixel matches when each of its colour channels is within
``atol`` of the reference, as numpy's ``allclose(atol=...)`` does in Pygame Zero's screen
tests), the summary of a difference, and the side-by-side picture of a mismatch (expected |
actual | the difference magnified, with the pixels beyond the tolerance in magenta and boxes
round them in all three). It uses pygame's own surface operations (saturating subtraction, a
mask by threshold), so the tests need no numpy; it imports nothing from ``game``.

``python -m tests.ui.image_compare EXPECTED.png ACTUAL.png [--atol N] [--sheet OUT.png]``
prints the difference of two PNGs: it is how the render noise quoted in
``tests/ui/test_golden.py`` was measured.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import pygame

MAGNIFY = 16
"""The difference panel shows each channel's difference times this (saturating at 255)."""
OVER_COLOUR = (255, 0, 255)
BOX_COLOUR = (255, 40, 40)
NEAR = 16
"""Pixels off within this many pixels of each other are boxed together."""
MAX_BOXES = 60
"""A mismatch all over the picture would be a wall of boxes: one box round all of them then."""


@dataclass(frozen=True)
class Difference:
    """How far ``actual`` is from ``expected``, channel by channel (0–255)."""

    atol: int
    expected_size: tuple[int, int]
    actual_size: tuple[int, int]
    over: int
    """Pixels with some channel more than ``atol`` away from the reference."""
    worst: int
    """The largest difference of any channel of any pixel."""
    mean: float
    """The mean absolute difference over every channel of every pixel."""
    boxes: tuple[tuple[int, int, int, int], ...] = ()
    """Rectangles (x, y, w, h) round the groups of pixels beyond ``atol``."""

    @property
    def matches(self) -> bool:
        return self.expected_size == self.actual_size and self.over == 0

    def describe(self) -> str:
        if self.expected_size != self.actual_size:
            return f"size {self.actual_size}, expected {self.expected_size}"
        width, height = self.expected_size
        text = (f"{self.over} of {width * height} pixels differ by more than {self.atol} "
                f"(largest difference {self.worst}, mean {self.mean:.4f})")
        if self.boxes:
            left = min(x for x, _, _, _ in self.boxes)
            top = min(y for _, y, _, _ in self.boxes)
            right = max(x + w for x, _, w, _ in self.boxes)
            bottom = max(y + h for _, y, _, h in self.boxes)
            text += f", within x {left}–{right - 1}, y {top}–{bottom - 1}"
        return text


def opaque(surface: pygame.Surface) -> pygame.Surface:
    """A 32-bit copy without per-pixel alpha, so two surfaces share one pixel format."""
    copy = pygame.Surface(surface.get_size(), 0, 32)
    copy.blit(surface, (0, 0))
    return copy


def absolute_difference(expected: pygame.Surface, actual: pygame.Surface) -> pygame.Surface:
    """|expected − actual| per channel, made from two saturating subtractions."""
    first, second = opaque(expected), opaque(actual)
    forward = first.copy()
    forward.blit(second, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(e − a, 0)
    second.blit(first, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(a − e, 0)
    forward.blit(second, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return forward


def within(difference: pygame.Surface, atol: int) -> pygame.mask.Mask:
    """The pixels of a difference whose channels are all at most ``atol``."""
    if atol >= 255:
        return pygame.mask.Mask(difference.get_size(), fill=True)
    limit = atol + 1  # from_threshold keeps a channel when |value − colour| < threshold
    return pygame.mask.from_threshold(difference, (0, 0, 0, 255), (limit, limit, limit, 255))


def _worst(difference: pygame.Surface) -> int:
    low, high = 0, 255  # the smallest atol every pixel is within: a binary search
    total = difference.get_width() * difference.get_height()
    while low < high:
        middle = (low + high) // 2
        if within(difference, middle).count() == total:
            high = middle
        else:
            low = middle + 1
    return low


def _boxes(over: pygame.mask.Mask) -> tuple[tuple[int, int, int, int], ...]:
    """Boxes round the pixels beyond the tolerance; groups closer than ``NEAR`` share one."""
    rects: list[pygame.Rect] = []
    for found in over.get_bounding_rects():
        rect = found
        while (index := rect.inflate(NEAR, NEAR).collidelist(rects)) != -1:
            rect = rect.union(rects.pop(index))
        rects.append(rect)
    if len(rects) > MAX_BOXES:
        rects = [rects[0].unionall(rects[1:])]
    return tuple((r.x, r.y, r.width, r.height) for r in rects)


def compare(expected: pygame.Surface, actual: pygame.Surface, atol: int) -> Difference:
    """Compare two renders of the same size; a size difference is a difference too."""
    sizes = (expected.get_size(), actual.get_size())
    if sizes[0] != sizes[1]:
        return Difference(atol, sizes[0], sizes[1], over=-1, worst=255, mean=255.0)
    difference = absolute_difference(expected, actual)
    over = within(difference, atol)
    over.invert()
    channels = pygame.image.tobytes(difference, "RGB")
    return Difference(atol, sizes[0], sizes[1], over=over.count(), worst=_worst(difference),
                      mean=sum(channels) / len(channels), boxes=_boxes(over))


def _magnified(difference: pygame.Surface) -> pygame.Surface:
    bright = difference.copy()
    for _ in range(MAGNIFY.bit_length() - 1):  # doubling with saturation, four times for ×16
        bright.blit(bright.copy(), (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return bright


def diff_sheet(expected: pygame.Surface, actual: pygame.Surface, atol: int) -> pygame.Surface:
    """Expected | actual | difference magnified, side by side, the mismatches boxed."""
    width, height = expected.get_size()
    gap = 8
    sheet = pygame.Surface((width * 3 + gap * 2, max(height, actual.get_height())), 0, 32)
    sheet.fill((255, 255, 255))
    sheet.blit(expected, (0, 0))
    sheet.blit(actual, (width + gap, 0))
    if expected.get_size() != actual.get_size():
        return sheet
    difference = absolute_difference(expected, actual)
    over = within(difference, atol)
    over.invert()
    panel = _magnified(difference)
    panel.blit(over.to_surface(setcolor=OVER_COLOUR, unsetcolor=None), (0, 0))
    sheet.blit(panel, ((width + gap) * 2, 0))
    for x, y, w, h in _boxes(over):
        for column in range(3):
            box = pygame.Rect(x + column * (width + gap), y, w, h).inflate(8, 8)
            pygame.draw.rect(sheet, BOX_COLOUR, box, 2)
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ui.image_compare",
                                     description="Print how far ACTUAL is from EXPECTED.")
    parser.add_argument("expected", type=Path)
    parser.add_argument("actual", type=Path)
    parser.add_argument("--atol", type=int, default=0, help="per-channel tolerance (0–255)")
    parser.add_argument("--sheet", type=Path, help="write the side-by-side picture here")
    args = parser.parse_args(argv)
    expected, actual = (pygame.image.load(str(path)) for path in (args.expected, args.actual))
    difference = compare(expected, actual, args.atol)
    print(f"{args.actual}: {difference.describe()}")
    if args.sheet is not None:
        pygame.image.save(diff_sheet(expected, actual, args.atol), str(args.sheet))
    return 0 if difference.matches else 1


if __name__ == "__main__":
    sys.exit(main())
