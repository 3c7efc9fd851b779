"""Golden images: the automaton in four poses, the play screen at 1920×1080, a page of the
reveal and the operator's console, each compared pixel by pixel with its reference in
``tests/golden/``.

**Tolerance.** A pixel matches when each of its channels is within ``ATOL`` of the reference,
and every pixel must match (Pygame Zero's screen tests: ``allclose(atol=2)``).
Measured with ``python -m tests.ui.image_compare`` on this x86-64 machine, pygame-ce 2.5.8
(the whole record: ``tests/golden/renderer.txt``):

- the same scene drawn again, in the same process or a new one, at 1920×1080, 1280×720 and
  1080×1920 (play, reveal, console) and the four poses: **identical**, bit for bit; so too
  from the game's wheel installed outside the checkout, with SDL's X11 driver on Xvfb
  instead of the dummy one, and with a 1920×1080 display instead of 64×64 behind the poses;
- pygame-ce's AVX2, SSE2 and plain-C blitters (chosen by the CPU; forced here by an
  ``LD_PRELOAD`` shim answering no to ``SDL_HasAVX2`` and ``SDL_HasSSE2``): **identical**;
- the one thing that differs with the same wheels: ``smoothscale``'s backend, which
  pygame-ce also picks from the CPU (``SSE2`` on x86-64; without SSE2 the plain C
  ``GENERIC``). Against each other: **at most 2** in a channel, in up to 7 % of the pixels
  (the reveal page: 138,068 of 2,073,600; mean 0.026). That is ``ATOL``.
- Text and SVG: FreeType, HarfBuzz, SDL_ttf and SDL_image's SVG rasteriser come inside the
  pygame-ce wheel and the fonts are bundled, so hinting and rasterising are the same code
  everywhere; no difference was found in either. Not measured: another CPU architecture
  (another build of the wheel) or another pygame-ce version (only 2.5.8 was at hand; the
  project asks for ``>=2.5.2``): a mismatch names the libraries the references were drawn
  with when they differ from these.
- ``PYGAME_BLEND_ALPHA_SDL2`` (SDL's alpha blending instead of pygame-ce's) moves pixels by
  up to 64, so the tests unset it.

The old references differed from the current drawing by up to 44 in a channel (mean 0.006):
not noise but changes to the figure made since, which the old tolerance (a mean of 1.5 and
1 % of the pixels off by 48) let through, as it let through all five defects below.

**A mismatch** writes ``out/golden-diffs/<name>.png`` (expected | actual | the difference
×16, the pixels beyond the tolerance in magenta and boxed in all three) and the failure names
that file, the number of pixels off and where they are.

**Regenerating on purpose**, after a deliberate change to what is drawn::

    TURK_UPDATE_GOLDENS=1 .venv/bin/pytest tests/ui/test_golden.py

rewrites the references that differ from what is drawn now in any way, then the defect tests below
check the new ones; look at every rewritten PNG before committing it. It refuses to run where
``CI`` is set: a reference is accepted by a person who has looked at it.

**The goldens see.** ``test_a_defect_fails_its_golden`` renders five wrong pictures — no
knight in the carrying hand, a queen in it instead, the black queen missing, the pieces as
after 1.e4, the nod left out — by changing what is drawn (the pose, the hand's piece, the
position), never the reference, and asserts that each one fails its golden.
"""

from __future__ import annotations

import functools
import os
import platform
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import chess
import pygame
import pytest

from game.screenshot import Shot, take_screenshot
from game.ui.art import ArtBook, PartPainter
from game.ui.assets import Assets
from game.ui.automaton.gestures import BoardFrame
from game.ui.automaton.pose import Pose
from game.ui.automaton.view import AutomatonView
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.layout import play_layout
from game.ui.stage_view import StageView
from game.ui.text import TextPainter
from tests.ui.image_compare import MAGNIFY, Difference, compare, diff_sheet

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
DIFFS = ROOT / "out" / "golden-diffs"
SEEN = ROOT / "out" / "golden-defects"
RENDERER = GOLDEN / "renderer.txt"
UPDATE = "TURK_UPDATE_GOLDENS"
ATOL = 2
"""The largest difference allowed in any channel of any pixel (0–255)."""

AUTOMATON_SIZE = (640, 360)
SCREEN = (1920, 1080)
KNIGHT, QUEEN = chess.Piece.from_symbol("N"), chess.Piece.from_symbol("Q")
START = chess.STARTING_FEN
NO_BLACK_QUEEN = "rnb1kbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"
AS_AFTER_E4 = "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 1"
"""The pieces as after 1.e4 with White still to move, so that only the board differs from the
opening position (the status line and the move list stay as they are)."""

POSES = {
    "rest": (Pose(), None),
    "reach-a1": (Pose(hand=BoardFrame().point(chess.A1), hand_shape="open"), None),
    "carry-e4": (Pose(hand=BoardFrame().point(chess.E4), hand_shape="grip", lift=1.0), KNIGHT),
    "nod-point": (Pose(hand=(0.3, 0.4), hand_shape="point", nod=1.0, face=-1.0,
                       gaze=(-1.0, 0.0), head_deg=-3.0, tap=1.0), None),
}


def draw_automaton(pose: Pose, carried: chess.Piece | None) -> pygame.Surface:
    """The room, the figure, the cabinet and the board in the opening position (no
    coordinates), and the arms in ``pose`` holding ``carried``, at 640×360."""
    pygame.display.init()
    try:
        pygame.display.set_mode((64, 64))
        assets = Assets()
        painter = PartPainter(assets, ArtBook.load(assets))
        text = TextPainter(assets)
        layout = play_layout(AUTOMATON_SIZE)
        stage = StageView(painter, text)
        view = AutomatonView(assets, painter)
        board = BoardView(assets, text, BoardGeometry(layout.board, True))
        board.state.show_coordinates = False
        board.show_position(chess.Board().piece_map())
        surface = pygame.Surface(AUTOMATON_SIZE)
        stage.draw_room(surface, layout.viewport, layout.stage)
        view.draw_body(surface, layout.stage, pose)
        stage.draw_cabinet(surface, layout.stage)
        board.draw(surface)
        view.draw_arms(surface, layout.stage, pose, carried)
        return surface
    finally:
        pygame.display.quit()


def screenshot(scene: str, fen: str | None = None) -> pygame.Surface:
    """The scene as ``turk screenshot --scene SCENE --size 1920x1080`` renders it."""
    with tempfile.TemporaryDirectory(prefix="turk-golden-") as scratch:
        path = take_screenshot(Shot(scene, SCREEN, fen), Path(scratch) / "shot.png")
        return pygame.image.load(str(path))


def automaton(name: str, **changes: object) -> Callable[[], pygame.Surface]:
    pose, carried = POSES[name]
    if "carried" in changes:
        carried = changes.pop("carried")  # type: ignore[assignment]
    pose = replace(pose, **changes)  # type: ignore[arg-type]
    return lambda: draw_automaton(pose, carried)


GOLDENS: dict[str, Callable[[], pygame.Surface]] = {
    **{f"automaton-{name}": automaton(name) for name in POSES},
    "play-1920x1080": lambda: screenshot("play", START),
    "reveal-operator-1920x1080": lambda: screenshot("reveal-operator"),
    "console-1920x1080": lambda: screenshot("console"),
}


@dataclass(frozen=True)
class Defect:
    golden: str
    render: Callable[[], pygame.Surface]
    squares: tuple[chess.Square, ...] = ()
    """For a wrong position: the squares the difference must cover (the board itself, not
    only what follows from it, such as the material lead shown on the cabinet)."""


DEFECTS = {
    "no knight in the hand": Defect("automaton-carry-e4", automaton("carry-e4", carried=None)),
    "a queen instead of the knight": Defect("automaton-carry-e4",
                                            automaton("carry-e4", carried=QUEEN)),
    "no nod": Defect("automaton-nod-point", automaton("nod-point", nod=0.0)),
    "the black queen missing": Defect("play-1920x1080",
                                      lambda: screenshot("play", NO_BLACK_QUEEN), (chess.D8,)),
    "the pieces as after 1.e4": Defect("play-1920x1080",
                                       lambda: screenshot("play", AS_AFTER_E4),
                                       (chess.E2, chess.E4)),
}


@functools.cache
def rendered(name: str) -> pygame.Surface:
    """The golden scene ``name`` as drawn now, once per test run (the defect tests need it
    too)."""
    return GOLDENS[name]()


def renderer() -> str:
    """What draws the pictures: a reference is only as stable as these libraries."""
    return (f"pygame-ce {pygame.version.ver}, SDL {'.'.join(map(str, pygame.get_sdl_version()))}"
            f", SDL_image {'.'.join(map(str, pygame.image.get_sdl_image_version() or ()))}"
            f", SDL_ttf {'.'.join(map(str, pygame.font.get_sdl_ttf_version()))}"
            f", smoothscale {pygame.transform.get_smoothscale_backend()}"
            f", {platform.machine()}")


def updating() -> bool:
    if not os.environ.get(UPDATE):
        return False
    if os.environ.get("CI"):
        pytest.fail(f"{UPDATE} is set in CI: a reference is accepted by a person who has "
                    "looked at it, never by CI")
    return True


def reference(name: str) -> pygame.Surface:
    path = GOLDEN / f"{name}.png"
    if not path.exists():
        pytest.fail(f"no reference {path.relative_to(ROOT)}; render it on purpose with "
                    f"{UPDATE}=1 pytest tests/ui/test_golden.py and look at it")
    return pygame.image.load(str(path))


def mismatch(name: str, difference: Difference) -> str:
    text = (f"{name}: {difference.describe()}; see {DIFFS.relative_to(ROOT)}/{name}.png "
            f"(expected | actual | difference ×{MAGNIFY}). If the change is meant: "
            f"{UPDATE}=1 pytest tests/ui/test_golden.py, then look at the new reference")
    made_with = RENDERER.read_text(encoding="utf-8").strip() if RENDERER.exists() else "?"
    if made_with != renderer():
        text += f". The references were drawn with {made_with}; this is {renderer()}"
    return text


@pytest.fixture(autouse=True)
def _pygame_blitters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw with pygame-ce's own alpha blitters, as the game does: SDL's, chosen by this
    variable, differ from them by up to 64 in a channel."""
    monkeypatch.delenv("PYGAME_BLEND_ALPHA_SDL2", raising=False)


@pytest.mark.parametrize("name", list(GOLDENS))
def test_render_matches_its_golden_image(name: str) -> None:
    actual, path, sheet = rendered(name), GOLDEN / f"{name}.png", DIFFS / f"{name}.png"
    if updating():
        if not RENDERER.exists() or RENDERER.read_text(encoding="utf-8").strip() != renderer():
            RENDERER.write_text(renderer() + "\n", encoding="utf-8")
        # Rewritten unless identical: a reference already 2 off what is drawn here would
        # leave no room for another machine's noise.
        if not path.exists() or not compare(pygame.image.load(str(path)), actual, 0).matches:
            pygame.image.save(actual, str(path))
            pytest.skip(f"rewrote {path.relative_to(ROOT)}: look at it before committing")
        return
    expected = reference(name)
    difference = compare(expected, actual, ATOL)
    if difference.matches:
        sheet.unlink(missing_ok=True)  # a sheet from an earlier failure would mislead
        return
    DIFFS.mkdir(parents=True, exist_ok=True)
    pygame.image.save(diff_sheet(expected, actual, ATOL), str(sheet))
    pytest.fail(mismatch(name, difference))


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_a_defect_fails_its_golden(defect: str) -> None:
    wrong = DEFECTS[defect]
    expected, actual = reference(wrong.golden), wrong.render()
    assert compare(expected, rendered(wrong.golden), ATOL).matches, (
        f"{wrong.golden} does not match its reference even without the defect: fix that "
        "first (test_render_matches_its_golden_image)")
    difference = compare(expected, actual, ATOL)
    SEEN.mkdir(parents=True, exist_ok=True)  # what the golden saw, for a person to look at
    pygame.image.save(diff_sheet(expected, actual, ATOL),
                      str(SEEN / f"{defect.replace(' ', '-').replace('.', '')}.png"))
    assert not difference.matches, f"{defect}: the golden {wrong.golden} did not see it"
    geometry = BoardGeometry(play_layout(SCREEN).board, True)
    for square in wrong.squares:
        rect = geometry.square_rect(square)
        assert rect.collidelist([pygame.Rect(box) for box in difference.boxes]) != -1, (
            f"{defect}: nothing differs on {chess.square_name(square)} {tuple(rect)}; "
            f"{difference.describe()}")


def test_the_comparison_allows_atol_and_no_more() -> None:
    expected = pygame.Surface((40, 30), 0, 32)
    expected.fill((100, 150, 200))
    near, far = expected.copy(), expected.copy()
    near.fill((100 + ATOL, 150 - ATOL, 200), pygame.Rect(0, 0, 40, 30))
    far.set_at((31, 7), (100, 150, 200 + ATOL + 1))
    assert compare(expected, near, ATOL).matches
    difference = compare(expected, far, ATOL)
    assert (difference.matches, difference.over, difference.worst) == (False, 1, ATOL + 1)
    assert difference.boxes == ((31, 7, 1, 1),)
    assert not compare(expected, pygame.Surface((40, 31), 0, 32), ATOL).matches
    assert diff_sheet(expected, far, ATOL).get_size() == (3 * 40 + 16, 30)
