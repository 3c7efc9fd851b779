"""The adapter over the opening names: used when present, silent when absent."""

from __future__ import annotations

import logging
import sys
import types
from dataclasses import dataclass

import chess
import pytest

from game.ui.reveal.openings import find_opening, note_from

MOVES = [chess.Move.from_uci(u) for u in ("e2e4", "e7e5", "g1f3", "b8c6", "f1b5")]


@dataclass(frozen=True)
class FakeOpening:
    name: str
    people: tuple[str, ...]
    era: str
    sources: tuple[str, ...]


def install(monkeypatch: pytest.MonkeyPatch, identify: object) -> str:
    module = types.ModuleType("fake_openings")
    module.identify_opening = identify  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_openings", module)
    return "fake_openings"


def test_the_opening_is_named_with_its_people(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[list[chess.Move], str]] = []

    def identify(moves: list[chess.Move], *, start_fen: str) -> FakeOpening:
        seen.append((moves, start_fen))
        return FakeOpening("Ruy Lopez", ("Ruy López de Segura",), "1561", ("W1",))

    name = install(monkeypatch, identify)
    note = find_opening(MOVES, start_fen=chess.STARTING_FEN, module=name)
    assert note is not None
    assert (note.name, note.people, note.era, note.sources) == (
        "Ruy Lopez", ("Ruy López de Segura",), "1561", ("W1",))
    assert seen == [(MOVES, chess.STARTING_FEN)]


def test_no_module_no_moves_or_no_match_means_no_line(monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_opening(MOVES, start_fen=chess.STARTING_FEN,
                        module="game.content.no_such_module") is None
    name = install(monkeypatch, lambda moves, *, start_fen: None)
    assert find_opening(MOVES, start_fen=chess.STARTING_FEN, module=name) is None
    assert find_opening([], start_fen=chess.STARTING_FEN, module=name) is None


def test_a_failing_lookup_is_logged_not_raised(monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    def identify(moves: list[chess.Move], *, start_fen: str) -> None:
        raise ValueError("bad book")

    name = install(monkeypatch, identify)
    with caplog.at_level(logging.WARNING):
        assert find_opening(MOVES, start_fen=chess.STARTING_FEN, module=name) is None
    assert "bad book" in caplog.text


def test_people_may_be_one_text_and_odd_fields_are_ignored() -> None:
    one = types.SimpleNamespace(name=" Philidor Defence ", people="François-André Philidor",
                                era=1749, sources=None)
    note = note_from(one)
    assert note is not None
    assert (note.name, note.people, note.era, note.sources) == (
        "Philidor Defence", ("François-André Philidor",), "", ())
    assert note_from(types.SimpleNamespace(name="")) is None


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
