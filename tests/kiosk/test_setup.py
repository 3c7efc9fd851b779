"""The kiosk as `turk kiosk` builds it: the real attract loop, the staff door and menu, and the
statistics — a visit is counted once with its guess; staff in their menu are never
interrupted by the idle rule; Restart and Quit end the loop with their exit statuses."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import chess
import pytest

from game.app import App, Launch
from game.config import Settings
from game.kiosk import Phase
from game.kiosk_setup import KioskExit, KioskSession, start_kiosk
from game.model.reveal import Guess
from game.opponents.random_moves import RandomOpponent
from game.settings_file import SettingsFile
from game.ui.attract.scene import AttractScene
from game.ui.kiosk.overlays import StillThereScene
from game.ui.scenes.guess import GuessScene
from game.ui.scenes.reveal import RevealScene
from game.ui.staff.menu import StaffMenuScene
from tests.kiosk.helpers import run_for
from tests.ui.helpers import click_at, steps

PIN = "2468"


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[tuple[App, KioskSession]]:
    file = SettingsFile(tmp_path / "settings.toml")
    file.set_pin(PIN)
    settings = file.read().replace(
        data_dir=tmp_path / "data", window_size=(1280, 720), pacing=False, mute=True,
        kiosk=True, idle_s=30, still_there_s=20, time_cap_min=0)
    app = App(Launch(settings), opponent_factory=lambda _setup: RandomOpponent(5),
              rng=random.Random(1))
    session = start_kiosk(app, settings_file=file.path)
    steps(app)
    yield app, session
    app.close()
    session.close()


def start(app: App, session: KioskSession) -> None:
    assert isinstance(app.stack.top, AttractScene)
    click_at(app, (640, 300))
    assert session.controller.phase is Phase.PLAYING


def test_a_visit_is_counted_once_with_its_guess(kiosk: tuple[App, KioskSession]) -> None:
    app, session = kiosk
    controller = session.controller
    start(app, session)
    play = controller.play
    assert play is not None
    for _ in range(2):  # Resign asks again
        resign = play.buttons.button("resign").rect
        assert resign is not None
        click_at(app, resign.center)
    assert play.match.session.is_over and controller.phase is Phase.AFTER
    for _ in range(60):  # the Turk spells its last words; the game-over panel opens the guess
        run_for(app, 1)
        if isinstance(app.stack.top, GuessScene):
            break
    guess = app.stack.top
    assert isinstance(guess, GuessScene)
    person = guess.answers.button(Guess.PERSON.value).rect
    assert person is not None
    click_at(app, person.center)
    run_for(app, 3)
    assert isinstance(app.stack.top, RevealScene)
    controller.to_attract()
    controller.to_attract()  # once only
    session.statistics.close()
    lines = (app.settings.data_dir / "statistics.jsonl").read_text().splitlines()
    assert len(lines) == 1
    assert '"result":"turk"' in lines[0] and '"guess":"person"' in lines[0]


def test_staff_in_their_menu_are_never_interrupted(kiosk: tuple[App, KioskSession]) -> None:
    app, session = kiosk
    start(app, session)
    pad = session.door.open_pad()
    pad_opened = session.door._pad_opened  # the PIN itself is tested with the pad
    pad_opened()
    assert isinstance(app.stack.top, StaffMenuScene) and pad not in app.stack.scenes
    run_for(app, 120)  # far beyond "Still playing?" and its countdown
    assert isinstance(app.stack.top, StaffMenuScene)
    assert session.controller.phase is Phase.PLAYING
    session.door._shut()
    run_for(app, 31)
    assert isinstance(app.stack.top, StillThereScene)


def test_restart_and_quit_end_the_loop_with_their_status(
        kiosk: tuple[App, KioskSession]) -> None:
    app, session = kiosk
    session.door.actions.quit()
    assert not app.running and session.exit is KioskExit.QUIT
    app.running = True
    session.door.actions.restart()
    assert not app.running and session.exit is KioskExit.RESTART and session.restart_asked


def test_staff_changes_apply_to_the_next_visit(kiosk: tuple[App, KioskSession]) -> None:
    app, session = kiosk
    changed = app.settings.replace(formats=("endgame",), time_cap_min=3, volume=10)
    session._changed(changed, ("formats", "time_cap_min", "volume"))
    assert app.services.sounds.volume == pytest.approx(0.1)
    click_at(app, (640, 360))
    play = session.controller.play
    assert play is not None and play.match.session.headers["VisitFormat"] == "endgame"
    assert play.match.session.headers["TimeCap"] == "180"
    assert chess.Board(play.match.session.start_fen).piece_map() != chess.Board().piece_map()


def test_the_kiosk_exit_statuses_match_the_systemd_unit() -> None:
    from game.watchdog import systemd_unit

    unit = systemd_unit("turk", data_dir=Path("/tmp"))
    assert f"RestartPreventExitStatus={int(KioskExit.QUIT)}" in unit
    assert KioskExit.RESTART == 0
    assert Settings().kiosk is False
