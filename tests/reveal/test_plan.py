"""The plan of the reveal: which pages, which lines, in every language, within the time."""

from __future__ import annotations

import re

import chess
import pytest

from game.content.screens import (
    FIRST_LAYER_WORDS,
    HEADLINE_WORDS,
    HistoricalOperator,
    Screen,
    count_words,
)
from game.content.sources import Source
from game.content.strings import Strings
from game.model.records import MoveAuthor
from game.model.reveal import Guess, OpeningNote, RevealFacts, TurkMode, build_facts
from game.reveal_store import KioskOperator, TallyCount
from game.ui.reveal.plan import (
    FIRST_PASS_BUDGET_S,
    GLANCE_MIN_S,
    REPLAY_MAX_S,
    WORDS_PER_MINUTE,
    PageKind,
    Role,
    first_pass_seconds,
    glance_seconds,
    line_text,
    page_text,
    plan_reveal,
    quick_pass,
    quick_words,
    replay_seconds,
)
from game.ui.reveal.roll import glance_words, roll_entries
from tests.reveal.conftest import LANGUAGES, game_records

A = MoveAuthor
HISTORY = ["history.turk", "history.secret", "history.showman", "history.amt",
           "history.platform", "history.material",
           "history.writers", "history.annotators", "history.raters", "history.red_team",
           "history.engineers", "history.users", "history.counterpoint", "history.question",
           "history.end"]
MODES = {
    "engine": (TurkMode.ENGINE, [A.BOOK, A.BOOK, A.ENGINE, A.ENGINE]),
    "operator": (TurkMode.OPERATOR, [A.OPERATOR]),
    "hybrid": (TurkMode.HYBRID, [A.OPERATOR_HINT, A.OPERATOR]),
    "standin": (TurkMode.OPERATOR, [A.OPERATOR, A.OPERATOR, A.ENGINE_STANDIN]),
}
OPENING = OpeningNote("Ruy Lopez", ("Ruy López de Segura",), "16th century", ("W1", "XYZ"))


def facts_for(mode: str, *, plies: int = 40, name: str = "Clara Lindqvist") -> RevealFacts:
    turk_mode, authors = MODES[mode]
    return build_facts(game_records(authors, plies=plies), game_id=f"g-{mode}",
                       start_fen=chess.STARTING_FEN, visitor_color=chess.WHITE, mode=turk_mode,
                       operator_name=name if turk_mode is not TurkMode.ENGINE else "",
                       engine_name="The Turk 1.0", engine_author="The Mechanical Turk project",
                       operator_seconds=600, opening=OPENING)


def ids(pages) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.screen.id for p in pages]


def test_pages_per_mode(screens: list[Screen]) -> None:
    plan = {mode: ids(plan_reveal(screens, facts_for(mode), guess=Guess.PERSON,
                                  tally=TallyCount(3, 4)))
            for mode in MODES}
    assert plan["engine"] == ["reveal.engine", "reveal.people", "reveal.tally",
                              "reveal.ledger", *HISTORY]
    assert plan["operator"] == ["reveal.operator", "reveal.tally", "reveal.ledger",
                                "reveal.roll", *HISTORY]
    assert plan["hybrid"] == ["reveal.hybrid", "reveal.tally", "reveal.ledger", "reveal.roll",
                              *HISTORY]
    assert plan["standin"] == ["reveal.operator", "reveal.stand_in", "reveal.tally",
                               "reveal.ledger", "reveal.roll", *HISTORY]


def test_the_counterpoint_and_the_question_come_before_play_again(
        screens: list[Screen]) -> None:
    pages = plan_reveal(screens, facts_for("engine"), guess=None, tally=TallyCount(1, 1))
    assert ids(pages)[-3:] == ["history.counterpoint", "history.question", "history.end"]
    assert pages[-1].kind is PageKind.END


def line_keys(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.key for line in page.lines]


def tally_page(screens: list[Screen], mode: str, guess: Guess | None,
               tally: TallyCount):  # type: ignore[no-untyped-def]
    pages = plan_reveal(screens, facts_for(mode), guess=guess, tally=tally)
    return next((p for p in pages if p.kind is PageKind.TALLY), None)


@pytest.mark.parametrize(("mode", "guess", "verdict"), [
    ("engine", Guess.MACHINE, "right"), ("engine", Guess.PERSON, "fooled"),
    ("operator", Guess.PERSON, "right"), ("standin", Guess.MACHINE, "fooled"),
    ("hybrid", Guess.MACHINE, "both"), ("hybrid", Guess.PERSON, "both")])
def test_the_tally_opens_with_the_verdict(screens: list[Screen], mode: str, guess: Guess,
                                          verdict: str) -> None:
    page = tally_page(screens, mode, guess, TallyCount(4, 5))
    assert line_keys(page) == [f"reveal.tally.{verdict}", "reveal.tally.headline",
                               "reveal.tally.body", "reveal.tally.counts"]
    assert page.lines[0].role is Role.KICKER


def test_the_first_guess_of_the_day_says_so(screens: list[Screen]) -> None:
    page = tally_page(screens, "engine", Guess.MACHINE, TallyCount(1, 0))
    assert line_keys(page) == ["reveal.tally.right", "reveal.tally.headline",
                               "reveal.tally.only_you"]


def test_without_a_guess_the_tally_shows_others_or_nothing(screens: list[Screen]) -> None:
    page = tally_page(screens, "engine", None, TallyCount(2, 1))
    assert line_keys(page) == ["reveal.tally.headline", "reveal.tally.body",
                               "reveal.tally.counts"]
    assert tally_page(screens, "engine", None, TallyCount(0, 0)) is None


def test_the_book_line_needs_book_moves_and_a_name(screens: list[Screen]) -> None:
    def people(facts: RevealFacts) -> list[str]:
        pages = plan_reveal(screens, facts, guess=None, tally=None, known_sources={"W1"})
        page = next(p for p in pages if p.screen.id == "reveal.people")
        assert page.sources[-1] == "W1" and "XYZ" not in page.sources
        return line_keys(page)

    assert "reveal.people.book" in people(facts_for("engine"))
    no_book = build_facts(game_records([A.ENGINE], plies=10), game_id="g",
                          start_fen=chess.STARTING_FEN, visitor_color=chess.WHITE,
                          mode=TurkMode.ENGINE, opening=OPENING)
    assert "reveal.people.book" not in people(no_book)


def test_missing_names_are_filled_in_the_visitors_language(screens: list[Screen],
                                                           strings: Strings) -> None:
    facts = build_facts(game_records([A.OPERATOR], plies=6), game_id="g",
                        start_fen=chess.STARTING_FEN, visitor_color=chess.WHITE,
                        mode=TurkMode.OPERATOR)
    page = plan_reveal(screens, facts, guess=None, tally=None)[0]
    for lang in LANGUAGES:
        unnamed = strings.get("reveal.operator.unnamed", language=lang)
        assert unnamed in page_text(page, strings, lang).headline


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mode", MODES)
def test_every_page_reads_in_every_language(screens: list[Screen], strings: Strings,
                                            mode: str, lang: str) -> None:
    pages = plan_reveal(screens, facts_for(mode), guess=Guess.PERSON, tally=TallyCount(6, 7))
    for page in pages:
        text = page_text(page, strings, lang)
        shown = [text.kicker, text.headline, *text.glance, *text.body, text.more]
        assert text.headline, page.screen.id
        assert not any(re.search(r"[{}]", t) for t in shown), page.screen.id
        headline = next(line for line in page.lines if line.key.endswith(".headline"))
        assert count_words(line_text(headline, strings, lang)) <= HEADLINE_WORDS, page.screen.id
        first_layer = text.glance_words + sum(count_words(t) for t in text.body)
        assert first_layer <= FIRST_LAYER_WORDS, (page.screen.id, lang, first_layer)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("plies", [14, 60, 160])
def test_the_first_pass_fits_the_budget(screens: list[Screen], strings: Strings,
                                        historical: list[HistoricalOperator], *, mode: str,
                                        lang: str, plies: int) -> None:
    facts = facts_for(mode, plies=plies)
    pages = plan_reveal(screens, facts, guess=Guess.PERSON, tally=TallyCount(6, 7))
    kiosk = [KioskOperator(f"Operator {n}", "2024-05-01", 9, f"g{n}") for n in range(10)]
    words = glance_words(roll_entries(historical, kiosk, strings, lang))
    seconds = first_pass_seconds(pages, strings, plies=len(facts.ledger), roll_words=words,
                                 language=lang)
    quick = quick_pass(pages)
    print(f"{mode} {lang} {plies} plies: {seconds:.1f} s over {len(quick)} pages")
    assert seconds <= FIRST_PASS_BUDGET_S
    assert seconds >= GLANCE_MIN_S * (len(quick) - 1)
    words = quick_words(pages, strings, roll_words=words, language=lang)
    assert words * 60 / WORDS_PER_MINUTE <= FIRST_PASS_BUDGET_S  # read aloud, 150 a minute


def test_the_quick_pass_has_fewer_richer_pages(screens: list[Screen]) -> None:
    pages = plan_reveal(screens, facts_for("standin"), guess=Guess.PERSON,
                        tally=TallyCount(6, 7))
    quick = [p.screen.id for p in quick_pass(pages)]
    assert quick == ["reveal.operator", "reveal.tally", "reveal.ledger", "history.turk",
                     "history.showman", "history.amt", "history.platform",
                     "history.engineers", "history.users", "history.counterpoint",
                     "history.question", "history.end"]
    assert len(quick) < len(pages)
    # The stand-in's count is on the first page instead of a page of its own.
    assert "reveal.operator.stand_in" in line_keys(pages[0])
    plain = plan_reveal(screens, facts_for("operator"), guess=None, tally=None)
    assert "reveal.operator.stand_in" not in line_keys(plain[0])


def test_pacing_rules() -> None:
    assert glance_seconds(0) == GLANCE_MIN_S
    assert glance_seconds(8) < glance_seconds(14)
    assert glance_seconds(500) == glance_seconds(60)
    assert replay_seconds(10) < replay_seconds(12)
    assert replay_seconds(400) == REPLAY_MAX_S


def test_every_source_on_every_page_resolves(screens: list[Screen],
                                             sources: dict[str, Source]) -> None:
    for mode in MODES:
        pages = plan_reveal(screens, facts_for(mode), guess=None, tally=None,
                            known_sources=sources.keys())
        for page in pages:
            assert [s for s in page.sources if s not in sources] == [], page.screen.id


def test_each_tap_shows_something_new(screens: list[Screen], strings: Strings) -> None:
    from game.ui.reveal.text_view import page_blocks
    for page in plan_reveal(screens, facts_for("hybrid"), guess=None, tally=TallyCount(1, 1)):
        text = page_text(page, strings, "en")
        seen = [tuple(b.text for b in page_blocks(text, layer))
                for layer in range(text.layers + 1)]
        assert len(set(seen)) == len(seen), page.screen.id
        if text.more:
            assert text.more in seen[-1], page.screen.id
