"""The staff screens' strings: every language, same keys, and French typography kept."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from game.content.strings import compare_tables, load_table

I18N = Path(__file__).resolve().parents[2] / "assets" / "i18n"


def staff_table(language: str) -> dict[str, str | list[str]]:
    with open(I18N / language / "staff.toml", "rb") as handle:
        data = tomllib.load(handle)
    flat: dict[str, str | list[str]] = {}
    for section, table in data.items():
        for key, value in table.items():
            flat[f"{section}.{key}"] = value
    return flat


@pytest.mark.parametrize("language", ["de", "fr"])
def test_each_language_has_every_staff_string(language: str) -> None:
    assert compare_tables(staff_table("en"), staff_table(language)) == []
    for key in ("hours.days", "closed.days"):
        assert len(staff_table(language)[key]) == 7


def test_french_puts_a_narrow_no_break_space_before_double_punctuation() -> None:
    for key, value in staff_table("fr").items():
        for text in [value] if isinstance(value, str) else value:
            prose = re.sub(r"\{[^}]*\}", "", text)  # format fields such as {minute:02d}
            assert not re.search(r"[^\u202f\u00a0][:;!?»]", prose), key
            assert not re.search(r"«[^\u202f\u00a0]", text), key
            assert "'" not in text, key


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_units_stay_with_their_numbers(language: str) -> None:
    for key, value in staff_table(language).items():
        if isinstance(value, str):
            assert not re.search(r"\} (s|min|Min\.|%|GB|Go|Uhr|h)\b", value), key


def test_the_staff_table_is_part_of_the_games_strings() -> None:
    assert "staff.closed.headline" in load_table(I18N / "en")
