"""The reveal's screen plan and the roll of historical operators, as the game reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.screens import (
    Condition,
    Confidence,
    HistoricalOperator,
    Mode,
    Screen,
    load_operators,
    load_screens,
    load_text_sources,
    roll_entry,
)
from game.content.sources import ContentError
from game.content.strings import Strings


def ids_for(screens: list[Screen], mode: Mode, *conditions: Condition) -> list[str]:
    return [s.id for s in screens if s.shows_in(mode, conditions)]


def test_each_mode_sees_its_own_truth_then_the_history(screens: list[Screen]) -> None:
    history = [s.id for s in screens if s.id.startswith("history.")]
    assert ids_for(screens, Mode.OPERATOR) == [
        "reveal.operator", "reveal.tally", "reveal.ledger", "reveal.roll", *history]
    assert ids_for(screens, Mode.ENGINE) == [
        "reveal.engine", "reveal.people", "reveal.tally", "reveal.ledger", *history]
    assert ids_for(screens, Mode.HYBRID, Condition.STAND_IN_MOVES) == [
        "reveal.hybrid", "reveal.stand_in", "reveal.tally", "reveal.ledger", "reveal.roll",
        *history]


def test_history_runs_from_1770_to_the_question(screens: list[Screen]) -> None:
    history = [s.id.split(".")[1] for s in screens if s.id.startswith("history.")]
    assert history == ["turk", "secret", "showman", "amt", "platform", "material", "writers",
                       "annotators", "raters", "red_team", "engineers", "users",
                       "counterpoint", "question", "end"]


def test_the_quick_pass_makes_the_argument_and_leaves_the_layers_for_later(
        screens: list[Screen]) -> None:
    quick = [s.id.split(".")[1] for s in screens if s.id.startswith("history.") and s.quick]
    # The Turk, its owner's business, the name, the platform in the middle, the one well-paid
    # layer, the users, the counterpoint, the open question.
    assert quick == ["turk", "showman", "amt", "platform", "engineers", "users",
                     "counterpoint", "question", "end"]
    passed_by = [s.id for s in screens if s.id.startswith("reveal.") and not s.quick]
    assert passed_by == ["reveal.stand_in", "reveal.roll"]  # the count is on the first page


def test_the_costume_note_is_shown_on_the_turks_screen(screens: list[Screen]) -> None:
    turk = next(s for s in screens if s.id == "history.turk")
    assert turk.note == "turk.costume.note"
    assert "turk.costume.note" in turk.string_keys()


def test_stand_in_screen_needs_stand_in_moves(screens: list[Screen]) -> None:
    stand_in = next(s for s in screens if s.id == "reveal.stand_in")
    assert not stand_in.shows_in(Mode.OPERATOR)
    assert stand_in.shows_in(Mode.OPERATOR, [Condition.STAND_IN_MOVES])
    assert not stand_in.shows_in(Mode.ENGINE, [Condition.STAND_IN_MOVES])


def test_screen_lines_keep_alternatives_and_optional_lines(screens: list[Screen]) -> None:
    tally = next(s for s in screens if s.id == "reveal.tally")
    assert tally.lines[0] == ("right", "fooled", "both")
    people = next(s for s in screens if s.id == "reveal.people")
    assert people.optional == {"book"}
    assert people.string_keys() == ("reveal.people.headline", "reveal.people.body",
                                    "reveal.people.book", "reveal.people.more")


def test_sourced_text_outside_the_reveal(assets: Path) -> None:
    cited = load_text_sources(assets)
    assert cited["turk.exhibition"] == ("POE", "WIL")
    assert "history.amt" in cited


def test_roll_shows_the_record_honestly(assets: Path) -> None:
    roll = load_operators(assets)
    assert [o.id for o in roll] == ["kempelen_era", "allgaier", "boncourt", "alexandre",
                                    "lewis", "williams", "mouret", "frenchwoman",
                                    "schlumberger"]
    assert all(o.on_roll for o in roll)
    assert [o.id for o in roll if o.is_uncertain] == ["frenchwoman"]
    assert [o.id for o in roll if o.name is None] == ["kempelen_era", "frenchwoman"]
    everyone = load_operators(assets, include_low=True)
    assert {o.confidence for o in everyone if not o.on_roll} == {Confidence.LOW}


def test_life_and_period_use_the_languages_circa(assets: Path) -> None:
    by_id = {o.id: o for o in load_operators(assets)}
    assert by_id["lewis"].life(circa="c. {}".format) == "1787–1870"
    assert by_id["schlumberger"].life(circa="um {}".format) == "um 1800–1838"
    assert by_id["kempelen_era"].life(circa="c. {}".format) == ""
    assert by_id["boncourt"].period(circa="vers {}".format) == "vers 1818"
    assert by_id["williams"].period(circa="c. {}".format) == "1819"
    assert by_id["alexandre"].period(circa="c. {}".format) == ""
    only_died = HistoricalOperator("x", "X", Confidence.MEDIUM, ("W1",), died=1850)
    assert only_died.life(circa="c. {}".format) == "?–1850"


def test_roll_entries_read_well_in_every_language(assets: Path) -> None:
    strings = Strings.from_folder(assets / "i18n")
    by_id = {o.id: o for o in load_operators(assets)}
    assert roll_entry(by_id["schlumberger"], strings, language="de") == [
        "William Schlumberger (um 1800–1838)", "USA, Kuba, 1826–1838",
        strings.get("reveal.roll.note.schlumberger", language="de")]
    woman = roll_entry(by_id["frenchwoman"], strings, language="fr")
    assert woman[0] == "Nom non conservé (dates inconnues)"
    assert woman[1] == "New York, 1826"
    assert woman[-1] == "Les sources sont incertaines."
    alexandre = roll_entry(by_id["alexandre"], strings, language="en")
    assert alexandre[0] == "Aaron Alexandre (c. 1765–1850)"
    assert len(alexandre) == 2  # no place or period known: straight to the note
    for operator in by_id.values():
        for lang in ("en", "de", "fr"):
            lines = roll_entry(operator, strings, language=lang)
            assert all(line and "{" not in line for line in lines), (operator.id, lang)


def write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


SCREEN = 'id = "history.x"\nart = "a"\nsources = ["W1"]\n'


@pytest.mark.parametrize(("body", "message"), [
    (SCREEN + 'modes = ["all"]\n', "'lines' needs at least the headline"),
    (SCREEN + 'modes = []\nlines = ["headline"]\n', "needs at least one of"),
    (SCREEN + 'modes = ["visitor"]\nlines = ["headline"]\n', "use operator, engine"),
    (SCREEN + 'modes = ["all"]\nlines = ["Headline"]\n', "not a key name"),
    (SCREEN + 'modes = ["all"]\nlines = ["headline"]\noptional = ["book"]\n', "not in 'lines'"),
    (SCREEN + 'modes = ["all"]\nlines = ["headline"]\nonly_if = "rain"\n', "not one of"),
    (SCREEN + 'modes = ["all"]\nlines = ["headline"]\nsorces = ["W1"]\n',
     "did you mean 'sources'"),
    ('id = "x"\nart = "a"\nmodes = ["all"]\nlines = ["headline"]\n', "key prefix"),
])
def test_malformed_screens_name_the_file_and_the_fix(tmp_path: Path, body: str,
                                                     message: str) -> None:
    write(tmp_path, "content/screens.toml", "[[reveal]]\n" + body)
    with pytest.raises(ContentError, match=r"assets/content/screens\.toml") as info:
        load_screens(tmp_path)
    assert message in str(info.value)


def test_a_misspelt_array_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "content/screens.toml", '[[reveals]]\nid = "history.x"\n')
    with pytest.raises(ContentError, match="did you mean 'reveal'"):
        load_screens(tmp_path)


def test_a_screen_may_appear_only_once(tmp_path: Path) -> None:
    one = '[[reveal]]\nid = "history.x"\nart = "a"\nmodes = ["all"]\nlines = ["headline"]\n'
    write(tmp_path, "content/screens.toml", one + one)
    with pytest.raises(ContentError, match="appears twice"):
        load_screens(tmp_path)


@pytest.mark.parametrize(("body", "message"), [
    ('id = "a"\nconfidence = "H"\n', "at least one source"),
    ('id = "a"\nconfidence = "sure"\nsources = ["W1"]\n', "not one of"),
    ('id = "a"\nconfidence = "H"\nsources = ["W1"]\nborn = "1787"\n', "a year like 1787"),
    ('id = "a"\nconfidence = "H"\nsources = ["W1"]\nborn_approx = "yes"\n', "true or false"),
])
def test_malformed_operators_name_the_file_and_the_fix(tmp_path: Path, body: str,
                                                       message: str) -> None:
    write(tmp_path, "content/operators.toml", "[[operator]]\n" + body)
    with pytest.raises(ContentError, match=r"assets/content/operators\.toml") as info:
        load_operators(tmp_path)
    assert message in str(info.value)
