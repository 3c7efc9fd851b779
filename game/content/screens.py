"""The reveal's screens and the roll of historical operators, read from ``assets/content``.

Owns: the :class:`Screen` plan of the reveal (``screens.toml``: order, art, modes, sources and
which string keys each screen shows), the sources of other factual text (its ``[[sourced]]``
entries), the :class:`HistoricalOperator` roll (``operators.toml``), and the checks that tie
them to the sources and the string tables: every source id resolves, every key exists, and
the word limits of a museum label hold.

Must not import: pygame or anything above ``game.content`` (it is part of the pure core).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources.abc import Traversable
from types import MappingProxyType

from game.content.sources import ContentError, Fields, Source, check_source_id, read_toml
from game.content.strings import Strings

SCREENS_FILE = "content/screens.toml"
OPERATORS_FILE = "content/operators.toml"

HEADLINE_WORDS = 20
"""At most this many words in a headline (a child reads it at a glance)."""
FIRST_LAYER_WORDS = 60
"""At most this many words on a screen before the visitor asks for more."""
MORE_WORDS = 120
"""At most this many words in the second layer."""

PLACEHOLDER_WORDS: Mapping[str, int] = MappingProxyType(
    {"name": 3, "engine_name": 2, "engine_author": 4, "openings": 12, "places": 3,
     "life": 3, "years": 1, "date": 3})
"""How many words a filled-in placeholder may take on screen (others count as one)."""

LEDGER_LABELS: tuple[str, ...] = ("visitor", "operator", "operator_hint", "engine",
                                  "engine_standin", "book", "scripted", "crowd", "crowd_ranked")
"""The true authors the ledger tells apart: keys ``reveal.ledger.label.<name>``, named like
the values of ``game.model.records.MoveAuthor``."""

EXHIBITION_STEPS: tuple[str, ...] = ("intro", "door_one", "candle", "drawer",
                                     "main_compartment", "turn_round", "close_up", "wind")
"""The presenter's empty-cabinet show in Poe's order (1836): keys ``turk.exhibition.<step>``."""

BOARD_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ÉÄÖÜß")
"""Every character the Turk's letter board has (the ``turk.board`` lines use only these)."""

_WORD = re.compile(r"\w")
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
_PREFIX = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\Z")


class Mode(StrEnum):
    """Who played the Turk in a game, as far as the reveal is concerned."""

    OPERATOR = "operator"
    ENGINE = "engine"
    HYBRID = "hybrid"


class Condition(StrEnum):
    """A fact about the game that a screen needs before it is shown."""

    STAND_IN_MOVES = "stand_in_moves"
    """The program made at least one move for an absent operator."""


@dataclass(frozen=True)
class Screen:
    """One screen of the reveal. Its text is in the string tables under ``id``."""

    id: str
    """Key prefix in the string tables, e.g. ``"history.amt"``."""
    art: str
    """Name of the picture the screen shows."""
    modes: frozenset[Mode]
    sources: tuple[str, ...]
    lines: tuple[tuple[str, ...], ...]
    """The first layer, top to bottom; each line is one key, or alternatives the game picks."""
    more: str | None = None
    """Key of the second layer, or None."""
    optional: frozenset[str] = frozenset()
    """Lines the game leaves out when it has nothing to fill them with."""
    only_if: Condition | None = None
    quick: bool = True
    """Whether the quick pass (which turns by itself) stops here; other screens show only
    when the visitor turns to them."""
    note: str | None = None
    """A whole string key shown with the body (the costume note on the Turk's screen)."""

    def shows_in(self, mode: Mode, conditions: Collection[Condition] = ()) -> bool:
        """Whether a game played in ``mode``, with these facts true, shows this screen."""
        return mode in self.modes and (self.only_if is None or self.only_if in conditions)

    def key(self, name: str) -> str:
        """The full string key of one of this screen's lines (``"headline"``)."""
        return f"{self.id}.{name}"

    def string_keys(self) -> tuple[str, ...]:
        """Every string key the screen may show, first layer then second."""
        names = [name for line in self.lines for name in line]
        keys = [self.key(n) for n in names + ([self.more] if self.more else [])]
        return tuple(keys + ([self.note] if self.note else []))


_SCREEN_FIELDS = frozenset({"id", "art", "modes", "sources", "lines", "more", "optional",
                            "only_if", "quick", "note"})


def _modes(fields: Fields) -> frozenset[Mode]:
    names = fields.texts("modes")
    if not names:
        raise ContentError(f"{fields.where}: field 'modes' needs at least one of "
                           "operator, engine, hybrid, all")
    if "all" in names:
        return frozenset(Mode)
    try:
        return frozenset(Mode(n) for n in names)
    except ValueError as exc:
        raise ContentError(f"{fields.where}: {exc}; use operator, engine, hybrid or all") from None


def _key_name(name: str, *, where: str) -> str:
    if not _KEY.match(name):
        raise ContentError(f"{where}: {name!r} is not a key name (lower case, digits, '_')")
    return name


def parse_screen(table: object, *, where: str) -> Screen:
    """Build one :class:`Screen` from a ``[[reveal]]`` table.

    :raises ContentError: if a field is missing, unknown or malformed.
    """
    fields = Fields(table, where=where, known=_SCREEN_FIELDS)
    screen_id = fields.text("id", required=True)
    if not _PREFIX.match(screen_id):
        raise ContentError(f"{where}: id {screen_id!r} must be a string-table key prefix "
                           "such as 'history.amt'")
    where = f"{where} ({screen_id})"
    lines = tuple(tuple(_key_name(n, where=where) for n in line.split("|"))
                  for line in fields.texts("lines"))
    if not lines:
        raise ContentError(f"{where}: field 'lines' needs at least the headline")
    flat = {name for line in lines for name in line}
    optional = frozenset(fields.texts("optional"))
    if not optional <= flat:
        raise ContentError(f"{where}: optional lines {sorted(optional - flat)} are not in "
                           "'lines'")
    more = fields.text("more") or None
    only_if_text = fields.text("only_if")
    try:
        only_if = Condition(only_if_text) if only_if_text else None
    except ValueError:
        known = ", ".join(c.value for c in Condition)
        raise ContentError(f"{where}: only_if {only_if_text!r} is not one of {known}") from None
    note = fields.text("note") or None
    if note is not None and not _PREFIX.match(note):
        raise ContentError(f"{where}: note {note!r} must be a whole string key such as "
                           "'turk.costume.note'")
    quick = fields.flag("quick") if "quick" in fields else True
    return Screen(
        id=screen_id, art=fields.text("art", required=True), modes=_modes(fields),
        sources=tuple(check_source_id(s, where=where) for s in fields.texts("sources")),
        lines=lines, more=_key_name(more, where=where) if more else None,
        optional=optional, only_if=only_if, quick=quick, note=note)


def _array(data: Mapping[str, object], name: str, origin: str) -> list[object]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise ContentError(f"{origin}: {name!r} must be an array of tables ([[{name}]])")
    return value


def _read(root: Traversable | None, relative: str, arrays: frozenset[str]) -> dict[str, object]:
    """Read a content file whose top level holds only the named arrays of tables."""
    data = read_toml(root, relative)
    Fields(data, where=f"assets/{relative}", known=arrays)  # reports unknown, misspelt arrays
    return data


def _screens(data: Mapping[str, object], origin: str) -> list[Screen]:
    screens = [parse_screen(t, where=f"{origin} [[reveal]] #{i + 1}")
               for i, t in enumerate(_array(data, "reveal", origin))]
    if not screens:
        raise ContentError(f"{origin}: no [[reveal]] screens")
    seen: set[str] = set()
    for screen in screens:
        if screen.id in seen:
            raise ContentError(f"{origin}: screen {screen.id!r} appears twice; ids are unique")
        seen.add(screen.id)
    return screens


_SCREENS_ARRAYS = frozenset({"reveal", "sourced"})


def load_screens(root: Traversable | None = None) -> list[Screen]:
    """The reveal's screens in the order the visitor sees them.

    :param root: the assets folder; the installed ``game.assets`` when omitted.
    :raises ContentError: if the file is missing, malformed, or repeats a screen id.
    """
    origin = f"assets/{SCREENS_FILE}"
    return _screens(_read(root, SCREENS_FILE, _SCREENS_ARRAYS), origin)


def load_text_sources(root: Traversable | None = None) -> Mapping[str, tuple[str, ...]]:
    """Source ids of every factual text, by key prefix: the reveal's screens and the
    ``[[sourced]]`` text shown elsewhere (the presenter's show, the attract loop).

    :raises ContentError: if the file is missing or malformed.
    """
    origin = f"assets/{SCREENS_FILE}"
    data = _read(root, SCREENS_FILE, _SCREENS_ARRAYS)
    result = {s.id: s.sources for s in _screens(data, origin)}
    for i, table in enumerate(_array(data, "sourced", origin)):
        where = f"{origin} [[sourced]] #{i + 1}"
        fields = Fields(table, where=where, known=frozenset({"id", "sources"}))
        prefix = fields.text("id", required=True)
        if not _PREFIX.match(prefix) or prefix in result:
            raise ContentError(f"{where}: id {prefix!r} must be a new key prefix")
        result[prefix] = tuple(check_source_id(s, where=where) for s in fields.texts("sources"))
    return MappingProxyType(result)


class Confidence(StrEnum):
    """How well the record supports an operator (the marks of CONTENT.md)."""

    HIGH = "H"
    HIGH_MEDIUM = "H/M"
    MEDIUM = "M"
    MEDIUM_LOW = "M/L"
    LOW = "L"


@dataclass(frozen=True)
class HistoricalOperator:
    """One person (named or not) who played the Turk from inside, before this game."""

    id: str
    """Key of the note in the string tables: ``reveal.roll.note.<id>``."""
    name: str | None
    confidence: Confidence
    sources: tuple[str, ...]
    born: int | None = None
    born_approx: bool = False
    died: int | None = None
    died_approx: bool = False
    years: str = ""
    years_approx: bool = False
    places: tuple[str, ...] = ()

    @property
    def on_roll(self) -> bool:
        """Whether the roll shows this entry (low-confidence ones stay in the file only)."""
        return self.confidence is not Confidence.LOW

    @property
    def is_uncertain(self) -> bool:
        """Whether the roll must say that the record is uncertain."""
        return self.confidence in (Confidence.MEDIUM_LOW, Confidence.LOW)

    def life(self, *, circa: Callable[[str], str]) -> str:
        """Life dates like ``1787–1870`` or ``c. 1765–1850``; "" when none are known.

        :param circa: writes "about <year>" in the visitor's language.
        """
        if self.born is None and self.died is None:
            return ""
        born = _year(self.born, self.born_approx, circa)
        died = _year(self.died, self.died_approx, circa)
        return f"{born}–{died}"

    def period(self, *, circa: Callable[[str], str]) -> str:
        """When they played the Turk, like ``1819`` or ``c. 1818``; "" when unknown."""
        return circa(self.years) if self.years and self.years_approx else self.years


def _year(year: int | None, approx: bool, circa: Callable[[str], str]) -> str:
    if year is None:
        return "?"
    return circa(str(year)) if approx else str(year)


def roll_entry(operator: HistoricalOperator, strings: Strings, *,
               language: str | None = None) -> list[str]:
    """The lines the roll of operators shows for one historical operator: name and life
    dates, where and when, the note, and the warning when the record is uncertain.

    :raises KeyError: if the string tables lack one of the roll's keys.
    """
    def text(key: str, **fields: object) -> str:
        return strings.get(f"reveal.roll.{key}", language=language, **fields)

    def circa(year: str) -> str:
        return text("circa", year=year)

    life = operator.life(circa=circa) or text("unknown_dates")
    lines = [text("historical", name=operator.name or text("unknown_name"), life=life)]
    places = ", ".join(strings.get(f"reveal.place.{p}", language=language)
                       for p in operator.places)
    years = operator.period(circa=circa)
    if places or years:
        lines.append(text("where_when", places=places, years=years).strip(", "))
    lines.append(text(f"note.{operator.id}"))
    if operator.is_uncertain:
        lines.append(text("uncertain"))
    return lines


_OPERATOR_FIELDS = frozenset({"id", "name", "born", "born_approx", "died", "died_approx",
                              "years", "years_approx", "places", "confidence", "sources"})


def parse_operator(table: object, *, where: str) -> HistoricalOperator:
    """Build one :class:`HistoricalOperator` from an ``[[operator]]`` table.

    :raises ContentError: if a field is missing, unknown or malformed.
    """
    fields = Fields(table, where=where, known=_OPERATOR_FIELDS)
    operator_id = _key_name(fields.text("id", required=True), where=where)
    where = f"{where} ({operator_id})"
    confidence_text = fields.text("confidence", required=True)
    try:
        confidence = Confidence(confidence_text)
    except ValueError:
        known = ", ".join(c.value for c in Confidence)
        raise ContentError(f"{where}: confidence {confidence_text!r} is not one of "
                           f"{known}") from None
    sources = tuple(check_source_id(s, where=where) for s in fields.texts("sources"))
    if not sources:
        raise ContentError(f"{where}: every operator needs at least one source id")
    return HistoricalOperator(
        id=operator_id, name=fields.text("name") or None, confidence=confidence,
        sources=sources, born=fields.year("born"), born_approx=fields.flag("born_approx"),
        died=fields.year("died"), died_approx=fields.flag("died_approx"),
        years=fields.text("years"), years_approx=fields.flag("years_approx"),
        places=tuple(_key_name(p, where=where) for p in fields.texts("places")))


def load_operators(root: Traversable | None = None, *,
                   include_low: bool = False) -> list[HistoricalOperator]:
    """The historical operators, oldest first: those the roll shows, or all of them.

    :param include_low: also return the low-confidence entries kept for the record.
    :raises ContentError: if the file is missing, malformed, or repeats an id.
    """
    origin = f"assets/{OPERATORS_FILE}"
    data = _read(root, OPERATORS_FILE, frozenset({"operator"}))
    operators = [parse_operator(t, where=f"{origin} [[operator]] #{i + 1}")
                 for i, t in enumerate(_array(data, "operator", origin))]
    ids = [o.id for o in operators]
    if len(set(ids)) != len(ids):
        raise ContentError(f"{origin}: operator ids must be unique")
    return [o for o in operators if include_low or o.on_roll]


def unknown_sources(cited: Mapping[str, Collection[str]],
                    sources: Mapping[str, Source]) -> list[str]:
    """One message per cited source id that ``sources.toml`` does not define."""
    return [f"{where}: source {source_id!r} is not in sources.toml"
            for where, ids in cited.items() for source_id in ids if source_id not in sources]


def missing_keys(screens: Collection[Screen], table: Mapping[str, object]) -> list[str]:
    """One message per string key a screen shows that the string table lacks."""
    return [f"screen {s.id!r} shows {key!r}, which is not in the string tables"
            for s in screens for key in s.string_keys() if key not in table]


def count_words(text: str) -> int:
    """Words a visitor reads: placeholders count as wide as they may be filled in
    (:data:`PLACEHOLDER_WORDS`); dashes and other marks on their own count for nothing."""
    words = 0
    for literal, field, _spec, _conv in string.Formatter().parse(text):
        words += sum(1 for token in literal.split() if _WORD.search(token))
        if field is not None:
            words += PLACEHOLDER_WORDS.get(field, 1)
    return words


def layer_problems(screen: Screen, table: Mapping[str, object]) -> list[str]:
    """Where a screen's text breaks the label limits in one language's table.

    The first layer counts each line once, the longest alternative of a line, and optional
    lines as if filled in. Keys missing from the table are left to :func:`missing_keys`.
    """
    def words(name: str) -> int:
        value = table.get(screen.key(name))
        return count_words(value) if isinstance(value, str) else 0

    problems = []
    headline = words("headline")
    if headline > HEADLINE_WORDS:
        problems.append(f"{screen.key('headline')}: {headline} words, at most {HEADLINE_WORDS}")
    first = sum(max(words(n) for n in line) for line in screen.lines)
    if first > FIRST_LAYER_WORDS:
        problems.append(f"{screen.id}: first layer has {first} words, at most "
                        f"{FIRST_LAYER_WORDS}")
    if screen.more and (more := words(screen.more)) > MORE_WORDS:
        problems.append(f"{screen.key(screen.more)}: {more} words, at most {MORE_WORDS}")
    return problems
