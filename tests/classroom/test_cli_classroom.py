"""`turk classroom` as a real process: it serves the worker page on loopback, refuses what is
not its own, and refuses bad options with one clear line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from game.cli import main

pytestmark = pytest.mark.slow


def test_bad_options_are_refused_with_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classroom", "--tasks", "propose,gossip"]) == 2
    assert "the kinds are propose, rate and label" in capsys.readouterr().err
    assert main(["classroom", "--tasks", "label"]) == 2
    assert "propose or rate" in capsys.readouterr().err
    assert main(["classroom", "--time", "2"]) == 2
    assert "time per task" in capsys.readouterr().err


def test_the_classroom_serves_its_page_and_nothing_else(tmp_path: Path) -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "classroom", "--port", "0", "--data-dir", str(tmp_path),
         "--size", "960x540"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stderr is not None
        url = None
        for line in process.stderr:
            found = re.search(r"the class joins at (http://\S+)", line)
            if found:
                url = found.group(1)
                break
        assert url is not None and url.startswith("http://127.0.0.1:")
        base = url.split("?")[0]
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode()
            assert "Micro-tasks" in page and "/app.js" in page
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        with urllib.request.urlopen(base + "strings/fr.json", timeout=10) as response:
            assert "Rejoindre le travail" in response.read().decode()
        for path in ("../pyproject.toml", "assets/web/app.js", "blocked-names.txt", "ws2"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + path, timeout=10)
            assert refused.value.code == 404
    finally:
        process.terminate()
        process.wait(10)
