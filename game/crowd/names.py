"""Pseudonyms: what a worker may call themselves in front of the class.

Owns: ``clean_pseudonym`` — trims and checks a pseudonym (length, characters, words on the
blocklist, also when disguised with accents, digits for letters, doubled letters or
separators) and returns it or raises ``NameRefusedError`` with the reason to show. The
blocklist comes in as data (``assets/web/blocked-names.txt``, read by the caller); this module
holds no words of its own.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_NAME = 20
"""Characters a pseudonym may have at most."""
ALLOWED_PUNCTUATION = frozenset(" -_'.’")

_LOOKALIKE = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                            "8": "b", "@": "a", "$": "s", "!": "i", "|": "i", "€": "e"})


_STRETCHED = re.compile(r"(.)\1{2,}")
_SEPARATORS = re.compile(r"[\s\-_'.’]+")


class NameRefusedError(ValueError):
    """A pseudonym was refused; ``reason`` is a key the page shows in its language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def skeleton(text: str) -> str:
    """``text`` reduced to what it looks like: lower case, no accents, digits read as the
    letters they imitate, only letters kept, a letter stretched three times or more made
    single (a doubled letter stays: many names have one)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LOOKALIKE))
    letters = "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))
    return _STRETCHED.sub(r"\1", letters)


def is_blocked(name: str, blocklist: frozenset[str]) -> bool:
    """Whether ``name`` shows a blocked stem: as a word or the start of one (stems of four
    letters or more), or anywhere, separators ignored (stems of six or more: shorter ones
    hide inside ordinary names)."""
    words = [skeleton(word) for word in _SEPARATORS.split(name)]
    joined = "".join(words)
    if all(len(word) <= 2 for word in words):
        words.append(joined)  # spelled out: "f.u.c.k"
    for stem in blocklist:
        if any(word == stem or (len(stem) >= 4 and word.startswith(stem)) for word in words):
            return True
        if len(stem) >= 6 and stem in joined:
            return True
    return False


def load_blocklist(lines: Iterable[str]) -> frozenset[str]:
    """The blocked stems from a word list (one a line; ``#`` starts a comment)."""
    stems = set()
    for line in lines:
        word = line.split("#", 1)[0].strip()
        if word:
            stems.add(skeleton(word))
    return frozenset(stem for stem in stems if stem)


def clean_pseudonym(text: str, blocklist: frozenset[str]) -> str:
    """The pseudonym to use for ``text``.

    :raises NameRefusedError: with reason ``name_empty``, ``name_long``, ``name_characters``
        or ``name_blocked``.
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise NameRefusedError("name_empty")
    if len(name) > MAX_NAME:
        raise NameRefusedError("name_long")
    for char in name:
        category = unicodedata.category(char)
        if not (category[0] in "LN" or category[0] == "M" or char in ALLOWED_PUNCTUATION):
            raise NameRefusedError("name_characters")
    if not any(unicodedata.category(c)[0] in "LN" for c in name):
        raise NameRefusedError("name_characters")
    if is_blocked(name, blocklist):
        raise NameRefusedError("name_blocked")
    return name
