"""The operator's console headless, against a real kiosk link on 127.0.0.1: the login (right and
wrong codes), making the Turk's move on the console's board, the countdown, the visitor's hand
on the magnets, hints, the letter board and the tally; and `turk duo`'s two windows in one app."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App, Launch
from game.config import Settings
from game.model.records import MoveAuthor
from game.net import protocol
from game.ui.console.cabinet import CabinetScene
from game.ui.console.cards import status_lines
from game.ui.console.desk import ConsoleDesk
from game.ui.console.login import LoginScene
from game.ui.console.showcase import ScriptedClient
from game.ui.console.window import Console, ConsoleOptions, open_console_window
from tests.operator.harness import CODE, NAME, Kiosk

STEP = 1 / 60


@pytest.fixture
def display() -> Iterator[pygame.Surface]:
    pygame.init()
    yield pygame.display.set_mode((1280, 720))
    pygame.quit()


@pytest.fixture
def kiosk() -> Iterator[Kiosk]:
    made = Kiosk(limit_s=30.0)
    yield made
    made.close()


def run(console: Console, kiosk: Kiosk, done: Callable[[], bool], *, timeout_s: float = 10.0,
        events: list[pygame.event.Event] | None = None) -> None:
    """Step the console and the kiosk together until ``done``."""
    pending = list(events or [])
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "timed out"
        console.step(STEP, pending)
        pending = []
        kiosk.step()
        time.sleep(0.002)


def cabinet_of(console: Console) -> CabinetScene:
    scene = console.stack.top
    assert isinstance(scene, CabinetScene)
    return scene


def click(scene: CabinetScene, square: chess.Square) -> list[pygame.event.Event]:
    x, y = scene.board.geometry.square_center(square)
    pos = (round(x), round(y))
    return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]


def seated(kiosk: Kiosk, *, name: str = NAME) -> Console:
    console = Console(ConsoleOptions(kiosk.address, code=CODE, name=name))
    run(console, kiosk, lambda: isinstance(console.stack.top, CabinetScene))
    return console


@pytest.mark.usefixtures("display")
def test_the_operator_takes_a_seat_and_plays_the_turks_move_on_the_console(kiosk: Kiosk) -> None:
    console = seated(kiosk)
    try:
        scene = cabinet_of(console)
        assert scene.desk.name == NAME and kiosk.director.is_present
        kiosk.visitor_plays("e2e4")
        run(console, kiosk, lambda: scene.desk.is_our_move)
        main, quiet = status_lines(scene.desk, console.services.strings)
        assert main == "Your move. The visitor played e4."
        assert quiet.startswith("The engine takes over in ")
        assert not scene.board.geometry.white_at_bottom, "the Turk's side is nearest"
        run(console, kiosk, lambda: scene.desk.sent is not None,
            events=click(scene, chess.C7) + click(scene, chess.C5))
        assert scene.board.state.pieces.get(chess.C5) == chess.Piece(chess.PAWN, chess.BLACK)
        run(console, kiosk, lambda: kiosk.session.ply == 2)
        assert kiosk.session.records[1].san == "c5"
        assert kiosk.session.records[1].author is MoveAuthor.OPERATOR
        run(console, kiosk, lambda: scene.desk.moves_made == 1 and scene.desk.sent is None)
    finally:
        console.close()


@pytest.mark.usefixtures("display")
def test_a_wrong_code_is_refused_in_the_login(kiosk: Kiosk) -> None:
    console = Console(ConsoleOptions(kiosk.address, code="WRONG-CODE", name=NAME))
    try:
        login = console.stack.top
        assert isinstance(login, LoginScene)
        run(console, kiosk, lambda: login.urgent)
        assert login.message == "The kiosk refused this code. Check it with the staff."
        assert login.desk is None and not kiosk.director.is_present
        assert console.stack.top is login
    finally:
        console.close()


@pytest.mark.usefixtures("display")
def test_the_login_checks_its_fields_before_connecting(kiosk: Kiosk) -> None:
    console = Console(ConsoleOptions(kiosk.address))
    try:
        login = console.stack.top
        assert isinstance(login, LoginScene)
        login.submit()
        assert login.message.startswith("Enter the pairing code") and login.desk is None
        typed = [pygame.event.Event(pygame.TEXTINPUT, text=c) for c in CODE]
        console.step(STEP, typed)
        assert login.code.text == CODE
        login.name.text = "<script>"
        login.submit()
        assert login.message.startswith("Enter your name") and login.desk is None
    finally:
        console.close()


@pytest.mark.usefixtures("display")
def test_the_letter_board_the_hand_and_the_magnets(kiosk: Kiosk) -> None:
    console = seated(kiosk)
    try:
        scene = cabinet_of(console)
        typed = [pygame.event.Event(pygame.TEXTINPUT, text=c) for c in "Échec!"]
        console.step(STEP, typed)
        assert scene.field.focused and scene.field.text == "Échec!"
        enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r")
        run(console, kiosk, lambda: kiosk.play.spelled == ["Échec!"], events=[enter])
        assert scene.field.text == "" and scene.desk.last_said == "Échec!"
        scene.press("magnets")
        assert scene.show_magnets
        run(console, kiosk, lambda: scene.magnets.heights.get(chess.G1) == 1.0)
        kiosk.host.piece_lifted(chess.G1)  # the play screen's observer, as the visitor lifts
        run(console, kiosk, lambda: scene.magnets.heights.get(chess.G1) == 0.0)
        assert status_lines(scene.desk, console.services.strings)[0] == \
            "The visitor holds the knight on g1."
        kiosk.host.piece_dropped(None)
        run(console, kiosk, lambda: scene.magnets.heights.get(chess.G1) == 1.0)
        console.step(STEP, [])  # drawing the magnets view works
    finally:
        console.close()


@pytest.mark.usefixtures("display")
def test_a_hint_plaque_plays_the_hint() -> None:
    state = protocol.GameState.from_board(chess.Board(), game_id="g", turk_color=chess.WHITE,
                                          status="playing", countdown_s=30.0)
    client = ScriptedClient([protocol.Hints(game_id="g", ply=0, hints=(
        protocol.Hint(uci="e2e4", san="e4", cp=30, mate=None),
        protocol.Hint(uci="d2d4", san="d4", cp=25, mate=None)))])
    desk = ConsoleDesk(client, address=("127.0.0.1", 1770))
    desk.phase = "in"
    desk.apply(state)
    console = Console(ConsoleOptions(("127.0.0.1", 1770), hybrid=True),
                      connect=lambda code, name: desk)
    try:
        console.desk = desk
        console.stack.replace(CabinetScene(console.services, desk, hybrid=True))
        console.step(STEP, [])
        scene = cabinet_of(console)
        assert [(b.action, b.value) for b in scene.hint_row.buttons] == [
            ("hint", "e2e4"), ("hint", "d2d4")]
        second = scene.hint_row.buttons[1].rect
        assert second is not None
        press = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=second.center, button=1),
                 pygame.event.Event(pygame.MOUSEBUTTONUP, pos=second.center, button=1)]
        console.step(STEP, press)
        assert client.sent == ["d2d4"] and desk.sent == chess.Move.from_uci("d2d4")
    finally:
        console.close()


def test_duo_runs_the_console_in_a_second_window_over_the_same_link(tmp_path: Path,
                                                                      kiosk: Kiosk) -> None:
    settings = Settings(data_dir=tmp_path, pacing=False, color="black", show=False,
                        greeting=False, mute=True)
    app = App(Launch(settings), host=kiosk.host)
    try:
        companion = open_console_window(ConsoleOptions(kiosk.address, code=CODE, name=NAME))
        app.companions.append(companion)
        play = app.start_play()
        assert play.observer is kiosk.host
        console = companion.console
        deadline = time.monotonic() + 10
        while not (isinstance(console.stack.top, CabinetScene)
                   and console.stack.top.desk.is_our_move):
            assert time.monotonic() < deadline
            app.step(STEP)
            time.sleep(0.002)
        scene = cabinet_of(console)
        assert scene.board.geometry.white_at_bottom, "the Turk plays White here"
        for event in click(scene, chess.E2) + click(scene, chess.E4):
            event.window = console.window  # as SDL marks the console window's events
            pygame.event.post(event)
        while play.match.session.ply < 1:
            assert time.monotonic() < deadline
            app.step(STEP)
            time.sleep(0.002)
        record = play.match.session.records[0]
        assert (record.san, record.author) == ("e4", MoveAuthor.OPERATOR)
        assert play.match.crew.operator_name == NAME
        assert not play.board.state.selected, "the console's clicks never reach the visitor"
        assert scene.desk.say("Échec!") is None
        while play.automaton.spelling is None:  # the Turk spells it on its letter board
            assert time.monotonic() < deadline
            app.step(STEP)
            time.sleep(0.002)
        assert play.automaton.spelling == "ÉCHEC!"
    finally:
        app.close()
