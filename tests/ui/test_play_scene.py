"""The play screen through the real input path: taps, drags, keys, overlays."""

from __future__ import annotations

import time
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App
from game.opponents.idle import IdleOpponent
from game.opponents.scripted import ScriptedOpponent
from game.ui.scenes.game_over import GameOverScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.promotion import PromotionScene
from tests.ui.helpers import (
    center,
    click,
    click_at,
    drag,
    key,
    make_app,
    play_scene,
    settle,
    steps,
    type_text,
)


def scripted(*ucis: str):  # type: ignore[no-untyped-def]
    moves = [chess.Move.from_uci(u) for u in ucis]
    return lambda setup: ScriptedOpponent(moves)


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    application = make_app(tmp_path, scripted("e2e4", "e7e5", "g1f3", "b8c6"))
    yield application
    application.close()


def test_tap_tap_plays_a_move_and_the_turk_answers(app: App) -> None:
    scene = play_scene(app)
    click(app, chess.E2)
    assert scene.board.state.selected == chess.E2
    assert scene.board.state.targets == {chess.E3: False, chess.E4: False}
    click(app, chess.E4)
    assert scene.match.session.records[0].san == "e4"
    assert not scene.board.is_idle  # a tap-tap move animates
    steps(app, 30)
    # The model has the Turk's reply; the board shows it only when the hand sets it down.
    assert scene.match.session.ply == 2 and scene.staging.is_carrying_a_move
    assert scene.board.state.pieces.get(chess.E7) == chess.Piece.from_symbol("p")
    settle(app)
    assert [r.san for r in scene.match.session.records] == ["e4", "e5"]
    assert scene.board.state.pieces == scene.match.position.piece_map
    assert scene.board.state.last_move == (chess.E7, chess.E5)


def test_drag_and_drop_plays_a_move_without_animation(app: App) -> None:
    scene = play_scene(app)
    drag(app, chess.E2, chess.E4)
    assert scene.match.session.records[0].san == "e4"
    assert scene.board.state.drag is None


def test_an_illegal_drop_is_put_back_by_the_turk(app: App) -> None:
    scene = play_scene(app)
    pawn = chess.Piece(chess.PAWN, chess.WHITE)
    drag(app, chess.E2, chess.E5)
    assert scene.match.session.ply == 0
    main, _ = scene.status.lines(scene.match.session, typed="")
    assert main == "A pawn does not move like that."  # why, not only that (issue 11)
    assert scene.board.state.pieces.get(chess.E5) == pawn  # where the visitor left it
    assert scene.automaton.performer.current == "put_back"
    settle(app)
    assert scene.board.state.pieces == chess.Board().piece_map()  # the Turk put it back
    drag(app, chess.E2, chess.E4)
    assert scene.match.session.records[0].san == "e4"


def test_second_tap_on_the_selected_piece_puts_it_down(app: App) -> None:
    scene = play_scene(app)
    click(app, chess.G1)
    assert scene.board.state.selected == chess.G1
    click(app, chess.G1)
    assert scene.board.state.selected is None


def test_nothing_can_be_picked_up_while_the_turk_is_to_move(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), color="black")
    try:
        scene = play_scene(app)
        click(app, chess.E7)
        assert scene.board.state.selected is None
        assert not scene.board.geometry.white_at_bottom  # the board turns to face Black
    finally:
        app.close()


def test_keyboard_arrows_and_enter_move_a_piece(app: App) -> None:
    scene = play_scene(app)
    key(app, pygame.K_LEFT)  # the cursor appears on the king
    assert scene.board.state.cursor == chess.E1
    key(app, pygame.K_UP)
    key(app, pygame.K_RETURN)
    assert scene.board.state.selected == chess.E2
    key(app, pygame.K_UP)
    key(app, pygame.K_UP)
    key(app, pygame.K_RETURN)
    assert scene.match.session.records[0].san == "e4"


def test_typing_a_move_in_san(app: App) -> None:
    scene = play_scene(app)
    type_text(app, "e4")
    assert scene.typed == "e4"
    key(app, pygame.K_RETURN)
    assert scene.match.session.records[0].san == "e4"
    settle(app)
    type_text(app, "Nf9")
    key(app, pygame.K_RETURN)
    assert scene.match.session.ply == 2
    main, _ = scene.status.lines(scene.match.session, typed="")
    assert "Nf9" in main


def test_take_back_undoes_the_pair(app: App) -> None:
    scene = play_scene(app)
    drag(app, chess.E2, chess.E4)
    settle(app)
    assert scene.match.session.ply == 2
    key(app, pygame.K_z, mod=pygame.KMOD_LCTRL)
    assert scene.match.session.ply == 0
    assert scene.board.state.pieces == chess.Board().piece_map()


def test_resign_asks_for_confirmation(app: App) -> None:
    scene = play_scene(app)
    resign = scene.buttons.button("resign")
    assert resign.rect is not None
    click_at(app, resign.rect.center)
    assert scene.match.session.ending is None
    assert resign.label == "Really resign?"
    click_at(app, resign.rect.center)
    assert scene.match.session.ending is not None
    settle(app, 0.2)
    assert isinstance(app.stack.top, GameOverScene)


PROMOTION = "1n2k3/P7/8/8/8/8/8/4K3 w - - 0 1"


def test_promotion_opens_the_chooser_and_plays_the_choice(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), fen=PROMOTION)
    try:
        scene = play_scene(app)
        click(app, chess.A7)
        click(app, chess.B8)
        chooser = app.stack.top
        assert isinstance(chooser, PromotionScene)
        assert scene.match.session.ply == 0
        click_at(app, chooser.option_rects[1].center)  # the knight
        assert app.stack.top is scene
        assert scene.match.session.records[0].san == "axb8=N"
    finally:
        app.close()


def test_promotion_can_be_cancelled(tmp_path: Path) -> None:
    app = make_app(tmp_path, lambda setup: IdleOpponent(), fen=PROMOTION)
    try:
        scene = play_scene(app)
        drag(app, chess.A7, chess.A8)
        assert isinstance(app.stack.top, PromotionScene)
        key(app, pygame.K_ESCAPE)
        assert app.stack.top is scene and scene.match.session.ply == 0
    finally:
        app.close()


def test_new_game_as_black_turns_the_board_and_the_turk_opens(tmp_path: Path) -> None:
    app = make_app(tmp_path, scripted("d2d4", "d7d5"))
    try:
        scene = play_scene(app)
        key(app, pygame.K_n, mod=pygame.KMOD_LCTRL)
        overlay = app.stack.top
        assert isinstance(overlay, NewGameScene)
        for action in ("color:black", "level:2", "start"):
            button = overlay.buttons.button(action) if overlay.buttons else None
            assert button is not None and button.rect is not None
            click_at(app, button.rect.center)
        assert app.stack.top is scene
        assert scene.match.session.visitor_color == chess.BLACK
        assert not scene.board.geometry.white_at_bottom
        settle(app)
        assert scene.match.session.records[0].san == "d4"
    finally:
        app.close()


def test_checkmate_opens_the_game_over_overlay(tmp_path: Path) -> None:
    app = make_app(tmp_path, scripted("f2f3", "e7e5", "g2g4", "d8h4"), color="black")
    try:
        scene = play_scene(app)
        settle(app)
        drag(app, chess.E7, chess.E5)
        settle(app)
        drag(app, chess.D8, chess.H4)
        assert scene.match.session.ending is not None
        settle(app, 0.4)
        assert isinstance(app.stack.top, GameOverScene)
    finally:
        app.close()


def test_a_finished_game_is_saved_as_pgn(tmp_path: Path) -> None:
    app = make_app(tmp_path, scripted("f2f3", "e7e5", "g2g4", "d8h4"), color="black")
    try:
        settle(app)
        drag(app, chess.E7, chess.E5)
        settle(app)
        drag(app, chess.D8, chess.H4)
        settle(app, 0.5)
        for _ in range(1000):  # the write happens on a worker thread: wait for it, briefly
            files = list((tmp_path / "games").glob("*.pgn"))
            if files and '[Result "0-1"]' in files[0].read_text():
                break
            time.sleep(0.01)
        assert len(files) == 1
        text = files[0].read_text()
        assert '[Result "0-1"]' in text and "Qh4#" in text and "author: scripted" in text
    finally:
        app.close()


def test_claim_draw_button_appears_only_when_a_claim_is_possible(tmp_path: Path) -> None:
    shuffle = ["g8f6", "f6g8"] * 4
    app = make_app(tmp_path, scripted(*[x for pair in zip(
        ["g1f3", "f3g1"] * 4, shuffle, strict=True) for x in pair]))
    try:
        scene = play_scene(app)
        claim = scene.buttons.button("claim_draw")
        for source, target in [(chess.G1, chess.F3), (chess.F3, chess.G1)] * 2:
            assert not claim.visible
            drag(app, source, target)
            settle(app, 0.3)
        assert claim.visible and claim.rect is not None
        click_at(app, claim.rect.center)
        ending = scene.match.session.ending
        assert ending is not None and ending.termination.value == "threefold_repetition"
    finally:
        app.close()


def test_resizing_to_portrait_relays_the_screen(app: App) -> None:
    scene = play_scene(app)
    pygame.display.set_mode((540, 960))
    pygame.event.post(pygame.event.Event(pygame.WINDOWRESIZED, x=540, y=960))
    steps(app)
    assert scene.layout.viewport.is_portrait
    assert scene.board.geometry.rect == scene.layout.board
    drag(app, chess.E2, chess.E4)
    assert scene.match.session.records[0].san == "e4"
    assert center(app, chess.E4)[1] < 960


class HandWatcher:
    def __init__(self) -> None:
        self.seen: list[tuple[str, chess.Square | None]] = []

    def piece_lifted(self, square: chess.Square) -> None:
        self.seen.append(("lifted", square))

    def piece_dropped(self, square: chess.Square | None) -> None:
        self.seen.append(("dropped", square))


def test_the_observer_sees_the_visitors_hand(app: App) -> None:
    watcher = HandWatcher()
    play_scene(app).observer = watcher
    click(app, chess.G1)
    click(app, chess.G1)  # put it back down
    drag(app, chess.E2, chess.E4)
    assert watcher.seen == [("lifted", chess.G1), ("dropped", None),
                            ("lifted", chess.E2), ("dropped", chess.E4)]


def test_the_language_switch_relabels_the_screen(app: App) -> None:
    scene = play_scene(app)
    french = scene.languages.button("language:fr")
    assert french.rect is not None and french.label == "Français"
    click_at(app, french.rect.center)
    assert app.services.strings.language == "fr"
    assert scene.buttons.button("new_game").label == "Nouvelle partie"
    assert scene.sheet.title == "Coups"
    assert french.selected and not scene.languages.button("language:en").selected
    assert scene.status.lines(scene.match.session, typed="")[0] == "À vous de jouer."
