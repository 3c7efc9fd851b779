"""The edge check of an answer: what the server thread can judge before the game loop.

Owns: ``judge_answer`` — against the task the platform last posted (or its absence), whether
an answer from a page is worth passing on: the page has joined, the task is open, the game and
ply are the task's, this worker has not answered it, the answer is one the task accepts. The
platform checks it all again in the game loop; this keeps junk off the queue.

Pure: ``game.crowd`` types and the protocol's messages only.
"""

from __future__ import annotations

from game.crowd.tasks import Task
from game.web.protocol import AnswerGiven


def judge_answer(message: AnswerGiven, task: Task | None, *, joined: bool, closed: bool,
                 answered: bool) -> str | None:
    """The reason to refuse ``message`` (``None``: pass it on).

    :param task: the open task the message names, or ``None`` if none is open by that id.
    :param closed: whether a task by that id was open before (and has closed since).
    :param answered: whether this worker has already answered that task.
    """
    if not joined:
        return "not_joined"
    if task is None:
        return "task_closed" if closed else "no_such_task"
    if message.game_id != task.game_id:
        return "wrong_game"
    if message.ply != task.ply:
        return "wrong_ply"
    if answered:
        return "already_answered"
    if not task.is_valid(message.answer):
        return "invalid_answer"
    return None
