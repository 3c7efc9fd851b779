"""Visitor-facing text, looked up by key in one of the game's languages.

Owns: reading the string tables in ``assets/i18n/<lang>/*.toml``, checking them, and
formatting one string with its placeholders. A table file ``reveal.toml`` holding
``[operator] headline = "..."`` gives the key ``reveal.operator.headline``. Placeholders
are Python format fields (``{name}``); every language must use the same ones.

Must not import: pygame or anything above ``game.content`` (it is part of the pure core).
"""

from __future__ import annotations

import logging
import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"


class StringsError(ValueError):
    """A string table is missing, malformed, or does not match the default language."""


@dataclass(frozen=True)
class Language:
    """One language the game speaks."""

    code: str
    """ISO 639-1 code, also the folder name under ``assets/i18n``."""
    name: str
    """The language's name in that language ("Deutsch"), for the language switch."""


def _flatten(prefix: str, table: Mapping[str, object], out: dict[str, str | list[str]],
             origin: Path) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}"
        if isinstance(value, Mapping):
            _flatten(full, value, out, origin)
        elif isinstance(value, str):
            out[full] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[full] = list(value)
        else:
            raise StringsError(
                f"{origin}: key {full!r} holds {type(value).__name__}; "
                "a string table holds only text, lists of text and sub-tables")


def load_table(folder: Path) -> dict[str, str | list[str]]:
    """Read every ``*.toml`` file in ``folder`` into one flat key → text mapping.

    :raises StringsError: if the folder has no tables or a file is not valid TOML.
    """
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise StringsError(f"{folder}: no string tables (*.toml) found")
    table: dict[str, str | list[str]] = {}
    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise StringsError(f"{path}: {exc}; fix the TOML syntax at that line") from exc
        _flatten(path.stem, data, table, path)
    return table


def placeholders(text: str | list[str]) -> frozenset[str]:
    """The names of the format fields used in a string (or in every item of a list)."""
    items = [text] if isinstance(text, str) else text
    names: set[str] = set()
    for item in items:
        for _literal, field, _spec, _conv in string.Formatter().parse(item):
            if field is not None:
                names.add(field)
    return frozenset(names)


def compare_tables(default: Mapping[str, str | list[str]],
                   other: Mapping[str, str | list[str]]) -> list[str]:
    """Differences between a language and the default one, one message each.

    A key missing on either side, or a string whose placeholders differ, is a difference.
    """
    problems = [f"missing key {k!r}" for k in sorted(default.keys() - other.keys())]
    problems += [f"extra key {k!r} (not in the default language)"
                 for k in sorted(other.keys() - default.keys())]
    for key in sorted(default.keys() & other.keys()):
        if placeholders(default[key]) != placeholders(other[key]):
            problems.append(
                f"key {key!r} uses placeholders {sorted(placeholders(other[key]))}, "
                f"the default language uses {sorted(placeholders(default[key]))}")
    return problems


class Strings:
    """All string tables, with one current language.

    A key missing in the current language falls back to the default language (and is logged
    once); a key missing everywhere is a programming error and raises ``KeyError``.
    """

    def __init__(self, tables: Mapping[str, Mapping[str, str | list[str]]],
                 *, language: str = DEFAULT_LANGUAGE) -> None:
        if DEFAULT_LANGUAGE not in tables:
            raise StringsError(f"no string table for the default language {DEFAULT_LANGUAGE!r}")
        self._tables = {code: dict(table) for code, table in tables.items()}
        self._warned: set[tuple[str, str]] = set()
        self.language = language if language in tables else DEFAULT_LANGUAGE

    @classmethod
    def from_folder(cls, root: Path, *, language: str = DEFAULT_LANGUAGE,
                    only: Iterable[str] | None = None) -> Strings:
        """Load ``root/<lang>/*.toml`` for every language folder (or only those named).

        :raises StringsError: if a table cannot be read.
        """
        wanted = set(only) if only is not None else None
        tables = {}
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            if wanted is None or folder.name in wanted or folder.name == DEFAULT_LANGUAGE:
                tables[folder.name] = load_table(folder)
        return cls(tables, language=language)

    @property
    def languages(self) -> list[Language]:
        """The languages available, default first, each named in its own language."""
        codes = [DEFAULT_LANGUAGE, *sorted(c for c in self._tables if c != DEFAULT_LANGUAGE)]
        return [Language(code, str(self._tables[code].get("meta.language_name", code)))
                for code in codes]

    def problems(self) -> dict[str, list[str]]:
        """For each non-default language, how its table differs from the default one."""
        default = self._tables[DEFAULT_LANGUAGE]
        return {code: compare_tables(default, table)
                for code, table in self._tables.items() if code != DEFAULT_LANGUAGE}

    def has(self, key: str) -> bool:
        """Whether the default language defines ``key``."""
        return key in self._tables[DEFAULT_LANGUAGE]

    def _raw(self, key: str, language: str | None) -> str | list[str]:
        lang = language or self.language
        table = self._tables.get(lang, self._tables[DEFAULT_LANGUAGE])
        if key in table:
            return table[key]
        if (lang, key) not in self._warned:
            self._warned.add((lang, key))
            log.warning("string %r missing in language %r; using %r", key, lang,
                        DEFAULT_LANGUAGE)
        return self._tables[DEFAULT_LANGUAGE][key]

    def get(self, key: str, /, *, language: str | None = None, **fields: object) -> str:
        """The text for ``key`` in the current (or given) language, formatted with ``fields``.

        :raises KeyError: if no language defines ``key``, or a placeholder has no value.
        """
        raw = self._raw(key, language)
        if isinstance(raw, list):
            raise KeyError(f"string {key!r} is a list; use get_list()")
        return raw.format(**fields) if fields or "{" in raw else raw

    def get_list(self, key: str, /, *, language: str | None = None,
                 **fields: object) -> list[str]:
        """A list of texts (e.g. the lines of a scripted speech) for ``key``.

        :raises KeyError: if no language defines ``key``.
        """
        raw = self._raw(key, language)
        items = [raw] if isinstance(raw, str) else raw
        return [item.format(**fields) for item in items]
