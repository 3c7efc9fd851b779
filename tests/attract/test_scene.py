"""The attract loop on the real app's stack: the replays carried by the Turk's hand and labelled
truthfully, the other acts, a touch starting the visit in the right language, and failures
that are logged as warnings and never shown."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App
from game.model.records import MoveAuthor
from game.ui.attract.act import Moves
from game.ui.attract.board_acts import GreetingAct, ReplayAct
from game.ui.attract.replays import load_replays
from game.ui.attract.scene import AttractScene
from game.ui.attract.shows import ShowAct, TourAct
from game.ui.intents import Command, CommandIssued, PointerPressed, TextTyped
from tests.attract.helpers import STEP, make_app, make_scene, run

REPO = Path(__file__).resolve().parents[2]


def replay_to_the_end(scene: AttractScene, key: str, limit_s: float = 600) -> ReplayAct:
    scene.start_act(key)
    act = scene.act
    assert isinstance(act, ReplayAct)
    for _ in range(round(limit_s / STEP)):
        scene.update(STEP)
        if act.is_done:
            break
    assert act.is_done
    return act


def test_the_napoleon_replay_plays_all_48_plies_by_the_turks_hand(app: App) -> None:
    scene = make_scene(app)
    napoleon = load_replays(REPO / "assets").replays[0]
    carried: list[chess.Square] = []
    scene.start_act("replay:napoleon-1809")
    act = scene.act
    assert isinstance(act, ReplayAct)
    act.stage.automaton.on_board_cue = _recording(act.stage.automaton.on_board_cue, carried)
    for _ in range(round(600 / STEP)):
        scene.update(STEP)
        if act.is_done:
            break
    session = act.session
    assert session.ply == 48
    assert list(session.board().move_stack) == list(napoleon.moves)
    assert session.ending is not None and session.ending.termination.value == "checkmate"
    turk = [r for r in session.records if r.ply % 2 == 1]
    assert {r.author for r in turk} == {MoveAuthor.SCRIPTED}
    # The hand gripped each of the Turk's 24 moved pieces (and the pieces it captured).
    assert len(carried) >= 24
    assert act.stage.board.state.pieces == session.position.piece_map
    assert scene.history[-1] == "replay:napoleon-1809"


def _recording(forward, carried):  # type: ignore[no-untyped-def]
    from game.ui.automaton.performance import Gripped

    def cue(event):  # type: ignore[no-untyped-def]
        if isinstance(event, Gripped) and event.square is not None:
            carried.append(event.square)
        forward(event)
    return cue


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_napoleon_replay_is_labelled_a_doubtful_record(app: App, language: str) -> None:
    app.services.strings.language = language
    scene = make_scene(app)
    scene.start_act("replay:napoleon-1809")
    run(scene, 3)
    assert scene.act is not None
    notes = scene.act.notes()
    strings = app.services.strings
    assert notes.tag == strings.get("attract.doubtful")
    assert notes.title == strings.get("attract.napoleon.title")
    assert "1809" in notes.title
    assert strings.get("attract.napoleon.doubt") in notes.lines
    assert "1844" in notes.lines[0]
    assert notes.sources == ("WIN", "CON")
    scene.draw(app.screen, 0.0)  # the plaque draws with every line in the panel


def test_an_opening_line_is_named_with_its_people(app: App) -> None:
    app.services.strings.language = "de"
    scene = make_scene(app)
    act = replay_to_the_end(scene, "replay:philidor")
    notes = act.notes()
    assert notes.title == "Philidor-Verteidigung"
    assert "François-André Danican Philidor" in notes.lines[0]
    assert notes.lines[-1] == "Der Automat spielt Weiß."
    assert "WP-PHILIDOR" in notes.sources
    assert notes.tag == ""
    assert act.session.ply == len(act.replay.moves) == 14
    assert act.moves().sans[:4] == ("e4", "e5", "Nf3", "d6")


def test_the_greeting_is_spelled_in_every_offered_language(app: App) -> None:
    scene = make_scene(app, languages=("fr", "en"))
    scene.start_act("greeting")
    act = scene.act
    assert isinstance(act, GreetingAct)
    strings = app.services.strings
    assert act.spelled == [strings.get("turk.board.greeting", language="fr"),
                           strings.get("turk.board.greeting", language="en")]
    seen: set[str] = set()
    for _ in range(round(120 / STEP)):
        scene.update(STEP)
        if act.stage.automaton.spelling:
            seen.add(act.stage.automaton.spelling)
        if act.is_done:
            break
    assert act.is_done
    assert seen == set(act.spelled)


def test_the_tour_and_the_show_run_to_their_end(app: App) -> None:
    scene = make_scene(app)
    scene.start_act("tour")
    tour = scene.act
    assert isinstance(tour, TourAct)
    assert not tour.scene.buttons.buttons[0].visible
    run(scene, 150)
    assert tour.visited == 64 and tour.is_done
    scene.start_act("show")
    show = scene.act
    assert isinstance(show, ShowAct)
    assert all(not b.visible for b in show.scene.buttons.buttons)
    steps = set()
    for _ in range(round(90 / STEP)):
        scene.update(STEP)
        steps.add(show.step)
        if show.is_done:
            break
    assert show.is_done and steps == set(range(8))
    scene.draw(app.screen, 0.0)  # drawn after its last step (while the loop fades out)


def test_the_loop_goes_on_from_act_to_act(app: App) -> None:
    scene = make_scene(app, seed=4)
    first = scene.history[-1]
    run(scene, 12 * 60, step=1 / 20)
    assert len(scene.history) >= 5
    assert scene.history[0] == first
    kinds = [key.partition(":")[0] for key in scene.history]
    assert {"tour", "greeting", "show", "replay"} <= set(kinds)


def press(scene: AttractScene, pos: tuple[float, float]) -> None:
    scene.handle(PointerPressed(pos))


def test_a_tap_starts_in_the_language_showing_and_only_once(app: App) -> None:
    started: list[str] = []
    scene = make_scene(app, started=started)
    run(scene, 10)  # the invitation has moved on to the second language
    assert scene.invitation.showing == "de"
    press(scene, scene.layout.play.board.center)
    press(scene, (5, 5))
    scene.handle(TextTyped("x"))
    assert started == ["de"]


def test_a_tap_on_a_language_name_starts_in_that_language(app: App) -> None:
    started: list[str] = []
    scene = make_scene(app, started=started)
    assert scene.invitation.showing == "en"
    names = {button.label: button.rect for button in scene.invitation.row.buttons}
    assert set(names) == {"English", "Deutsch", "Français"}
    rect = names["Deutsch"]
    assert rect is not None
    press(scene, rect.center)
    assert started == ["de"]


def test_a_key_starts_and_the_arrows_choose_the_language(app: App) -> None:
    started: list[str] = []
    scene = make_scene(app, started=started)
    scene.handle(CommandIssued(Command.RIGHT))
    scene.handle(CommandIssued(Command.RIGHT))
    assert scene.invitation.showing == "fr"
    run(scene, 10)
    assert scene.invitation.showing == "fr"  # a language picked by key stays a while
    assert scene.handle(CommandIssued(Command.QUIT)) is False  # the app's, not ours
    scene.handle(CommandIssued(Command.ACTIVATE))
    assert started == ["fr"]


def test_one_language_shows_alone_and_any_key_starts(app: App) -> None:
    started: list[str] = []
    scene = make_scene(app, languages=("de",), started=started)
    run(scene, 30)
    assert scene.invitation.showing == "de"
    assert [b.label for b in scene.invitation.row.buttons] == ["Deutsch"]
    scene.handle(CommandIssued(Command.LEFT))
    assert started == ["de"]


def test_unknown_languages_are_left_out_with_a_warning(app: App,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    scene = make_scene(app, languages=("xx", "fr"))
    assert [lang.code for lang in scene.offered] == ["fr"]
    assert "no strings for the languages xx" in caplog.text


def test_a_failing_act_is_a_warning_and_the_loop_goes_on(app: App,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    def broken(self: TourAct, dt: float) -> None:
        raise RuntimeError("a gear slipped")

    monkeypatch.setattr(TourAct, "update", broken)
    scene = make_scene(app)
    scene.start_act("tour")
    run(scene, 1)
    assert scene.act is None
    assert "the act tour failed (update): a gear slipped" in caplog.text
    assert all(r.levelno == logging.WARNING for r in caplog.records if "tour" in r.getMessage())
    run(scene, 3)
    assert scene.act is not None and scene.act.key != "tour"
    assert "tour" not in scene.programme.keys
    scene.draw(app.screen, 0.0)


def test_an_act_that_fails_to_draw_gives_way(app: App, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    def broken(self: ShowAct, surface: pygame.Surface, alpha: float) -> None:
        raise pygame.error("out of video memory")

    monkeypatch.setattr(ShowAct, "draw", broken)
    scene = make_scene(app)
    scene.start_act("show")
    scene.draw(app.screen, 0.0)  # the empty room instead, no traceback
    run(scene, 3)
    assert "drawing show failed" in caplog.text
    assert scene.act is not None and scene.act.key != "show"


def test_a_stuck_act_is_ended_after_its_longest_time(app: App, monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(GreetingAct, "max_s", 5.0)
    monkeypatch.setattr(GreetingAct, "is_done", property(lambda self: False))
    scene = make_scene(app)
    scene.start_act("greeting")
    run(scene, 7)
    assert "greeting ran 5 s without ending" in caplog.text
    assert scene.act is not None and scene.act.key != "greeting"


def test_no_engine_process_is_started(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(subprocess, "Popen", lambda *args, **kwargs: started.append(args))
    scene = make_scene(app, seed=2)
    for key in scene.keys:
        scene.start_act(key)
        run(scene, 20, step=1 / 20)
        assert scene.act is not None and scene.act.key == key  # it ran (nothing swallowed)
    scene.exit()
    assert started == []


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_it_follows_the_window(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, size)
    try:
        scene = make_scene(app)
        scene.start_act("replay:napoleon-1809")
        run(scene, 6)
        pygame.display.set_mode((1280, 720))
        app.services.window_size = (1280, 720)
        scene.resize((1280, 720))
        act = scene.act
        assert isinstance(act, ReplayAct)
        assert act.stage.board.geometry.rect == scene.layout.play.board
        assert scene.layout.invitation.right < scene.layout.play.board.left
        run(scene, 6)
        scene.draw(app.screen, 0.0)
    finally:
        app.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920)])
def test_the_invitation_never_covers_the_face_or_the_board(tmp_path: Path,
                                                          size: tuple[int, int]) -> None:
    app = make_app(tmp_path, size)
    try:
        scene = make_scene(app)
        layout, vp = scene.layout, scene.layout.viewport
        board = layout.play.board
        stage = layout.play.stage
        head = stage.rect(0.30, -0.76, 0.40, 0.46)  # the head's part (assets/svg/figure)
        drift = vp.length(12)
        reach = layout.invitation.inflate(2 * drift, 2 * drift)
        for rect in (reach, layout.notes, layout.caption):
            assert not rect.colliderect(board), rect
            assert not rect.colliderect(head), rect
    finally:
        app.close()


def test_a_portrait_screen_shows_the_latest_moves_on_its_one_line() -> None:
    moves = Moves(("e4", "e5", "Nf3", "Nc6", "Bc4", "Bc5", "c3", "Nf6", "d4"))
    assert moves.last(7) == Moves(("Nf3", "Nc6", "Bc4", "Bc5", "c3", "Nf6", "d4"), 2)
    assert moves.last(20) is moves
    from_black = Moves(("e5", "Nf3", "Nc6", "Bc4"), 1, chess.BLACK)
    assert from_black.last(3) == Moves(("Nf3", "Nc6", "Bc4"), 2)
    assert from_black.last(2) == Moves(("Bc4",), 3)


@pytest.mark.parametrize(("scene_name", "act"), [
    ("attract", "replay:napoleon-1809"), ("attract-opening", "replay:allgaier"),
    ("attract-tour", "tour"), ("attract-show", "show"), ("attract-greeting", "greeting")])
def test_the_screenshot_recipes_show_their_act_midway(app: App, scene_name: str,
                                                      act: str) -> None:
    from game.screenshot import RECIPES, Shot

    RECIPES[scene_name](app, Shot(scene_name, (1280, 720), language="fr"))
    scene = app.stack.top
    assert isinstance(scene, AttractScene)
    assert scene.act is not None and scene.act.key == act and not scene.act.is_done
    assert scene.invitation.showing == "fr"
    if isinstance(scene.act, ReplayAct):
        assert 4 <= scene.act.plies < len(scene.act.replay.moves)
        assert scene.act.staging.is_busy  # the hand is at work on the board
    if isinstance(scene.act, TourAct):
        assert 10 <= scene.act.visited < 64
    if isinstance(scene.act, GreetingAct):
        assert scene.act.stage.automaton.spelling


def test_a_screenshot_of_the_loop_is_written(tmp_path: Path) -> None:
    from game.screenshot import Shot, take_screenshot

    out = take_screenshot(Shot("attract", (960, 540), language="de"), tmp_path / "shot.png")
    assert pygame.image.load(str(out)).get_size() == (960, 540)


def test_notes_that_cannot_be_drawn_give_way(app: App, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    def missing(self: GreetingAct) -> None:
        raise KeyError("attract.greeting.title")

    monkeypatch.setattr(GreetingAct, "notes", missing)
    scene = make_scene(app)
    scene.start_act("greeting")
    scene.draw(app.screen, 0.0)
    run(scene, 3)
    assert "drawing greeting failed" in caplog.text
    assert scene.act is not None and scene.act.key != "greeting"


def test_taps_in_the_staff_corner_do_not_start_a_visit(app: App) -> None:
    """Staff open their menu with five taps in the top-left corner: on the attract loop the
    first of them must not start a game under the menu."""
    started: list[str] = []
    scene = make_scene(app, started=started)
    for _ in range(5):
        press(scene, (5, 5))
    assert started == []
    press(scene, scene.layout.play.board.center)
    assert started == ["en"]
