"""Every string the game can show, read once: each has a code path that shows it (or is
reserved for a named screen still to come), French typography holds, no straight apostrophe
is left in visitor text, every fact-bearing text has a source, and no source on screen is a
forum post, a copy of another page or a shop's entry.

What counts as a code path: a string literal equal to the key anywhere in ``game/``; an
f-string whose fixed part pins the key down (``f"reveal.ledger.label.{author.value}"``), for a
family whose names come from content data, only those names; a key a screen of
``screens.toml`` shows; a key the game's other data files name (the sound catalogue's
captions).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from game.content.screens import (
    EXHIBITION_STEPS,
    LEDGER_LABELS,
    HistoricalOperator,
    Screen,
    load_text_sources,
)
from game.content.sources import Source

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "de", "fr")
Table = dict[str, str | list[str]]

RESERVED: Mapping[str, str] = {
    "turk.board.farewell": "the kiosk's attract loop (the Turk's farewell when a visitor "
                           "walks away)",
    "turk.board.check": "the letter board's check call on the play screen (today the Turk "
                        "says it aloud: turk.caption.check)",
    "turk.exhibition.note": "the presenter's show (its closing note naming the source)",
    "turk.caption.clockwork": "the play screen's clockwork caption (sounds.caption.whirr shows "
                              "today)",
    "console.hints.play": "the operator console's hint rows (drawn piece by piece today)",
    "ui.a11y.piece_names": "the play screen's spoken move descriptions (accessibility)",
    "ui.status.turk_says": "the play screen's letter-board caption",
}
"""Keys no screen shows yet, each with the screen that will. The integrator removes an
entry when its screen lands."""


def _families(operators: list[HistoricalOperator], sources: Mapping[str, Source]
              ) -> dict[str, frozenset[str]]:
    """Key families looked up with a name from content data: only those names are shown."""
    shown = [o for o in operators if o.on_roll]
    return {
        "turk.exhibition.": frozenset(EXHIBITION_STEPS) | {"speaker", "said"},
        "reveal.ledger.label.": frozenset(LEDGER_LABELS),
        "reveal.roll.note.": frozenset(o.id for o in shown),
        "reveal.place.": frozenset(p for o in shown for p in o.places),
        "reveal.source_title.": frozenset(s.id for s in sources.values() if s.is_first_party),
    }


def _code_keys() -> tuple[set[str], list[re.Pattern[str]]]:
    """String literals in game/, and the f-strings that build keys (as patterns)."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in (REPO / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[\w.\-]+"
                         for v in node.values]
                fixed = parts[0] if isinstance(node.values[0], ast.Constant) else ""
                if fixed.count("\\.") >= 2:  # "table.group.": a key family, not any text
                    patterns.append(re.compile("".join(parts)))
    return literals, patterns


def _page_keys() -> tuple[set[str], tuple[str, ...]]:
    """The worker's web page (``assets/web/*.js``, ``*.html``) looks up its words without the
    ``web.`` prefix: each quoted text there names a key, and one ending in a dot a family of
    them (``t("refused." + reason)``)."""
    literals: set[str] = set()
    for path in sorted((REPO / "assets" / "web").glob("*.*")):
        if path.suffix not in (".js", ".html"):
            continue
        literals |= set(re.findall(r'"([a-z_][\w.]*)"', path.read_text(encoding="utf-8")))
    keys = {f"web.{text}" for text in literals}
    return keys, tuple(key for key in keys if key.endswith("."))


def _data_keys(table: Table) -> set[str]:
    """Keys named as values in the game's own data files (outside the string tables)."""
    found: set[str] = set()

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for path in (REPO / "assets").rglob("*.toml"):
        if "i18n" in path.parts:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found |= {text for text in walk(data) if text in table}
    return found


def unshown_keys(table: Table, screens: list[Screen], operators: list[HistoricalOperator],
                 sources: Mapping[str, Source]) -> list[str]:
    """Keys of ``table`` that no code path shows and no reservation names."""
    literals, patterns = _code_keys()
    families = _families(operators, sources)
    on_screens = {key for screen in screens for key in screen.string_keys()}
    in_data = _data_keys(table)
    on_page, page_families = _page_keys()
    missing = []
    for key in sorted(table):
        if key in literals or key in on_screens or key in in_data or key in on_page:
            continue
        if key.startswith(page_families):
            continue
        if any(key == r or (r.endswith(".") and key.startswith(r)) for r in RESERVED):
            continue
        family = next((f for f in families if key.startswith(f)), None)
        if family is not None:
            if key.removeprefix(family) in families[family]:
                continue
        elif any(p.fullmatch(key) for p in patterns):
            continue
        missing.append(key)
    return missing


def test_every_key_has_a_screen_that_shows_it(tables: dict[str, Table], screens: list[Screen],
                                              all_operators: list[HistoricalOperator],
                                              sources: dict[str, Source]) -> None:
    assert unshown_keys(tables["en"], screens, all_operators, sources) == []


def test_an_unshown_key_is_caught(tables: dict[str, Table], screens: list[Screen],
                                  all_operators: list[HistoricalOperator],
                                  sources: dict[str, Source]) -> None:
    table = dict(tables["en"])
    table["history.turk.forgotten"] = "Written, never shown."
    table["turk.exhibition.encore"] = "A step no show has."
    table["reveal.ledger.label.ghost"] = "An author no move has."
    assert unshown_keys(table, screens, all_operators, sources) == [
        "history.turk.forgotten", "reveal.ledger.label.ghost", "turk.exhibition.encore"]


def test_every_reservation_is_still_needed(tables: dict[str, Table]) -> None:
    for reserved in RESERVED:
        assert any(key == reserved or key.startswith(reserved) for key in tables["en"]), \
            f"{reserved} is reserved but no longer in the tables: drop the entry"


# --- Typography -----------------------------------------------------------------------

def strings_of(table: Table) -> Iterator[tuple[str, str]]:
    for key, value in table.items():
        for text in [value] if isinstance(value, str) else value:
            yield key, text


_FRENCH_SPACE = re.compile(r"\S [:;!?]|« | »")
_STRAIGHT_APOSTROPHE = re.compile(r"\w'|'\w")


def french_typography(text: str) -> list[str]:
    """Where French text puts a plain space (or none) before : ; ! ? or inside « »."""
    problems = [m.group() for m in _FRENCH_SPACE.finditer(text)]
    problems += [m.group() for m in re.finditer(r"\w[;!?]|«\w|\w»", text)]
    problems += [m.group() for m in re.finditer(r"\w:(?!//)(?=\s)", text)]
    return problems


@pytest.mark.parametrize("bad", ["Patience : c’est au Turc.", "Merci !", "« Sydney»",
                                 "Qui a joué?", "«Turc »", "Coups: 12"])
def test_the_french_check_catches_each_fault(bad: str) -> None:
    assert french_typography(bad)


def test_the_french_check_passes_good_text() -> None:
    assert french_typography("Patience\u00a0: c’est au Turc\u202f! «\u00a0Sydney\u00a0» "
                             "— 12:30, https://e.org") == []


def test_french_uses_no_break_spaces(tables: dict[str, Table]) -> None:
    problems = [(key, french_typography(text)) for key, text in strings_of(tables["fr"])]
    assert [p for p in problems if p[1]] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_straight_apostrophe_in_visitor_text(tables: dict[str, Table], lang: str) -> None:
    found = [key for key, text in strings_of(tables[lang]) if _STRAIGHT_APOSTROPHE.search(text)]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_name_or_none_fits_every_sentence(tables: dict[str, Table], lang: str) -> None:
    # The operator's name (or "an operator who left no name") stands where any words read
    # well: after a colon, as a label's value — never inside a sentence's grammar.
    for key, text in strings_of(tables[lang]):
        if key.startswith(("reveal.operator.", "reveal.hybrid.", "reveal.stand_in.")):
            for match in re.finditer(r"\{name\}", text):
                before = text[:match.start()].rstrip("\u00a0\u202f ")
                assert before.endswith(":"), (key, text)


# --- Facts and their sources ----------------------------------------------------------

def test_every_fact_bearing_text_has_a_source(tables: dict[str, Table],
                                              assets: Path) -> None:
    cited = load_text_sources(assets)
    tables_with_facts = {".".join(key.split(".")[:2]) for key in tables["en"]
                         if key.startswith(("history.", "turk."))}
    no_facts = {"history.question", "history.end", "turk.board"}
    unsourced = [t for t in sorted(tables_with_facts - no_facts) if not cited.get(t)]
    assert unsourced == []


def test_no_source_on_screen_is_a_forum_a_mirror_or_a_shop(
        assets: Path, sources: dict[str, Source],
        all_operators: list[HistoricalOperator]) -> None:
    cited = {i for ids in load_text_sources(assets).values() for i in ids}
    cited |= {i for o in all_operators if o.on_roll for i in o.sources}
    assert sorted(i for i in cited if not sources[i].is_printable) == []


def test_the_printable_check_knows_the_kinds(sources: dict[str, Source]) -> None:
    assert not sources["W2-mitchell"].is_printable  # kept for the record only
    assert sources["POE"].is_printable
