"""Test set-up shared by every test.

SDL must be told to use its dummy video and audio drivers before pygame is imported
anywhere, so these variables are set at the very top, before any other import.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fail_on_error_logs(caplog: pytest.LogCaptureFixture,
                        request: pytest.FixtureRequest) -> Iterator[None]:
    """Any ERROR log fails the test, unless the test is marked ``expect_error_log``."""
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("expect_error_log"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("unexpected ERROR log: " + "; ".join(r.getMessage() for r in errors))
