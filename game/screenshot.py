"""``turk screenshot``: render any scene to a PNG without a window, for review and tests.

Owns: the named recipes that put the real app into a state worth looking at (a fresh game, a
piece mid-drag, the promotion chooser open, a finished game, the new-game overlay; the guess,
and every page of the reveal in every mode, ``reveal-<mode>[-<page>][+<layer>|+sources]``,
``ledger``, ``history-<page>``) and ``take_screenshot``. Input goes through the real input
path (posted pygame events); the Turk's player is one that never answers, so no engine is
started, and the data directory is a scratch folder, so no shot touches the real tally.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import chess
import pygame

from game.app import App, Launch
from game.classroom_showcase import CROWD_SCENES, take_crowd_screenshot
from game.config import Settings
from game.match import GameSetup
from game.model.formats import VisitFormat, plan_visit
from game.model.records import MoveAuthor
from game.model.reveal import Guess
from game.model.session import GameSession
from game.opponents.base import MoveReply, MoveRequest
from game.opponents.idle import IdleOpponent
from game.opponents.scripted import ScriptedOpponent
from game.ui.attract.scene import AttractScene
from game.ui.console.showcase import CONSOLE_SCENES, take_console_screenshot
from game.ui.kiosk.overlays import StillThereScene
from game.ui.kiosk.visit_choice import VisitChoiceScene
from game.ui.scenes.exhibition import ExhibitionScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.reveal_demo import MODES, demo_match, open_reveal, seed_store, show_page
from game.ui.staff.demo import StaffDemo
from game.ui.staff.menu import StaffPage

log = logging.getLogger(__name__)

PROMOTION_FEN = "rnbqk2r/pP3ppp/4pn2/2b5/8/8/P1PP1PPP/RNBQKBNR w KQkq - 0 7"
# The Turk (White) to move, about to take on e5 with its knight, then to give check.
CAPTURE_FEN = "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3"
CHECK_FEN = "rnbqkbnr/ppp2ppp/3p4/4p3/2B1P3/8/PPPP1PPP/RNBQK1NR w KQkq - 0 3"
MATE_FEN = "rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3"


class ScreenshotError(ValueError):
    """The scene or its set-up is not possible; the message says why."""


@dataclass(frozen=True)
class Shot:
    scene: str
    size: tuple[int, int] = (1920, 1080)
    fen: str | None = None
    language: str = "en"
    color: str = "white"


Recipe = Callable[[App, Shot], None]


def _play(app: App, shot: Shot, default_fen: str | None = None) -> PlayScene:
    fen = shot.fen or default_fen
    if fen is not None:
        try:
            session = GameSession(visitor_color=shot.color != "black", start_fen=fen)
        except ValueError as exc:
            raise ScreenshotError(f"--fen: {exc}") from exc
        app.launch = Launch(app.settings, session)
    return app.start_play()


def _post_mouse(kind: int, pos: tuple[float, float], **extra: object) -> None:
    fields: dict[str, object] = {"pos": (round(pos[0]), round(pos[1])), **extra}
    pygame.event.post(pygame.event.Event(kind, fields))


def _first_visitor_move(play: PlayScene, *, promotion: bool = False) -> chess.Move:
    board = play.match.session.board()
    for move in board.legal_moves:
        if bool(move.promotion) == promotion:
            return move
    raise ScreenshotError("the visitor has no suitable legal move in this position")


def recipe_play(app: App, shot: Shot) -> None:
    _play(app, shot)


def recipe_drag(app: App, shot: Shot) -> None:
    play = _play(app, shot)
    move = _first_visitor_move(play)
    geo = play.board.geometry
    start, end = geo.square_center(move.from_square), geo.square_center(move.to_square)
    middle = (start[0] + (end[0] - start[0]) * 0.6, start[1] + (end[1] - start[1]) * 0.6 - 12)
    _post_mouse(pygame.MOUSEBUTTONDOWN, start, button=1)
    app.step(1 / 60)
    for fraction in (0.2, 0.6, 1.0):
        pos = (start[0] + (middle[0] - start[0]) * fraction,
               start[1] + (middle[1] - start[1]) * fraction)
        _post_mouse(pygame.MOUSEMOTION, pos, rel=(0, 0), buttons=(1, 0, 0))
        app.step(1 / 60)


def recipe_promotion(app: App, shot: Shot) -> None:
    play = _play(app, shot, PROMOTION_FEN)
    move = _first_visitor_move(play, promotion=True)
    geo = play.board.geometry
    for square in (move.from_square, move.to_square):
        center = geo.square_center(square)
        _post_mouse(pygame.MOUSEBUTTONDOWN, center, button=1)
        _post_mouse(pygame.MOUSEBUTTONUP, center, button=1)
        app.step(1 / 60)


def recipe_game_over(app: App, shot: Shot) -> None:
    play = _play(app, shot, MATE_FEN)
    for _ in range(3):
        app.step(1 / 60)
    if app.stack.top is play:
        raise ScreenshotError("the position is not a finished game; give a --fen that is")


def _turk_moves(app: App, shot: Shot, fen: str, uci: str, seconds: float) -> PlayScene:
    """The visitor plays Black; the Turk plays ``uci`` and the app runs for ``seconds``."""
    move = chess.Move.from_uci(uci)
    app.opponent_factory = lambda setup: _OneMove(move)
    session = GameSession(visitor_color=chess.BLACK, start_fen=shot.fen or fen)
    app.launch = Launch(app.settings, session)
    play = app.start_play()
    for _ in range(round(seconds * 60)):
        app.step(1 / 60)
    return play


class _OneMove(ScriptedOpponent):
    """Answers the first request with one move."""

    def __init__(self, move: chess.Move) -> None:
        super().__init__([])
        self._move = move

    def request_move(self, request: MoveRequest) -> None:
        if request.board.is_legal(self._move):
            self._reply = MoveReply(request.game_id, request.ply, self._move, MoveAuthor.ENGINE)


def recipe_turk_idle(app: App, shot: Shot) -> None:
    _play(app, shot)
    for _ in range(90):
        app.step(1 / 60)


def recipe_turk_reach(app: App, shot: Shot) -> None:
    _turk_moves(app, shot, CAPTURE_FEN, "f1c4", 0.75)


def recipe_turk_capture(app: App, shot: Shot) -> None:
    _turk_moves(app, shot, CAPTURE_FEN, "f3e5", 1.05)


def recipe_turk_check(app: App, shot: Shot) -> None:
    play = _turk_moves(app, shot, CHECK_FEN, "c4f7", 1.0)
    said = app.services.strings.get("turk.caption.check")
    for _ in range(10 * 60):  # until "Échec!" is said, with the head still bowed
        if said in play.captions.lines:
            break
        app.step(1 / 60)
    for _ in range(4):
        app.step(1 / 60)


def recipe_letter_board(app: App, shot: Shot) -> None:
    play = _play(app, shot)
    play.spell(app.services.strings.get("turk.board.greeting"))
    for _ in range(round(4.2 * 60)):
        app.step(1 / 60)


def recipe_show_door_one(app: App, shot: Shot) -> None:
    app.settings = app.settings.replace(show=True)
    app.start_play()
    show = app.stack.top
    assert isinstance(show, ExhibitionScene)
    show.advance()  # door No. 1
    show.advance()  # the candle behind the works
    for _ in range(100):
        app.step(1 / 60)


def recipe_knights_tour(app: App, shot: Shot) -> None:
    _play(app, shot)
    tour = app.open_tour(chess.B1)
    for _ in range(round(24.0 * 60)):  # about half the tour, without drawing every frame
        tour.update(1 / 60)


def recipe_visit_choice(app: App, shot: Shot) -> None:
    """The kiosk's choice of visit: a whole game under a time cap, a set endgame or odds."""
    app.stack.push(VisitChoiceScene(app.services, formats=tuple(VisitFormat), endgame="rook",
                                    time_cap_min=app.settings.time_cap_min,
                                    on_choice=lambda choice: None))


def recipe_endgame(app: App, shot: Shot) -> None:
    """A kiosk's set endgame (king and rook against king), the visitor with White."""
    color = chess.BLACK if shot.color == "black" else chess.WHITE
    plan = plan_visit(VisitFormat.ENDGAME, visitor_color=color, time_cap_s=None,
                      endgame="rook")
    app.start_visit(GameSetup(shot.color, app.settings.level, plan.start_fen,
                              tuple(plan.headers.items())))


def recipe_still_there(app: App, shot: Shot) -> None:
    """A kiosk's "Still playing?" over a game left alone, 17 seconds before it is closed."""
    play = _play(app, shot, CAPTURE_FEN)
    app.stack.push(StillThereScene(app.services, remaining_s=lambda: 17.0,
                                   total_s=app.settings.still_there_s, on_answer=lambda: None))
    assert play is not None


def attract_recipe(act: str, seconds: float) -> Recipe:
    """The kiosk's attract loop ``seconds`` into ``act``, its invitation in the shot's
    language (the kiosk's own)."""
    def recipe(app: App, shot: Shot) -> None:
        others = [code for code in app.settings.languages if code != shot.language]
        scene = AttractScene(app.services, languages=[shot.language, *others],
                             on_start=lambda code: None, captions_enabled=app.settings.captions,
                             rng=random.Random(1770))
        app.stack.replace(scene)
        scene.start_act(act)
        for _ in range(round(seconds * 60)):
            scene.update(1 / 60)
        if scene.act is None or scene.act.key != act:
            raise ScreenshotError(f"the attract loop could not perform {act!r} (see the log)")
        scene.invitation.show(0)
        for _ in range(40):  # the invitation settles in the kiosk's own language
            scene.update(1 / 60)
    return recipe


def recipe_new_game(app: App, shot: Shot) -> None:
    play = _play(app, shot)
    play.press("new_game")


DEMO_GUESSES = {"engine": Guess.PERSON, "operator": Guess.PERSON, "hybrid": Guess.MACHINE,
                 "standin": Guess.MACHINE}
REVEAL_SCENES = ("ledger", "history-<page>",
                 "reveal-<engine|operator|hybrid|standin>[-<page>][+<layer>|+sources]",
                 "reveal-<mode>-unnamed (the operator gave no name)",
                 "reveal-<mode>-tally-one (the tally after this visitor's guess alone)")


def recipe_guess(app: App, shot: Shot) -> None:
    _play(app, shot)
    app.reveal.open_guess(demo_match("engine"))


def reveal_recipe(name: str) -> Recipe | None:
    """The recipe for a reveal scene name, or ``None`` if it is not one."""
    base, _, suffix = name.partition("+")
    if base == "ledger":
        base = "reveal-engine-ledger"
    elif base.startswith("history-"):
        base = f"reveal-engine-{base}"
    parts = base.split("-", 2)
    if parts[0] != "reveal" or len(parts) < 2 or parts[1] not in MODES:
        return None
    mode, page = parts[1], (parts[2] if len(parts) > 2 else "0")
    if page.startswith("history-"):
        page = f"history.{page.removeprefix('history-')}"
    if suffix not in ("", "sources") and not suffix.isdigit():
        return None

    unnamed = page == "unnamed"
    alone = page == "tally-one"
    page = {"unnamed": "0", "tally-one": "tally"}.get(page, page)

    def recipe(app: App, shot: Shot) -> None:
        _play(app, shot)
        if not alone:
            seed_store(app.reveal, mode)
        match = demo_match(mode)
        if unnamed:
            match.crew = dataclasses.replace(match.crew, operator_name="")
        reveal = open_reveal(app.reveal, match, DEMO_GUESSES[mode])
        try:
            show_page(reveal, page, layer=int(suffix) if suffix.isdigit() else 0,
                      sources=suffix == "sources")
        except ValueError as exc:
            raise ScreenshotError(str(exc)) from exc
    return recipe


STAFF_PAGES = {"staff-menu": StaffPage.VISIT, "staff-stats": StaffPage.STATISTICS,
               **{f"staff-{page.value}": page for page in StaffPage}}
"""The staff menu's pages as scenes (``staff-menu`` is its first page)."""
STAFF_SCENES = ("pin-pad", "pin-pad-locked", "pin-pad-unset", *STAFF_PAGES, "closed")


def staff_recipe(name: str, scratch: Path) -> Recipe | None:
    """The recipe for a staff scene, its files seeded in ``scratch``; ``None`` if not one."""
    if name not in STAFF_SCENES:
        return None

    def recipe(app: App, shot: Shot) -> None:
        demo = StaffDemo(scratch / "staff", pin="" if name == "pin-pad-unset" else "2468")
        app.companions.append(_Closing(demo))
        services = app.services
        if name == "closed":
            demo.closed(services).update(61.0)  # a minute into its slow drift
        elif name in STAFF_PAGES:
            demo.menu(services, STAFF_PAGES[name])
        else:
            if name == "pin-pad-locked":
                demo.lock_pad()
            pad = demo.pin_pad(services)
            if name == "pin-pad":
                for key in "246":
                    center = pad.keys.button(key).rect
                    assert center is not None
                    _post_mouse(pygame.MOUSEBUTTONDOWN, center.center, button=1)
                    _post_mouse(pygame.MOUSEBUTTONUP, center.center, button=1)
                    app.step(1 / 60)
    return recipe


class _Closing:
    """Closes a staff demo's files with the app (a companion that does nothing else)."""

    def __init__(self, demo: StaffDemo) -> None:
        self._demo = demo

    def attach(self, play: PlayScene) -> None:
        """Nothing to follow."""

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        return events

    def update(self, dt: float) -> None:
        """Nothing to do."""

    def frame(self, frame_s: float) -> None:
        """Nothing to draw."""

    def close(self) -> None:
        self._demo.close()


RECIPES: dict[str, Recipe] = {
    "guess": recipe_guess,
    "play": recipe_play,
    "drag": recipe_drag,
    "promotion": recipe_promotion,
    "game-over": recipe_game_over,
    "new-game": recipe_new_game,
    "turk-idle": recipe_turk_idle,
    "turk-reach": recipe_turk_reach,
    "turk-capture": recipe_turk_capture,
    "turk-check": recipe_turk_check,
    "letter-board": recipe_letter_board,
    "show-door1": recipe_show_door_one,
    "knights-tour": recipe_knights_tour,
    "visit-choice": recipe_visit_choice,
    "endgame": recipe_endgame,
    "still-there": recipe_still_there,
    "attract": attract_recipe("replay:napoleon-1809", 71.0),
    "attract-opening": attract_recipe("replay:allgaier", 16.0),
    "attract-tour": attract_recipe("tour", 21.0),
    "attract-show": attract_recipe("show", 19.0),
    "attract-greeting": attract_recipe("greeting", 5.5),
}


def take_screenshot(shot: Shot, out: Path, *, settings: Settings | None = None) -> Path:
    """Render ``shot`` and write it as a PNG to ``out``.

    :raises ScreenshotError: for an unknown scene or an unusable set-up.
    """
    if shot.scene in CONSOLE_SCENES:  # the hidden operator's console: a window of its own
        return take_console_screenshot(shot.scene, shot.size, shot.language, out)
    if shot.scene in CROWD_SCENES:  # the classroom: its own app, its own reveal
        return take_crowd_screenshot(shot.scene, shot.size, shot.language, out)
    scratch = tempfile.TemporaryDirectory(prefix="turk-screenshot-")
    recipe = (RECIPES.get(shot.scene) or reveal_recipe(shot.scene)
              or staff_recipe(shot.scene, Path(scratch.name)))
    if recipe is None:
        scratch.cleanup()
        scenes = ", ".join((*RECIPES, *REVEAL_SCENES, *STAFF_SCENES, *CONSOLE_SCENES,
                            *CROWD_SCENES))
        raise ScreenshotError(f"unknown scene {shot.scene!r}; scenes: {scenes}")
    base = settings or Settings(data_dir=Path(scratch.name))  # never touch the real tally
    settings = base.replace(window_size=shot.size, language=shot.language, color=shot.color,
                            fullscreen=False, pacing=False, greeting=False, mute=True,
                            show=False)
    app = App(Launch(settings), opponent_factory=lambda setup: IdleOpponent())
    try:
        recipe(app, shot)
        for _ in range(2):
            app.step(1 / 60)
        out.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.screen, str(out))
    finally:
        app.close()
        scratch.cleanup()
    return out
