"""The sources behind every fact the game shows, read from ``assets/content/sources.toml``.

Owns: the :class:`Source` record and its one-line citation for the small print, reading and
checking ``sources.toml``, and the small helpers every content-data loader shares (where the
assets are, reading one TOML file, picking typed fields out of a table with messages that
name the file and the fix).

Must not import: pygame or anything above ``game.content`` (it is part of the pure core).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType

SOURCES_FILE = "content/sources.toml"

_ID = re.compile(r"[A-Z0-9][A-Za-z0-9-]*\Z")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


class ContentError(ValueError):
    """A content data file is missing, malformed, or refers to something that does not exist."""


class SourceKind(StrEnum):
    """What kind of evidence a source is."""

    PRIMARY = "primary"
    """The original document or a first-hand report."""
    SECONDARY = "secondary"
    """A later account, summary, encyclopaedia or mirror."""
    FIRST_PARTY = "first-party"
    """This game's own records: its move journal, program, opening book or tally."""
    FORUM = "forum"
    """A forum post: kept for the record, never cited on screen."""
    MIRROR = "mirror"
    """A copy of someone else's page: cite the page (or the work) itself."""
    SHOP = "shop"
    """A bookseller's entry or a publisher's blurb: cite the book itself."""


UNPRINTABLE = frozenset({SourceKind.FORUM, SourceKind.MIRROR, SourceKind.SHOP})
"""Kinds of source a museum would not print: the small print never cites them."""


@dataclass(frozen=True)
class Source:
    """One source, as shown in the reveal's small print and in ``docs/sources.md``."""

    id: str
    kind: SourceKind
    title: str = ""
    author: str = ""
    publication: str = ""
    date: str = ""
    url: str = ""
    volume: str = ""
    pages: str = ""
    accessed: str = ""
    """When the web page at ``url`` was read (YYYY-MM or YYYY-MM-DD)."""

    @property
    def is_first_party(self) -> bool:
        """Whether the source is one of the game's own records (its title is translated)."""
        return self.kind is SourceKind.FIRST_PARTY

    @property
    def is_printable(self) -> bool:
        """Whether a museum would print it (not a forum post, a mirror or a shop's entry)."""
        return self.kind not in UNPRINTABLE

    def cite(self, words: CitationWords | None = None) -> str:
        """Author, “title”, publication, volume, pages, date, when read — whichever of them
        the source has, with the descriptors in the visitor's language (``words``)."""
        words = words or CitationWords()
        title = words.quoted(self.title) if self.title and not self.is_first_party \
            else self.title
        parts = [self.author, title, self.publication,
                 words.volume(self.volume) if self.volume else "",
                 words.pages(self.pages) if self.pages else "", self.date,
                 words.accessed(self.accessed) if self.accessed else ""]
        return ", ".join(part for part in parts if part)

    @property
    def citation(self) -> str:
        """The citation with English descriptors (``docs/sources.md``)."""
        return self.cite()


def _quoted(title: str) -> str:
    return f"“{title}”"


def _volume(volume: str) -> str:
    return f"vol. {volume}"


def _pages(pages: str) -> str:
    return f"pp. {pages}"


def _accessed(date: str) -> str:
    return f"read online: {date}"


@dataclass(frozen=True)
class CitationWords:
    """How a citation's descriptors read in one language (English by default)."""

    quoted: Callable[[str], str] = _quoted
    volume: Callable[[str], str] = _volume
    pages: Callable[[str], str] = _pages
    accessed: Callable[[str], str] = _accessed


def assets_root() -> Traversable:
    """The installed ``game.assets`` folder (``assets/`` in the repository).

    :raises ContentError: if the package was installed without its assets.
    """
    try:
        return files("game.assets")
    except ModuleNotFoundError as exc:
        raise ContentError("game.assets is not installed: the package must ship assets/ as "
                           "game.assets (see [tool.setuptools] in pyproject.toml), then "
                           "reinstall with `pip install -e .`") from exc


def read_toml(root: Traversable | None, relative: str) -> dict[str, object]:
    """Parse one TOML file under the assets folder.

    :raises ContentError: if the file is missing or is not valid TOML.
    """
    path = (root if root is not None else assets_root()).joinpath(*relative.split("/"))
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ContentError(f"assets/{relative}: file not found; it ships with the game, "
                           "so reinstall the package or restore the file") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"assets/{relative}: {exc}; fix the TOML syntax there") from exc


class Fields:
    """Typed access to one table of a content file; every error names the file and the entry.

    Unknown keys are reported with the nearest known key, so a typo is easy to fix.
    """

    def __init__(self, table: object, *, where: str, known: frozenset[str]) -> None:
        if not isinstance(table, Mapping):
            raise ContentError(f"{where}: expected a table, found {type(table).__name__}")
        for key in table:
            if key not in known:
                near = difflib.get_close_matches(str(key), sorted(known), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                raise ContentError(f"{where}: unknown field {key!r}{hint}")
        self._table: Mapping[str, object] = table
        self.where = where

    def __contains__(self, key: str) -> bool:
        return key in self._table

    def text(self, key: str, *, required: bool = False) -> str:
        """A string field ("" when absent and not required).

        :raises ContentError: if it is missing but required, or not a string.
        """
        value = self._table.get(key)
        if value is None:
            if required:
                raise ContentError(f"{self.where}: field {key!r} is required")
            return ""
        if not isinstance(value, str):
            raise ContentError(f"{self.where}: field {key!r} must be text, "
                               f"not {type(value).__name__}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list-of-strings field (empty when absent).

        :raises ContentError: if it is not a list of strings.
        """
        value = self._table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ContentError(f"{self.where}: field {key!r} must be a list of text, "
                               'like ["a", "b"]')
        return tuple(value)

    def year(self, key: str) -> int | None:
        """A year field (None when absent).

        :raises ContentError: if it is not a whole number between 1000 and 2999.
        """
        value = self._table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 2999:
            raise ContentError(f"{self.where}: field {key!r} must be a year like 1787")
        return value

    def flag(self, key: str) -> bool:
        """A true/false field (false when absent).

        :raises ContentError: if it is not true or false.
        """
        value = self._table.get(key, False)
        if not isinstance(value, bool):
            raise ContentError(f"{self.where}: field {key!r} must be true or false")
        return value


def check_source_id(source_id: str, *, where: str) -> str:
    """Return ``source_id`` if it is well formed (``W1``, ``HNF-rec``).

    :raises ContentError: if it is not.
    """
    if not _ID.match(source_id):
        raise ContentError(f"{where}: {source_id!r} is not a source id; ids start with a "
                           "capital letter or digit and use letters, digits and '-'")
    return source_id


_SOURCE_FIELDS = frozenset({"kind", "title", "author", "publication", "date", "url",
                            "volume", "pages", "accessed"})


def parse_source(source_id: str, table: object, *, origin: str) -> Source:
    """Build one :class:`Source` from its table in ``sources.toml``.

    :raises ContentError: if a field is missing, unknown or malformed.
    """
    where = f"{origin} [{source_id}]"
    check_source_id(source_id, where=origin)
    fields = Fields(table, where=where, known=_SOURCE_FIELDS)
    kind_text = fields.text("kind", required=True)
    try:
        kind = SourceKind(kind_text)
    except ValueError:
        allowed = ", ".join(repr(k.value) for k in SourceKind)
        raise ContentError(f"{where}: kind {kind_text!r} is not one of {allowed}") from None
    source = Source(source_id, kind, title=fields.text("title"), author=fields.text("author"),
                    publication=fields.text("publication"), date=fields.text("date"),
                    url=fields.text("url"), volume=fields.text("volume"),
                    pages=fields.text("pages"), accessed=fields.text("accessed"))
    for name in ("date", "accessed"):
        value = getattr(source, name)
        if value and not _DATE.match(value):
            raise ContentError(f"{where}: {name} {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    if source.is_first_party:
        if not source.title or source.url:
            raise ContentError(f"{where}: a first-party source needs a title and no url")
    elif not (source.title or source.publication):
        raise ContentError(f"{where}: a {kind.value} source needs a title or publication, "
                           "so a reader can find it")
    elif source.url and not source.accessed:
        raise ContentError(f"{where}: a web source needs 'accessed', the date it was read")
    elif not source.url and not (source.publication and source.date):
        raise ContentError(f"{where}: a source without a url is a printed work: give its "
                           "publication (publisher and place, or journal) and date")
    return source


def load_sources(root: Traversable | None = None) -> Mapping[str, Source]:
    """Every source the game cites, by id, in the order of ``sources.toml``.

    :param root: the assets folder; the installed ``game.assets`` when omitted.
    :raises ContentError: if the file is missing or an entry is malformed.
    """
    origin = f"assets/{SOURCES_FILE}"
    data = read_toml(root, SOURCES_FILE)
    if not data:
        raise ContentError(f"{origin}: no sources; add one table per source id")
    return MappingProxyType({source_id: parse_source(source_id, table, origin=origin)
                             for source_id, table in data.items()})
