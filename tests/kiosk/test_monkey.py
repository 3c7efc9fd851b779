"""The monkey test: random taps, drags, key presses and window resizes, for minutes of game time,
across every scene the kiosk shows. Nothing may raise, the game must always be legal, and the
kiosk must never stop being a kiosk.

The default run covers a few minutes of game time; ``TURK_MONKEY_MINUTES`` runs longer
(the README gives the full command).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App, Launch
from game.kiosk import Phase
from game.kiosk_setup import start_kiosk
from game.opponents.random_moves import RandomOpponent
from game.settings_file import SettingsFile
from game.ui.scenes.play import PlayScene
from game.ui.widgets import ButtonRow
from tests.ui.helpers import STEP

pytestmark = pytest.mark.slow

MINUTES = float(os.environ.get("TURK_MONKEY_MINUTES", "4"))
SIZES = ((1280, 720), (1920, 1080), (1080, 1920), (1024, 768))
REQUIRED = {"AttractScene", "PlayScene", "VisitChoiceScene", "StillThereScene", "GameOverScene",
            "GuessScene", "RevealScene", "PinPadScene"}
"""The scenes the monkey must have reached (it plays on, up to three times as long, until it
has)."""
KEYS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
        pygame.K_ESCAPE, pygame.K_TAB, pygame.K_SPACE, pygame.K_BACKSPACE, pygame.K_F11,
        pygame.K_a, pygame.K_e, pygame.K_4, pygame.K_q, pygame.K_n, pygame.K_z)


def legal_replies(setup: object) -> RandomOpponent:
    return RandomOpponent(seed=len(str(setup)))


def random_event(rng: random.Random, size: tuple[int, int]) -> list[pygame.event.Event]:
    x, y = rng.randrange(size[0]), rng.randrange(size[1])
    roll = rng.random()
    if roll < 0.45:
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y), button=1)]
    if roll < 0.6:
        end = (rng.randrange(size[0]), rng.randrange(size[1]))
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1),
                pygame.event.Event(pygame.MOUSEMOTION, pos=((x + end[0]) // 2, (y + end[1]) // 2),
                                   rel=(0, 0), buttons=(1, 0, 0)),
                pygame.event.Event(pygame.MOUSEMOTION, pos=end, rel=(0, 0), buttons=(1, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1)]
    if roll < 0.8:
        key = rng.choice(KEYS)
        mod = rng.choice((0, 0, 0, pygame.KMOD_CTRL, pygame.KMOD_ALT, pygame.KMOD_SHIFT))
        events = [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="")]
        if key in (pygame.K_a, pygame.K_e, pygame.K_4) and not mod:
            events.append(pygame.event.Event(pygame.TEXTINPUT, text=chr(key)))
        return events
    if roll < 0.83:
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=3)]
    if roll < 0.85:
        return [pygame.event.Event(pygame.QUIT), pygame.event.Event(pygame.WINDOWCLOSE)]
    return []  # a pause: let the Turk move and the idle rule run


def targets(app: object) -> list[tuple[int, int]]:
    """Where a curious visitor would tap: the buttons of the scene on top, and the squares
    of the board underneath."""
    points: list[tuple[int, int]] = []
    for scene in app.stack.scenes[-1:]:  # type: ignore[attr-defined]
        for value in vars(scene).values():
            if isinstance(value, ButtonRow):
                points += [b.rect.center for b in value.buttons
                           if b.visible and b.rect is not None]
    bottom = app.stack.scenes[0]  # type: ignore[attr-defined]
    if isinstance(bottom, PlayScene):
        points += [tuple(round(v) for v in bottom.board.geometry.square_center(square))
                   for square in chess.SQUARES]  # type: ignore[misc]
    return points


def tap(pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def chess_taps(app: object, rng: random.Random) -> list[tuple[int, int]]:
    """A visitor who knows the rules: a legal move as two taps, or both taps of Resign."""
    play = app.stack.scenes[-1]  # type: ignore[attr-defined]
    if not isinstance(play, PlayScene) or not play.match.session.is_visitor_turn:
        return []
    if rng.random() < 0.05:
        resign = play.buttons.button("resign").rect
        return [resign.center, resign.center] if resign is not None else []
    moves = sorted(play.match.session.board().legal_moves, key=chess.Move.uci)
    move = rng.choice(moves)
    centre = play.board.geometry.square_center
    return [tuple(round(v) for v in centre(s))  # type: ignore[misc]
            for s in (move.from_square, move.to_square)]


def waits_for_a_scene(phase: Phase, seen: set[str]) -> bool:
    """Whether the monkey holds still so that a scene it has not yet seen comes by itself:
    "Still playing?" on an idle visit, the guess and the reveal after a game."""
    if phase is Phase.PLAYING:
        return "StillThereScene" not in seen
    if phase is Phase.AFTER:
        return not {"GuessScene", "RevealScene"} <= seen
    return False


def check_game(app: object) -> None:
    scene = app.stack.scenes[0]  # type: ignore[attr-defined]
    match = getattr(scene, "match", None)
    if match is None:
        return
    session = match.session
    board = session.board()
    assert board.is_valid(), board.fen()
    assert [r.uci for r in session.records] == [m.uci() for m in board.move_stack]


def act(app: App, rng: random.Random, size: tuple[int, int]) -> None:
    """One moment of the monkey: mostly nothing; now and then a tap on something tappable, a
    legal move, a random tap, drag or key, or (rarely) the staff gesture found by chance."""
    if rng.random() < 0.002:
        for _ in range(5):
            tap((5, 5))
            app.step(2 * STEP)
    if rng.random() >= 0.2:
        return
    planned = chess_taps(app, rng) if rng.random() < 0.3 else []
    points = targets(app)
    if planned:
        for point in planned:
            tap(point)
            app.step(2 * STEP)
    elif points and rng.random() < 0.6:
        tap(rng.choice(points))
    else:
        for event in random_event(rng, size):
            pygame.event.post(event)


def test_random_input_never_breaks_the_kiosk(tmp_path: Path) -> None:
    rng = random.Random(1770)
    file = SettingsFile(tmp_path / "settings.toml")
    file.set_pin("918273")  # the monkey never learns it, but it may find the pad
    settings = file.read().replace(
        data_dir=tmp_path / "data", window_size=(1280, 720), pacing=False, mute=True,
        greeting=False, show=False, kiosk=True, idle_s=20, still_there_s=20,
        formats=("full", "endgame", "odds"), time_cap_min=2, leave_reveal_s=15)
    app = App(Launch(settings), opponent_factory=legal_replies, rng=random.Random(7))
    session = start_kiosk(app, settings_file=file.path)
    kiosk = session.controller
    phases: set[Phase] = set()
    scenes: set[str] = set()
    try:
        size = app.screen.get_size()
        frames = round(MINUTES * 60 / (2 * STEP))
        resting_until = 0
        frame = -1
        while frame < frames or (not scenes >= REQUIRED and frame < 3 * frames):
            frame += 1
            if frame % 900 == 0 and rng.random() < 0.5:
                size = rng.choice(SIZES)
                pygame.display.set_mode(size, pygame.RESIZABLE)
                pygame.event.post(pygame.event.Event(pygame.WINDOWRESIZED, x=size[0], y=size[1]))
            if frame >= resting_until and rng.random() < 0.006:  # walk away for a while
                resting_until = frame + rng.randrange(700, 2000)
            if waits_for_a_scene(kiosk.phase, scenes):
                resting_until = max(resting_until, frame + 1)
            if frame >= resting_until:
                act(app, rng, size)
            app.step(2 * STEP)
            assert app.running and app.kiosk
            check_game(app)
            phases.add(kiosk.phase)
            scenes.update(type(scene).__name__ for scene in app.stack.scenes)
    finally:
        app.close()
        session.close()
    assert {Phase.ATTRACT, Phase.CHOOSING, Phase.PLAYING, Phase.AFTER} <= phases, phases
    assert scenes >= REQUIRED, REQUIRED - scenes
