"""The crowd as the Turk's player: tasks in order, the crowd's move, the engine standing in."""

from __future__ import annotations

import chess

from game.crowd.platform import CrowdSettings, Platform
from game.crowd.tasks import TaskKind
from game.model.records import MoveAuthor
from game.opponents.base import MoveRequest
from game.opponents.crowd import CANDIDATES_WAIT_S, CrowdOpponent
from tests.web.helpers import FirstLegalOpponent, FirstThreeCandidates

BOARD = chess.Board("rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1")


def opponent(*kinds: TaskKind, analyser: object = None) -> tuple[CrowdOpponent, Platform,
                                                                   FirstLegalOpponent]:
    platform = Platform(CrowdSettings(kinds=frozenset(kinds), window_s=10))
    standby = FirstLegalOpponent()
    crowd = CrowdOpponent(platform, standby, analyser=analyser)  # type: ignore[arg-type]
    return crowd, platform, standby


def request(ply: int = 1) -> MoveRequest:
    return MoveRequest("g", ply, BOARD.copy())


def test_label_then_propose_and_the_crowds_move_is_played() -> None:
    crowd, platform, standby = opponent(TaskKind.PROPOSE, TaskKind.LABEL)
    ada, bo = platform.join("Ada"), platform.join("Bo")
    crowd.request_move(request())
    (label,) = platform.open_tasks()
    assert label.kind is TaskKind.LABEL and crowd.poll() is None
    for worker in (ada, bo):
        platform.answer(worker.worker_id, label.task_id, game_id="g", ply=1, answer=["yes"])
    assert crowd.poll() is None  # the proposal is posted now, with the labellers' hint
    (propose,) = platform.open_tasks()
    assert propose.kind is TaskKind.PROPOSE and propose.hint is not None
    assert (propose.hint.label, propose.hint.agreeing) == ("yes", 2)
    for worker in (ada, bo):
        platform.answer(worker.worker_id, propose.task_id, game_id="g", ply=1,
                        answer=["c7c5"])
    reply = crowd.poll()
    assert reply is not None and reply.move.uci() == "c7c5"
    assert reply.author is MoveAuthor.CROWD and standby.asked == 0
    assert crowd.last_tasks == (label.task_id, propose.task_id)


def test_decision_kinds_take_turns_and_the_ranking_decides() -> None:
    crowd, platform, _ = opponent(TaskKind.PROPOSE, TaskKind.RATE,
                                  analyser=FirstThreeCandidates())
    ada = platform.join("Ada")
    crowd.request_move(request())
    assert [t.kind for t in platform.open_tasks()] == [TaskKind.PROPOSE]
    crowd.cancel()
    crowd.request_move(request())
    assert crowd.poll() is None
    (rate,) = platform.open_tasks()
    assert rate.kind is TaskKind.RATE and len(rate.candidates) == 3
    ranking = [c.uci for c in reversed(rate.candidates)]
    platform.answer(ada.worker_id, rate.task_id, game_id="g", ply=1, answer=ranking)
    reply = crowd.poll()
    assert reply is not None and reply.move.uci() == ranking[0]
    assert reply.author is MoveAuthor.CROWD_RANKED


def test_nobody_answering_lets_the_engine_stand_in() -> None:
    crowd, platform, standby = opponent(TaskKind.PROPOSE)
    platform.join("Ada")
    crowd.request_move(request())
    platform.update(10.5)
    reply = crowd.poll()
    assert reply is not None and reply.author is MoveAuthor.ENGINE_STANDIN
    assert standby.asked == 1


def test_cancel_withdraws_the_open_task_and_nobody_is_paid() -> None:
    crowd, platform, _ = opponent(TaskKind.PROPOSE)
    ada, _bo = platform.join("Ada"), platform.join("Bo")
    crowd.request_move(request())
    (task,) = platform.open_tasks()
    platform.answer(ada.worker_id, task.task_id, game_id="g", ply=1, answer=["e7e5"])
    crowd.cancel()
    result = platform.result(task.task_id)
    assert result is not None and result.cancelled and not result.payments
    assert platform.open_tasks() == () and crowd.poll() is None


class SilentAnalyser(FirstThreeCandidates):
    def poll(self):  # type: ignore[no-untyped-def]
        return None


def test_the_crowd_proposes_when_the_engine_offers_no_candidates_in_time() -> None:
    crowd, platform, _ = opponent(TaskKind.RATE, analyser=SilentAnalyser())
    platform.join("Ada")
    crowd.request_move(request())
    assert crowd.poll() is None and platform.open_tasks() == ()
    platform.update(CANDIDATES_WAIT_S + 0.1)
    assert crowd.poll() is None
    assert [t.kind for t in platform.open_tasks()] == [TaskKind.PROPOSE]
