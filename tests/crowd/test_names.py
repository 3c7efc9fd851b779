"""Pseudonyms: cleaned, limited, and filtered against the blocklist shipped in assets/web."""

from __future__ import annotations

import pytest

from game.crowd.names import MAX_NAME, NameRefusedError, clean_pseudonym, load_blocklist
from game.ui.assets import asset_root

BLOCKLIST = load_blocklist(
    (asset_root() / "web" / "blocked-names.txt").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("name", ["Ada", "Zoë", "Jean-Luc", "O’Neill", "Thomas", "Sascha",
                                  "Monique", "Marschall", "Dick Turpin", "Nguyễn 7",
                                  "Pedersen", "Arsène", "李华", "Ανδρέας"])
def test_ordinary_names_pass(name: str) -> None:
    assert clean_pseudonym(name, BLOCKLIST) == name


@pytest.mark.parametrize("name", ["fuck", "FuUUuck", "f.u.c.k", "sh1t", "Scheiß", "Arschloch",
                                  "connard", "SALOPE", "Hitler 88", "nutte", "N4zi"])
def test_blocked_names_are_refused(name: str) -> None:
    with pytest.raises(NameRefusedError) as refused:
        clean_pseudonym(name, BLOCKLIST)
    assert refused.value.reason == "name_blocked"


@pytest.mark.parametrize(("name", "reason"), [
    ("", "name_empty"), ("   ", "name_empty"), ("x" * (MAX_NAME + 1), "name_long"),
    ("<script>", "name_characters"), ("a\u0000b", "name_characters"), ("---", "name_characters"),
    ("😀", "name_characters"),
])
def test_malformed_names_are_refused_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(NameRefusedError) as refused:
        clean_pseudonym(name, BLOCKLIST)
    assert refused.value.reason == reason


def test_spaces_are_tidied() -> None:
    assert clean_pseudonym("  Ada   Lovelace ", BLOCKLIST) == "Ada Lovelace"
