"""The words of the roll of operators: the Turk's historical players, then this kiosk's own.

Owns: ``RollEntry`` and ``roll_entries`` — for each person on the roll, the name line the
plaque shows at a glance, the details (life dates, where and when) shown on the first tap, and
the note shown on the second. The historical entries come from ``assets/content/
operators.toml`` through ``roll_entry``; the kiosk's operators follow, newest last, by the
names they gave. Imports no pygame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.content.screens import HistoricalOperator, count_words, roll_entry
from game.content.strings import Strings
from game.reveal_store import KioskOperator

KIOSK_SHOWN = 6
"""How many of the kiosk's own operators the plaque shows (the most recent)."""


@dataclass(frozen=True)
class RollEntry:
    name: str
    details: tuple[str, ...]
    """Life dates, then where and when (first tap)."""
    note: tuple[str, ...]
    """The note and any warning that the record is uncertain (second tap)."""
    is_kiosk: bool = False


def _historical(operator: HistoricalOperator, strings: Strings,
                language: str | None) -> RollEntry:
    lines = roll_entry(operator, strings, language=language)
    name = operator.name or strings.get("reveal.roll.unknown_name", language=language)
    has_place = 1 if (operator.places or operator.years) else 0
    details = tuple(lines[:1 + has_place])
    return RollEntry(name, details, tuple(lines[1 + has_place:]))


def _kiosk(operator: KioskOperator, strings: Strings, language: str | None) -> RollEntry:
    name = operator.name or strings.get("reveal.operator.unnamed", language=language)
    line = strings.get("reveal.roll.visitor", language=language, name=name, date=operator.day,
                       moves=operator.moves)
    return RollEntry(name, (line,), (), is_kiosk=True)


def roll_entries(historical: Sequence[HistoricalOperator], kiosk: Sequence[KioskOperator],
                 strings: Strings, language: str | None = None) -> list[RollEntry]:
    """Everyone on the roll, oldest first: history, then the kiosk's latest operators."""
    entries = [_historical(o, strings, language) for o in historical]
    entries += [_kiosk(o, strings, language) for o in kiosk[-KIOSK_SHOWN:]]
    return entries


def glance_words(entries: Sequence[RollEntry]) -> int:
    """Words the plaque shows at a glance (the names)."""
    return sum(count_words(e.name) for e in entries)
