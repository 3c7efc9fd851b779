"""The must-show harness, short: the real kiosk process killed with SIGKILL at random moments
of scripted games and started again, checked after every start (``tests.crash.harness``).

The suite runs ``TURK_CRASH_KILLS`` kills (default 10, a minute or two); the full run is
``python -m tests.crash.harness --kills 100`` (the README gives the command and its numbers).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.crash.harness import Harness, summary

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

KILLS = int(os.environ.get("TURK_CRASH_KILLS", "10"))


def test_nothing_is_lost_when_the_kiosk_is_killed_at_random_moments(tmp_path: Path) -> None:
    numbers = Harness(tmp_path / "data", tmp_path / "logs", seed=7).run(KILLS)
    print(summary(numbers))
    assert numbers["kills"] == KILLS
    assert numbers["starts checked"] >= KILLS - numbers.get("killed during start-up", 0)
    assert numbers["moves shown"] > 0 and numbers["errors logged"] == 0
