"""The hidden operator as the source of the Turk's moves, with the engine standing by.

Owns: ``OperatorOpponent`` — one game's worth of the ``Opponent`` protocol in a hidden-operator
session. For each request the director (``game.model.director``) says who has the hand: the
operator, whose move the kiosk's side of the link hands in through :meth:`operator_moved`, or
the standby engine (recorded ``MoveAuthor.ENGINE_STANDIN``; a book move stays ``BOOK``), which
stands in when the operator is absent or silent past the limit. In hybrid mode it asks its own
analysing engine for the three best moves, for the kiosk's side to send to the operator.
Nothing here ever raises to the match: a failing standby engine is logged and asked again, so
the visitor's screen shows only a Turk that is thinking.

The socket side is not here: ``game.opponents`` and ``game.net`` are independent layers, so
the kiosk's host (``game.operator_host``), which makes this object and keeps it, carries moves,
states, hints and stand-ins between it and the ``OperatorLink``. The link has judged every
move it hands in against the published state (current and legal) and the model checks it
once more when it is played, so this object checks only that it answers the open request.

Must not import: pygame, ``game.ui`` or ``game.net``; clocks come in as a callable.
"""

from __future__ import annotations

import dataclasses
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

import chess

from game.model.director import Director, Hand
from game.model.pacing import Pacing, planned_think_s
from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest, Opponent, OpponentError
from game.opponents.hints import HintAnalyser, HintLine

log = logging.getLogger(__name__)

RETRY_S = 2.0
"""After the standby engine failed, ask it again this much later."""


@dataclass(frozen=True)
class StandInMove:
    """The engine made the Turk's move at ``ply`` of ``game_id`` for the operator."""

    game_id: str
    ply: int
    uci: str


class OperatorOpponent:
    """The Turk's moves from the hidden operator, or from the engine standing in.

    :param director: decides who makes each move (shared by every game of the session).
    :param standby: the engine that stands in; it should record ``ENGINE_STANDIN``.
    :param clock: the session's time in seconds (the kiosk's loop time).
    :param pacing: plans the stand-in's "thought" after the limit.
    :param hints: the analysing engine for hybrid play, or ``None``.
    :param operator_name: the name the operator is credited with now (for the record).
    :param on_turn: called when a turn opens and when the engine takes it over (the kiosk's
        side publishes the state with the countdown at once).
    """

    def __init__(self, director: Director, standby: Opponent, *, clock: Callable[[], float],
                 pacing: Pacing, rng: random.Random | None = None,
                 hints: HintAnalyser | None = None,
                 operator_name: Callable[[], str] = lambda: "",
                 on_turn: Callable[[], None] = lambda: None) -> None:
        self._director = director
        self._standby = standby
        self._clock = clock
        self._pacing = pacing
        self._rng = rng or random.Random()
        self._hints = hints
        self._operator_name = operator_name
        self._on_turn = on_turn
        self._request: MoveRequest | None = None
        self._operator_reply: MoveReply | None = None
        self._standin_reply: MoveReply | None = None
        self._standin_asked = False
        self._retry_at: float | None = None
        self._new_hints: tuple[HintLine, ...] | None = None
        self._stood_in: list[StandInMove] = []

    @property
    def description(self) -> str:
        return f"hidden operator, standing in: {self._standby.description}"

    @property
    def is_hybrid(self) -> bool:
        return self._hints is not None

    @property
    def standby(self) -> Opponent:
        """The engine that stands in."""
        return self._standby

    @property
    def engine_name(self) -> str:
        """The standby engine's own name, once it reported one (the reveal names it)."""
        return str(getattr(self._standby, "engine_name", ""))

    @property
    def engine_author(self) -> str:
        """The standby engine's authors as it reports them, once known."""
        return str(getattr(self._standby, "engine_author", ""))

    @property
    def request(self) -> MoveRequest | None:
        """The open request (the Turk's move being waited for), if any."""
        return self._request

    def start(self) -> None:
        self._standby.start()
        if self._hints is not None:
            self._hints.start()

    def request_move(self, request: MoveRequest) -> None:
        self.cancel()
        now = self._clock()
        self._request = request
        think_s = planned_think_s(request.board, self._rng, self._pacing)
        hand = self._director.begin_turn(request.game_id, request.ply, now, think_s=think_s)
        if hand is Hand.ENGINE:
            log.info("the engine stands in at ply %d: the operator has been gone too long",
                     request.ply)
            self._ask_standby()
        elif self._hints is not None:
            self._hints.analyse(request.game_id, request.ply, request.board)
        self._on_turn()

    def operator_moved(self, game_id: str, ply: int, uci: str, *, from_hint: bool) -> bool:
        """The operator's move arrived over the link (judged current and legal there); whether
        it will be played.

        Refused (and logged) when it does not answer the open request or comes after the
        engine took over.
        """
        request = self._request
        if request is None or (request.game_id, request.ply) != (game_id, ply):
            log.info("operator move %s for %s ply %d answers no open request", uci, game_id, ply)
            return False
        move = chess.Move.from_uci(uci)
        if not self._director.accept_operator_move(game_id, ply, self._clock()):
            log.info("operator move %s at ply %d came after the engine stood in", uci, ply)
            return False
        author = MoveAuthor.OPERATOR_HINT if from_hint else MoveAuthor.OPERATOR
        self._operator_reply = MoveReply(game_id, ply, move, author, self._operator_name())
        if self._hints is not None:
            self._hints.cancel()
        return True

    def poll(self) -> MoveReply | None:
        request = self._request
        if request is None:
            return None
        now = self._clock()
        if self._director.tick(now):
            log.info("the operator was silent past the limit; the engine stands in at ply %d",
                     request.ply)
            self._ask_standby()
            self._on_turn()
        self._collect_hints()
        reply = self._operator_reply
        if reply is None:
            reply = self._standin(now)
            if reply is not None:
                self._stood_in.append(StandInMove(request.game_id, request.ply, reply.move.uci()))
        if reply is not None:
            self._finish()
        return reply

    def countdown_s(self) -> float | None:
        """Seconds the operator has left for the open request (``None``: no countdown)."""
        return None if self._request is None else self._director.countdown_s(self._clock())

    def take_hints(self) -> tuple[HintLine, ...] | None:
        """Suggestions that came in since the last call (hybrid play), once."""
        hints, self._new_hints = self._new_hints, None
        return hints

    def take_stood_in(self) -> list[StandInMove]:
        """The moves the engine made for the operator since the last call."""
        stood_in, self._stood_in = self._stood_in, []
        return stood_in

    def cancel(self) -> None:
        if self._request is not None:
            self._director.end_turn()
        self._request = None
        self._operator_reply = self._standin_reply = None
        self._standin_asked = False
        self._retry_at = None
        self._new_hints = None
        self._standby.cancel()
        if self._hints is not None:
            self._hints.cancel()

    def close(self) -> None:
        self.cancel()
        self._standby.close()
        if self._hints is not None:
            self._hints.close()

    # -- the standby engine -------------------------------------------------------------------

    def _ask_standby(self) -> None:
        request = self._request
        if request is not None:
            self._standin_asked = True
            self._standby.request_move(MoveRequest(request.game_id, request.ply,
                                                   request.board.copy()))
            if self._hints is not None:
                self._hints.cancel()

    def _standin(self, now: float) -> MoveReply | None:
        """The standby engine's reply once it may be shown, relabelled as a stand-in."""
        if not self._standin_asked:
            return None
        if self._retry_at is not None and now >= self._retry_at:
            self._retry_at = None
            self._ask_standby()
        if self._standin_reply is None:
            try:
                self._standin_reply = self._standby.poll()
            except OpponentError as exc:
                # Never shown to the visitor: the Turk just thinks a little longer.
                log.warning("the standby engine failed (%s); asking again in %.0f s", exc,
                            RETRY_S)
                self._retry_at = now + RETRY_S
                return None
        reply = self._standin_reply
        if reply is None or not self._director.may_release_standin(now):
            return None
        if reply.author is MoveAuthor.ENGINE:
            return dataclasses.replace(reply, author=MoveAuthor.ENGINE_STANDIN)
        if reply.author is MoveAuthor.BOOK:  # the book's move, played for the operator
            return dataclasses.replace(reply, detail=f"{reply.detail} (standing in)".strip())
        return reply

    def _collect_hints(self) -> None:
        if self._hints is None:
            return
        hints = self._hints.poll()
        request = self._request
        if hints and request is not None and self._director.hand is Hand.OPERATOR \
                and (hints[0].game_id, hints[0].ply) == (request.game_id, request.ply):
            self._new_hints = hints

    def _finish(self) -> None:
        self._director.end_turn()
        self._request = None
        self._operator_reply = self._standin_reply = None
        self._standin_asked = False
        if self._hints is not None:
            self._hints.cancel()
