"""The projector: the join panel beside the game, the teacher's controls, and the crowd's
reveal after the guess — the real ClassroomApp, headless (no port is opened)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import chess
import pygame
import pytest

from game.app import Launch
from game.classroom import ClassroomHost
from game.classroom_app import ClassroomApp
from game.config import Settings
from game.crowd.platform import CrowdSettings, Platform
from game.crowd.tasks import TaskKind
from game.model.records import MoveAuthor
from game.model.reveal import Guess
from game.model.session import GameSession
from game.ui.crowd.panel import ClassroomPanel
from game.ui.crowd.reveal_scene import CrowdRevealScene
from game.ui.scenes.guess import GuessScene
from game.ui.scenes.play import PlayScene
from game.web.server import CrowdServer
from tests.web.helpers import FirstLegalOpponent

NAMES = ("Ada", "Bo", "Cy")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[ClassroomApp]:
    platform = Platform(CrowdSettings(kinds=frozenset({TaskKind.PROPOSE}), window_s=10))
    host = ClassroomHost(platform, CrowdServer(room="ROOM", pages={}),
                         standby=lambda setup: FirstLegalOpponent())
    host.url = "http://127.0.0.1:8770/?room=ROOM"
    settings = Settings(data_dir=tmp_path).replace(
        window_size=(1920, 1080), pacing=False, greeting=False, show=False, mute=True,
        takeback=False)
    application = ClassroomApp(Launch(settings), host)
    application.start_play(show=False)
    yield application
    application.close()


def click(app: ClassroomApp, pos: tuple[int, int]) -> None:
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, {"pos": pos, "button": 1}))
    app.step(1 / 60)


def button(panel: ClassroomPanel, action: str) -> tuple[int, int]:
    rect = panel.controls.button(action).rect
    assert rect is not None
    return rect.center


def test_the_game_and_the_panel_share_the_window(app: ClassroomApp) -> None:
    window = pygame.display.get_surface()
    assert window is not None
    panel = app.panel.rect
    assert app.screen.get_size() == (panel.left, 1080)
    assert panel.right == window.get_width() and panel.width >= 360


def test_a_press_on_the_panel_is_the_teachers_and_not_the_games(app: ClassroomApp) -> None:
    play = app.stack.scenes[0]
    assert isinstance(play, PlayScene)
    click(app, button(app.panel, "pause"))
    assert app.classroom.platform.is_paused
    click(app, button(app.panel, "pause"))
    assert not app.classroom.platform.is_paused
    click(app, button(app.panel, "open"))
    assert not app.classroom.platform.is_open
    click(app, button(app.panel, "label"))
    assert TaskKind.LABEL in app.classroom.platform.settings.kinds
    click(app, button(app.panel, "time_up"))
    assert app.classroom.platform.settings.window_s == 15
    assert play.match.session.ply == 0


def test_ending_asks_twice(app: ClassroomApp) -> None:
    click(app, button(app.panel, "end"))
    assert not app.classroom.platform.has_ended
    click(app, button(app.panel, "end"))
    assert app.classroom.platform.has_ended


def test_the_teacher_hides_a_pseudonym_from_the_list(app: ClassroomApp) -> None:
    platform = app.classroom.platform
    workers = [platform.join(name) for name in NAMES]
    app.step(1 / 60)
    click(app, button(app.panel, "names"))
    assert app.panel.names_open
    row = next(b for b in app.panel.controls.buttons if b.label == "2. Bo")
    assert row.rect is not None
    click(app, row.rect.center)
    hidden = platform.roster.get(workers[1].worker_id)
    assert hidden is not None and hidden.hidden
    click(app, button(app.panel, "back"))
    assert not app.panel.names_open


def test_nothing_on_the_projector_names_who_is_answering(app: ClassroomApp,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    platform = app.classroom.platform
    workers = [platform.join(name) for name in NAMES]
    play = app.stack.scenes[0]
    assert isinstance(play, PlayScene)
    play.play(chess.Move.from_uci("e2e4"), dragged=False)
    for _ in range(3):
        app.step(1 / 60)
    (task,) = platform.open_tasks()
    for worker in workers[:2]:
        platform.answer(worker.worker_id, task.task_id, game_id=task.game_id, ply=task.ply,
                        answer=["e7e5"])
    drawn: list[str] = []
    painter = app.services.text
    original = painter.render

    def spy(text: str, style: object) -> pygame.Surface:
        drawn.append(text)
        return original(text, style)  # type: ignore[arg-type]

    monkeypatch.setattr(painter, "render", spy)
    app.step(1 / 60)
    shown = " ".join(drawn)
    assert "2 answers" in shown and "Workers here: 3" in shown
    assert not any(name in shown for name in NAMES)


def test_after_a_crowd_game_the_guess_opens_the_crowds_reveal(app: ClassroomApp) -> None:
    platform = app.classroom.platform
    ada = platform.join("Ada")
    play = app.stack.scenes[0]
    assert isinstance(play, PlayScene)
    play.play(chess.Move.from_uci("e2e4"), dragged=False)
    app.step(1 / 60)
    (task,) = platform.open_tasks()
    platform.answer(ada.worker_id, task.task_id, game_id=task.game_id, ply=1, answer=["e7e5"])
    for _ in range(5):
        app.step(1 / 60)
    assert play.match.session.records[1].author is MoveAuthor.CROWD
    play.match.resign()
    for _ in range(3):
        app.step(1 / 60)
    app._open_guess(play)
    guess = app.stack.top
    assert isinstance(guess, GuessScene)
    guess._on_guess(Guess.PERSON)  # what the answer buttons call, after the thank-you
    reveal = app.stack.top
    assert isinstance(reveal, CrowdRevealScene)
    assert reveal.summary.totals.workers == 1 and reveal.guess is Guess.PERSON
    for index in range(len(reveal.pages)):
        reveal.go_to(index)
        app.step(1 / 60)
    first_game = play.match.session.game_id
    reveal.act("play_again")
    assert app.stack.top is play and play.match.session.game_id != first_game


def test_a_game_without_a_crowd_summary_has_the_usual_reveal(app: ClassroomApp) -> None:
    play = app.stack.scenes[0]
    assert isinstance(play, PlayScene)
    play.match.session = GameSession(visitor_color=chess.WHITE)  # never followed by the host
    play.match.resign()
    app._open_guess(play)
    assert isinstance(app.stack.top, GuessScene)
