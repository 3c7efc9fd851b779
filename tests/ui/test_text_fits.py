"""Every string the game can show, in every language, at every supported size, drawn in its
real widget, fits its box: no line runs out of it, none is clipped, and every character
exists in the font that draws it (issue 11: the text-fits check; item 2's rule).

A property test over the string tables: each key must be seen drawn (or be listed in
``NOT_DRAWN`` with the reason), and a failure names the key, the language, the size and the
screen.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pygame
import pytest

from tests.ui.text_fits import (
    LANGUAGES,
    RECIPES,
    SIZES,
    KeyIndex,
    Recorder,
    console_draws,
    new_app,
)

NOT_DRAWN = {
    "board.notation.letters": "the piece letters of SAN; drawn only inside moves",
    "console.hints.play": "not used: the hint plaques draw rank, SAN and score apart",
    "turk.attract.challenge": "for the attract loop (being built; not shown yet)",
    "turk.attract.languages": "for the attract loop (being built; not shown yet)",
    "turk.attract.tagline": "for the attract loop (being built; not shown yet)",
    "turk.attract.touch": "for the attract loop (being built; not shown yet)",
    "turk.costume.note": "a note for the art's documentation; not shown",
    "turk.exhibition.note": "the show's source note; not shown on the show's screens",
    "ui.a11y.piece_names": "for assistive technology; nothing draws them",
}
"""Keys the game does not draw (each with the reason); every other key must be seen."""
NOT_REACHED = {
    "reveal.engine.unnamed": "an engine without a name (the demo games name theirs)",
    "reveal.operator.unnamed": "an operator without a name (the demo games name theirs)",
    "reveal.people.unknown_author": "an engine without an author",
    "reveal.ledger.label.scripted": "a scripted game's ledger",
    "reveal.place.cuba": "a roll entry the demo roll does not show",
    "reveal.place.paris": "a roll entry the demo roll does not show",
    "reveal.roll.circa": "a roll entry with uncertain years",
    "reveal.small_print.tradition": "a source marked as tradition",
    "reveal.tally.only_you": "a tally of one (the demo tallies are larger)",
}
"""Reveal texts shown only in situations the demo reveals do not reach (not yet checked)."""


def test_the_lists_of_strings_not_checked_stay_honest() -> None:
    index = KeyIndex("en")
    listed = set(NOT_DRAWN) | set(NOT_REACHED)
    assert listed <= index.keys, f"listed but not in the tables: {listed - index.keys}"


@pytest.mark.timeout(900)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_string_fits_its_box_in_every_language(size: tuple[int, int],
                                                    tmp_path: Path) -> None:
    failures: list[str] = []
    unseen: dict[str, set[str]] = {}
    for language in LANGUAGES:
        index = KeyIndex(language)
        recorder = Recorder()
        app = new_app(tmp_path / language, size, language, recorder)
        try:
            for recipe in RECIPES:
                for _ in recipe(app, recorder):
                    pass
        finally:
            app.close()
        console_draws(size, language, recorder)
        seen: set[str] = set()
        reported: set[tuple[str, str]] = set()
        for item in recorder.drawn:
            keys = index.keys_of(item.text.text) or {f"<no key: {item.text.text[:60]!r}>"}
            seen |= keys
            missing = item.missing
            trouble = [] if item.text.fits else [
                f"overflows its box {tuple(item.text.box)} with ink {tuple(item.text.ink)}"]
            if missing:
                trouble.append(f"{item.text.style.face.value} has no {missing!r}")
            for problem in trouble:
                for key in sorted(keys):
                    if (key, problem) not in reported:
                        reported.add((key, problem))
                        failures.append(f"{key} [{language}, {size[0]}x{size[1]}, "
                                        f"{item.screen}]: {problem}: {item.text.text[:80]!r}")
        unseen[language] = index.keys - seen - set(NOT_DRAWN) - set(NOT_REACHED)
    never = defaultdict(list)
    for language, keys in unseen.items():
        for key in keys:
            never[key].append(language)
    failures += [f"{key} [{', '.join(langs)}, {size[0]}x{size[1]}]: never drawn by any "
                 "screen of the check (draw it in tests/ui/text_fits.py, or list it in "
                 "NOT_DRAWN with the reason)" for key, langs in sorted(never.items())]
    pygame.quit()
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])
