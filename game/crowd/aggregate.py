"""How the platform turns many answers into one: the rules a teacher can choose.

Owns: ``Rule`` (plurality, first answer, weighted by each worker's past agreement with the
majority), ``Vote`` (one counted answer, in arrival order), ``aggregate`` (the outcome of a
task's votes under a rule), ``majority`` (the plain plurality outcome, against which workers
are scored), ``agrees`` (whether an answer matches an outcome) and ``worker_weight``.

A ranking (a rating task) is scored by Borda count — the best of three gets 2 points, the
next 1 — so every place in every ranking counts; ties go to the candidate the engine listed
first. Ties between single answers go to the answer that arrived first. Everything here is
deterministic: the same votes in the same order give the same outcome.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from game.crowd.tasks import Answer, TaskKind


class Rule(enum.StrEnum):
    """How a task's answers become its outcome."""

    PLURALITY = "plurality"
    """The answer most workers gave (a ranking: the most Borda points)."""
    FIRST = "first"
    """The first answer that came in."""
    WEIGHTED = "weighted"
    """Each answer counts by its worker's past agreement with the majority."""


@dataclass(frozen=True)
class Vote:
    """One counted answer; ``order`` is its place in the order of arrival (0 first)."""

    worker_id: str
    answer: Answer
    order: int


def worker_weight(agreed: int, answered: int) -> float:
    """A worker's weight: their share of past answers that agreed with the majority, with one
    imagined agreement and one disagreement added so a newcomer starts at one half."""
    return (agreed + 1) / (answered + 2)


def aggregate(kind: TaskKind, votes: Sequence[Vote], rule: Rule, *,
              weights: Mapping[str, float] | None = None,
              candidates: Sequence[str] = ()) -> Answer | None:
    """The outcome of ``votes`` under ``rule``, or ``None`` when nobody answered.

    :param weights: worker id → weight (``WEIGHTED``; a worker not listed weighs 0.5).
    :param candidates: the engine's candidate UCIs, best first (rating tasks: breaks ties).
    """
    if not votes:
        return None
    ordered = sorted(votes, key=lambda v: v.order)
    if rule is Rule.FIRST:
        return ordered[0].answer
    weight = {} if weights is None else weights

    def worth(vote: Vote) -> float:
        return weight.get(vote.worker_id, 0.5) if rule is Rule.WEIGHTED else 1.0

    if kind is TaskKind.RATE:
        return _borda(ordered, worth, candidates)
    scores: dict[Answer, float] = {}
    for vote in ordered:  # dicts keep insertion order: earlier answers win ties
        scores[vote.answer] = scores.get(vote.answer, 0.0) + worth(vote)
    best = max(scores.values())
    return next(answer for answer, score in scores.items() if score == best)


def _borda(votes: Sequence[Vote], worth: Callable[[Vote], float],
           candidates: Sequence[str]) -> Answer:
    order = list(candidates) or list(votes[0].answer)
    points = dict.fromkeys(order, 0.0)
    for vote in votes:
        places = len(vote.answer)
        for place, uci in enumerate(vote.answer):
            if uci in points:
                points[uci] += (places - 1 - place) * worth(vote)
    ranked = sorted(order, key=lambda uci: (-points[uci], order.index(uci)))
    return tuple(ranked)


def majority(kind: TaskKind, votes: Sequence[Vote], *,
             candidates: Sequence[str] = ()) -> Answer | None:
    """The plain plurality outcome: what workers are scored against."""
    return aggregate(kind, votes, Rule.PLURALITY, candidates=candidates)


def agrees(kind: TaskKind, answer: Answer, outcome: Answer | None) -> bool:
    """Whether ``answer`` matches ``outcome``: the same move or label; for a ranking, the
    same first choice (the move that is played)."""
    if outcome is None or not answer:
        return False
    if kind is TaskKind.RATE:
        return answer[0] == outcome[0]
    return answer == outcome
