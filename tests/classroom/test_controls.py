"""The teacher's controls change the platform's settings, never into an invalid state."""

from __future__ import annotations

from game.crowd.aggregate import Rule
from game.crowd.platform import CrowdSettings
from game.crowd.tasks import TaskKind
from game.ui.crowd.controls import FEE_STEPS, WINDOW_STEPS, TeacherAction, next_settings


def test_task_kinds_toggle_but_one_that_decides_the_move_stays() -> None:
    settings = CrowdSettings(kinds=frozenset({TaskKind.PROPOSE}))
    with_label = next_settings(settings, TeacherAction.LABEL)
    assert with_label.kinds == {TaskKind.PROPOSE, TaskKind.LABEL}
    assert next_settings(with_label, TeacherAction.PROPOSE) == with_label  # the last one stays
    both = next_settings(with_label, TeacherAction.RATE)
    assert next_settings(both, TeacherAction.PROPOSE).kinds == {TaskKind.RATE, TaskKind.LABEL}


def test_the_rule_cycles_through_every_rule() -> None:
    settings, seen = CrowdSettings(), []
    for _ in Rule:
        seen.append(settings.rule)
        settings = next_settings(settings, TeacherAction.RULE)
    assert seen == list(Rule) and settings.rule is Rule.PLURALITY


def test_steps_move_one_at_a_time_and_stop_at_the_ends() -> None:
    settings = CrowdSettings(window_s=20, fee_percent=20, reward=10)
    assert next_settings(settings, TeacherAction.TIME_UP).window_s == 30
    assert next_settings(settings, TeacherAction.TIME_DOWN).window_s == 15
    assert next_settings(settings, TeacherAction.FEE_UP).fee_percent == 30
    assert next_settings(settings, TeacherAction.REWARD_DOWN).reward == 5
    for _ in range(20):
        settings = next_settings(settings, TeacherAction.TIME_UP)
        settings = next_settings(settings, TeacherAction.FEE_DOWN)
    assert settings.window_s == WINDOW_STEPS[-1] and settings.fee_percent == FEE_STEPS[0]
    assert next_settings(CrowdSettings(window_s=17), TeacherAction.TIME_DOWN).window_s == 15
