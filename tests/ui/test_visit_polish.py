"""What a visitor hit in a real-window walk-through, fixed (issue 11), through the real app:
the result is never hidden by a file path (1), the caret is a glyph the font has (2), the
visitor's notation (3), the keyboard frame leaves (6), one kind answer to every refused move
(11), the show's reading time and caption (12), and the smaller things (15)."""

from __future__ import annotations

import time
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App
from game.opponents.idle import IdleOpponent
from game.opponents.scripted import ScriptedOpponent
from game.ui.captions import reading_seconds
from game.ui.scenes.exhibition import STEPS, ExhibitionScene
from game.ui.scenes.play_panels import CARET
from game.ui.text import Face
from tests.ui.helpers import click, drag, key, make_app, play_scene, settle, steps, type_text
from tests.ui.text_fits import Recorder

PIN = "rnbqk1nr/pppp1ppp/8/4p3/1b1P4/8/PPPNPPPP/R1BQKBNR w KQkq - 2 3"


def scripted(*ucis: str):  # type: ignore[no-untyped-def]
    moves = [chess.Move.from_uci(u) for u in ucis]
    return lambda setup: ScriptedOpponent(moves)


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    application = make_app(tmp_path, scripted("e2e4", "e7e5", "g1f3", "b8c6", "f1c4", "g8f6"))
    yield application
    application.close()


def status(app: App) -> tuple[str, str]:
    scene = play_scene(app)
    return scene.status.lines(scene.match.session, typed=scene.typed,
                              turk_moving=scene.staging.is_busy)


def wait_for_save(app: App) -> None:
    scene = play_scene(app)
    deadline = time.monotonic() + 10
    while scene.saving.pending is not None:  # the archive writes on its own thread
        assert time.monotonic() < deadline, "the game was not saved"
        steps(app)
        time.sleep(0.005)


# -- 1: the result stays, no path ----------------------------------------------------------------

def test_after_resigning_the_result_stays_and_no_path_is_shown(app: App) -> None:
    scene = play_scene(app)
    click(app, chess.E2)
    click(app, chess.E4)
    settle(app)
    scene.press("resign")
    scene.press("resign")
    steps(app)
    wait_for_save(app)
    steps(app, 5)
    main, quiet = status(app)
    assert (main, quiet) == ("The Turk wins.", "You resigned.")
    assert not scene.buttons.button("save").enabled, "the finished game is saved already"
    scene.status.flash("ui.status.saved")  # a note now goes under the result, never over it
    assert status(app) == ("The Turk wins.", "You resigned. Game saved.")
    assert list(Path(scene.options.archive.folder).glob("*.pgn"))  # type: ignore[union-attr]


def test_saving_says_so_without_the_path(app: App) -> None:
    scene = play_scene(app)
    scene.press("save")
    steps(app)
    wait_for_save(app)
    main, _ = status(app)
    assert main == "Game saved."
    assert "/" not in main and "\\" not in main


# -- 2: the caret ----------------------------------------------------------------------------

def test_the_typing_caret_is_a_character_the_font_has(app: App) -> None:
    type_text(app, "d4")
    main, _ = status(app)
    assert main == f"Your move: d4{CARET}"
    assert app.services.text.missing_glyphs(main, Face.SERIF) == ""


# -- 3: the visitor's notation ----------------------------------------------------------------

def test_a_german_visitor_reads_and_types_german_notation(tmp_path: Path) -> None:
    app = make_app(tmp_path, scripted("g1f3", "g8f6", "d2d4", "d7d5", "c1f4", "c8f5"),
                   language="de")
    try:
        scene = play_scene(app)
        for square in (chess.G1, chess.F3):
            click(app, square)
        settle(app)
        type_text(app, "d4")
        key(app, pygame.K_RETURN)
        settle(app)
        type_text(app, "Lf4")
        key(app, pygame.K_RETURN)
        settle(app)
        assert [r.san for r in scene.match.session.records][4] == "Bf4"  # English in files
        assert scene.sheet  # drawn with German letters:
        sans = [san for san in scene.match.position.sans]
        shown = [s for s in (play_sans_on_screen(app))]
        assert shown[:5] == ["Sf3", "Sf6", "d4", "d5", "Lf4"], (sans, shown)
    finally:
        app.close()


def play_sans_on_screen(app: App) -> list[str]:
    """The moves as the scoresheet was last asked to draw them."""
    recorded: list[str] = []
    scene = play_scene(app)
    original = scene.sheet.draw

    def spy(surface, rect, sans, **kw):  # type: ignore[no-untyped-def]
        recorded.extend(sans)
        original(surface, rect, sans, **kw)

    scene.sheet.draw = spy  # type: ignore[method-assign]
    app.draw()  # a whole frame: the presenter may skip a frame where nothing changed
    scene.sheet.draw = original  # type: ignore[method-assign]
    return recorded


# -- 6: the keyboard frame --------------------------------------------------------------------

def test_the_keyboard_frame_leaves_on_pointer_input_and_on_a_new_game(app: App) -> None:
    scene = play_scene(app)
    key(app, pygame.K_RIGHT)
    assert scene.board.state.cursor is not None
    click(app, chess.E2)
    assert scene.board.state.cursor is None, "a tap hides the keyboard's frame"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_LEFT)
    assert scene.board.state.cursor is not None
    from game.match import GameSetup

    scene.start_new(GameSetup("white", 3))
    steps(app)
    assert scene.board.state.cursor is None, "a new game starts without it"


# -- 11: one kind answer that says why ----------------------------------------------------------

def test_a_tap_on_a_square_the_piece_cannot_reach_is_answered(app: App) -> None:
    scene = play_scene(app)
    click(app, chess.E2)
    click(app, chess.E5)
    assert scene.match.session.ply == 0 and scene.board.state.selected is None
    assert status(app)[0] == "A pawn does not move like that."
    assert scene.automaton.performer.current == "shake"  # the Turk shakes its head


def test_a_drag_to_a_square_the_piece_cannot_reach_gets_the_same_answer(app: App) -> None:
    scene = play_scene(app)
    drag(app, chess.E2, chess.E5)
    assert status(app)[0] == "A pawn does not move like that."
    assert scene.automaton.performer.current == "put_back"  # and puts the piece back


def test_a_piece_that_cannot_move_says_why(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), fen=PIN)
    try:
        scene = play_scene(app)
        click(app, chess.D2)
        assert scene.board.state.selected is None
        assert status(app)[0] == "That piece shields your king and may not leave its line."
        assert scene.automaton.performer.current == "shake"
        settle(app)
        click(app, chess.C1)  # hemmed in by its own pawns
        assert status(app)[0] == "That piece has no free square to go to."
    finally:
        app.close()


def test_a_pinned_piece_dropped_off_its_line_is_told_so(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(),
                   fen="4r1k1/8/8/8/8/8/4R3/4K3 w - - 0 1")  # the rook may only stay on e
    try:
        drag(app, chess.E2, chess.A2)
        assert status(app)[0] == ("That piece shields your king: moving it off the line "
                                  "would leave the king in check.")
    finally:
        app.close()


def test_tapping_a_piece_while_the_turk_is_to_move_says_wait(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), color="black")
    try:
        click(app, chess.E7)
        assert status(app)[0] == "Wait — the Turk is to move."
    finally:
        app.close()


# -- 12: the show reads at the caption's pace, and its caption leaves the art alone ----------------

@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920), (3840, 2160)])
@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_each_step_of_the_show_lasts_its_captions_reading_time_and_spares_the_art(
        size: tuple[int, int], language: str, tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), show=True, size=size,
                   language=language)
    try:
        show = app.stack.top
        assert isinstance(show, ExhibitionScene)
        assert not show.caption_area.colliderect(show.art)
        recorder = Recorder()
        recorder.listen(app.services.text)
        for index in range(len(STEPS)):
            said = show.captions.lines[0]
            assert show.seconds >= reading_seconds(said)
            assert show.seconds >= STEPS[index].seconds
            recorder.drawn.clear()
            steps(app)
            lines = [d.text for d in recorder.drawn if d.text.text in said]
            assert lines, "the caption was drawn"
            for line in lines:
                assert line.fits and not line.ink.colliderect(show.art), line
            if index + 1 < len(STEPS):
                show.advance()
    finally:
        app.close()


def test_a_long_caption_is_not_cut_short(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), show=True, language="de")
    try:
        show = app.stack.top
        assert isinstance(show, ExhibitionScene)
        show.advance()
        show.advance()  # the candle: the longest words of the show
        said = show.captions.lines[0]
        assert len(said) > 140
        steps(app, round((STEPS[2].seconds + 0.5) * 60))  # its old fixed time, and more
        assert show.step.caption == "candle", "the step turned before it could be read"
        steps(app, round((reading_seconds(said) - STEPS[2].seconds) * 60))
        assert show.step.caption != "candle"
    finally:
        app.close()


# -- 15: smaller things --------------------------------------------------------------------------

def test_one_row_of_buttons_uses_one_label_size(tmp_path: Path) -> None:
    for size in ((1280, 720), (1080, 1920)):
        app = make_app(tmp_path / f"{size[0]}", lambda setup: IdleOpponent(), language="de",
                       size=size)
        try:
            sizes = set(play_scene(app).buttons.label_sizes().values())
            assert len(sizes) == 1, sizes
        finally:
            app.close()


def test_a_disabled_button_is_opaque(app: App) -> None:
    scene = play_scene(app)
    take_back = scene.buttons.button("take_back")
    assert not take_back.enabled and take_back.rect is not None
    plaque = scene.buttons._plaque(take_back, "disabled", 20)
    middle = plaque.get_at(plaque.get_rect().center)
    assert plaque.get_alpha() in (None, 255) and middle.a == 255


def test_the_boards_coordinates_are_readable_on_a_small_window() -> None:
    from game.ui.board_view import (
        COORDINATE_ON_DARK,
        COORDINATE_ON_LIGHT,
        DARK,
        LIGHT,
        coordinate_px,
    )
    from game.ui.layout import play_layout

    square = play_layout((1280, 720)).board.width / 8
    assert coordinate_px(square) >= 12

    def luminance(color: tuple[int, int, int]) -> float:
        channels = [c / 255 for c in color]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    assert contrast(COORDINATE_ON_LIGHT, LIGHT) >= 3
    assert contrast(COORDINATE_ON_DARK, DARK) >= 3


def test_the_material_lead_says_whose_it_is(app: App) -> None:
    from game.model.material import captures_in

    scene = play_scene(app)
    recorder = Recorder()
    recorder.listen(app.services.text)
    scene.captures = captures_in(chess.Board(
        "1nbqkb2/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQ - 0 1"))
    steps(app)
    drawn = [d.text.text for d in recorder.drawn]
    assert "+13" in drawn and "You" in drawn  # two rooks and a knight ahead
