"""Fixtures for the attract loop's tests: a real app (its window under SDL's dummy driver)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.app import App
from tests.attract.helpers import make_app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    app = make_app(tmp_path)
    yield app
    app.close()
