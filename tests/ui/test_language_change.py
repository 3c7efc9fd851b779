"""Every visible string reads again on a language change — on every scene of the stack,
overlays and banners included (issue 11, item 4: "Who played?" stayed English)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App
from game.content.strings import load_table
from game.model.reveal import Guess
from game.ui.assets import Assets
from game.ui.scenes.exhibition import ExhibitionScene
from game.ui.scenes.game_over import GameOverScene
from game.ui.scenes.guess import GuessPromptScene, GuessScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.promotion import PromotionScene
from game.ui.scenes.reveal_demo import demo_match, open_reveal, seed_store
from game.ui.widgets import ButtonRow
from tests.ui.helpers import click_at, play_scene, steps
from tests.ui.text_fits import Recorder, new_app


def english_only() -> set[str]:
    """English texts whose German differs: none of them may show once German is chosen."""
    root = Assets().root / "i18n"
    en, de = load_table(root / "en"), load_table(root / "de")
    texts = set()
    for key, value in en.items():  # (language names are shown in their own language)
        if isinstance(value, str) and "{" not in value and value != de.get(key) \
                and not key.startswith("meta."):
            texts.add(value)
    return texts


def push_banner(app: App) -> None:
    app.stack.push(GuessPromptScene(app.services, lambda: None, lambda: True))


def push_game_over(app: App) -> None:
    app.stack.push(GameOverScene(app.services, play_scene(app), reveal=lambda p: None))


def push_new_game(app: App) -> None:
    app.stack.push(NewGameScene(app.services, play_scene(app), level=3, on_tour=lambda: None))


def push_promotion(app: App) -> None:
    moves = [chess.Move.from_uci(u) for u in ("e7e8q", "e7e8n", "e7e8r", "e7e8b")]
    app.stack.push(PromotionScene(app.services, moves, chess.WHITE,
                                  play_scene(app).layout.board, lambda move: None))


def push_show(app: App) -> None:
    app.stack.push(ExhibitionScene(app.services, lambda skipped: None))


def push_guess(app: App) -> None:
    app.stack.push(GuessScene(app.services, lambda answer: None))


def push_reveal(app: App) -> None:
    seed_store(app.reveal, "operator")
    open_reveal(app.reveal, demo_match("operator"), Guess.PERSON)


def button_rows(scene: object) -> list[ButtonRow]:
    """The button rows a scene holds (directly, or in a part such as the reveal's controls)."""
    rows = []
    for value in vars(scene).values():
        if isinstance(value, ButtonRow):
            rows.append(value)
        elif hasattr(value, "__dict__") and not isinstance(value, type):
            rows += [v for v in vars(value).values() if isinstance(v, ButtonRow)]
    return rows


def push_visit_choice(app: App) -> None:
    from game.model.formats import VisitFormat
    from game.ui.kiosk.visit_choice import VisitChoiceScene

    app.stack.push(VisitChoiceScene(app.services, formats=list(VisitFormat), endgame="queen",
                                    time_cap_min=20, on_choice=lambda chosen: None))


def push_still_there(app: App) -> None:
    from game.ui.kiosk.overlays import StillThereScene

    app.stack.push(StillThereScene(app.services, remaining_s=lambda: 30.0, total_s=60.0,
                                   on_answer=lambda: None))


SCENES: dict[str, Callable[[App], None]] = {
    "play": lambda app: None, "who-played banner": push_banner, "game over": push_game_over,
    "new game": push_new_game, "promotion": push_promotion, "show": push_show,
    "knight's tour": lambda app: app.open_tour() and None, "guess": push_guess,
    "reveal": push_reveal, "visit choice": push_visit_choice,
    "still playing?": push_still_there,
}


@pytest.mark.parametrize("scene", list(SCENES))
def test_nothing_stays_in_the_old_language(scene: str, tmp_path: Path) -> None:
    recorder = Recorder()
    app = new_app(tmp_path, (1280, 720), "en", recorder)
    try:
        SCENES[scene](app)
        steps(app, 2)  # drawn in English first: whatever a widget caches, it has cached
        app.services.set_language("de")
        recorder.drawn.clear()
        steps(app, 2)
        stale = english_only()
        shown = [d.text.text for d in recorder.drawn]
        assert shown, "nothing was drawn"
        assert not [text for text in shown if text in stale], shown
        # Button plaques are drawn once and kept: their labels are checked where they live.
        labels = [b.label for scene_ in app.stack.scenes for row in button_rows(scene_)
                  for b in row.buttons if b.visible]
        assert labels and not [label for label in labels if label in stale], labels
    finally:
        app.close()


def test_the_who_played_banner_follows_the_play_screens_language_switch(
        tmp_path: Path) -> None:
    recorder = Recorder()
    app = new_app(tmp_path, (1280, 720), "en", recorder)
    try:
        push_banner(app)
        steps(app, 2)
        banner = app.stack.top
        assert isinstance(banner, GuessPromptScene)
        deutsch = play_scene(app).languages.button("language:de").rect
        assert deutsch is not None
        steps(app, 20)  # the banner is not a screen that just closed: presses reach play
        click_at(app, deutsch.center)
        steps(app, 2)
        assert app.services.strings.language == "de"
        assert banner.button.buttons[0].label == "Wer hat gespielt?"
    finally:
        app.close()
        pygame.quit()
