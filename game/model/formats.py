"""Games that fit a museum visit: a full game under a time cap, a set endgame, pawn-and-move odds.

Owns: ``VisitFormat``, the set endgame positions (``ENDGAMES``), ``VisitPlan`` (what a new game
starts from: position, the visitor's side, the cap, the PGN headers that record the format) with
``plan_visit``, and ``adjudicate`` — the documented rule that decides a game the time cap ended.

History (``../shared/CONTENT.md`` §1.10): in London in 1819 the Turk played only set endgame
positions at its 1 pm and 3 pm shows, and full games at 8 pm [OG]; in 1819–20 Maelzel advertised
that it gave "pawn and move" — it took off its own f-pawn and let the challenger move first
[CV-Standage][MOU]. Which endgames it set up is not recorded; the positions below are chosen for
this game and say so on screen.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

import chess

from game.model.material import VALUES


class VisitFormat(enum.StrEnum):
    """What kind of game a visit is (the value is written to the PGN and the statistics)."""

    FULL = "full"
    """A whole game from the start position, ended by the time cap if it runs long."""
    ENDGAME = "endgame"
    """A set endgame position; the visitor chooses the side."""
    ODDS = "odds"
    """Pawn and move: the Turk plays Black without its f-pawn and the visitor moves first."""


ODDS_FEN = "rnbqkbnr/ppppp1pp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"
"""The start of a pawn-and-move game, the Turk (Black) without its f-pawn (CONTENT.md §1.10)."""


@dataclass(frozen=True)
class Endgame:
    """A set position: White has the upper hand; whoever plays White moves first."""

    key: str
    """Its name in the string tables (``kiosk.endgame.<key>``) and in the records."""
    fen: str


ENDGAMES: tuple[Endgame, ...] = (
    Endgame("queen", "4k3/8/8/8/8/8/8/3QK3 w - - 0 1"),  # king and queen: mate in 8 at best
    Endgame("rook", "8/8/8/4k3/8/8/8/R3K3 w - - 0 1"),  # king and rook: mate in about 12
    Endgame("pawn", "4k3/8/4K3/4P3/8/8/8/8 w - - 0 1"),  # king and pawn, won with care
    # King and pawn where White to move only draws against the best defence (won if Black
    # were to move): the lesson of the opposition.
    Endgame("opposition", "8/8/3k4/8/3K4/3P4/8/8 w - - 0 1"),
)
ENDGAME_KEYS = tuple(endgame.key for endgame in ENDGAMES)


def endgame_named(key: str) -> Endgame:
    """:raises KeyError: for an unknown endgame."""
    for endgame in ENDGAMES:
        if endgame.key == key:
            return endgame
    raise KeyError(f"no endgame {key!r}; the endgames are {', '.join(ENDGAME_KEYS)}")


@dataclass(frozen=True)
class VisitPlan:
    """How a new game starts, and what its record says about its format."""

    format: VisitFormat
    start_fen: str
    visitor_color: chess.Color
    time_cap_s: float | None
    """Seconds of play after which the game is adjudicated (``None``: no cap)."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """PGN headers recording the format (``VisitFormat``, ``TimeCap``, ``Endgame``)."""


def plan_visit(visit: VisitFormat, *, visitor_color: chess.Color, time_cap_s: float | None,
               endgame: str = ENDGAMES[0].key) -> VisitPlan:
    """The start of a game of format ``visit``.

    ``visitor_color`` is the side the visitor chose (in a set endgame, White is the side with
    the upper hand); pawn-and-move odds always give the visitor White.

    :raises KeyError: for an unknown endgame.
    """
    headers = {"VisitFormat": visit.value}
    if time_cap_s:
        headers["TimeCap"] = str(round(time_cap_s))
    if visit is VisitFormat.ENDGAME:
        chosen = endgame_named(endgame)
        headers["Endgame"] = chosen.key
        return VisitPlan(visit, chosen.fen, visitor_color, time_cap_s or None, headers)
    if visit is VisitFormat.ODDS:
        return VisitPlan(visit, ODDS_FEN, chess.WHITE, time_cap_s or None, headers)
    return VisitPlan(visit, chess.STARTING_FEN, visitor_color, time_cap_s or None, headers)


# -- adjudication --------------------------------------------------------------------------

CLEAR_EVAL_CP = 200
"""An engine evaluation of at least two pawns for one side decides a capped game."""
CLEAR_MATERIAL = 3
"""Without an evaluation, three pawns' worth of material (a piece) decides it."""
MATE_CP = 100_000


@dataclass(frozen=True)
class Adjudication:
    """The verdict on a game the time cap ended, with what it was based on."""

    winner: chess.Color | None
    """``None``: a draw."""
    material: int
    """Material on the board, White minus Black, in pawns."""
    eval_cp: int | None
    """The engine's evaluation from White's side in centipawns (mate as ±100000), if any."""

    @property
    def basis(self) -> str:
        """``"evaluation"`` or ``"material"`` (for the record)."""
        return "material" if self.eval_cp is None else "evaluation"


def material_balance(board: chess.Board) -> int:
    """Material on the board, White minus Black, in pawns (king not counted)."""
    return sum(VALUES[piece.piece_type] * (1 if piece.color == chess.WHITE else -1)
               for piece in board.piece_map().values())


def adjudicate(board: chess.Board, *, eval_cp: int | None) -> Adjudication:
    """Decide a game stopped by the time cap, the same way for both sides.

    With an engine evaluation (from White's side), the side ahead by at least
    ``CLEAR_EVAL_CP`` wins; without one, the side ahead by at least ``CLEAR_MATERIAL`` pawns of
    material wins; anything closer is a draw. A position the rules already decide (mate,
    stalemate, bare kings) is decided by the rules.
    """
    material = material_balance(board)
    outcome = board.outcome(claim_draw=False)
    if outcome is not None:
        return Adjudication(outcome.winner, material, eval_cp)
    if eval_cp is not None:
        score = eval_cp
        threshold = CLEAR_EVAL_CP
    else:
        score = material
        threshold = CLEAR_MATERIAL
    if score >= threshold:
        return Adjudication(chess.WHITE, material, eval_cp)
    if score <= -threshold:
        return Adjudication(chess.BLACK, material, eval_cp)
    return Adjudication(None, material, eval_cp)
