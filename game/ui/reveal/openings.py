"""The openings a game followed, through the opening-name lookup when it is installed.

Owns: ``find_opening`` — a small adapter over ``game.content.openings.identify_opening(moves,
*, start_fen=...)`` that turns its answer into the reveal's own ``OpeningNote``. When that
module is absent (or fails), there is simply no opening to name and the reveal leaves the
line out; a lookup error is logged, never shown.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence

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


def note_from(opening: object) -> OpeningNote | None:
    """An ``OpeningNote`` from whatever the lookup returns (name, people, era, sources)."""
    name = getattr(opening, "name", None)
    if not isinstance(name, str) or not name.strip():
        return None
    era = getattr(opening, "era", "")
    return OpeningNote(name=name.strip(), people=_texts(getattr(opening, "people", ())),
                       era=era if isinstance(era, str) else "",
                       sources=_texts(getattr(opening, "sources", ())))


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
    return note_from(opening) if opening is not None else None
