"""The platform: posting, answering, closing on time, paying, falling back, pausing."""

from __future__ import annotations

import chess
import pytest

from game.crowd.aggregate import Rule
from game.crowd.names import NameRefusedError, load_blocklist
from game.crowd.platform import (
    AnswerCounted,
    CrowdSettings,
    Platform,
    RoomClosedError,
    TaskClosed,
    TaskPosted,
)
from game.crowd.roster import Roster
from game.crowd.summary import TurkMove, receipt, summarize
from game.crowd.tasks import Candidate, LabelQuestion, TaskKind


def platform(**settings: object) -> Platform:
    tokens = iter(f"token-{i}" for i in range(1000))
    return Platform(CrowdSettings(**settings),  # type: ignore[arg-type]
                    roster=Roster(load_blocklist(["badword"]), token=lambda: next(tokens)))


def post(p: Platform, kind: TaskKind = TaskKind.PROPOSE, **extra: object):  # type: ignore[no-untyped-def]
    return p.post(kind, game_id="g1", ply=1, board=chess.Board(
        "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1"), **extra)


def test_a_task_closes_when_everyone_present_answered_and_pays_the_majority() -> None:
    p = platform(reward=10, fee_percent=20)
    a, b, c = p.join("Ada"), p.join("Bo"), p.join("Cy")
    task = post(p)
    assert isinstance(p.take_events()[-1], TaskPosted)
    assert p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"]) is None
    assert p.answer(b.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"]) is None
    assert p.result(task.task_id) is None
    assert p.answer(c.worker_id, task.task_id, game_id="g1", ply=1, answer=["c7c5"]) is None
    result = p.result(task.task_id)
    assert result is not None and result.outcome == ("e7e5",)
    assert (result.answered, result.agreeing) == (3, 2)
    assert [x.accepted for x in result.answers] == [True, True, False]
    assert p.ledger.earned(a.worker_id) == 8 and p.ledger.earned(c.worker_id) == 0
    assert p.ledger.fees == 4 and p.ledger.paid_out == 20
    events = p.take_events()
    assert sum(isinstance(e, AnswerCounted) for e in events) == 3
    assert isinstance(events[-1], TaskClosed)


def test_bad_answers_are_refused_with_a_reason_and_change_nothing() -> None:
    p = platform()
    a = p.join("Ada")
    p.join("Bo")
    task = post(p)
    checks = [
        (dict(worker_id="w99", task_id=task.task_id, game_id="g1", ply=1, answer=["e7e5"]),
         "unknown_worker"),
        (dict(worker_id=a.worker_id, task_id="t42", game_id="g1", ply=1, answer=["e7e5"]),
         "no_such_task"),
        (dict(worker_id=a.worker_id, task_id=task.task_id, game_id="g2", ply=1,
              answer=["e7e5"]), "wrong_game"),
        (dict(worker_id=a.worker_id, task_id=task.task_id, game_id="g1", ply=2,
              answer=["e7e5"]), "wrong_ply"),
        (dict(worker_id=a.worker_id, task_id=task.task_id, game_id="g1", ply=1,
              answer=["e7e4"]), "invalid_answer"),
        (dict(worker_id=a.worker_id, task_id=task.task_id, game_id="g1", ply=1,
              answer=["e7e5", "d7d5"]), "invalid_answer"),
    ]
    for kwargs, reason in checks:
        worker_id, task_id = kwargs.pop("worker_id"), kwargs.pop("task_id")
        refusal = p.answer(str(worker_id), str(task_id), **kwargs)  # type: ignore[arg-type]
        assert refusal is not None and refusal.reason == reason
    assert not p.has_answered(a.worker_id, task.task_id)
    assert p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"]) is None
    again = p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["d7d5"])
    assert again is not None and again.reason == "already_answered"


def test_nobody_answering_in_time_leaves_the_move_to_the_engine() -> None:
    p = platform(window_s=10)
    p.join("Ada")
    task = post(p)
    p.update(9.9)
    assert p.result(task.task_id) is None
    p.update(0.2)
    result = p.result(task.task_id)
    assert result is not None and result.stood_in and result.outcome is None
    assert p.ledger.paid_out == 0


def test_an_empty_room_closes_a_task_at_once() -> None:
    p = platform()
    task = post(p)
    p.update(0.0)
    result = p.result(task.task_id)
    assert result is not None and result.stood_in


def test_a_pause_stops_the_clock_and_refuses_answers() -> None:
    p = platform(window_s=10)
    a = p.join("Ada")
    p.join("Bo")
    task = post(p)
    p.set_paused(True)
    p.update(60)
    assert p.result(task.task_id) is None
    refusal = p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"])
    assert refusal is not None and refusal.reason == "paused"
    p.set_paused(False)
    p.update(9.0)
    assert p.result(task.task_id) is None
    p.update(1.5)
    assert p.result(task.task_id) is not None


def test_a_worker_who_drops_and_returns_keeps_their_earnings() -> None:
    p = platform()
    a, b = p.join("Ada"), p.join("Bo")
    task = post(p)
    p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"])
    p.answer(b.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"])
    earned = p.ledger.earned(a.worker_id)
    assert earned > 0
    p.leave(a.worker_id)
    p.update(5)
    back = p.resume(a.token)
    assert back is not None and back.worker_id == a.worker_id and back.connected
    assert p.ledger.earned(back.worker_id) == earned
    assert p.resume("not-a-token") is None


def test_a_task_closes_when_the_last_one_missing_leaves() -> None:
    p = platform()
    a, b = p.join("Ada"), p.join("Bo")
    task = post(p)
    p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"])
    p.leave(b.worker_id)
    assert p.result(task.task_id) is not None


def test_rating_and_labelling_tasks_accept_only_their_own_answers() -> None:
    p = platform()
    a = p.join("Ada")
    p.join("Bo")
    candidates = [Candidate("e7e5", "e5"), Candidate("c7c5", "c5"), Candidate("e7e6", "e6")]
    rate = post(p, TaskKind.RATE, candidates=candidates)
    bad = p.answer(a.worker_id, rate.task_id, game_id="g1", ply=1, answer=["e7e5", "c7c5"])
    assert bad is not None and bad.reason == "invalid_answer"
    assert p.answer(a.worker_id, rate.task_id, game_id="g1", ply=1,
                    answer=["c7c5", "e7e5", "e7e6"]) is None
    label = post(p, TaskKind.LABEL, question=LabelQuestion.HANGING)
    assert "none" in label.choices and "e8" not in label.choices and "d8" in label.choices
    wrong = p.answer(a.worker_id, label.task_id, game_id="g1", ply=1, answer=["d1"])
    assert wrong is not None and wrong.reason == "invalid_answer"
    with pytest.raises(ValueError):
        post(p, TaskKind.RATE, candidates=[Candidate("e2e4", "e4")])
    with pytest.raises(ValueError):
        post(p, TaskKind.LABEL)


def test_a_closed_room_refuses_new_workers_and_names_are_filtered() -> None:
    p = platform()
    with pytest.raises(NameRefusedError) as refused:
        p.join("  B4dw0rd ")
    assert refused.value.reason == "name_blocked"
    assert p.join("Ada").name == "Ada"
    assert p.join("ada").name == "ada 2"
    p.set_open(False)
    with pytest.raises(RoomClosedError):
        p.join("Cy")


def test_first_answer_rule_pays_those_who_agree_with_the_first() -> None:
    p = platform(rule=Rule.FIRST)
    a, b, c = p.join("Ada"), p.join("Bo"), p.join("Cy")
    task = post(p)
    for worker, move in ((b, "c7c5"), (a, "e7e5"), (c, "c7c5")):
        p.answer(worker.worker_id, task.task_id, game_id="g1", ply=1, answer=[move])
    result = p.result(task.task_id)
    assert result is not None and result.outcome == ("c7c5",)
    assert p.ledger.earned(a.worker_id) == 0 and p.ledger.earned(c.worker_id) > 0


def test_settings_are_checked() -> None:
    for bad in (dict(kinds=frozenset({TaskKind.LABEL})), dict(window_s=1), dict(reward=0),
                dict(fee_percent=95)):
        with pytest.raises(ValueError):
            CrowdSettings(**bad)  # type: ignore[arg-type]


def test_summary_and_receipt_add_up() -> None:
    p = platform(reward=5, fee_percent=25, names_hidden=False)
    a, b = p.join("Ada"), p.join("Bo")
    p.roster.set_hidden(b.worker_id, True)
    task = post(p)
    p.answer(a.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"])
    p.update(3)
    p.answer(b.worker_id, task.task_id, game_id="g1", ply=1, answer=["e7e5"])
    summary = summarize(p, game_id="g1", turk_moves=[TurkMove(1, "e5", by_engine=False),
                                                       TurkMove(3, "Nf6", by_engine=True)])
    totals = summary.totals
    assert (totals.workers, totals.tasks, totals.answers, totals.stand_ins) == (2, 1, 2, 1)
    assert totals.earned + totals.platform_cut == totals.paid_out == 10
    assert totals.platform_cut == 2
    paid = summary.moves[0].tasks[0].paid
    assert [(w.worker.number, w.worker.name, w.points) for w in paid] == \
        [(1, "Ada", 4), (2, "", 4)]
    assert summary.moves[1].tasks == ()
    mine = receipt(p, a.worker_id)
    assert mine is not None and (mine.answered, mine.earned, mine.fees) == (1, 4, 1)
    assert mine.class_size == 2 and mine.seconds_on_tasks == 0.0
    theirs = receipt(p, b.worker_id)
    assert theirs is not None and theirs.worker.name == "" and theirs.seconds_on_tasks == 3.0
