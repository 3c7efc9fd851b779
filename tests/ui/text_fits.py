"""The text-fits check's machinery: every string the game shows, drawn in its real widget.

``Recorder`` listens to the text painter (``TextPainter.observer``) and keeps every
``TextDrawn`` with the name of the screen being drawn, and every text the game asked its
strings for; ``tests/ui/text_fits_keys.py`` maps what was drawn back to the string keys.
``RECIPES`` put the real app into each state where strings appear — the play screen in its
states, every status line, the show's steps, the overlays, the guess, every page and layer of
the reveal in every mode (a crowd game's ledger and a busy day's tally too), the kiosk's
visit choice and overlays, the operator's console — and draw it; the kiosk's own, the staff's
and the classroom's screens are in ``tests/ui/text_fits_kiosk.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import chess
import pygame

from game.app import App, Launch
from game.config import Settings
from game.content.strings import Strings, load_table
from game.model.material import captures_in
from game.model.reveal import Guess
from game.opponents.idle import IdleOpponent
from game.ui.assets import Assets
from game.ui.scenes.exhibition import STEPS, ExhibitionScene
from game.ui.scenes.game_over import GameOverScene
from game.ui.scenes.guess import GuessPromptScene, GuessScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.reveal_demo import MODES, demo_match, open_reveal, seed_store
from game.ui.text import TextDrawn, TextPainter

SIZES = ((1280, 720), (1920, 1080), (3840, 2160), (1080, 1920))
LANGUAGES = ("en", "de", "fr")
SAMPLE = {"text": "Sf3", "path": "/home/kiosk/.local/share/mechanical-turk/games/"
          "2026-12-04-064118-561b87283276.pgn", "reason": "Permission denied", "level": "8",
          "visited": "64", "san": "Sxf7+", "result": "1/2-1/2", "seconds": "40",
          "name": "Johann Allgaier", "address": "192.168.100.200:1770", "piece": "Springer",
          "square": "g1", "minutes": "125", "rank": "3", "score": "+1.25", "speaker": "X",
          "line": "X", "points": "39"}
"""Wide values for placeholders (the longest a field is likely to hold)."""


@dataclass(frozen=True)
class Drawn:
    screen: str
    text: TextDrawn
    missing: str
    """Characters the face that drew it does not have."""


@dataclass
class Recorder:
    """Collects what a painter draws, tagged with the screen being drawn, and the texts the
    game asked its strings for (by language and key)."""

    painter: TextPainter | None = None
    screen: str = ""
    drawn: list[Drawn] = field(default_factory=list)
    asked: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def listen(self, painter: TextPainter, strings: Strings | None = None) -> None:
        self.painter = painter
        painter.observer = self
        if strings is not None:
            self._hear(strings)

    def _hear(self, strings: Strings) -> None:
        """Wrap ``strings`` so every text the game asks for is noted."""
        get, get_list = strings.get, strings.get_list

        def heard_get(key: str, /, *, language: str | None = None, **fields: object) -> str:
            text = get(key, language=language, **fields)
            self._heard(language or strings.language, key, [text])
            return text

        def heard_get_list(key: str, /, *, language: str | None = None,
                           **fields: object) -> list[str]:
            texts = get_list(key, language=language, **fields)
            self._heard(language or strings.language, key, texts)
            return texts
        strings.get = heard_get  # type: ignore[method-assign]
        strings.get_list = heard_get_list  # type: ignore[method-assign]

    def _heard(self, language: str, key: str, texts: list[str]) -> None:
        self.asked.setdefault(language, {}).setdefault(key, set()).update(texts)

    def __call__(self, text: TextDrawn) -> None:
        assert self.painter is not None
        missing = self.painter.missing_glyphs(text.text, text.style.face)
        self.drawn.append(Drawn(self.screen, text, missing))


# -- the states where strings appear -----------------------------------------------------------

Recipe = Callable[[App, Recorder], Iterator[str]]
"""Puts the app into states and yields each state's name after drawing it."""


def new_app(tmp: Path, size: tuple[int, int], language: str, recorder: Recorder) -> App:
    """The app, its painter heard from the first frame (widgets cache what they drew)."""
    settings = Settings(data_dir=tmp, window_size=size, language=language, pacing=False,
                        greeting=False, mute=True, show=False)
    app = App(Launch(settings), opponent_factory=lambda setup: IdleOpponent())
    recorder.listen(app.services.text, app.services.strings)
    app.start_play()
    app.step(1 / 60)
    return app


def draw(app: App, recorder: Recorder, name: str) -> str:
    recorder.screen = name
    app.draw(0.0)
    return name


def play_of(app: App) -> PlayScene:
    scene = app.stack.scenes[0]
    assert isinstance(scene, PlayScene)
    return scene


def recipe_play(app: App, recorder: Recorder) -> Iterator[str]:
    play = play_of(app)
    yield draw(app, recorder, "play")
    play.buttons.button("claim_draw").visible = True
    play.buttons.button("resign").label = app.services.strings.get("ui.button.resign_confirm")
    play.resize(app.services.window_size)
    yield draw(app, recorder, "play, claim and resign armed")
    for fen in ("1nbqkb2/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQ - 0 1",
                "rnbqkbnr/pppppppp/8/8/8/8/8/4K3 w kq - 0 1"):
        play.captures = captures_in(chess.Board(fen))
        yield draw(app, recorder, f"play, material {fen.split()[0]}")


def recipe_status(app: App, recorder: Recorder) -> Iterator[str]:
    """Every line the status panel can say, in the role it has there."""
    play, strings = play_of(app), app.services.strings
    surface = app.screen
    table = load_table(Assets().root / "i18n" / strings.language)
    for key in sorted(table):
        family = key.rsplit(".", 1)[0]
        if family not in ("ui.status", "ui.ending", "ui.claim", "board.refusal"):
            continue
        texts = strings.get_list(key, **SAMPLE) if isinstance(table[key], list) else \
            [strings.get(key, **SAMPLE)]
        if family == "ui.claim":
            texts = [strings.get("ui.status.claim_available", reason=t) for t in texts]
        for text in texts:
            recorder.screen = f"status {key}" + (
                "" if play.status.time_left_s is None else ", with the time left")
            main_role = family != "ui.ending" or key.endswith(("wins", "draw", "abandoned"))
            play.status.draw_lines(surface, play.layout, text if main_role else "Draw.",
                                   "" if main_role else text)
            if family == "ui.claim":
                play.status.draw_lines(surface, play.layout, "Your move.", text)
    yield "status lines"


def recipe_captions(app: App, recorder: Recorder) -> Iterator[str]:
    """Sound captions, the Turk's words and its letter-board lines, in the caption strip."""
    play, strings = play_of(app), app.services.strings
    table = load_table(Assets().root / "i18n" / strings.language)
    for key in sorted(table):
        if key.startswith(("sounds.caption.", "turk.caption.", "turk.board.")):
            play.captions.clear()
            play.captions.show(strings.get(key))
            play.captions.show(strings.get("ui.status.turk_says", text=strings.get(key)))
            yield draw(app, recorder, f"caption {key}")
    play.captions.clear()


def recipe_typing(app: App, recorder: Recorder) -> Iterator[str]:
    play = play_of(app)
    play.input.typed = "exd8=D+"
    yield draw(app, recorder, "typing")
    play.input.typed = ""


def recipe_show(app: App, recorder: Recorder) -> Iterator[str]:
    show = ExhibitionScene(app.services, lambda skipped: None)
    app.stack.push(show)  # the first step
    for index, step in enumerate(STEPS):
        if index:
            show.advance()
        yield draw(app, recorder, f"show {step.caption}")
    app.stack.remove(show)


def recipe_overlays(app: App, recorder: Recorder) -> Iterator[str]:
    play, strings = play_of(app), app.services.strings
    over = GameOverScene(app.services, play, reveal=lambda p: None)
    app.stack.push(over)
    table = load_table(Assets().root / "i18n" / strings.language)
    for key in sorted(k for k in table if k.startswith("ui.ending.")):
        recorder.screen = f"game over {key}"
        over.draw_result(app.screen, strings.get("ui.ending.visitor_wins"), strings.get(key))
        over.draw_result(app.screen, strings.get(key), "")
    app.stack.remove(over)
    play.press("new_game")
    yield draw(app, recorder, "new game")
    app.stack.remove(app.stack.top)  # type: ignore[arg-type]
    from game.ui.scenes.new_game import NewGameScene
    new = NewGameScene(app.services, play, level=1, on_tour=lambda: None)
    app.stack.push(new)
    yield draw(app, recorder, "new game, level 1")
    new.on_action("level", "8")
    yield draw(app, recorder, "new game, level 8")
    app.stack.remove(new)
    moves = [chess.Move.from_uci(u) for u in ("e7e8q", "e7e8n", "e7e8r", "e7e8b")]
    from game.ui.scenes.promotion import PromotionScene
    promotion = PromotionScene(app.services, moves, chess.WHITE, play.layout.board,
                               lambda move: None)
    app.stack.push(promotion)
    yield draw(app, recorder, "promotion")
    app.stack.remove(promotion)
    tour = app.open_tour()
    yield draw(app, recorder, "knight's tour, choose")
    tour.begin(chess.B1)
    tour.counters = dict.fromkeys(chess.SQUARES, "red")
    yield draw(app, recorder, "knight's tour, counting")
    app.stack.remove(tour)


def recipe_guess(app: App, recorder: Recorder) -> Iterator[str]:
    prompt = GuessPromptScene(app.services, lambda: None, lambda: True)
    app.stack.push(prompt)
    yield draw(app, recorder, "who played? banner")
    app.stack.remove(prompt)
    guess = GuessScene(app.services, lambda answer: None)
    app.stack.push(guess)
    yield draw(app, recorder, "guess")
    guess.answer(Guess.MACHINE)
    yield draw(app, recorder, "guess, thanks")
    app.stack.remove(guess)


def recipe_reveal(app: App, recorder: Recorder) -> Iterator[str]:
    """Every page of the reveal, every layer and the sources, in every mode."""
    for mode in MODES:
        seed_store(app.reveal, mode)
        reveal = open_reveal(app.reveal, demo_match(mode), Guess.PERSON)
        for index in range(len(reveal.pages)):
            reveal.go_to(index)
            for layer in range(reveal.layers + 1):
                if layer:
                    reveal.more()
                if reveal.page.kind.value == "ledger":
                    reveal.ledger.finish()
                yield draw(app, recorder, f"reveal {mode} {reveal.page.screen.id} +{layer}")
            if reveal.page.sources:
                reveal.act("sources")
                yield draw(app, recorder, f"reveal {mode} {reveal.page.screen.id} sources")
                reveal.act("sources")
        app.stack.remove(reveal)


def recipe_kiosk(app: App, recorder: Recorder) -> Iterator[str]:
    """The kiosk's screens: the visit's choices (every set endgame, with and without a time
    cap, then the side), "Still playing?" and "Time is up"."""
    from game.model.formats import ENDGAME_KEYS, VisitFormat
    from game.ui.kiosk.overlays import StillThereScene, WindingDownScene
    from game.ui.kiosk.visit_choice import VisitChoiceScene

    for endgame in ENDGAME_KEYS:
        for cap in (0, 30):
            choice = VisitChoiceScene(app.services, formats=list(VisitFormat),
                                      endgame=endgame, time_cap_min=cap,
                                      on_choice=lambda chosen: None)
            app.stack.push(choice)
            yield draw(app, recorder, f"visit choice {endgame} cap {cap}")
            choice.choosing_side = True  # as the set endgame's button does
            choice.buttons = choice._side_buttons()
            choice.resize(app.services.window_size)
            yield draw(app, recorder, f"visit choice {endgame}, side")
            app.stack.remove(choice)
    still = StillThereScene(app.services, remaining_s=lambda: 59.0, total_s=60.0,
                            on_answer=lambda: None)
    app.stack.push(still)
    yield draw(app, recorder, "still playing?")
    app.stack.remove(still)
    winding = WindingDownScene(app.services)
    app.stack.push(winding)
    yield draw(app, recorder, "time is up")
    app.stack.remove(winding)


RECIPES: tuple[Recipe, ...] = (recipe_play, recipe_status, recipe_captions, recipe_typing,
                               recipe_show, recipe_overlays, recipe_guess, recipe_reveal,
                               recipe_kiosk)


def console_draws(size: tuple[int, int], language: str, recorder: Recorder) -> None:
    """The operator's console: its showcase screens, then every line its status card and
    its login can say, drawn by their own functions."""
    from game.ui.console import cards, showcase
    from game.ui.console.cabinet import CabinetScene
    from game.ui.console.login import LoginScene
    from game.ui.console.window import Console, ConsoleOptions

    pygame.init()
    screen = pygame.display.set_mode(size)
    for scene in (*showcase.CONSOLE_SCENES, "login-empty"):
        recorder.screen = f"console {scene}"
        login = scene.startswith("login")
        options = ConsoleOptions(showcase.ADDRESS, code="" if scene == "login-empty" else
                                 showcase.CODE, name="" if login else showcase.NAME,
                                 hybrid=scene == "console-hybrid", language=language)
        console = Console(options, connect=showcase._connector(
            "login" if login else scene))
        recorder.listen(console.services.text, console.services.strings)
        for frame in range(8):
            console.step(1 / 60, [])
            top = console.stack.top
            if frame == 2 and scene == "console-magnets" and isinstance(top, CabinetScene):
                top.press("magnets")
        top = console.stack.top
        strings, text = console.services.strings, console.services.text
        table = load_table(Assets().root / "i18n" / language)
        if isinstance(top, CabinetScene):
            recorder.screen = "console status card"
            for main, quiet in _console_status_lines(strings, table):
                cards.draw_status_lines(screen, top.layout.status, main, quiet,
                                        urgent=quiet.startswith(strings.get(
                                            "console.status.countdown", seconds="9")[:8]),
                                        text=text, vp=top.layout.viewport)
            top.sheet.draw(screen, top.layout.middle, (), start_fullmove=1,
                           start_turn=True, vertical=True, scale=top.layout.viewport.scale)
            top.sheet.draw(screen, top.layout.middle, (), start_fullmove=1,
                           start_turn=True, vertical=False, scale=top.layout.viewport.scale)
            top.desk.hints = ()
            top.desk.countdown_s = None
            top.desk.last_said = "WHO WILL PLAY ME"
            top.press("spell")
            console.step(1 / 60, [])
        if isinstance(top, LoginScene):
            recorder.screen = "console login messages"
            for key in sorted(k for k in table if k.startswith("console.login.")
                              and k.split(".")[-1] in LOGIN_MESSAGES):
                top.message = strings.get(key, **SAMPLE)
                top.draw(screen, 0.0)
        console.close()


LOGIN_MESSAGES = ("connecting", "need_code", "need_name", "bad_proof", "blocked", "busy",
                  "lost")


def _console_status_lines(strings: Strings, table: dict[str, object]) -> Iterator[
        tuple[str, str]]:
    countdown = strings.get("console.status.countdown", **SAMPLE)
    for key in sorted(k for k in table if k.startswith("console.status.")):
        yield strings.get(key, **SAMPLE), countdown
    for key in sorted(k for k in table if k.startswith("console.piece.")):
        yield strings.get("console.status.visitor_holds", piece=strings.get(key),
                          square="g1"), ""
    for key in sorted(k for k in table if k.startswith("console.ending.")):
        yield strings.get("console.status.game_over", result="1/2-1/2",
                          reason=strings.get(key)), ""
