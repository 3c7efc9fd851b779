"""The crowd's reveal: its pages and words come from the typed summary, every fact is
sourced, hidden pseudonyms stay hidden, and every page draws in every language and shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.sources import load_sources
from game.content.strings import Strings
from game.crowd.demo import NAMES, demo_summary
from game.model.reveal import Guess
from game.ui.assets import asset_root
from game.ui.crowd.reveal_pages import (
    CrowdPageKind,
    headline_and_glance,
    move_lines,
    plan_crowd_reveal,
    total_rows,
)

SUMMARY = demo_summary()


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings.from_folder(asset_root() / "i18n")


def test_the_pages_follow_the_game() -> None:
    pages = plan_crowd_reveal(SUMMARY, moves_per_page=3)
    kinds = [p.kind for p in pages]
    assert kinds[0] is CrowdPageKind.CABINET and kinds[-1] is CrowdPageKind.PLATFORM
    ledger = [p for p in pages if p.kind is CrowdPageKind.LEDGER]
    assert [(p.first, p.count) for p in ledger] == [(0, 3), (3, 3), (6, 2)]
    assert len(SUMMARY.moves) == 8


def test_every_page_cites_sources_the_game_knows() -> None:
    known = load_sources()
    for page in plan_crowd_reveal(SUMMARY):
        assert page.sources and set(page.sources) <= set(known)


def test_the_words_carry_this_games_numbers(strings: Strings) -> None:
    strings.language = "en"
    headline, lines = headline_and_glance(plan_crowd_reveal(SUMMARY)[0], SUMMARY,
                                          Guess.MACHINE, strings)
    assert headline == f"It was you! {SUMMARY.totals.workers} people were inside the Turk."
    assert "8 moves" in lines[0] and lines[1] == "The visitor guessed: a machine."
    rows = dict(total_rows(SUMMARY, strings))
    totals = SUMMARY.totals
    assert rows["Workers"] == str(totals.workers) and rows["Tasks"] == str(totals.tasks)
    assert rows["The platform kept"] == f"{totals.platform_cut} points (20%)"
    assert rows["Moves the program made for you"] == "1"
    assert totals.earned + totals.platform_cut == totals.paid_out


def test_a_hidden_pseudonym_stays_hidden_and_a_stand_in_is_named(strings: Strings) -> None:
    strings.language = "en"
    hidden = NAMES[6]
    text = " ".join(" ".join(move_lines(move, strings)) for move in SUMMARY.moves)
    assert hidden not in text and "worker 7" in text
    stood = next(m for m in SUMMARY.moves if m.by_engine)
    assert move_lines(stood, strings) == ("nobody answered in time: the program played",
                                          "nobody paid")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_every_page_draws(size: tuple[int, int], language: str, tmp_path: Path) -> None:
    from game.classroom_showcase import PAGES, take_crowd_screenshot

    for scene in PAGES:
        out = take_crowd_screenshot(scene, size, language, tmp_path / f"{scene}.png")
        assert out.stat().st_size > 10_000
