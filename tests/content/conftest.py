"""Fixtures for the content tests: the repository's own assets and string tables.

The tests check the files being committed, so they read ``assets/`` beside the tests rather
than an installed copy (one test checks the installed copy separately).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.screens import HistoricalOperator, Screen, load_operators, load_screens
from game.content.sources import Source, load_sources
from game.content.strings import load_table

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
LANGUAGES = ("en", "de", "fr")
"""The languages the content must be complete in."""
OWN_FILES = ("reveal", "history", "turk")
"""The string tables that hold the reveal, its history and the Turk's lines."""

Table = dict[str, str | list[str]]


@pytest.fixture(scope="session")
def assets() -> Path:
    return ASSETS


@pytest.fixture(scope="session")
def tables() -> dict[str, Table]:
    """Every language's whole string table, flat (key → text)."""
    return {lang: load_table(ASSETS / "i18n" / lang) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def own_tables(tables: dict[str, Table]) -> dict[str, Table]:
    """Only the keys of the reveal, history and turk tables, per language."""
    return {lang: {k: v for k, v in table.items() if k.split(".")[0] in OWN_FILES}
            for lang, table in tables.items()}


@pytest.fixture(scope="session")
def screens() -> list[Screen]:
    return load_screens(ASSETS)


@pytest.fixture(scope="session")
def sources() -> dict[str, Source]:
    return dict(load_sources(ASSETS))


@pytest.fixture(scope="session")
def all_operators() -> list[HistoricalOperator]:
    return load_operators(ASSETS, include_low=True)
