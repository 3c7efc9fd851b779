"""The reveal scene's pacing and layers: pages turn by themselves, a tap holds and deepens,
skip goes to the end, the last page waits; and every page draws in both orientations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.model.reveal import Guess
from game.opponents.idle import IdleOpponent
from game.ui.intents import Command, CommandIssued
from game.ui.reveal.plan import FIRST_PASS_BUDGET_S, PageKind, first_pass_seconds
from game.ui.reveal.roll import glance_words
from game.ui.scenes.reveal import RevealScene
from game.ui.scenes.reveal_demo import demo_match, open_reveal, seed_store
from tests.ui.helpers import make_app

STEP = 1 / 60


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    application = make_app(tmp_path, lambda setup: IdleOpponent(), size=(960, 540))
    yield application
    application.close()


def reveal_for(app: App, mode: str, guess: Guess | None = Guess.PERSON) -> RevealScene:
    seed_store(app.reveal, mode)
    return open_reveal(app.reveal, demo_match(mode), guess)


@pytest.mark.parametrize("mode", ["engine", "operator", "hybrid", "standin"])
def test_the_first_pass_turns_every_page_by_itself_within_the_budget(app: App,
                                                                     mode: str) -> None:
    reveal = reveal_for(app, mode)
    planned = first_pass_seconds(reveal.pages, app.services.strings,
                                 plies=len(reveal.facts.ledger),
                                 roll_words=glance_words(reveal.roll()))
    elapsed, visited = 0.0, [reveal.index]
    while not reveal.is_last and elapsed < 200:
        reveal.update(STEP)
        elapsed += STEP
        if reveal.index != visited[-1]:
            visited.append(reveal.index)
    assert visited == [i for i, page in enumerate(reveal.pages) if page.is_quick]
    assert len(visited) < len(reveal.pages)  # the quick pass passes some pages by
    assert elapsed == pytest.approx(planned, abs=len(reveal.pages) * STEP)
    assert elapsed <= FIRST_PASS_BUDGET_S
    for _ in range(600):  # the last page waits for "Play again"
        reveal.update(STEP)
    assert reveal.is_last and not reveal.finished


def test_more_shows_the_layers_and_holds_the_page(app: App) -> None:
    reveal = reveal_for(app, "operator")
    assert reveal.layers == 2 and reveal.countdown == 0.0
    reveal.act("more")
    assert (reveal.layer, reveal.held) == (1, True)
    assert reveal.countdown is None
    for _ in range(60 * 30):
        reveal.update(STEP)
    assert reveal.index == 0
    reveal.act("more")
    assert reveal.layer == 2
    assert reveal.controls.row.button("more").label == "Less"
    reveal.act("more")
    assert reveal.layer == 0
    reveal.act("next")
    assert (reveal.index, reveal.layer, reveal.held) == (1, 0, False)


def test_a_tap_on_the_page_is_more_and_keys_move_between_pages(app: App) -> None:
    reveal = reveal_for(app, "engine")
    reveal.act("next")
    center = reveal.layout.text.center
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=center, button=1))
    app.step(STEP)
    assert reveal.layer == 1
    reveal.handle(CommandIssued(Command.RIGHT))
    assert reveal.index == 2
    reveal.handle(CommandIssued(Command.LEFT))
    assert reveal.index == 1


def test_sources_hold_the_page_and_list_every_source(app: App) -> None:
    reveal = reveal_for(app, "operator")
    reveal.act("sources")
    assert reveal.sources_open and reveal.countdown is None
    for _ in range(60 * 20):
        reveal.update(STEP)
    assert reveal.index == 0
    app.step(STEP)  # it draws
    reveal.handle(CommandIssued(Command.CANCEL))
    assert not reveal.sources_open


def test_skip_goes_to_the_end_and_play_again_finishes(app: App) -> None:
    reveal = reveal_for(app, "hybrid")
    finished: list[bool] = []
    reveal._finish = lambda: finished.append(True)
    reveal.act("skip")
    assert reveal.is_last and reveal.page.kind is PageKind.END
    assert not reveal.controls.row.button("skip").visible
    assert reveal.controls.row.button("play_again").visible
    reveal.act("play_again")
    reveal.act("play_again")
    assert finished == [True]


def test_an_unattended_kiosk_finishes_by_itself(app: App) -> None:
    reveal = reveal_for(app, "engine")
    finished: list[bool] = []
    reveal._finish = lambda: finished.append(True)
    reveal.auto_finish_s = 5.0
    reveal.act("skip")
    for _ in range(60 * 6):
        reveal.update(STEP)
    assert finished == [True]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 720)])
def test_every_page_and_layer_draws(tmp_path: Path, size: tuple[int, int]) -> None:
    application = make_app(tmp_path, lambda setup: IdleOpponent(), size=size)
    try:
        for mode in ("operator", "standin"):
            reveal = reveal_for(application, mode)
            for index in range(len(reveal.pages)):
                reveal.go_to(index)
                for _ in range(reveal.layers + 1):
                    application.draw()
                    reveal.more()
                reveal.act("sources")
                application.draw()
            application.stack.remove(reveal)
    finally:
        application.close()


def test_a_game_without_a_single_turk_move_still_reveals(app: App) -> None:
    match = demo_match("engine")
    empty = type(match.session)(visitor_color=match.session.visitor_color)
    empty.resign(empty.visitor_color)
    match.session = empty
    reveal = open_reveal(app.reveal, match, Guess.MACHINE)
    assert reveal.facts.turk_moves == 0
    for index in range(len(reveal.pages)):
        reveal.go_to(index)
        for _ in range(60):
            reveal.update(STEP)
        app.draw()
    assert reveal.is_last
