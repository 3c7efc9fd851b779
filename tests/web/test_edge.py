"""The server's edge check of an answer, before anything reaches the game loop."""

from __future__ import annotations

import chess

from game.crowd.platform import CrowdSettings, Platform
from game.crowd.tasks import TaskKind
from game.web.edge import judge_answer
from game.web.protocol import AnswerGiven

TASK = Platform(CrowdSettings()).post(TaskKind.PROPOSE, game_id="g", ply=0,
                                      board=chess.Board())


def judge(answer: AnswerGiven, **state: bool) -> str | None:
    settings = {"joined": True, "closed": False, "answered": False, **state}
    return judge_answer(answer, TASK, **settings)


def test_a_good_answer_passes() -> None:
    assert judge(AnswerGiven(TASK.task_id, "g", 0, ("e2e4",))) is None


def test_each_flaw_has_its_reason() -> None:
    good = AnswerGiven(TASK.task_id, "g", 0, ("e2e4",))
    assert judge(good, joined=False) == "not_joined"
    assert judge(good, answered=True) == "already_answered"
    assert judge(AnswerGiven(TASK.task_id, "h", 0, ("e2e4",))) == "wrong_game"
    assert judge(AnswerGiven(TASK.task_id, "g", 1, ("e2e4",))) == "wrong_ply"
    assert judge(AnswerGiven(TASK.task_id, "g", 0, ("e2e5",))) == "invalid_answer"
    assert judge(AnswerGiven(TASK.task_id, "g", 0, ("e2e4", "d2d4"))) == "invalid_answer"
    assert judge_answer(good, None, joined=True, closed=True, answered=False) == "task_closed"
    assert judge_answer(good, None, joined=True, closed=False, answered=False) == \
        "no_such_task"
