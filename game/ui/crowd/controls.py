"""The teacher's controls: what each one changes.

Owns: ``TeacherAction`` (every control on the projector's panel), ``next_settings`` (the
platform's settings after a control that changes them: task kinds, rule, time per task,
reward, fee; a change that would leave no kind of task deciding the move is refused) and the
steps those controls move through. Pure: no pygame here, so it is tested without a display.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence

from game.crowd.aggregate import Rule
from game.crowd.platform import CrowdSettings
from game.crowd.tasks import TaskKind

WINDOW_STEPS = (10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0)
REWARD_STEPS = (1, 2, 5, 10, 20, 50, 100)
FEE_STEPS = (0, 10, 20, 30, 40, 50, 60)


class TeacherAction(enum.StrEnum):
    OPEN = "open"
    """Open or close the room to new workers."""
    PAUSE = "pause"
    PROPOSE = "propose"
    RATE = "rate"
    LABEL = "label"
    RULE = "rule"
    TIME_DOWN = "time_down"
    TIME_UP = "time_up"
    REWARD_DOWN = "reward_down"
    REWARD_UP = "reward_up"
    FEE_DOWN = "fee_down"
    FEE_UP = "fee_up"
    NAMES = "names"
    """Show the list of pseudonyms, to hide one."""
    END = "end"
    BACK = "back"
    PAGE_BACK = "page_back"
    PAGE_ON = "page_on"


KIND_ACTIONS = {TeacherAction.PROPOSE: TaskKind.PROPOSE, TeacherAction.RATE: TaskKind.RATE,
                TeacherAction.LABEL: TaskKind.LABEL}


def _step(steps: Sequence[float], value: float, direction: int) -> float:
    """The next step from ``value`` in ``direction`` (a value between steps moves to the
    nearest one that way)."""
    if direction > 0:
        return next((s for s in steps if s > value), steps[-1])
    return next((s for s in reversed(steps) if s < value), steps[0])


def next_settings(settings: CrowdSettings, action: TeacherAction) -> CrowdSettings:
    """The settings after ``action`` (unchanged when it would not be valid)."""
    change: dict[str, object] = {}
    if action in KIND_ACTIONS:
        kind = KIND_ACTIONS[action]
        kinds = set(settings.kinds) ^ {kind}
        change["kinds"] = frozenset(kinds)
    elif action is TeacherAction.RULE:
        rules = list(Rule)
        change["rule"] = rules[(rules.index(settings.rule) + 1) % len(rules)]
    elif action in (TeacherAction.TIME_DOWN, TeacherAction.TIME_UP):
        direction = 1 if action is TeacherAction.TIME_UP else -1
        change["window_s"] = _step(WINDOW_STEPS, settings.window_s, direction)
    elif action in (TeacherAction.REWARD_DOWN, TeacherAction.REWARD_UP):
        direction = 1 if action is TeacherAction.REWARD_UP else -1
        change["reward"] = int(_step(REWARD_STEPS, settings.reward, direction))
    elif action in (TeacherAction.FEE_DOWN, TeacherAction.FEE_UP):
        direction = 1 if action is TeacherAction.FEE_UP else -1
        change["fee_percent"] = int(_step(FEE_STEPS, settings.fee_percent, direction))
    if not change:
        return settings
    try:
        return dataclasses.replace(settings, **change)  # type: ignore[arg-type]
    except ValueError:
        return settings  # e.g. the last kind that decides the move cannot be switched off
