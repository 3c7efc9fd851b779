"""The attract loop's replays write their moves in the visitor's notation, as the play screen
does: a German visitor reads D, T, L, S; a French one D, T, F, C."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.screenshot import Shot, take_screenshot
from game.ui.scoresheet import Scoresheet

LETTERS = {"en": set("KQRBN"), "de": set("KDTLS"), "fr": set("RDTFC")}


@pytest.mark.parametrize("language", ["de", "fr", "en"])
def test_the_replay_is_written_in_the_visitors_notation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    written: list[str] = []
    draw = Scoresheet.draw

    def spy(self: Scoresheet, *args: object, **kwargs: object) -> None:
        sans = args[2]
        assert isinstance(sans, list | tuple)
        written.extend(str(san) for san in sans)
        draw(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Scoresheet, "draw", spy)
    take_screenshot(Shot("attract", (1280, 720), language=language), tmp_path / "attract.png")
    pieces = {san[0] for san in written if san[0].isupper() and san[:2] != "O-"}
    assert pieces, "the replay wrote no piece moves"
    assert pieces <= LETTERS[language], (language, sorted(pieces))
