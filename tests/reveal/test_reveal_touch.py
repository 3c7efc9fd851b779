"""The reveal under a visitor's finger: a touch pauses the automatic turn for the whole page
and it resumes a while after the last touch; a tap belongs to the page it started on; a page
never turns before its own animation has finished; buttons keep their places; the guess shows
this game's final position; the tally shows one guess as one counter; the sources panel
covers the whole page in portrait."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import chess
import pygame
import pytest

from game.app import App
from game.model.reveal import Guess
from game.opponents.idle import IdleOpponent
from game.reveal_store import TallyCount
from game.ui.intents import Command, CommandIssued, PointerPressed, PointerReleased
from game.ui.reveal.layout import reveal_layout
from game.ui.reveal.panels import counters_for
from game.ui.reveal.plan import LEDGER_HOLD_S, TALLY_COUNTERS, PageKind, tally_scale
from game.ui.scenes.guess import GuessScene
from game.ui.scenes.reveal import TOUCH_RESUME_S, RevealScene
from game.ui.scenes.reveal_demo import demo_match, open_reveal, seed_store
from tests.ui.helpers import make_app

STEP = 1 / 60


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    application = make_app(tmp_path, lambda setup: IdleOpponent(), size=(960, 540))
    yield application
    application.close()


def reveal_for(app: App, mode: str = "operator") -> RevealScene:
    seed_store(app.reveal, mode)
    return open_reveal(app.reveal, demo_match(mode), Guess.PERSON)


def run(reveal: RevealScene, seconds: float) -> None:
    for _ in range(round(seconds / STEP)):
        reveal.update(STEP)


def quiet_spot(reveal: RevealScene) -> tuple[int, int]:
    """A point on the page that is neither a button nor the picture or the text."""
    return reveal.layout.progress.midleft


def test_a_touch_pauses_the_page_and_it_resumes_after_the_last_touch(app: App) -> None:
    reveal = reveal_for(app)
    spot = quiet_spot(reveal)
    reveal.handle(PointerPressed(spot))
    run(reveal, reveal.seconds + 5)  # the finger stays down: the page stays
    assert reveal.index == 0 and reveal.countdown is None
    reveal.handle(PointerReleased(spot))
    run(reveal, TOUCH_RESUME_S - 1)
    assert reveal.index == 0  # lifted lately: still paused
    reveal.handle(PointerPressed(spot))  # another touch starts the wait again
    reveal.handle(PointerReleased(spot))
    run(reveal, TOUCH_RESUME_S - 1)
    assert reveal.index == 0
    run(reveal, 1.5)
    assert not reveal.paused and reveal.index == 0
    assert reveal.countdown is not None and reveal.countdown < 0.2  # counting again, in full
    run(reveal, reveal.seconds + 1)
    assert reveal.index > 0  # and then the page turns by itself


def test_a_tap_belongs_to_the_page_it_started_on(app: App) -> None:
    reveal = reveal_for(app)
    reveal.act("next")
    more = reveal.controls.row.button("more").rect
    assert more is not None
    reveal.handle(PointerPressed(more.center))  # finger down on "More" of this page …
    reveal.handle(CommandIssued(Command.RIGHT))  # … the page changes under it …
    page = reveal.index
    reveal.handle(PointerReleased(more.center))  # … and the lift does nothing there
    assert (reveal.index, reveal.layer, reveal.held) == (page, 0, False)
    text = reveal.layout.text.center
    reveal.handle(PointerPressed(text))
    reveal.handle(CommandIssued(Command.RIGHT))
    reveal.handle(PointerReleased(text))
    assert reveal.layer == 0 and not reveal.held
    reveal.handle(PointerPressed(text))  # a whole tap on one page still works
    reveal.handle(PointerReleased(text))
    assert reveal.layer == 1


def test_the_ledger_never_turns_before_its_replay_has_finished(app: App) -> None:
    reveal = reveal_for(app, "engine")
    ledger = next(i for i, p in enumerate(reveal.pages) if p.kind is PageKind.LEDGER)
    reveal.go_to(ledger)
    reveal.seconds = 0.1  # as if the words took no time at all
    shown_when_turned = None
    for _ in range(60 * 30):
        shown = reveal.ledger.shown
        reveal.update(STEP)
        if reveal.index != ledger:
            shown_when_turned = shown
            break
    assert shown_when_turned == len(reveal.facts.ledger)  # every move had been replayed
    assert reveal.page_s == 0.0


def test_the_ledger_holds_its_final_position_a_moment(app: App) -> None:
    reveal = reveal_for(app, "engine")
    ledger = next(i for i, p in enumerate(reveal.pages) if p.kind is PageKind.LEDGER)
    reveal.go_to(ledger)
    reveal.seconds = 0.1
    while not reveal.animation_done:
        reveal.update(STEP)
    run(reveal, LEDGER_HOLD_S - 0.2)
    assert reveal.index == ledger
    run(reveal, 0.4)
    assert reveal.index != ledger


def test_the_doors_open_before_the_first_page_turns(app: App) -> None:
    reveal = reveal_for(app)
    reveal.seconds = 0.1
    reveal.update(STEP)
    assert reveal.index == 0 and not reveal.animation_done


def test_buttons_keep_their_places_when_more_hides(app: App) -> None:
    reveal = reveal_for(app)
    controls = reveal.controls
    before = {b.action: b.rect for b in controls.row.buttons if b.visible}
    controls.show(more=False, sources=False)
    controls.layout(reveal.layout)
    after = {b.action: b.rect for b in controls.row.buttons if b.visible}
    assert after == {"next": before["next"], "skip": before["skip"]}
    assert not controls.row.button("more").visible  # hidden, though laid out in its slot


def test_the_guess_shows_this_games_final_position(app: App) -> None:
    match = demo_match("engine")
    scene = app.reveal.open_guess(match)
    assert isinstance(scene, GuessScene)
    final = match.session.board().fen()
    assert scene.fen == final != chess.STARTING_FEN
    app.draw()
    picture = scene.portrait.picture((400, 600), scene.fen)
    opening = scene.portrait.picture((400, 600))
    assert pygame.image.tobytes(picture, "RGBA") != pygame.image.tobytes(opening, "RGBA")


@pytest.mark.parametrize(("total", "per"), [(1, 1), (30, 1), (31, 2), (600, 20)])
def test_one_counter_stands_for_as_few_guesses_as_fit(total: int, per: int) -> None:
    assert tally_scale(total) == per
    assert counters_for(total, per) <= TALLY_COUNTERS


def test_one_guess_is_one_counter_not_a_full_row() -> None:
    per = tally_scale(1)
    assert (counters_for(1, per), counters_for(0, per)) == (1, 0)
    assert counters_for(1, tally_scale(500)) == 1  # a lone guess still shows


def test_the_tally_at_one_guess_draws_one_counter(app: App) -> None:
    reveal = reveal_for(app, "engine")
    reveal.tally = TallyCount(0, 1)
    tally = next(i for i, p in enumerate(reveal.pages) if p.kind is PageKind.TALLY)
    reveal.go_to(tally)
    app.draw()  # draws without error; the picture is looked at in docs/reveal.md's shots


def test_the_sources_panel_covers_the_whole_page_in_portrait() -> None:
    for size in ((1080, 1920), (1920, 1080), (720, 1280)):
        layout = reveal_layout(size)
        assert layout.page.contains(layout.picture.clip(layout.page))
        assert layout.page.left <= layout.picture.left
        assert layout.page.right >= max(layout.picture.right, layout.text.right)
