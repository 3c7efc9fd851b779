"""What a crowd game adds up to: the typed summary the reveal reads, and each worker's receipt.

Owns: ``summarize`` — from the platform's closed tasks and the Turk's moves, a frozen
``CrowdSummary``: for each Turk move the tasks behind it (``TaskLine``: kind, how many
answered, how many agreed, who was paid what), the totals (``CrowdTotals``: workers, tasks,
minutes worked, points per worker, the platform's cut, the engine's stand-ins) and a line per
worker. ``receipt`` gives one worker their own. A hidden pseudonym stays hidden here: a
``WorkerLabel`` carries the name only when it may be shown, and always the worker's number.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.crowd.aggregate import Rule
from game.crowd.ledger import Payment
from game.crowd.platform import Platform, TaskResult
from game.crowd.roster import Worker
from game.crowd.tasks import LabelQuestion, TaskKind


@dataclass(frozen=True)
class WorkerLabel:
    """How a worker is named in front of the class."""

    number: int
    name: str
    """The pseudonym, or ``""`` when it is hidden (show "worker N" then)."""


@dataclass(frozen=True)
class PaidWorker:
    worker: WorkerLabel
    points: int


@dataclass(frozen=True)
class TaskLine:
    """One task behind a Turk move."""

    task_id: str
    kind: TaskKind
    question: LabelQuestion | None
    answered: int
    agreeing: int
    outcome: tuple[str, ...]
    """The aggregated answer (empty when nobody answered or the task was withdrawn)."""
    stood_in: bool
    reward: int
    fee_percent: int
    paid: tuple[PaidWorker, ...]

    @property
    def agreement_percent(self) -> int:
        return round(100 * self.agreeing / self.answered) if self.answered else 0


@dataclass(frozen=True)
class TurkMove:
    """One of the Turk's moves in the game, as the record has it."""

    ply: int
    san: str
    by_engine: bool
    """The engine made it (nobody answered in time, or no task could be posted)."""


@dataclass(frozen=True)
class MoveWork:
    """A Turk move and the work behind it."""

    ply: int
    san: str
    by_engine: bool
    tasks: tuple[TaskLine, ...]


@dataclass(frozen=True)
class WorkerLine:
    worker: WorkerLabel
    answered: int
    accepted: int
    earned: int
    seconds_on_tasks: float


@dataclass(frozen=True)
class CrowdTotals:
    workers: int
    """Workers who answered at least one task."""
    joined: int
    tasks: int
    answers: int
    accepted: int
    rejected: int
    seconds_worked: float
    """Time on tasks, every worker's added up."""
    paid_out: int
    """What the requester paid: earnings plus the platform's cut."""
    earned: int
    platform_cut: int
    fee_percent: int
    stand_ins: int
    """Turk moves the engine made for a crowd that did not answer."""
    rule: Rule
    earned_by_worker: tuple[int, ...]
    """Each worker's earnings (workers who answered), highest first."""

    @property
    def minutes_worked(self) -> int:
        """Whole minutes, rounded; at least 1 for any work at all."""
        if self.seconds_worked <= 0:
            return 0
        return max(1, round(self.seconds_worked / 60))

    @property
    def points_per_worker(self) -> int:
        """Average earnings of a worker who answered (rounded down)."""
        return self.earned // self.workers if self.workers else 0


@dataclass(frozen=True)
class CrowdSummary:
    """Everything the reveal says about the crowd of one game."""

    game_id: str
    moves: tuple[MoveWork, ...]
    totals: CrowdTotals
    workers: tuple[WorkerLine, ...]
    kinds: frozenset[TaskKind]
    """The kinds of task posted in this game."""


@dataclass(frozen=True)
class Receipt:
    """One worker's own account of the session, for their phone."""

    worker: WorkerLabel
    answered: int
    accepted: int
    rejected: int
    earned: int
    fees: int
    """What the platform kept of the rewards for this worker's answers."""
    seconds_on_tasks: float
    seconds_connected: float
    class_size: int
    tasks: int


def label(worker: Worker, *, names_hidden: bool) -> WorkerLabel:
    hidden = names_hidden or worker.hidden
    return WorkerLabel(worker.number, "" if hidden else worker.name)


def _task_line(result: TaskResult, labels: dict[str, WorkerLabel]) -> TaskLine:
    task = result.task
    paid = tuple(PaidWorker(labels[p.worker_id], p.earned) for p in result.payments
                 if p.worker_id in labels)
    return TaskLine(task.task_id, task.kind, task.question, result.answered, result.agreeing,
                    result.outcome or (), result.stood_in, task.reward, task.fee_percent, paid)


def summarize(platform: Platform, *, game_id: str, turk_moves: Sequence[TurkMove]) -> CrowdSummary:
    """The crowd's work in game ``game_id`` (tasks of other games are left out)."""
    hidden = platform.settings.names_hidden
    labels = {w.worker_id: label(w, names_hidden=hidden) for w in platform.roster.workers}
    results = [r for r in platform.results if r.task.game_id == game_id and not r.cancelled]
    by_ply: dict[int, list[TaskLine]] = {}
    for result in results:
        by_ply.setdefault(result.task.ply, []).append(_task_line(result, labels))
    moves = tuple(MoveWork(m.ply, m.san, m.by_engine, tuple(by_ply.get(m.ply, ())))
                  for m in turk_moves)
    task_ids = {r.task.task_id for r in results}
    payments = [p for p in platform.ledger.payments if p.task_id in task_ids]
    lines = _worker_lines(results, labels, payments)
    answers = sum(r.answered for r in results)
    accepted = sum(r.agreeing for r in results)
    totals = CrowdTotals(
        workers=len(lines), joined=len(platform.roster), tasks=len(results), answers=answers,
        accepted=accepted, rejected=answers - accepted,
        seconds_worked=sum(a.seconds for r in results for a in r.answers),
        paid_out=sum(p.reward for p in payments), earned=sum(p.earned for p in payments),
        platform_cut=sum(p.fee for p in payments),
        fee_percent=platform.settings.fee_percent,
        stand_ins=sum(1 for m in turk_moves if m.by_engine), rule=platform.settings.rule,
        earned_by_worker=tuple(sorted((line.earned for line in lines), reverse=True)))
    kinds = frozenset(r.task.kind for r in results)
    return CrowdSummary(game_id, moves, totals, tuple(lines), kinds)


def _worker_lines(results: Sequence[TaskResult], labels: dict[str, WorkerLabel],
                  payments: Sequence[Payment]) -> list[WorkerLine]:
    answered: dict[str, list[float]] = {}
    accepted: dict[str, int] = {}
    for result in results:
        for record in result.answers:
            answered.setdefault(record.worker_id, []).append(record.seconds)
            accepted[record.worker_id] = accepted.get(record.worker_id, 0) + int(record.accepted)
    earned: dict[str, int] = {}
    for payment in payments:
        earned[payment.worker_id] = earned.get(payment.worker_id, 0) + payment.earned
    return [WorkerLine(labels[w], len(seconds), accepted.get(w, 0), earned.get(w, 0),
                       sum(seconds))
            for w, seconds in answered.items() if w in labels]


def receipt(platform: Platform, worker_id: str) -> Receipt | None:
    """``worker_id``'s receipt for the whole session so far (``None``: no such worker)."""
    worker = platform.roster.get(worker_id)
    if worker is None:
        return None
    mine = [a for r in platform.results for a in r.answers if a.worker_id == worker_id]
    paid = [p for p in platform.ledger.payments if p.worker_id == worker_id]
    accepted = sum(1 for a in mine if a.accepted)
    class_size = len({a.worker_id for r in platform.results for a in r.answers})
    return Receipt(label(worker, names_hidden=platform.settings.names_hidden),
                   answered=len(mine), accepted=accepted, rejected=len(mine) - accepted,
                   earned=sum(p.earned for p in paid), fees=sum(p.fee for p in paid),
                   seconds_on_tasks=sum(a.seconds for a in mine),
                   seconds_connected=worker.time_connected(platform.now),
                   class_size=class_size,
                   tasks=sum(1 for r in platform.results if not r.cancelled))
