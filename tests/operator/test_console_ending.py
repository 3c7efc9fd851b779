"""The console says how a game ended — in words, for as long as it stays over — and never
shows an empty pair of brackets (issue 11, item 5)."""

from __future__ import annotations

import chess
import pytest

from game.content.strings import Strings
from game.net import protocol
from game.net.events import ClientEvent
from game.ui.assets import Assets
from game.ui.console.cards import status_lines
from game.ui.console.desk import ConsoleDesk
from game.ui.console.showcase import ADDRESS, NAME, ScriptedClient


def over(result: str) -> protocol.GameState:
    board = chess.Board()
    for uci in ("e2e4", "e7e5", "g1f3"):
        board.push_uci(uci)
    return protocol.GameState.from_board(board, game_id="g1", turk_color=chess.WHITE,
                                         status="over", result=result)


def ended(result: str, reason: str) -> protocol.GameOver:
    return protocol.GameOver(game_id="g1", ply=3, result=result, reason=reason)


def desk_after(events: list[ClientEvent]) -> ConsoleDesk:
    desk = ConsoleDesk(ScriptedClient([
        protocol.AuthOk(game_id=None, ply=0, name=NAME), *events]), address=ADDRESS)
    for _ in range(60 * 12):  # well past the few seconds any news stays up
        desk.update(1 / 60)
    return desk


@pytest.mark.parametrize(("language", "line"), [
    ("en", "The game is over: 1-0 (resignation)."),
    ("de", "Die Partie ist zu Ende: 1-0 (Aufgabe)."),
    ("fr", "La partie est terminée : 1-0 (abandon)."),
])
def test_the_ending_is_named_in_words_long_after_the_news(language: str, line: str) -> None:
    strings = Strings.from_folder(Assets().root / "i18n", language=language)
    desk = desk_after([over("1-0"), ended("1-0", "resignation")])
    shown = status_lines(desk, strings)[0]
    assert shown.replace("\u00a0", " ").replace("\u202f", " ") == line  # any French space


def test_without_a_known_reason_the_brackets_are_left_out() -> None:
    strings = Strings.from_folder(Assets().root / "i18n")
    assert status_lines(desk_after([over("0-1")]), strings)[0] == "The game is over: 0-1."
    odd = desk_after([over("0-1"), ended("0-1", "time_cap")])
    assert status_lines(odd, strings)[0] == "The game is over: 0-1."


def test_every_termination_has_words_for_the_console() -> None:
    from game.model.session import Termination

    strings = Strings.from_folder(Assets().root / "i18n")
    for termination in Termination:
        assert strings.has(f"console.ending.{termination.value}"), termination
