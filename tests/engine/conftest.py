"""Fixtures for the engine tests: the engine as a real UCI process."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import chess.engine
import pytest

ENGINE_COMMAND = [sys.executable, "-m", "game.engine"]


@pytest.fixture
def uci_engine() -> Iterator[chess.engine.SimpleEngine]:
    """The built-in engine started as its own process and driven through chess.engine."""
    engine = chess.engine.SimpleEngine.popen_uci(ENGINE_COMMAND, timeout=30)
    try:
        yield engine
    finally:
        engine.quit()
