"""A tap belongs to the screen that was showing when the finger went down: the scene stack
routes a press and everything after it to one scene, and nothing falls through to the scene
below when an overlay closes (issue 11, item 7)."""

from __future__ import annotations

from pathlib import Path

import chess
import pygame

from game.opponents.idle import IdleOpponent
from game.ui.intents import Intent, PointerMoved, PointerPressed, PointerReleased
from game.ui.scene import UNCOVERED_GUARD_S, Scene, SceneStack
from game.ui.scenes.exhibition import STEPS, ExhibitionScene
from tests.ui.helpers import make_app, play_scene, post, steps


class Recorder(Scene):
    """Takes every intent (or none) and notes what it got; may close itself on a press."""

    def __init__(self, stack: SceneStack, *, takes: bool = True,
                 closes_on_press: bool = False) -> None:
        self.stack, self.takes, self.closes_on_press = stack, takes, closes_on_press
        self.got: list[str] = []

    def handle(self, intent: Intent) -> bool:
        self.got.append(type(intent).__name__)
        if self.closes_on_press and isinstance(intent, PointerPressed):
            self.stack.remove(self)
        return self.takes


def test_a_press_that_closes_an_overlay_sends_nothing_to_the_scene_below() -> None:
    stack = SceneStack()
    below, overlay = Recorder(stack), Recorder(stack, closes_on_press=True)
    stack.push(below)
    stack.push(overlay)
    stack.handle(PointerPressed((10, 10)))
    stack.handle(PointerMoved((12, 10), pressed=True))
    stack.handle(PointerReleased((12, 10)))
    assert overlay.got == ["PointerPressed"]
    assert below.got == []
    stack.draw(pygame.Surface((8, 8)), 0.0)  # the next frame shows the scene below
    stack.update(UNCOVERED_GUARD_S)  # and the person has had time to see it
    stack.handle(PointerPressed((10, 10)))
    stack.handle(PointerReleased((10, 10)))
    assert below.got == ["PointerPressed", "PointerReleased"]


def test_a_release_goes_to_the_scene_that_took_the_press_even_under_a_new_overlay() -> None:
    stack = SceneStack()
    below = Recorder(stack)
    stack.push(below)
    stack.handle(PointerPressed((10, 10)))
    overlay = Recorder(stack)
    stack.push(overlay)  # e.g. the game-over panel opens while the finger is down
    stack.handle(PointerMoved((30, 10), pressed=True))
    stack.handle(PointerReleased((30, 10)))
    assert below.got == ["PointerPressed", "PointerMoved", "PointerReleased"]
    assert overlay.got == []
    stack.handle(PointerMoved((40, 10), pressed=False))  # hovering goes to the top again
    assert overlay.got == ["PointerMoved"]


def test_a_press_in_the_same_frame_as_the_change_of_screen_is_dropped() -> None:
    stack = SceneStack()
    below, overlay = Recorder(stack), Recorder(stack, closes_on_press=True)
    stack.push(below)
    stack.push(overlay)
    for intent in (PointerPressed((1, 1)), PointerReleased((1, 1)),
                   PointerPressed((1, 1)), PointerReleased((1, 1))):
        stack.handle(intent)  # a double tap, both taps before the next frame is drawn
    assert below.got == []


def test_a_press_just_after_an_overlay_closed_is_not_for_the_screen_it_uncovered() -> None:
    stack = SceneStack()
    below, overlay = Recorder(stack), Recorder(stack)
    stack.push(below)
    stack.push(overlay)
    stack.remove(overlay)  # e.g. the show ended by itself, or on the first tap of two
    surface = pygame.Surface((8, 8))
    for _ in range(6):  # a tenth of a second: the second tap of a double tap
        stack.update(1 / 60)
        stack.draw(surface, 0.0)
    stack.handle(PointerPressed((1, 1)))
    stack.handle(PointerReleased((1, 1)))
    assert below.got == []
    stack.update(UNCOVERED_GUARD_S)
    stack.handle(PointerPressed((1, 1)))
    stack.handle(PointerReleased((1, 1)))
    assert below.got == ["PointerPressed", "PointerReleased"]


def test_the_shows_last_next_never_also_selects_the_knight_under_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), show=True, size=(1280, 720))
    try:
        show = app.stack.top
        assert isinstance(show, ExhibitionScene)
        next_rect = show.buttons.button("next").rect
        assert next_rect is not None
        play = play_scene(app)
        assert next_rect.colliderect(play.board.geometry.square_rect(chess.B1))
        for _ in range(len(STEPS) - 1):
            post(pygame.MOUSEBUTTONDOWN, pos=next_rect.center, button=1)
            post(pygame.MOUSEBUTTONUP, pos=next_rect.center, button=1)
            steps(app)
        assert app.stack.top is show and show.index == len(STEPS) - 1
        for _ in range(2):  # a quick double tap on the last "Next", within one frame
            post(pygame.MOUSEBUTTONDOWN, pos=next_rect.center, button=1)
            post(pygame.MOUSEBUTTONUP, pos=next_rect.center, button=1)
        steps(app, 3)
        assert play.board.state.selected is None
        for _ in range(2):  # a double tap spread over frames (40 ms apart, as xdotool clicks)
            post(pygame.MOUSEBUTTONDOWN, pos=next_rect.center, button=1)
            post(pygame.MOUSEBUTTONUP, pos=next_rect.center, button=1)
            steps(app, 2)
        steps(app, 3)
        assert app.stack.top is play
        assert play.board.state.selected is None
    finally:
        app.close()
