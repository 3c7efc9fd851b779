"""The ledger's sums, as properties: earnings + the platform's fee = rewards paid out."""

from __future__ import annotations

import chess
from hypothesis import given, settings
from hypothesis import strategies as st

from game.crowd.aggregate import Rule, agrees
from game.crowd.ledger import Ledger, split_reward
from game.crowd.platform import CrowdSettings, Platform
from game.crowd.tasks import TaskKind


@given(st.integers(0, 10_000), st.integers(0, 100))
def test_a_split_adds_up_to_the_reward(reward: int, fee_percent: int) -> None:
    fee, earned = split_reward(reward, fee_percent)
    assert fee + earned == reward
    assert 0 <= fee <= reward * fee_percent / 100 < fee + 1


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 100), st.integers(0, 90)),
                max_size=60))
def test_the_ledger_adds_up(payments: list[tuple[int, int, int]]) -> None:
    ledger = Ledger()
    for i, (worker, reward, fee) in enumerate(payments):
        ledger.pay(f"t{i}", f"w{worker}", reward=reward, fee_percent=fee)
    assert ledger.earnings + ledger.fees == ledger.paid_out == sum(r for _, r, _ in payments)
    assert sum(ledger.earned(f"w{w}") for w in range(6)) == ledger.earnings


board = chess.Board()
MOVES = sorted(m.uci() for m in board.legal_moves)[:5]

session_steps = st.lists(st.tuples(
    st.integers(0, 7),                      # which worker
    st.integers(0, 2),                      # which open task (by index)
    st.sampled_from([*MOVES, "e2e5", ""]),  # the answer (two of them never valid)
    st.floats(0, 4),                        # time passing after it
), max_size=80)


@settings(max_examples=60, deadline=None)
@given(session_steps, st.sampled_from(list(Rule)), st.integers(1, 30), st.integers(0, 90))
def test_a_whole_session_pays_only_agreeing_answers_and_adds_up(
        steps: list[tuple[int, int, str, float]], rule: Rule, reward: int,
        fee_percent: int) -> None:
    p = Platform(CrowdSettings(rule=rule, reward=reward, fee_percent=fee_percent,
                               window_s=10))
    workers = [p.join(f"Worker {i}") for i in range(8)]
    tasks = [p.post(TaskKind.PROPOSE, game_id="g", ply=0, board=board) for _ in range(3)]
    for worker, index, move, dt in steps:
        task = tasks[index]
        p.answer(workers[worker].worker_id, task.task_id, game_id="g", ply=0,
                 answer=[move] if move else [])
        p.update(dt)
    p.update(11)
    results = p.results
    assert len(results) == 3
    accepted = 0
    for result in results:
        for record in result.answers:
            assert record.accepted == agrees(TaskKind.PROPOSE, record.answer, result.outcome)
            assert record.answer[0] in MOVES
        accepted += result.agreeing
        assert len(result.payments) == result.agreeing
        assert len({a.worker_id for a in result.answers}) == result.answered
    ledger = p.ledger
    assert ledger.paid_out == accepted * reward
    assert ledger.earnings + ledger.fees == ledger.paid_out
