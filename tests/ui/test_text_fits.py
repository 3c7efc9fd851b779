"""Every string the game can show, in every language, at every supported size, drawn in its
real widget, fits its box: no line runs out of it, none is clipped, and every character
exists in the font that draws it (issue 11: the text-fits check; item 2's rule).

A property test over the string tables: each key must be seen drawn (or be listed in
``NOT_DRAWN``, ``NOT_DRAWN_TABLES`` or ``NOT_REACHED`` with the reason), and a failure names
the key, the language, the size and the screen. The lists stay honest: a key listed there that
is seen drawn (when its words are its own, so that the sighting is certain) fails too. The
screens: the visitor's (``tests/ui/text_fits.py``), the kiosk's own, the staff's and the
classroom's (``tests/ui/text_fits_kiosk.py``), and the operator's console.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pygame
import pytest

from tests.ui.text_fits import LANGUAGES, RECIPES, SIZES, Recorder, console_draws, new_app
from tests.ui.text_fits_keys import KeyIndex, drawn_inside
from tests.ui.text_fits_kiosk import KIOSK_RECIPES, classroom_draws

NOT_DRAWN = {
    "board.notation.letters": "the piece letters of SAN; drawn only inside moves",
    "console.hints.play": "not used: the hint plaques draw rank, SAN and score apart",
    "crowd.ledger.separator": "the punctuation between a ledger row's tasks; drawn only "
                              "inside those rows",
    "staff.number.decimal_mark": "the decimal mark; drawn only inside the staff menu's numbers",
    "ui.a11y.piece_names": "for assistive technology; nothing draws them",
}
"""Keys the game does not draw (each with the reason); every other key must be seen."""
NOT_DRAWN_TABLES = {
    "web": "the worker's page: HTML in a student's browser, not drawn by pygame "
           "(tests/browser/test_worker_pages.py covers the page)",
}
"""Whole tables the game does not draw (keys ``<table>.*``), with the reason."""
NOT_REACHED: dict[str, str] = {}
"""Keys shown only in situations no recipe of the check reaches yet (each with the situation)."""


def not_checked(keys: set[str]) -> set[str]:
    """Those of ``keys`` that the lists above excuse."""
    return {key for key in keys if key in NOT_DRAWN or key in NOT_REACHED
            or key.split(".", 1)[0] in NOT_DRAWN_TABLES}


def test_the_lists_of_strings_not_checked_stay_honest() -> None:
    index = KeyIndex("en")
    listed = set(NOT_DRAWN) | set(NOT_REACHED)
    assert listed <= index.keys, f"listed but not in the tables: {listed - index.keys}"
    tables = {key.split(".", 1)[0] for key in index.keys}
    assert set(NOT_DRAWN_TABLES) <= tables, \
        f"tables listed but not in the string tables: {set(NOT_DRAWN_TABLES) - tables}"


@pytest.mark.timeout(900)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_string_fits_its_box_in_every_language(size: tuple[int, int],
                                                    tmp_path: Path) -> None:
    failures: list[str] = []
    unseen: dict[str, set[str]] = {}
    for language in LANGUAGES:
        index = KeyIndex(language)
        recorder = draw_everything(tmp_path / language, size, language)
        problems, seen = check_drawn(index, recorder, f"{language}, {size[0]}x{size[1]}")
        failures += problems
        failures += [f"{key} [{language}, {size[0]}x{size[1]}]: listed as not drawn or not "
                     "reached, but drawn: take it off the list" for key in
                     sorted(seen & (set(NOT_DRAWN) | set(NOT_REACHED)))
                     if index.is_distinct(key)]
        unseen[language] = index.keys - seen - not_checked(index.keys)
    never = defaultdict(list)
    for language, keys in unseen.items():
        for key in keys:
            never[key].append(language)
    failures += [f"{key} [{', '.join(langs)}, {size[0]}x{size[1]}]: never drawn by any "
                 "screen of the check (draw it in tests/ui/text_fits.py or "
                 "text_fits_kiosk.py, or list it in NOT_DRAWN with the reason)"
                 for key, langs in sorted(never.items())]
    pygame.quit()
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])


def draw_everything(tmp: Path, size: tuple[int, int], language: str) -> Recorder:
    """Every screen of the check in one language at one size, heard by one recorder."""
    recorder = Recorder()
    app = new_app(tmp, size, language, recorder)
    try:
        for recipe in (*RECIPES, *KIOSK_RECIPES):
            for _ in recipe(app, recorder):
                pass
    finally:
        app.close()
    console_draws(size, language, recorder)
    classroom_draws(tmp / "classroom", size, language, recorder)
    return recorder


def check_drawn(index: KeyIndex, recorder: Recorder, where: str) -> tuple[list[str], set[str]]:
    """What went wrong in what ``recorder`` heard (each problem once per key), and the keys
    seen drawn."""
    failures: list[str] = []
    seen: set[str] = set()
    reported: set[tuple[str, str]] = set()
    for item in recorder.drawn:
        keys = index.keys_of(item.text.text) or {f"<no key: {item.text.text[:60]!r}>"}
        seen |= keys
        trouble = [] if item.text.fits else [
            f"overflows its box {tuple(item.text.box)} with ink {tuple(item.text.ink)}"]
        if item.missing:
            trouble.append(f"{item.text.style.face.value} has no {item.missing!r}")
        for problem in trouble:
            for key in sorted(keys):
                if (key, problem) not in reported:
                    reported.add((key, problem))
                    failures.append(f"{key} [{where}, {item.screen}]: {problem}: "
                                    f"{item.text.text[:80]!r}")
    seen |= drawn_inside(index.keys - seen, recorder.asked.get(index.language, {}),
                         recorder.drawn)
    return failures, seen
