"""Readable at an exhibit: type at least 24 px on a 1080-line screen, contrast at least 4.5:1,
every letter in the bundled faces, and every page's words inside their column."""

from __future__ import annotations

from collections.abc import Iterator

import chess
import pygame
import pytest

import game.ui.reveal.layout as reveal_layout_module
from game.content.screens import Screen
from game.content.strings import Strings
from game.model.records import MoveAuthor
from game.model.reveal import Guess, TurkMode, build_facts
from game.reveal_store import TallyCount
from game.ui.assets import Assets
from game.ui.reveal import panels, pictures
from game.ui.reveal.layout import (
    GOLD_TEXT,
    MIN_TEXT_PX,
    PANEL,
    QUIET,
    ROOM_BOTTOM,
    ROOM_TOP,
    VITRINE,
    contrast_ratio,
    reveal_layout,
)
from game.ui.reveal.plan import page_text, plan_reveal
from game.ui.reveal.text_view import fit_factor, measure, page_blocks
from game.ui.text import Face, TextPainter
from game.ui.widgets import BRASS_BOTTOM, BRASS_TOP, ENGRAVED
from tests.reveal.conftest import LANGUAGES, game_records

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
TEXT = {"cream": reveal_layout_module.CREAM, "parchment": reveal_layout_module.PARCHMENT,
        "gold": GOLD_TEXT, "quiet": QUIET}
GROUNDS = {"room top": ROOM_TOP, "room bottom": ROOM_BOTTOM, "vitrine": VITRINE,
           "panel": PANEL, "panel bottom": (36, 22, 14)}


@pytest.fixture(scope="module")
def painter() -> Iterator[TextPainter]:
    pygame.init()
    yield TextPainter(Assets())


def mix(top: tuple[int, int, int], bottom: tuple[int, int, int],
        t: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))  # type: ignore[return-value]


def test_every_type_size_is_at_least_24_design_pixels() -> None:
    sizes = {name: value for name, value in vars(reveal_layout_module).items()
             if name.endswith("_PX")}
    assert sizes and min(sizes.values()) >= MIN_TEXT_PX == 24, sizes


def test_the_contrast_ratio_is_computed_as_wcag_says() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((10, 20, 30), (10, 20, 30)) == pytest.approx(1.0)


@pytest.mark.parametrize("ground", GROUNDS)
@pytest.mark.parametrize("ink", TEXT)
def test_text_on_the_room_and_panels_has_contrast(ink: str, ground: str) -> None:
    assert contrast_ratio(TEXT[ink], GROUNDS[ground]) >= 4.5


@pytest.mark.parametrize("t", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("ink", [panels.ENGRAVING, panels.ENGRAVING_SOFT])
def test_engraving_on_the_brass_plaques_has_contrast(ink: tuple[int, int, int],
                                                     t: float) -> None:
    ground = mix(panels.PLAQUE_TOP, panels.PLAQUE_BOTTOM, t)
    assert contrast_ratio(ink, ground) >= 4.5


@pytest.mark.parametrize("t", [0.3, 0.5, 0.7])
def test_button_labels_have_contrast_where_they_sit(t: float) -> None:
    """A label's letters occupy the middle band of the plaque's gradient."""
    assert contrast_ratio(ENGRAVED, mix(BRASS_TOP, BRASS_BOTTOM, t)) >= 4.5


@pytest.mark.parametrize("ink", [pictures.CREAM, pictures.BRASS, pictures.BRASS_DIM])
def test_the_timeline_years_have_contrast(ink: tuple[int, int, int]) -> None:
    assert contrast_ratio(ink, VITRINE) >= 4.5


def visible_texts(strings: Strings) -> Iterator[str]:
    for lang in LANGUAGES:
        for key in strings._tables[lang]:  # every key the reveal may show
            if key.startswith(("reveal.", "history.", "meta.")):
                value = strings._tables[lang][key]
                yield from ([value] if isinstance(value, str) else value)


@pytest.mark.parametrize("face", [Face.SERIF, Face.ITALIC, Face.SMALL_CAPS])
def test_every_letter_is_in_the_faces_the_reveal_uses(painter: TextPainter, strings: Strings,
                                                      face: Face) -> None:
    font = painter._assets.font(face.value, 30)
    missing_glyph = pygame.image.tobytes(font.render("\ue000", True, (255, 255, 255)), "RGBA")
    letters = {ch for text in visible_texts(strings) for ch in text
               if not ch.isspace() and ch.isprintable()}
    letters |= set("0123456789%·—…“”„«»’:?")
    missing = sorted(ch for ch in letters
                     if pygame.image.tobytes(font.render(ch, True, (255, 255, 255)),
                                             "RGBA") == missing_glyph)
    assert missing == []


def all_pages(screens: list[Screen]):  # type: ignore[no-untyped-def]
    for mode, authors in ((TurkMode.ENGINE, [MoveAuthor.BOOK, MoveAuthor.ENGINE]),
                          (TurkMode.OPERATOR, [MoveAuthor.OPERATOR, MoveAuthor.ENGINE_STANDIN]),
                          (TurkMode.HYBRID, [MoveAuthor.OPERATOR_HINT])):
        facts = build_facts(game_records(authors, plies=30), game_id="g",
                            start_fen=chess.STARTING_FEN, visitor_color=chess.WHITE, mode=mode,
                            operator_name="Maximilian Alexander von Hohenberg-Ostrowski",
                            engine_name="Stockfish 17.1", engine_author="the Stockfish developers",
                            operator_seconds=4000)
        yield from plan_reveal(screens, facts, guess=Guess.MACHINE, tally=TallyCount(999, 1000))


@pytest.mark.parametrize("orientation", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_its_column_at_readable_sizes(painter: TextPainter, strings: Strings,
                                                      screens: list[Screen], lang: str,
                                                      orientation: str) -> None:
    layout = reveal_layout(SIZES[orientation])
    for page in all_pages(screens):
        text = page_text(page, strings, lang)
        for layer in range(text.layers + 1):
            blocks = page_blocks(text, layer)
            factor = fit_factor(painter, blocks, layout, layout.text)
            assert min(max(MIN_TEXT_PX, round(b.size * factor)) for b in blocks) >= MIN_TEXT_PX
            height = measure(painter, blocks, layout, layout.text.width, factor)
            assert height <= layout.text.height, (page.screen.id, lang, layer, factor)
