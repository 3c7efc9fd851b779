"""One game between a visitor and the Turk: the position, the rules, the endings.

Owns: ``GameSession`` — the board (python-chess does every rule), whose turn it is, the
record of who made each move, resignations and draw claims, takebacks, and the ``Ending``
of the game. Others see it through frozen ``Position`` snapshots, never the live board.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import chess

from game.model.records import MoveAuthor, MoveRecord


class Termination(enum.Enum):
    """Why a game ended: python-chess's automatic endings plus the ones people cause."""

    CHECKMATE = "checkmate"
    STALEMATE = "stalemate"
    INSUFFICIENT_MATERIAL = "insufficient_material"
    SEVENTYFIVE_MOVES = "seventyfive_moves"
    FIVEFOLD_REPETITION = "fivefold_repetition"
    THREEFOLD_REPETITION = "threefold_repetition"
    """Claimed by a player."""
    FIFTY_MOVES = "fifty_moves"
    """Claimed by a player."""
    RESIGNATION = "resignation"
    ABANDONED = "abandoned"
    """Closed without a result (a visitor walked away, the kiosk was reset)."""
    ADJUDICATED = "adjudication"
    """Decided by the kiosk's time cap (``game.model.formats.adjudicate``)."""

    @property
    def is_claim(self) -> bool:
        """Whether this draw had to be claimed by a player."""
        return self in (Termination.THREEFOLD_REPETITION, Termination.FIFTY_MOVES)


_FROM_CHESS = {
    chess.Termination.CHECKMATE: Termination.CHECKMATE,
    chess.Termination.STALEMATE: Termination.STALEMATE,
    chess.Termination.INSUFFICIENT_MATERIAL: Termination.INSUFFICIENT_MATERIAL,
    chess.Termination.SEVENTYFIVE_MOVES: Termination.SEVENTYFIVE_MOVES,
    chess.Termination.FIVEFOLD_REPETITION: Termination.FIVEFOLD_REPETITION,
    chess.Termination.THREEFOLD_REPETITION: Termination.THREEFOLD_REPETITION,
    chess.Termination.FIFTY_MOVES: Termination.FIFTY_MOVES,
}


@dataclass(frozen=True)
class Ending:
    """How and why a game ended."""

    termination: Termination
    winner: chess.Color | None
    """``chess.WHITE``, ``chess.BLACK`` or ``None`` for a draw or an abandoned game."""

    @property
    def result(self) -> str:
        """The PGN result: ``1-0``, ``0-1``, ``1/2-1/2``, or ``*`` when abandoned."""
        if self.termination is Termination.ABANDONED:
            return "*"
        if self.winner is None:
            return "1/2-1/2"
        return "1-0" if self.winner == chess.WHITE else "0-1"


class DrawClaim(enum.Enum):
    """A draw the side to move may claim (FIDE rules 9.2 and 9.3)."""

    THREEFOLD_REPETITION = "threefold_repetition"
    FIFTY_MOVES = "fifty_moves"


@dataclass(frozen=True)
class Position:
    """A snapshot of the game for views and other threads: plain data, never changes."""

    fen: str
    piece_map: dict[chess.Square, chess.Piece]
    turn: chess.Color
    ply: int
    last_move: chess.Move | None
    check_square: chess.Square | None
    """The square of the king in check, if any."""
    sans: tuple[str, ...]
    """Every move so far in SAN, from the start position."""
    start_fen: str
    fullmove_number_at_start: int
    start_turn: chess.Color


class GameError(ValueError):
    """A request the game cannot honour in its present state (wrong turn, game over)."""


class GameSession:
    """A game of chess between the visitor and the Turk.

    :param visitor_color: the side the visitor plays.
    :param start_fen: the start position (standard, a set endgame, pawn-and-move odds…).
    :param headers: extra PGN headers that describe the game (its visit format, time cap).
    :raises ValueError: if ``start_fen`` is not a valid position.
    """

    def __init__(self, *, visitor_color: chess.Color, start_fen: str = chess.STARTING_FEN,
                 game_id: str | None = None, headers: Mapping[str, str] | None = None) -> None:
        board = chess.Board(start_fen)
        status = board.status()
        if status != chess.STATUS_VALID:
            raise ValueError(f"start position {start_fen!r} is not a legal position ({status!r})")
        self._board = board
        self.visitor_color = visitor_color
        self.game_id = game_id or uuid.uuid4().hex[:12]
        self.headers: dict[str, str] = dict(headers or {})
        """Extra PGN headers (``VisitFormat``, ``TimeCap``, ``Endgame``…)."""
        self._start_fen = board.fen()
        self._start_fullmove = board.fullmove_number
        self._start_turn = board.turn
        self._records: list[MoveRecord] = []
        outcome = board.outcome(claim_draw=False)
        self._ending: Ending | None = (
            Ending(_FROM_CHESS[outcome.termination], outcome.winner) if outcome else None)
        self._position = self._snapshot()
        self._claims: tuple[int, list[DrawClaim]] | None = None

    # -- reading -------------------------------------------------------------------------

    @property
    def turk_color(self) -> chess.Color:
        return not self.visitor_color

    @property
    def position(self) -> Position:
        """The current position as an immutable snapshot (cheap: rebuilt once per move)."""
        return self._position

    @property
    def start_fen(self) -> str:
        return self._start_fen

    @property
    def ply(self) -> int:
        """Number of moves played since the start position."""
        return len(self._board.move_stack)

    @property
    def records(self) -> tuple[MoveRecord, ...]:
        """Who made every move so far (sealed: only the reveal may show the authors)."""
        return tuple(self._records)

    @property
    def ending(self) -> Ending | None:
        """How the game ended, or ``None`` while it goes on."""
        return self._ending

    @property
    def is_over(self) -> bool:
        return self._ending is not None

    @property
    def is_visitor_turn(self) -> bool:
        return not self.is_over and self._board.turn == self.visitor_color

    @property
    def is_turk_turn(self) -> bool:
        return not self.is_over and self._board.turn == self.turk_color

    def board(self) -> chess.Board:
        """A copy of the board with its move stack (for engines, PGN, repetition rules)."""
        return self._board.copy()

    def legal_moves_from(self, square: chess.Square) -> list[chess.Move]:
        """The legal moves of the piece on ``square`` (none when the game is over)."""
        if self.is_over:
            return []
        return [m for m in self._board.legal_moves if m.from_square == square]

    def is_legal(self, move: chess.Move) -> bool:
        return not self.is_over and self._board.is_legal(move)

    def draw_claims(self) -> list[DrawClaim]:
        """The draws the side to move may claim now (worked out once per position)."""
        if self.is_over:
            return []
        if self._claims is None or self._claims[0] != self.ply:
            claims = []
            if self._board.can_claim_threefold_repetition():
                claims.append(DrawClaim.THREEFOLD_REPETITION)
            if self._board.can_claim_fifty_moves():
                claims.append(DrawClaim.FIFTY_MOVES)
            self._claims = (self.ply, claims)
        return list(self._claims[1])

    def san(self, move: chess.Move) -> str:
        return self._board.san(move)

    # -- changing ------------------------------------------------------------------------

    def apply(self, move: chess.Move, author: MoveAuthor, *, detail: str = "",
              think_s: float = 0.0, engine_name: str = "",
              level: int | None = None) -> MoveRecord:
        """Play ``move`` for the side to move and record who made it.

        :raises GameError: if the game is over.
        :raises chess.IllegalMoveError: if the move is not legal here.
        """
        if self.is_over:
            raise GameError("the game is over; no more moves")
        if not self._board.is_legal(move):
            raise chess.IllegalMoveError(f"illegal move {move.uci()!r} in {self._board.fen()!r}")
        record = MoveRecord(ply=self.ply, uci=move.uci(), san=self._board.san(move),
                            author=author, detail=detail, think_s=think_s,
                            engine_name=engine_name, level=level)
        return self._push(move, record)

    def apply_record(self, record: MoveRecord) -> MoveRecord:
        """Play the move of a record read back (from a journal), keeping the record exactly
        as it is.

        :raises GameError: if the game is over.
        :raises chess.IllegalMoveError: if the record does not fit this position (its ply, its
            move, or its SAN).
        """
        if self.is_over:
            raise GameError("the game is over; no more moves")
        try:
            move = chess.Move.from_uci(record.uci)
        except chess.InvalidMoveError as exc:
            raise chess.IllegalMoveError(f"{record.uci!r} is not a move") from exc
        if record.ply != self.ply or not self._board.is_legal(move) \
                or self._board.san(move) != record.san:
            raise chess.IllegalMoveError(
                f"ply {record.ply} {record.uci} ({record.san}) does not fit ply {self.ply} "
                f"of {self._board.fen()!r}")
        return self._push(move, record)

    def _push(self, move: chess.Move, record: MoveRecord) -> MoveRecord:
        self._board.push(move)
        self._records.append(record)
        outcome = self._board.outcome(claim_draw=False)
        if outcome is not None:
            self._ending = Ending(_FROM_CHESS[outcome.termination], outcome.winner)
        self._position = self._snapshot()
        return record

    def claim_draw(self, claim: DrawClaim) -> Ending:
        """End the game as a draw by the given claim.

        :raises GameError: if that claim is not available now.
        """
        if claim not in self.draw_claims():
            raise GameError(f"a draw by {claim.value} cannot be claimed now")
        self._ending = Ending(Termination(claim.value), None)
        return self._ending

    def resign(self, color: chess.Color) -> Ending:
        """``color`` resigns.

        :raises GameError: if the game is already over.
        """
        if self.is_over:
            raise GameError("the game is already over")
        self._ending = Ending(Termination.RESIGNATION, not color)
        return self._ending

    def adjudicate(self, winner: chess.Color | None, *, note: str = "") -> Ending:
        """End the game by the time cap's verdict (``None``: a draw); ``note`` (what the
        verdict rests on) goes into the record's ``Adjudication`` header.

        :raises GameError: if the game is already over.
        """
        if self.is_over:
            raise GameError("the game is already over")
        if note:
            self.headers["Adjudication"] = note
        self._ending = Ending(Termination.ADJUDICATED, winner)
        return self._ending

    def abandon(self) -> Ending:
        """Close the game without a result (the visitor left, the kiosk was reset)."""
        if self._ending is None:
            self._ending = Ending(Termination.ABANDONED, None)
        return self._ending

    def can_take_back(self) -> bool:
        """Whether the visitor's last move can be taken back (solo play: one step)."""
        if self.is_over or not self._records:
            return False
        return any(r.author is MoveAuthor.VISITOR for r in self._records[-2:])

    def take_back(self) -> int:
        """Undo the visitor's last move, and the Turk's reply if it has been played.

        :returns: how many plies were removed (1 or 2).
        :raises GameError: if there is nothing the visitor may take back.
        """
        if not self.can_take_back():
            raise GameError("there is no move of yours to take back")
        removed = 0
        while self._records and self._records[-1].author is not MoveAuthor.VISITOR:
            self._pop()
            removed += 1
        self._pop()
        self._position = self._snapshot()
        return removed + 1

    def _pop(self) -> None:
        self._board.pop()
        self._records.pop()
        self._claims = None

    def _snapshot(self) -> Position:
        board = self._board
        king = board.king(board.turn) if board.is_check() else None
        return Position(
            fen=board.fen(),
            piece_map=board.piece_map(),
            turn=board.turn,
            ply=len(board.move_stack),
            last_move=board.move_stack[-1] if board.move_stack else None,
            check_square=king,
            sans=tuple(r.san for r in self._records),
            start_fen=self._start_fen,
            fullmove_number_at_start=self._start_fullmove,
            start_turn=self._start_turn,
        )

    @classmethod
    def from_moves(cls, moves: Sequence[chess.Move], *, visitor_color: chess.Color,
                   start_fen: str = chess.STARTING_FEN,
                   authors: Sequence[MoveAuthor] | None = None,
                   game_id: str | None = None,
                   headers: Mapping[str, str] | None = None) -> GameSession:
        """A session with ``moves`` already played (loading a saved or journaled game).

        Moves without a known author are credited to the visitor on the visitor's turns and
        to the engine on the Turk's.

        :raises chess.IllegalMoveError: if a move is illegal.
        """
        session = cls(visitor_color=visitor_color, start_fen=start_fen, game_id=game_id,
                      headers=headers)
        for index, move in enumerate(moves):
            if authors is not None and index < len(authors):
                author = authors[index]
            elif session._board.turn == visitor_color:
                author = MoveAuthor.VISITOR
            else:
                author = MoveAuthor.ENGINE
            session.apply(move, author)
        return session
