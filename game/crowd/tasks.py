"""Tasks ("HITs") the platform posts, and the answers a worker may give to each.

Owns: ``TaskKind`` (propose a move, rate the engine's candidates, label the position),
``LabelQuestion``, ``Candidate``, ``Hint`` (what the labellers said, shown to the proposers),
``Task`` (one posted task, a frozen snapshot), ``Answer`` (a tuple of strings: one move, one
ranking, one label) and the checks of an answer against its task. The choices of a task are
computed here with python-chess from the position, so an answer that is not among them (an
illegal move, a ranking of other moves, a label that is not offered) never counts.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import chess

Answer = tuple[str, ...]
"""A move ``(uci,)``, a ranking ``(best, second, third)`` of candidate UCIs, or a label."""


class TaskKind(enum.StrEnum):
    """What a task asks of a worker; each is one layer of hidden work behind AI."""

    PROPOSE = "propose"
    """Choose the move (writing: the text models learn from)."""
    RATE = "rate"
    """Rank the engine's candidate moves (RLHF: people's rankings pick the output)."""
    LABEL = "label"
    """Say something about the position (annotation); it becomes a hint to the proposers."""

    @property
    def decides_move(self) -> bool:
        return self is not TaskKind.LABEL


DECISION_KINDS = (TaskKind.PROPOSE, TaskKind.RATE)


class LabelQuestion(enum.StrEnum):
    """The two questions a labelling task asks."""

    KING_DANGER = "king_danger"
    """Is this side's king in danger? (``yes`` / ``no``)"""
    HANGING = "hanging"
    """Which of this side's pieces is hanging? (a square, or ``none``)"""


YES, NO, NONE = "yes", "no", "none"


@dataclass(frozen=True)
class Candidate:
    """One move the engine offers for rating."""

    uci: str
    san: str


@dataclass(frozen=True)
class Hint:
    """What the labellers said about the position, for the workers who then choose the move."""

    question: LabelQuestion
    label: str
    """``yes``/``no``, a square name, or ``none``."""
    agreeing: int
    answered: int


@dataclass(frozen=True)
class Task:
    """One task as posted: everything a worker needs, nothing about who else is working."""

    task_id: str
    kind: TaskKind
    game_id: str
    ply: int
    fen: str
    """The position the task is about (the side to move is the side the crowd plays)."""
    posted_at: float
    window_s: float
    reward: int
    """Points the requester pays for each accepted answer."""
    fee_percent: int
    """The platform's share of each reward."""
    choices: frozenset[str]
    """Every answer part allowed: legal moves (propose), candidate moves (rate), labels."""
    candidates: tuple[Candidate, ...] = ()
    question: LabelQuestion | None = None
    hint: Hint | None = None

    @property
    def side(self) -> chess.Color:
        return chess.Board(self.fen).turn

    def is_valid(self, answer: Sequence[str]) -> bool:
        """Whether ``answer`` is one this task accepts."""
        return is_valid_answer(self, answer)


def legal_choices(board: chess.Board) -> frozenset[str]:
    """Every legal move in ``board`` as UCI."""
    return frozenset(move.uci() for move in board.legal_moves)


def label_choices(board: chess.Board, question: LabelQuestion) -> frozenset[str]:
    """The labels a worker may give: yes/no, or a square of one of the side to move's pieces
    (not the king) or ``none``."""
    if question is LabelQuestion.KING_DANGER:
        return frozenset({YES, NO})
    squares = {chess.square_name(square) for square, piece in board.piece_map().items()
               if piece.color == board.turn and piece.piece_type != chess.KING}
    return frozenset({*squares, NONE})


def question_for(turk_move_index: int) -> LabelQuestion:
    """The question of the labelling task before the crowd's ``turk_move_index``-th move:
    the two alternate, so neither gives away what the position holds."""
    return LabelQuestion.KING_DANGER if turk_move_index % 2 == 0 else LabelQuestion.HANGING


def is_valid_answer(task: Task, answer: Sequence[str]) -> bool:
    """Whether ``answer`` is among what ``task`` accepts."""
    if not all(isinstance(part, str) for part in answer):
        return False
    if task.kind is TaskKind.RATE:
        wanted = sorted(c.uci for c in task.candidates)
        return len(answer) == len(wanted) and sorted(answer) == wanted
    return len(answer) == 1 and answer[0] in task.choices
