"""A game in progress: the session, the source of the Turk's moves, and the pacing between.

Owns: ``Match`` — the asynchronous edge of the model. The visitor's moves are applied at once;
the Turk's are requested from the opponent with a snapshot, polled every update, checked
(game id, ply), held back until the planned thinking time has passed, then applied — the session
checks its legality then, and an illegal reply fails the opponent.
Everything that happens comes out as events (frozen dataclasses) for the scenes to show.
Time comes in through ``update(dt)``; nothing here reads a clock or blocks.

Every move goes to the match's ``journal`` (a ``MoveLog``) as it is applied, before any scene
hears of it; so do takebacks, endings, changes of who plays the Turk, and closing
(``game.journal_store`` says how that stays ahead of the screen without holding up a frame).

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import chess

from game.model.pacing import Pacing, planned_think_s
from game.model.records import MoveAuthor, MoveRecord
from game.model.reveal import TurkMode
from game.model.session import DrawClaim, Ending, GameError, GameSession, Position
from game.opponents.base import MoveReply, MoveRequest, Opponent, OpponentError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GameSetup:
    """What a new game is: the visitor's colour and the Turk's level (and, for a kiosk's
    visit-sized games, where it starts and what its record says about its format)."""

    color: str
    """``"white"``, ``"black"`` or ``"random"``."""
    level: int
    start_fen: str = chess.STARTING_FEN
    headers: tuple[tuple[str, str], ...] = ()
    """Extra PGN headers for the game (``VisitFormat``, ``TimeCap``, ``Endgame``)."""


@dataclass(frozen=True)
class Crew:
    """Who plays the Turk in this game — sealed: only the reveal may show it."""

    mode: TurkMode = TurkMode.ENGINE
    """The engine, an operator, or an operator with engine hints (``HYBRID``)."""
    operator_name: str = ""
    """The name the operator asked to be credited with (empty when no operator)."""
    engine_name: str = ""
    """The engine's own name (UCI ``id name``), once known."""
    engine_author: str = ""
    """The engine's authors as it reports them (UCI ``id author``), once known."""


@dataclass(frozen=True)
class MovePlayed:
    """A move was applied to the model (the view animates it from ``before`` to ``after``)."""

    record: MoveRecord
    before: Position
    after: Position
    by_visitor: bool


@dataclass(frozen=True)
class TurkThinking:
    """The Turk started (``True``) or stopped (``False``) thinking about a move."""

    thinking: bool


@dataclass(frozen=True)
class MovesTakenBack:
    """Moves were taken back; the view jumps to ``position``."""

    plies: int
    position: Position


@dataclass(frozen=True)
class GameEnded:
    ending: Ending


@dataclass(frozen=True)
class OpponentFailed:
    """The source of the Turk's moves failed; ``message`` says why (for logs and solo play)."""

    message: str


MatchEvent = MovePlayed | TurkThinking | MovesTakenBack | GameEnded | OpponentFailed


class MoveLog(Protocol):
    """Where a match writes down what happens, before it is shown (the journal)."""

    def moved(self, record: MoveRecord, *, lever_s: float) -> int:
        """Write down a move before it is shown; returns a ticket for ``is_durable``."""
        ...

    def is_durable(self, ticket: int) -> bool:
        """Whether what the ticket stands for is flushed to the disk (or never will be: a
        journal that cannot be written does not hold anything up)."""
        ...

    def taken_back(self, plies: int) -> None:
        """The last ``plies`` written moves are withdrawn."""

    def ended(self, session: GameSession, *, lever_s: float) -> int:
        """The game ended (``session.ending``); returns a ticket."""
        ...

    def crew_changed(self, crew: Crew) -> None:
        """Someone else plays the Turk from now on."""

    def closed(self, session: GameSession) -> None:
        """The match is closed (its game is over, replaced, or the program stops)."""


class Unjournaled:
    """A match that keeps no journal: everything is "durable" at once."""

    def moved(self, record: MoveRecord, *, lever_s: float) -> int:
        return 0

    def is_durable(self, ticket: int) -> bool:
        return True

    def taken_back(self, plies: int) -> None:
        pass

    def ended(self, session: GameSession, *, lever_s: float) -> int:
        return 0

    def crew_changed(self, crew: Crew) -> None:
        pass

    def closed(self, session: GameSession) -> None:
        pass


@dataclass
class _Pending:
    ply: int
    asked_at: float
    planned_s: float
    reply: MoveReply | None = None


class Match:
    """A game between the visitor and the Turk, driven by ``update(dt)``.

    :param session: the game (the match applies every move to it).
    :param opponent: the source of the Turk's moves.
    :param pacing: how long the Turk seems to think.
    :param rng: randomness for the pacing (seeded in tests).
    """

    def __init__(self, session: GameSession, opponent: Opponent, *, pacing: Pacing,
                 rng: random.Random | None = None) -> None:
        self.session = session
        self.opponent = opponent
        self.pacing = pacing
        self._rng = rng or random.Random()
        self._now = 0.0
        self._pending: _Pending | None = None
        self._failed = False
        self.on_record: Callable[[MoveRecord], None] | None = None
        """Called with every move as it is applied."""
        self.journal: MoveLog = Unjournaled()
        """Where every move is written down before it is shown (the app sets the journal)."""
        self._crew = Crew()
        self._known_crew: Crew | None = None
        self._lever_before_s = 0.0
        self._lever_s = 0.0
        self._last_ticket = 0

    @property
    def crew(self) -> Crew:
        """Who plays the Turk (kept up to date by whoever sets up the match)."""
        return self._crew

    @crew.setter
    def crew(self, crew: Crew) -> None:
        known = self._known_crew
        if known is not None:  # a resumed game: who played before the restart still counts
            crew = Crew(mode=crew.mode, operator_name=crew.operator_name or known.operator_name,
                        engine_name=crew.engine_name or known.engine_name,
                        engine_author=crew.engine_author or known.engine_author)
        if crew != self._crew:
            self._crew = crew
            self.journal.crew_changed(crew)

    @property
    def operator_seconds(self) -> float:
        """Time the operator spent at the lever in this game (for the reveal's credit),
        counting the time before a restart."""
        return self._lever_before_s + self._lever_s

    @operator_seconds.setter
    def operator_seconds(self, seconds: float) -> None:
        self._lever_s = seconds

    def restore(self, crew: Crew, lever_s: float) -> None:
        """Continue a journaled game: who played the Turk and the operator's time so far
        (set before the journal is attached: they are already written down)."""
        self._crew = self._known_crew = crew
        self._lever_before_s = lever_s

    @property
    def is_journaled(self) -> bool:
        """Whether everything the match wrote down so far is flushed to the disk."""
        return self.journal.is_durable(self._last_ticket)

    @property
    def position(self) -> Position:
        return self.session.position

    @property
    def is_turk_thinking(self) -> bool:
        return self._pending is not None

    @property
    def has_failed(self) -> bool:
        """Whether the opponent failed and the match waits for ``retry()``."""
        return self._failed

    def start(self) -> None:
        """Start the opponent (non-blocking)."""
        self.opponent.start()

    def close(self) -> None:
        self.journal.closed(self.session)
        self.opponent.close()

    def retry(self) -> None:
        """Ask the opponent again after a failure."""
        self._failed = False

    # -- the visitor ---------------------------------------------------------------------

    def play_visitor_move(self, move: chess.Move) -> list[MatchEvent]:
        """Apply the visitor's move at once.

        :raises GameError: if it is not the visitor's turn or the game is over.
        :raises chess.IllegalMoveError: if the move is illegal.
        """
        if not self.session.is_visitor_turn:
            raise GameError("it is not your turn")
        return self._apply(move, MoveAuthor.VISITOR, by_visitor=True)

    def take_back(self) -> list[MatchEvent]:
        """Undo the visitor's last move (and the Turk's reply).

        :raises GameError: if there is nothing to take back.
        """
        plies = self.session.take_back()
        self.journal.taken_back(plies)
        events: list[MatchEvent] = []
        if self._pending is not None:
            self.opponent.cancel()
            self._pending = None
            events.append(TurkThinking(False))
        events.append(MovesTakenBack(plies, self.session.position))
        return events

    def resign(self) -> list[MatchEvent]:
        """The visitor resigns.

        :raises GameError: if the game is already over.
        """
        ending = self.session.resign(self.session.visitor_color)
        self._journal_ending()
        return [*self._stop_thinking(), GameEnded(ending)]

    def claim_draw(self, claim: DrawClaim) -> list[MatchEvent]:
        """The visitor claims a draw.

        :raises GameError: if the claim is not available.
        """
        ending = self.session.claim_draw(claim)
        self._journal_ending()
        return [*self._stop_thinking(), GameEnded(ending)]

    def adjudicate(self, winner: chess.Color | None, *, note: str = "") -> list[MatchEvent]:
        """End the game by the time cap's verdict (``None``: a draw); ``note`` says what it
        was based on (for the record).

        :raises GameError: if the game is already over.
        """
        ending = self.session.adjudicate(winner, note=note)
        self._journal_ending()
        return [*self._stop_thinking(), GameEnded(ending)]

    def abandon(self) -> list[MatchEvent]:
        """Close the game without a result."""
        ending = self.session.abandon()
        self._journal_ending()
        return [*self._stop_thinking(), GameEnded(ending)]

    # -- the Turk ------------------------------------------------------------------------

    def update(self, dt: float) -> list[MatchEvent]:
        """Advance the match by ``dt`` seconds: ask for, collect and play the Turk's move."""
        self._now += dt
        if self._failed or not self.session.is_turk_turn:
            return []
        events: list[MatchEvent] = []
        if self._pending is None:
            events += self._ask()
        pending = self._pending
        if pending is None:
            return events
        if pending.reply is None:
            try:
                pending.reply = self._accept(self.opponent.poll())
            except OpponentError as exc:
                log.error("the Turk's player failed: %s", exc)
                self._failed = True
                self._pending = None
                return [*events, TurkThinking(False), OpponentFailed(str(exc))]
        reply = pending.reply
        if reply is not None and self._now >= pending.asked_at + self._hold_s(reply, pending):
            self._pending = None
            events.append(TurkThinking(False))
            try:  # the model is where legality is checked (once)
                events += self._apply(reply.move, reply.author, by_visitor=False, reply=reply,
                                      think_s=self._now - pending.asked_at)
            except chess.IllegalMoveError:
                message = (f"{self.opponent.description} played the illegal move "
                           f"{reply.move.uci()} at ply {reply.ply}")
                log.error("the Turk's player failed: %s", message)
                self._failed = True
                events.append(OpponentFailed(message))
        return events

    def _ask(self) -> list[MatchEvent]:
        board = self.session.board()
        planned = planned_think_s(board, self._rng, self.pacing)
        self._pending = _Pending(ply=self.session.ply, asked_at=self._now, planned_s=planned)
        self.opponent.request_move(MoveRequest(self.session.game_id, self.session.ply, board))
        return [TurkThinking(True)]

    def _accept(self, reply: MoveReply | None) -> MoveReply | None:
        """The reply if it answers the current question, else ``None`` (its legality is the
        session's to check when it is played)."""
        if reply is None:
            return None
        if reply.game_id != self.session.game_id or reply.ply != self.session.ply:
            log.info("dropped a stale reply for game %s ply %d", reply.game_id, reply.ply)
            return None
        return reply

    def _hold_s(self, reply: MoveReply, pending: _Pending) -> float:
        """How long after the question this reply may be shown."""
        if reply.author.is_human:
            return self.pacing.min_think_s  # a person already took their own time
        return pending.planned_s

    def _stop_thinking(self) -> list[MatchEvent]:
        if self._pending is None:
            return []
        self.opponent.cancel()
        self._pending = None
        return [TurkThinking(False)]

    def _journal_ending(self) -> None:
        self._last_ticket = self.journal.ended(self.session, lever_s=self.operator_seconds)

    def _apply(self, move: chess.Move, author: MoveAuthor, *, by_visitor: bool,
               reply: MoveReply | None = None, think_s: float = 0.0) -> list[MatchEvent]:
        before = self.session.position
        if reply is None:
            record = self.session.apply(move, author, think_s=think_s)
        else:
            record = self.session.apply(move, author, detail=reply.detail, think_s=think_s,
                                        engine_name=reply.engine_name, level=reply.level)
        self._last_ticket = self.journal.moved(record, lever_s=self.operator_seconds)
        if self.on_record is not None:
            self.on_record(record)
        events: list[MatchEvent] = [MovePlayed(record, before, self.session.position, by_visitor)]
        if self.session.ending is not None:
            self._journal_ending()
            events.append(GameEnded(self.session.ending))
        return events
