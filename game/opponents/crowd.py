"""A classroom crowd as the source of the Turk's moves, with the engine standing by.

Owns: ``CrowdOpponent`` — one game's worth of the ``Opponent`` protocol in a classroom session.
For each request it posts tasks on the platform (``game.crowd.platform``): first, when the
teacher chose labelling, a label task whose aggregated answer becomes a hint; then the task
that decides the move — propose (the crowd's aggregated move is played, ``MoveAuthor.CROWD``)
or rate (the engine's three candidates, ranked by the crowd; the winner is played,
``MoveAuthor.CROWD_RANKED``), the two taking turns move by move when both are chosen. When
nobody answers in time the standby engine makes the move (``ENGINE_STANDIN``; a book move
stays ``BOOK``, marked as standing in). Polled like every source: nothing here blocks, and
time is the platform's (advanced by whoever owns it).

Must not import: pygame, ``game.ui``, ``game.web`` or ``game.net``.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from typing import Protocol

import chess

from game.crowd.platform import Platform, TaskResult
from game.crowd.tasks import Candidate, Hint, TaskKind, question_for
from game.model.records import MoveAuthor
from game.opponents.base import MoveReply, MoveRequest, Opponent, OpponentError
from game.opponents.hints import HintLine

log = logging.getLogger(__name__)

CANDIDATES_WAIT_S = 10.0
"""How long the engine may take to offer candidates before the crowd proposes instead."""
RETRY_S = 2.0
"""After the standby engine failed, ask it again this much later."""


class CandidateSource(Protocol):
    """Offers the engine's best moves for a position (``HintAnalyser`` is one)."""

    def start(self) -> None: ...
    def analyse(self, game_id: str, ply: int, board: chess.Board) -> None: ...
    def poll(self) -> tuple[HintLine, ...] | None: ...
    def cancel(self) -> None: ...
    def close(self) -> None: ...


class _Stage(enum.Enum):
    IDLE = "idle"
    LABEL = "label"
    CANDIDATES = "candidates"
    DECIDE = "decide"
    STANDIN = "standin"


class CrowdOpponent:
    """The Turk's moves from the classroom's crowd, or from the engine standing in.

    :param platform: the session's platform (shared by every game; its owner advances it).
    :param standby: the engine that stands in; it should record ``ENGINE_STANDIN``.
    :param analyser: offers the three candidates of a rating task (``None``: no rating).
    """

    def __init__(self, platform: Platform, standby: Opponent, *,
                 analyser: CandidateSource | None = None) -> None:
        self.platform = platform
        self._standby = standby
        self._analyser = analyser
        self._request: MoveRequest | None = None
        self._stage = _Stage.IDLE
        self._turns = 0
        """Requests so far (the crowd's moves take turns between the decision kinds)."""
        self._turn = 0
        self._task_id: str | None = None
        self._hint: Hint | None = None
        self._since = 0.0
        self._retry_at: float | None = None
        self.last_tasks: tuple[str, ...] = ()
        """The tasks posted for the latest request (for the record)."""

    @property
    def description(self) -> str:
        return f"a classroom crowd, standing in: {self._standby.description}"

    @property
    def standby(self) -> Opponent:
        return self._standby

    def start(self) -> None:
        self._standby.start()
        if self._analyser is not None:
            self._analyser.start()

    def request_move(self, request: MoveRequest) -> None:
        self.cancel()
        self._request = request
        self._hint = None
        self.last_tasks = ()
        self._turn, self._turns = self._turns, self._turns + 1
        if self.platform.settings.labels:
            self._post(TaskKind.LABEL)
        else:
            self._decide()

    def poll(self) -> MoveReply | None:
        request = self._request
        if request is None:
            return None
        if self._stage is _Stage.LABEL:
            result = self._result()
            if result is not None:
                self._hint = _hint(result)
                self._decide()
        if self._stage is _Stage.CANDIDATES:
            self._offer_candidates(request)
        if self._stage is _Stage.DECIDE:
            result = self._result()
            if result is not None:
                reply = self._crowd_reply(request, result)
                if reply is not None:
                    return self._finish(reply)
        if self._stage is _Stage.STANDIN:
            reply = self._standin()
            if reply is not None:
                return self._finish(reply)
        return None

    def cancel(self) -> None:
        if self._task_id is not None and self.platform.result(self._task_id) is None:
            self.platform.cancel(self._task_id)
        self._request = None
        self._task_id = None
        self._stage = _Stage.IDLE
        self._retry_at = None
        self._standby.cancel()
        if self._analyser is not None:
            self._analyser.cancel()

    def close(self) -> None:
        self.cancel()
        self._standby.close()
        if self._analyser is not None:
            self._analyser.close()

    # -- the stages ---------------------------------------------------------------------------

    def _decision_kind(self) -> TaskKind:
        kinds = self.platform.settings.decision_kinds
        kind = kinds[self._turn % len(kinds)]
        return TaskKind.PROPOSE if kind is TaskKind.RATE and self._analyser is None else kind

    def _decide(self) -> None:
        request = self._request
        if request is None:
            return
        if self._decision_kind() is TaskKind.RATE and self._analyser is not None:
            self._stage = _Stage.CANDIDATES
            self._since = self.platform.now
            self._analyser.analyse(request.game_id, request.ply, request.board)
        else:
            self._post(TaskKind.PROPOSE)

    def _offer_candidates(self, request: MoveRequest) -> None:
        lines = self._analyser.poll() if self._analyser is not None else None
        if lines and (lines[0].game_id, lines[0].ply) == (request.game_id, request.ply):
            self._post(TaskKind.RATE, candidates=tuple(Candidate(line.uci, line.san)
                                                       for line in lines))
        elif self.platform.now - self._since >= CANDIDATES_WAIT_S:
            log.warning("no candidates from the engine at ply %d; the crowd proposes instead",
                        request.ply)
            self._post(TaskKind.PROPOSE)

    def _post(self, kind: TaskKind, candidates: tuple[Candidate, ...] = ()) -> None:
        request = self._request
        if request is None:
            return
        task = self.platform.post(
            kind, game_id=request.game_id, ply=request.ply, board=request.board,
            candidates=candidates,
            question=question_for(self._turn) if kind is TaskKind.LABEL else None,
            hint=self._hint if kind.decides_move else None)
        self._task_id = task.task_id
        self.last_tasks = (*self.last_tasks, task.task_id)
        self._stage = _Stage.LABEL if kind is TaskKind.LABEL else _Stage.DECIDE

    def _result(self) -> TaskResult | None:
        return None if self._task_id is None else self.platform.result(self._task_id)

    def _crowd_reply(self, request: MoveRequest, result: TaskResult) -> MoveReply | None:
        if result.outcome is None:
            log.info("nobody answered task %s in time; the engine stands in at ply %d",
                     result.task.task_id, request.ply)
            self._stage = _Stage.STANDIN
            self._ask_standby()
            return None
        kind = result.task.kind
        author = MoveAuthor.CROWD_RANKED if kind is TaskKind.RATE else MoveAuthor.CROWD
        detail = (f"crowd: {kind.value} {result.task.task_id}, {result.answered} answered, "
                  f"{result.agreeing} agreed")
        return MoveReply(request.game_id, request.ply, chess.Move.from_uci(result.outcome[0]),
                         author, detail)

    def _ask_standby(self) -> None:
        request = self._request
        if request is not None:
            self._standby.request_move(MoveRequest(request.game_id, request.ply,
                                                   request.board.copy()))

    def _standin(self) -> MoveReply | None:
        now = self.platform.now
        if self._retry_at is not None:
            if now < self._retry_at:
                return None
            self._retry_at = None
            self._ask_standby()
        try:
            reply = self._standby.poll()
        except OpponentError as exc:
            # Never shown to the class: the Turk just thinks a little longer.
            log.warning("the standby engine failed (%s); asking again in %.0f s", exc, RETRY_S)
            self._retry_at = now + RETRY_S
            return None
        if reply is None:
            return None
        if reply.author is MoveAuthor.ENGINE:
            return dataclasses.replace(reply, author=MoveAuthor.ENGINE_STANDIN)
        if reply.author is MoveAuthor.BOOK:
            return dataclasses.replace(reply, detail=f"{reply.detail} (standing in)".strip())
        return reply

    def _finish(self, reply: MoveReply) -> MoveReply:
        self._request = None
        self._task_id = None
        self._stage = _Stage.IDLE
        return reply


def _hint(result: TaskResult) -> Hint | None:
    question = result.task.question
    if result.outcome is None or question is None:
        return None
    return Hint(question, result.outcome[0], result.agreeing, result.answered)
