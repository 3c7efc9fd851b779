"""A made-up class at work, for screenshots and the docs: a real platform, a real game.

Owns: ``demo_platform`` — 23 workers with ordinary pseudonyms (one hidden by the teacher)
play Black's moves of a short game by labelling, proposing and rating in turn, through the
real platform (its windows, rule, pay and fee); most agree, some do not, a few are slow, and
one move nobody answers, so the engine stands in. ``demo_summary`` is what the reveal reads.
Seeded: the same class every time.

Must not import: pygame or anything above ``game.crowd``.
"""

from __future__ import annotations

import random

import chess

from game.crowd.platform import CrowdSettings, Platform
from game.crowd.roster import Worker
from game.crowd.summary import CrowdSummary, TurkMove, summarize
from game.crowd.tasks import Candidate, Hint, LabelQuestion, TaskKind, question_for

NAMES = ("Ada", "Bo", "Cem", "Dana", "Eli", "Fatou", "Gus", "Hana", "Ivo", "Jun", "Kai",
         "Lea", "Mo", "Nia", "Ola", "Pia", "Quinn", "Rafi", "Sam", "Tess", "Uma", "Vic", "Wen")
GAME = ("e2e4", "e7e5", "g1f3", "b8c6", "f1c4", "g8f6", "d2d3", "f8c5", "c2c3", "d7d6",
        "b2b4", "c5b6", "a2a4", "a7a6", "e1g1", "e8g8")
"""A Giuoco Piano; the class plays Black, and the eighth move nobody answers."""
GAME_ID = "demo-class"


def demo_platform(seed: int = 1770) -> tuple[Platform, tuple[TurkMove, ...]]:
    """The platform after the demo game, and the Turk's moves as the record has them."""
    rng = random.Random(seed)
    platform = Platform(CrowdSettings(kinds=frozenset(TaskKind), window_s=20, reward=10,
                                      fee_percent=20))
    workers = [platform.join(name) for name in NAMES]
    platform.roster.set_hidden(workers[6].worker_id, True)
    board, moves = chess.Board(), []
    for ply, uci in enumerate(GAME):
        move = chess.Move.from_uci(uci)
        if board.turn == chess.BLACK:
            turn = ply // 2
            hint = _label(platform, board, ply, turn, workers=workers, rng=rng) if turn != 3 \
                else None
            kind = TaskKind.PROPOSE if turn % 2 == 0 else TaskKind.RATE
            candidates = _candidates(board, move) if kind is TaskKind.RATE else ()
            task = platform.post(kind, game_id=GAME_ID, ply=ply, board=board,
                                 candidates=candidates, hint=hint)
            answering = [] if turn == 3 else workers
            for worker in answering:
                if rng.random() < 0.9:
                    platform.update(rng.uniform(0.1, 0.8))
                    answer = _answer(kind, move, candidates, board, rng)
                    platform.answer(worker.worker_id, task.task_id, game_id=GAME_ID, ply=ply,
                                    answer=answer)
            platform.update(21.0)
            moves.append(TurkMove(ply, board.san(move), by_engine=not answering))
        board.push(move)
    return platform, tuple(moves)


def _label(platform: Platform, board: chess.Board, ply: int, turn: int, *,
           workers: list[Worker], rng: random.Random) -> Hint | None:
    question = question_for(turn)
    task = platform.post(TaskKind.LABEL, game_id=GAME_ID, ply=ply, board=board,
                         question=question)
    for worker in workers:
        if rng.random() < 0.85:
            platform.update(rng.uniform(0.1, 0.6))
            if question is LabelQuestion.KING_DANGER:
                label = "no" if rng.random() < 0.8 else "yes"
            else:
                label = "none" if rng.random() < 0.7 else rng.choice(sorted(task.choices))
            platform.answer(worker.worker_id, task.task_id, game_id=GAME_ID,
                            ply=ply, answer=[label])
    platform.update(21.0)
    result = platform.result(task.task_id)
    if result is None or result.outcome is None:
        return None
    return Hint(question, result.outcome[0], result.agreeing, result.answered)


def _candidates(board: chess.Board, best: chess.Move) -> tuple[Candidate, ...]:
    others = sorted((m for m in board.legal_moves if m != best), key=chess.Move.uci)[:2]
    return tuple(Candidate(m.uci(), board.san(m)) for m in (best, *others))


def _answer(kind: TaskKind, move: chess.Move, candidates: tuple[Candidate, ...],
            board: chess.Board, rng: random.Random) -> list[str]:
    if kind is TaskKind.RATE:
        order = [c.uci for c in candidates]
        if rng.random() < 0.25:
            order[0], order[1] = order[1], order[0]
        return order
    if rng.random() < 0.75:
        return [move.uci()]
    return [rng.choice(sorted(m.uci() for m in board.legal_moves))]


def demo_summary(seed: int = 1770) -> CrowdSummary:
    platform, moves = demo_platform(seed)
    return summarize(platform, game_id=GAME_ID, turk_moves=moves)
