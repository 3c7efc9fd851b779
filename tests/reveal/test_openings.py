"""The reveal's note on the opening a game followed: from the openings file itself (a direct,
typed lookup), silent — and logged — when the record cannot be followed."""

from __future__ import annotations

import logging

import chess
import pytest

from game.content.openings import Opening
from game.ui.reveal.openings import find_opening, note_from

MOVES = [chess.Move.from_uci(u) for u in ("e2e4", "e7e5", "g1f3", "b8c6", "f1b5")]


def test_the_opening_is_named_with_its_people_names_and_citations() -> None:
    note = find_opening(MOVES, start_fen=chess.STARTING_FEN)
    assert note is not None
    assert (note.name, note.people, note.era) == ("Ruy Lopez", ("Ruy López de Segura",), "1561")
    assert note.name_in("de") == "Spanische Partie"
    assert note.sources and dict(note.citations).keys() == set(note.sources)


def test_no_moves_or_no_match_means_no_line() -> None:
    assert find_opening([], start_fen=chess.STARTING_FEN) is None
    odd = [chess.Move.from_uci("a2a3"), chess.Move.from_uci("h7h6")]
    assert find_opening(odd, start_fen=chess.STARTING_FEN) is None


def test_a_record_the_lookup_cannot_follow_is_logged_not_raised(
        caplog: pytest.LogCaptureFixture) -> None:
    broken = [chess.Move.from_uci("e2e4"), chess.Move.from_uci("e2e4")]
    with caplog.at_level(logging.WARNING):
        assert find_opening(broken, start_fen=chess.STARTING_FEN) is None
    assert "naming the opening failed" in caplog.text


def test_people_are_trimmed_and_a_nameless_opening_gives_no_note() -> None:
    opening = Opening(names={"en": " Philidor Defence ", "fr": ""},
                      people=(" François-André Philidor ", " "), era="1749",
                      source_ids=(), ply=4, moves=("e4", "e5", "Nf3", "d6"))
    note = note_from(opening)
    assert note is not None
    assert (note.name, note.people, note.era, note.names) == (
        "Philidor Defence", ("François-André Philidor",), "1749",
        (("en", " Philidor Defence "),))
    nameless = Opening(names={"en": " "}, people=(), era="", source_ids=(), ply=0, moves=())
    assert note_from(nameless) is None


def test_the_demo_game_names_philidors_defence_with_its_sources() -> None:
    from game.content.screens import load_screens
    from game.content.sources import load_sources
    from game.content.strings import Strings
    from game.ui.reveal.chrome import citation
    from game.ui.reveal.facts import facts_from_match
    from game.ui.reveal.plan import page_text, plan_reveal
    from game.ui.scenes.reveal_demo import demo_match
    from tests.reveal.conftest import ASSETS

    facts = facts_from_match(demo_match("engine"))
    assert facts.opening is not None
    assert facts.opening.name == "Philidor's Defence"
    assert facts.opening.people == ("François-André Danican Philidor",)
    sources = load_sources(ASSETS)
    pages = plan_reveal(load_screens(ASSETS), facts, guess=None, tally=None,
                        known_sources=sources.keys())
    people = next(p for p in pages if p.screen.id == "reveal.people")
    strings = Strings.from_folder(ASSETS / "i18n")
    text = page_text(people, strings, "de")
    assert "Philidor-Verteidigung (François-André Danican Philidor)" in text.glance[0]
    extra = dict(facts.opening.citations)
    for source_id in facts.opening.sources:
        assert source_id in people.sources
        assert citation(source_id, sources, strings, extra) != source_id  # it resolves
