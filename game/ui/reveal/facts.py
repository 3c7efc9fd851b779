"""The facts of a finished match for the reveal.

Owns: ``facts_from_match`` — reads the match's sealed records and crew (and, for the
program's name and authors when the crew does not know them yet, what the source of moves
reports about itself; failing that, ``build_facts`` takes the name from the records),
names the opening the program's book followed, and builds the pure ``RevealFacts``.
"""

from __future__ import annotations

import dataclasses

from game.match import Match
from game.model.reveal import RevealFacts, build_facts
from game.ui.reveal.openings import find_opening


def _reported(match: Match, attribute: str) -> str:
    """What the source of moves says about itself (engines report name and author)."""
    value = getattr(match.opponent, attribute, "")
    return value if isinstance(value, str) else ""


def facts_from_match(match: Match) -> RevealFacts:
    """Everything the reveal shows about the match's game.

    :raises ValueError: if the records do not replay.
    """
    session, crew = match.session, match.crew
    facts = build_facts(
        session.records, game_id=session.game_id, start_fen=session.start_fen,
        visitor_color=session.visitor_color, mode=crew.mode,
        operator_name=crew.operator_name,
        engine_name=crew.engine_name or _reported(match, "engine_name"),
        engine_author=crew.engine_author or _reported(match, "engine_author"),
        operator_seconds=match.operator_seconds)
    if facts.book_moves == 0:
        return facts
    opening = find_opening(facts.book_moves_played, start_fen=session.start_fen)
    return facts if opening is None else dataclasses.replace(facts, opening=opening)
