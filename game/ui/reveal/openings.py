"""The openings a game followed, through the opening-name lookup when it is installed.

Owns: ``find_opening`` — a small adapter over ``game.content.openings.identify_opening(moves,
*, start_fen=...)`` that turns its answer (names per language, people, era, source ids, and
the citations of those sources from the openings file) into the reveal's own
``OpeningNote``. When that module is absent (or fails), there is simply no opening to name
and the reveal leaves the line out; a lookup error is logged, never shown.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence

import chess

from game.model.reveal import OpeningNote

log = logging.getLogger(__name__)

MODULE = "game.content.openings"


def _texts(value: object) -> tuple[str, ...]:
    """A text or a list of texts as a tuple (anything else: empty)."""
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value if isinstance(v, str) and v.strip())
    return ()


def _names(opening: object) -> tuple[tuple[str, str], ...]:
    names = getattr(opening, "names", None)
    if not isinstance(names, Mapping):
        return ()
    return tuple((str(k), str(v)) for k, v in names.items() if isinstance(v, str) and v)


def _citations(lookup: object, ids: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Citations for the opening's sources from the lookup's own source list, if it has one."""
    load = getattr(lookup, "load_table", None)
    if not callable(load) or not ids:
        return ()
    try:
        sources = getattr(load(), "sources", {})
    except (OSError, ValueError, KeyError) as exc:
        log.warning("the openings' sources cannot be read: %s", exc)
        return ()
    cited = []
    for source_id in ids:
        source = sources.get(source_id) if isinstance(sources, Mapping) else None
        title, url = getattr(source, "title", ""), getattr(source, "url", "")
        if isinstance(title, str) and title:
            cited.append((source_id, f"{title}, {url}" if isinstance(url, str) and url
                          else title))
    return tuple(cited)


def note_from(opening: object, lookup: object = None) -> OpeningNote | None:
    """An ``OpeningNote`` from whatever the lookup returns: its name (and names per
    language), the people, the era, the source ids, and citations for those sources."""
    name = getattr(opening, "name", None)
    if not isinstance(name, str) or not name.strip():
        return None
    era = getattr(opening, "era", "")
    sources = _texts(getattr(opening, "source_ids", None) or getattr(opening, "sources", ()))
    return OpeningNote(name=name.strip(), people=_texts(getattr(opening, "people", ())),
                       era=era if isinstance(era, str) else "", sources=sources,
                       names=_names(opening), citations=_citations(lookup, sources))


def find_opening(moves: Sequence[chess.Move], *, start_fen: str,
                 module: str = MODULE) -> OpeningNote | None:
    """The named opening these moves follow, or ``None`` (no lookup, no name, no moves)."""
    if not moves:
        return None
    try:
        lookup = importlib.import_module(module)
    except ImportError:
        return None
    identify = getattr(lookup, "identify_opening", None)
    if not callable(identify):
        return None
    try:
        opening = identify(list(moves), start_fen=start_fen)
    except (ValueError, KeyError, TypeError, LookupError) as exc:
        log.warning("naming the opening failed: %s", exc)
        return None
    return note_from(opening, lookup) if opening is not None else None
