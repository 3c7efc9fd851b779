"""The opening a game followed, named for the reveal.

Owns: ``find_opening`` and ``note_from`` — the reveal's ``OpeningNote`` (names per language,
the people, the era, the source ids and the citations of the sources the openings file holds)
from ``game.content.openings``. A game record the lookup cannot follow (an illegal move) or an
openings file that cannot be read is logged and the reveal leaves the line out; it is never
shown to the visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import chess

from game.content.openings import (
    Opening,
    OpeningsError,
    OpeningSource,
    identify_opening,
    load_table,
)
from game.model.reveal import OpeningNote

log = logging.getLogger(__name__)


def _citations(ids: Sequence[str],
               sources: dict[str, OpeningSource]) -> tuple[tuple[str, str], ...]:
    """(id, citation) for each of ``ids`` the openings file's source list holds."""
    cited = []
    for source_id in ids:
        source = sources.get(source_id)
        if source is not None and source.title:
            cited.append((source_id, f"{source.title}, {source.url}" if source.url
                          else source.title))
    return tuple(cited)


def note_from(opening: Opening, sources: dict[str, OpeningSource] | None = None
              ) -> OpeningNote | None:
    """The reveal's note on ``opening`` (``None`` if it has no English name)."""
    name = opening.name.strip()
    if not name:
        return None
    people = tuple(person.strip() for person in opening.people if person.strip())
    names = tuple((language, text) for language, text in opening.names.items() if text)
    return OpeningNote(name=name, people=people, era=opening.era,
                       sources=tuple(opening.source_ids), names=names,
                       citations=_citations(opening.source_ids, sources or {}))


def find_opening(moves: Sequence[chess.Move], *, start_fen: str) -> OpeningNote | None:
    """The named opening these moves follow, or ``None`` (no moves, no name, or a record
    or file the lookup cannot use — logged)."""
    if not moves:
        return None
    try:
        opening = identify_opening(list(moves), start_fen=start_fen)
        sources = dict(load_table().sources)
    except (ValueError, OpeningsError, OSError) as exc:
        log.warning("naming the opening failed: %s", exc)
        return None
    return note_from(opening, sources) if opening is not None else None
