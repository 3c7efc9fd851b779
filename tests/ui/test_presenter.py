"""Only what changed is drawn and presented — and what is on the screen is still exactly what a
full redraw would show. A game is played with taps, a drag, an illegal move, hovering, typing,
a language change, the Turk's arm carrying its moves and quiet stretches; after every frame
that was drawn in part or skipped, the window is compared pixel for pixel with a full redraw."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import chess
import pygame
import pytest

from game.opponents.scripted import ScriptedOpponent
from tests.ui.helpers import FrameChecker as Checker
from tests.ui.helpers import center, make_app, play_scene, post

REPLIES = [chess.Move.from_uci(u)
           for u in ("e2e4", "e7e5", "g1f3", "b8c6", "f1c4", "g8f6", "d2d3", "f6e4")]
"""The whole game (the scripted Turk plays its side of it; its last move takes a pawn, which
its hand carries to the end of the cabinet)."""


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920)], ids=["landscape", "portrait"])
def test_partial_and_skipped_frames_show_what_a_full_redraw_would(
        tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(REPLIES), greeting=False,
                   size=size)
    checker = Checker(app, tmp_path)
    try:
        play = play_scene(app)
        checker.step(90)  # quiet: the figure breathes and blinks
        for source, target in (("e2", "e4"), ("g1", "f3")):  # tap, tap
            pos = center(app, chess.parse_square(source))
            post(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0))
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
            checker.step(5)
            pos = center(app, chess.parse_square(target))
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
            checker.step(240)  # the Turk answers with its arm
        start, end = center(app, chess.F1), center(app, chess.C4)  # a drag
        post(pygame.MOUSEBUTTONDOWN, pos=start, button=1)
        checker.step(2)
        for fraction in (0.3, 0.6, 1.0):
            pos = (round(start[0] + (end[0] - start[0]) * fraction),
                   round(start[1] + (end[1] - start[1]) * fraction))
            post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0))
            checker.step(2)
        post(pygame.MOUSEBUTTONUP, pos=end, button=1)
        checker.step(240)
        bad = center(app, chess.A2), center(app, chess.A5)  # an illegal move: refused
        for pos in bad:
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
            checker.step(3)
        checker.step(120)
        for char in "d3":  # typing
            post(pygame.TEXTINPUT, text=char)
            checker.step(3)
        post(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="")
        checker.step(240)
        resign = play.buttons.button("resign").rect
        assert resign is not None
        post(pygame.MOUSEMOTION, pos=resign.center, rel=(1, 0), buttons=(0, 0, 0))  # hover
        checker.step(10)
        german = play.languages.button("language:de").rect
        assert german is not None
        post(pygame.MOUSEBUTTONDOWN, pos=german.center, button=1)
        post(pygame.MOUSEBUTTONUP, pos=german.center, button=1)
        checker.step(120)
        assert play.match.session.ply == 8 and app.services.strings.language == "de"
    finally:
        app.close()
    counts = app.presenter.counts
    assert checker.checked > 200 and counts.skipped > 100 and counts.partial > 20, counts
    layers = play.under_arms.counts  # frames drawn as the layer under the arms and the arms
    print(layers)
    assert layers.composed > 100 and layers.mended > 0, layers


def test_an_arm_under_a_panel_is_drawn_as_a_full_redraw_would(tmp_path: Path) -> None:
    """The arms are drawn before the panels: where an arm moves under one (here the status
    plaque, moved over the board for the test), the frame is not drawn from the layer under
    the arms, which would put the arm over the plaque."""
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(REPLIES), greeting=False,
                   size=(1280, 720))
    checker = Checker(app, tmp_path)
    try:
        play = play_scene(app)
        play.layout = dataclasses.replace(play.layout, status=play.layout.board.copy())
        play._drawn_keys = None  # what the screen shows is unknown: the next frame is whole
        checker.step(30)
        for square in ("e2", "e4"):
            pos = center(app, chess.parse_square(square))
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
            checker.step(5)
        checker.step(240)  # the Turk's arm carries e7-e5 under the plaque
        assert play.match.session.ply == 2
    finally:
        app.close()
    assert checker.checked > 100


def test_a_still_play_screen_draws_almost_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(REPLIES), greeting=False,
                   size=(1920, 1080))
    try:
        for _ in range(60):
            app.step(1 / 60)
        before = app.presenter.counts
        full, partial, skipped = before.full, before.partial, before.skipped
        for _ in range(60 * 20):  # twenty seconds untouched
            app.step(1 / 60)
        counts = app.presenter.counts
        drawn = counts.full - full + counts.partial - partial
        assert counts.skipped - skipped > 0.8 * 60 * 20, counts
        assert counts.full - full <= 1, counts  # breathing and blinking: the figure only
        area = 1920 * 1080
        assert (counts.partial_area / max(1, counts.partial)) < 0.45 * area
        assert drawn < 0.2 * 60 * 20
    finally:
        app.close()


def test_a_piece_dragged_while_the_turk_taps_leaves_no_ghost_in_the_layer(
        tmp_path: Path) -> None:
    """The visitor holds a piece off the board, where the Turk's resting arm moves as it taps
    impatiently, so the layer under the arms is drawn with the piece there; then carries it
    onto the board. The layer must not keep the piece where it was held."""
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(REPLIES), greeting=False,
                   size=(1280, 720), impatience_s=2)
    checker = Checker(app, tmp_path)
    try:
        play = play_scene(app)
        for _ in range(400):  # until the Turk's impatient tapping starts
            checker.step()
            if play.automaton.performer.current is not None:
                break
        assert play.automaton.performer.current is not None
        stage, layout = play.layout.stage, play.layout
        resting = play.automaton.arm_bounds(stage, 0)[1]
        board = layout.board.inflate(layout.board.width // 8, layout.board.height // 8)
        held = next((x, y) for x in range(resting.centerx, resting.right, 4)
                    for y in range(resting.top, resting.bottom, 4)
                    if not board.collidepoint((x, y)))
        post(pygame.MOUSEBUTTONDOWN, pos=center(app, chess.G1), button=1)
        checker.step()
        post(pygame.MOUSEMOTION, pos=held, rel=(0, 0), buttons=(1, 0, 0))
        composed = play.under_arms.counts.composed
        for _ in range(200):  # held still until a frame is drawn from the layer
            checker.step()
            if play.under_arms.counts.composed > composed:
                break
        assert play.under_arms.counts.composed > composed and play.board.state.drag
        post(pygame.MOUSEMOTION, pos=center(app, chess.F3), rel=(0, 0), buttons=(1, 0, 0))
        checker.step(60)  # held over f3 while the arm goes on tapping
        assert play.board.state.drag is not None
    finally:
        app.close()
    assert play.under_arms.counts.composed > composed + 1, play.under_arms.counts
