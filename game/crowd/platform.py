"""The platform in the middle: posts tasks, collects answers on time, aggregates, pays.

Owns: ``CrowdSettings`` (what the teacher chose: task kinds, rule, time per task, reward,
fee, whether pseudonyms are hidden), ``Platform`` (the room, its roster, every task posted and
every answer, the ledger) and the records and events it hands out: ``AnswerRecord``,
``TaskResult``, ``Refusal`` and the ``PlatformEvent`` values (a task posted, an answer
counted, a task closed, the room changed) that the web layer carries to the workers.

A task stays open for its window; it closes early when every worker present has answered.
When it closes its answers are aggregated by the rule, the answers that agree with the
outcome are accepted and paid (the platform keeping its fee), the others are rejected unpaid,
and every worker's agreement with the plain majority is scored for the weighted rule. A task
nobody answered closes with no outcome: whoever posted it falls back to the engine. Time comes
in through ``update(dt)``; while the room is paused the windows stand still.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import chess

from game.crowd.aggregate import Rule, Vote, aggregate, agrees, majority, worker_weight
from game.crowd.ledger import Ledger, Payment
from game.crowd.roster import Roster, Worker
from game.crowd.tasks import (
    Answer,
    Candidate,
    Hint,
    LabelQuestion,
    Task,
    TaskKind,
    label_choices,
    legal_choices,
)

WINDOW_S = (5.0, 120.0)
"""The shortest and longest time per task a teacher may set."""
REWARD = (1, 100)
FEE_PERCENT = (0, 90)


class RoomClosedError(ValueError):
    """The teacher has closed the room to new workers."""


@dataclass(frozen=True)
class CrowdSettings:
    """What the teacher chose. Changes apply to tasks posted afterwards."""

    kinds: frozenset[TaskKind] = frozenset({TaskKind.PROPOSE})
    rule: Rule = Rule.PLURALITY
    window_s: float = 20.0
    reward: int = 10
    fee_percent: int = 20
    names_hidden: bool = False
    """Show every worker as "worker N" (the reveal and the receipts too)."""

    def __post_init__(self) -> None:
        if not any(kind.decides_move for kind in self.kinds):
            raise ValueError("choose at least one kind of task that decides the move "
                             "(propose or rate)")
        if not WINDOW_S[0] <= self.window_s <= WINDOW_S[1]:
            raise ValueError(f"time per task must be {WINDOW_S[0]:g} to {WINDOW_S[1]:g} s")
        if not REWARD[0] <= self.reward <= REWARD[1]:
            raise ValueError(f"the reward must be {REWARD[0]} to {REWARD[1]} points")
        if not FEE_PERCENT[0] <= self.fee_percent <= FEE_PERCENT[1]:
            raise ValueError(f"the fee must be {FEE_PERCENT[0]} to {FEE_PERCENT[1]} %")

    @property
    def decision_kinds(self) -> tuple[TaskKind, ...]:
        """The kinds that decide a move, in a fixed order (they take turns, move by move)."""
        return tuple(kind for kind in (TaskKind.PROPOSE, TaskKind.RATE) if kind in self.kinds)

    @property
    def labels(self) -> bool:
        return TaskKind.LABEL in self.kinds


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as counted, and (once its task closed) whether it was accepted."""

    task_id: str
    worker_id: str
    answer: Answer
    order: int
    received_at: float
    seconds: float
    """Time the worker spent on the task (from when they could see it to their answer)."""
    accepted: bool = False


@dataclass(frozen=True)
class TaskResult:
    """A closed task: its answers, its outcome, and who was paid what."""

    task: Task
    outcome: Answer | None
    """``None`` when nobody answered (or the task was cancelled)."""
    answers: tuple[AnswerRecord, ...]
    payments: tuple[Payment, ...]
    closed_at: float
    cancelled: bool = False

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def agreeing(self) -> int:
        return sum(1 for a in self.answers if a.accepted)

    @property
    def stood_in(self) -> bool:
        """Nobody answered in time: the engine has to stand in."""
        return self.outcome is None and not self.cancelled


@dataclass(frozen=True)
class Refusal:
    """An answer or a join that changed nothing; ``reason`` is a key the page can show."""

    reason: str


@dataclass(frozen=True)
class TaskPosted:
    task: Task


@dataclass(frozen=True)
class AnswerCounted:
    task_id: str
    worker_id: str


@dataclass(frozen=True)
class TaskClosed:
    result: TaskResult


@dataclass(frozen=True)
class RoomChanged:
    open: bool
    paused: bool
    ended: bool


PlatformEvent = TaskPosted | AnswerCounted | TaskClosed | RoomChanged


@dataclass
class _Open:
    task: Task
    deadline: float
    answers: list[AnswerRecord] = field(default_factory=list)
    answered_by: set[str] = field(default_factory=set)


class Platform:
    """One classroom session's platform.

    :param roster: the workers (a new, empty roster by default).
    """

    def __init__(self, settings: CrowdSettings | None = None, *,
                 roster: Roster | None = None) -> None:
        self.settings = settings if settings is not None else CrowdSettings()
        self.roster = roster if roster is not None else Roster()
        self.ledger = Ledger()
        self.now = 0.0
        self.is_open = True
        self.is_paused = False
        self.has_ended = False
        self._next_task = 1
        self._order = 0
        self._open: dict[str, _Open] = {}
        self._results: dict[str, TaskResult] = {}
        self._scores: dict[str, tuple[int, int]] = {}
        """worker id → (agreed with the majority, answered)."""
        self._events: list[PlatformEvent] = []

    # -- the teacher --------------------------------------------------------------------------

    def configure(self, settings: CrowdSettings) -> None:
        """Use ``settings`` for the tasks posted from now on."""
        self.settings = settings

    def set_open(self, is_open: bool) -> None:
        """Open the room to new workers, or close it (those inside keep working)."""
        self.is_open = is_open
        self._room_changed()

    def set_paused(self, paused: bool) -> None:
        """Pause: the windows stand still and answers wait; or carry on."""
        self.is_paused = paused
        self._room_changed()

    def end(self) -> None:
        """The session is over: open tasks are cancelled, the room closes."""
        for task_id in list(self._open):
            self.cancel(task_id)
        self.has_ended, self.is_open, self.is_paused = True, False, False
        self._room_changed()

    def _room_changed(self) -> None:
        self._events.append(RoomChanged(self.is_open, self.is_paused, self.has_ended))

    # -- workers ------------------------------------------------------------------------------

    def join(self, name: str) -> Worker:
        """A worker joins under pseudonym ``name``.

        :raises RoomClosedError: if the room is closed.
        :raises NameRefusedError: if the pseudonym is refused.
        :raises RoomFullError: if the room is full.
        """
        if not self.is_open:
            raise RoomClosedError("room_closed")
        return self.roster.join(name, self.now)

    def resume(self, token: str) -> Worker | None:
        """The worker with resume ``token`` is back (``None``: no such worker)."""
        return self.roster.resume(token, self.now)

    def leave(self, worker_id: str) -> None:
        self.roster.leave(worker_id, self.now)
        self._close_if_done()

    def weight(self, worker_id: str) -> float:
        """The worker's weight under the weighted rule, from their record so far."""
        agreed, answered = self._scores.get(worker_id, (0, 0))
        return worker_weight(agreed, answered)

    # -- tasks --------------------------------------------------------------------------------

    def post(self, kind: TaskKind, *, game_id: str, ply: int, board: chess.Board,
             candidates: Sequence[Candidate] = (), question: LabelQuestion | None = None,
             hint: Hint | None = None) -> Task:
        """Post a task about ``board`` (the side to move is the side the crowd plays).

        :raises ValueError: for a rating task without candidates, a label task without a
            question, or candidates that are not legal moves.
        """
        choices: frozenset[str]
        if kind is TaskKind.RATE:
            choices = frozenset(c.uci for c in candidates)
            if not choices or not choices <= legal_choices(board):
                raise ValueError("a rating task needs legal candidate moves")
        elif kind is TaskKind.LABEL:
            if question is None:
                raise ValueError("a label task needs a question")
            choices = label_choices(board, question)
        else:
            choices = legal_choices(board)
        settings = self.settings
        task = Task(f"t{self._next_task}", kind, game_id, ply, board.fen(), self.now,
                    settings.window_s, settings.reward, settings.fee_percent, choices,
                    tuple(candidates) if kind is TaskKind.RATE else (),
                    question if kind is TaskKind.LABEL else None, hint)
        self._next_task += 1
        self._open[task.task_id] = _Open(task, self.now + settings.window_s)
        self._events.append(TaskPosted(task))
        return task

    def answer(self, worker_id: str, task_id: str, *, game_id: str, ply: int,
               answer: Sequence[str]) -> Refusal | None:
        """Count ``answer`` from ``worker_id``; ``None`` if counted, else why not (nothing
        changed)."""
        worker = self.roster.get(worker_id)
        refusal = self._check(worker, task_id, game_id, ply, answer)
        if refusal is not None or worker is None:
            return refusal or Refusal("unknown_worker")
        entry = self._open[task_id]
        seen_from = max(entry.task.posted_at, worker.connected_since or entry.task.posted_at)
        entry.answers.append(AnswerRecord(task_id, worker_id, tuple(answer), self._order,
                                          self.now, max(0.0, self.now - seen_from)))
        entry.answered_by.add(worker_id)
        self._order += 1
        self._events.append(AnswerCounted(task_id, worker_id))
        self._close_if_done()
        return None

    def _check(self, worker: Worker | None, task_id: str, game_id: str, ply: int,
               answer: Sequence[str]) -> Refusal | None:
        if worker is None:
            return Refusal("unknown_worker")
        entry = self._open.get(task_id)
        if entry is None:
            return Refusal("task_closed" if task_id in self._results else "no_such_task")
        task = entry.task
        if game_id != task.game_id:
            return Refusal("wrong_game")
        if ply != task.ply:
            return Refusal("wrong_ply")
        if self.is_paused:
            return Refusal("paused")
        if worker.worker_id in entry.answered_by:
            return Refusal("already_answered")
        if not task.is_valid(answer):
            return Refusal("invalid_answer")
        return None

    def cancel(self, task_id: str) -> None:
        """Withdraw an open task (the game ended or moved on): no outcome, nobody paid."""
        entry = self._open.pop(task_id, None)
        if entry is not None:
            self._finish(TaskResult(entry.task, None, tuple(entry.answers), (), self.now,
                                    cancelled=True))

    def update(self, dt: float) -> None:
        """``dt`` seconds pass: tasks whose window has run out close."""
        self.now += dt
        if self.is_paused:
            for entry in self._open.values():
                entry.deadline += dt
            return
        for task_id, entry in list(self._open.items()):
            if self.now >= entry.deadline or (not self.roster.present() and not entry.answers):
                self._close(task_id)

    def _close_if_done(self) -> None:
        present = {w.worker_id for w in self.roster.present()}
        for task_id, entry in list(self._open.items()):
            if entry.answers and present <= entry.answered_by:
                self._close(task_id)

    def _close(self, task_id: str) -> None:
        entry = self._open.pop(task_id)
        task = entry.task
        votes = [Vote(a.worker_id, a.answer, a.order) for a in entry.answers]
        ranked = [c.uci for c in task.candidates]
        weights = {v.worker_id: self.weight(v.worker_id) for v in votes}
        outcome = aggregate(task.kind, votes, self.settings.rule, weights=weights,
                            candidates=ranked)
        plain = majority(task.kind, votes, candidates=ranked)
        answers, payments = [], []
        for record in entry.answers:
            accepted = agrees(task.kind, record.answer, outcome)
            answers.append(dataclasses.replace(record, accepted=accepted))
            if accepted:
                payments.append(self.ledger.pay(task_id, record.worker_id, reward=task.reward,
                                                fee_percent=task.fee_percent))
            agreed, answered = self._scores.get(record.worker_id, (0, 0))
            with_majority = agrees(task.kind, record.answer, plain)
            self._scores[record.worker_id] = (agreed + int(with_majority), answered + 1)
        self._finish(TaskResult(task, outcome, tuple(answers), tuple(payments), self.now))

    def _finish(self, result: TaskResult) -> None:
        self._results[result.task.task_id] = result
        self._events.append(TaskClosed(result))

    # -- what others read ---------------------------------------------------------------------

    def open_tasks(self) -> tuple[Task, ...]:
        """The tasks open now, oldest first."""
        return tuple(entry.task for entry in self._open.values())

    def deadline(self, task_id: str) -> float | None:
        """When the open task ``task_id`` closes at the latest (platform time)."""
        entry = self._open.get(task_id)
        return None if entry is None else entry.deadline

    def answers_to(self, task_id: str) -> int:
        """How many answers the open task ``task_id`` has (a count, never who)."""
        entry = self._open.get(task_id)
        return 0 if entry is None else len(entry.answers)

    def has_answered(self, worker_id: str, task_id: str) -> bool:
        entry = self._open.get(task_id)
        return entry is not None and worker_id in entry.answered_by

    def result(self, task_id: str) -> TaskResult | None:
        """The closed task's result (``None`` while it is open, or if it never was)."""
        return self._results.get(task_id)

    @property
    def results(self) -> tuple[TaskResult, ...]:
        """Every closed task, in the order they closed."""
        return tuple(self._results.values())

    @property
    def tasks_posted(self) -> int:
        return self._next_task - 1

    def take_events(self) -> list[PlatformEvent]:
        """What happened since the last call, oldest first."""
        events, self._events = self._events, []
        return events
