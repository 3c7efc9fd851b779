"""Fixtures for the reveal's tests: the real content and string tables, demo games, a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import chess
import pytest

from game.content.screens import HistoricalOperator, Screen, load_operators, load_screens
from game.content.sources import Source, load_sources
from game.content.strings import Strings
from game.model.records import MoveAuthor, MoveRecord
from game.reveal_store import RevealStore

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
LANGUAGES = ("en", "de", "fr")
DAY = dt.date(2024, 5, 1)


@pytest.fixture(scope="session")
def strings() -> Strings:
    return Strings.from_folder(ASSETS / "i18n")


@pytest.fixture(scope="session")
def screens() -> list[Screen]:
    return load_screens(ASSETS)


@pytest.fixture(scope="session")
def sources() -> dict[str, Source]:
    return dict(load_sources(ASSETS))


@pytest.fixture(scope="session")
def historical() -> list[HistoricalOperator]:
    return load_operators(ASSETS)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RevealStore]:
    opened = RevealStore(tmp_path, today=lambda: DAY)
    yield opened
    opened.close()


def game_records(turk_authors: list[MoveAuthor], *, plies: int, seed: int = 3,
                 visitor_color: chess.Color = chess.WHITE) -> list[MoveRecord]:
    """A legal game of ``plies`` moves (fewer if it ends) with the Turk's moves credited in
    turn to ``turk_authors`` (cycled), chosen deterministically."""
    board = chess.Board()
    records = []
    turk_index = 0
    for ply in range(plies):
        moves = sorted(board.legal_moves, key=lambda m: m.uci())
        if not moves:
            break
        move = moves[(seed * 7 + ply * 13) % len(moves)]
        if board.turn == visitor_color:
            author = MoveAuthor.VISITOR
        else:
            author = turk_authors[turk_index % len(turk_authors)]
            turk_index += 1
        records.append(MoveRecord(ply, move.uci(), board.san(move), author))
        board.push(move)
    return records
