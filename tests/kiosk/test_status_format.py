"""The play screen's status panel says which visit is being played: a set endgame by its name,
pawn-and-move odds by what they mean; a whole game says nothing more."""

from __future__ import annotations

from pathlib import Path

import chess
import pygame
import pytest

from game.content.strings import Strings
from game.model.formats import ENDGAME_KEYS, VisitFormat, plan_visit
from game.model.session import GameSession
from game.ui.assets import Assets
from game.ui.scenes.play_panels import StatusPanel
from game.ui.text import TextPainter

ROOT = Path(__file__).resolve().parents[2]


def _panel(language: str) -> StatusPanel:
    pygame.font.init()
    strings = Strings.from_folder(ROOT / "assets" / "i18n", language=language)
    return StatusPanel(TextPainter(Assets()), strings)


def _session(visit: VisitFormat, endgame: str = ENDGAME_KEYS[0]) -> GameSession:
    plan = plan_visit(visit, visitor_color=chess.WHITE, time_cap_s=None, endgame=endgame)
    return GameSession(visitor_color=True, start_fen=plan.start_fen, headers=plan.headers)


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_set_endgame_names_itself_under_your_move(language: str) -> None:
    panel = _panel(language)
    strings = Strings.from_folder(ROOT / "assets" / "i18n", language=language)
    for endgame in ENDGAME_KEYS:
        main, quiet = panel.lines(_session(VisitFormat.ENDGAME, endgame), typed="")
        assert main == strings.get("ui.status.your_move")
        assert strings.get(f"kiosk.endgame.{endgame}") in quiet


def test_odds_say_what_they_are_and_a_whole_game_says_nothing_more() -> None:
    panel = _panel("en")
    _, quiet = panel.lines(_session(VisitFormat.ODDS), typed="")
    assert "f-pawn" in quiet
    _, quiet = panel.lines(_session(VisitFormat.FULL), typed="")
    assert quiet == ""
