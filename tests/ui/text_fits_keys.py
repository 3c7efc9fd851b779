"""The text-fits check's reading of what was drawn: which string keys a drawn text shows.

Owns: ``KeyIndex`` (a drawn text back to the keys it came from: exactly, through its
placeholders, as a wrapped line of a longer string, or as part of a longer text; a
citation's descriptors by the sources' own values), ``citation_fragments`` and
``drawn_inside`` (a key whose text, as the game asked for it, was drawn inside a longer one).
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from game.content.sources import load_sources
from game.content.strings import Strings, load_table
from game.ui.assets import Assets
from game.ui.reveal.chrome import citation_words

if TYPE_CHECKING:
    from tests.ui.text_fits import Drawn


def _pattern(text: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append("(.+?)")
    return re.compile("".join(parts), re.DOTALL)


def _words(text: str) -> str:
    return " ".join(text.split())


class KeyIndex:
    """Which string keys a drawn text shows, for one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._known: dict[str, frozenset[str]] = {}
        table = load_table(Assets().root / "i18n" / language)
        self.entries: list[tuple[str, str, re.Pattern[str]]] = []
        for key, value in table.items():
            for item in [value] if isinstance(value, str) else value:
                self.entries.append((key, item, _pattern(item)))
        self.keys = set(table)
        self.fragments = citation_fragments(language)
        owners: dict[str, set[str]] = {}
        for key, item, _compiled in self.entries:
            owners.setdefault(_words(item), set()).add(key)
        self._distinct = {key for key, item, _p in self.entries} - {
            key for key, item, _p in self.entries
            if len(owners[_words(item)]) > 1 or sum(map(len, _literals(item))) < 12}

    def is_distinct(self, key: str) -> bool:
        """Whether seeing ``key`` drawn is certain: each of its texts has 12 characters of
        its own words at least and belongs to no other key."""
        return key in self._distinct

    def keys_of(self, drawn: str) -> set[str]:
        """The keys ``drawn`` shows (worked out once per text: most are drawn many times)."""
        known = self._known.get(drawn)
        if known is None:
            known = self._known[drawn] = frozenset(self._keys_of(drawn))
        return set(known)

    def _keys_of(self, drawn: str) -> set[str]:
        text = _words(drawn)
        found = {key for key, pieces in self.fragments.items()
                 if any(piece in text for piece in pieces)}
        filled: set[str] = set()
        for key, item, pattern in self.entries:
            plain = _words(item)
            match = pattern.fullmatch(text) or pattern.fullmatch(drawn)
            if match:
                found.add(key)
                filled.update(_words(group) for group in match.groups())
            elif "{" not in item and plain in text and (
                    len(plain) >= 12 or (len(plain) >= 4 and len(text) <= len(plain) + 8)):
                found.add(key)  # part of a longer text ("The presenter: …")
            elif len(text) >= 12 and text in plain:
                found.add(key)  # one wrapped line of it
            elif "{" in item and len(text) >= 12 and any(
                    len(part) >= 12 and part in text for part in _literals(item)):
                found.add(key)
        # What filled a placeholder is a key's text too ("Paris" in "{place}, {years}"), or
        # the first part of one, wrapped ("The presenter: And last, I wind the key. …").
        found.update(key for key, item, _p in self.entries if "{" not in item and any(
            _words(item) == part or (len(part) >= 12 and part in _words(item))
            for part in filled))
        return found


def citation_fragments(language: str) -> dict[str, set[str]]:
    """A citation's descriptors as the sources' own values fill them ("vol. 2", "pp. 318–326"):
    too short to be told apart by their words, they are recognised by these exact pieces."""
    strings = Strings.from_folder(Assets().root / "i18n", language=language)
    words = citation_words(strings)
    pieces: dict[str, set[str]] = {}
    for source in load_sources().values():
        for key, describe, value in (
                ("quoted", words.quoted, source.title if not source.is_first_party else ""),
                ("volume", words.volume, source.volume), ("pages", words.pages, source.pages),
                ("accessed", words.accessed, source.accessed)):
            if value:
                pieces.setdefault(f"reveal.small_print.{key}", set()).add(
                    _words(describe(value)))
    return pieces


def drawn_inside(keys: set[str], asked: dict[str, set[str]], drawn: list[Drawn]) -> set[str]:
    """Those of ``keys`` whose text, as the game asked for it, was drawn inside a longer one
    ("rated" in a ledger row, "worker 7" in a list of names): whole words, 4 characters at
    least, so punctuation and single letters never count."""
    every = "\n".join(dict.fromkeys(_words(item.text.text) for item in drawn))
    found = set()
    for key in keys:
        for text in asked.get(key, ()):
            piece = _words(text)
            if len(piece) >= 4 and re.search(
                    rf"(?<!\w){re.escape(piece)}(?!\w)", every):
                found.add(key)
                break
    return found


def _literals(item: str) -> list[str]:
    return [_words(lit) for lit, _n, _s, _c in string.Formatter().parse(item) if lit.strip()]
