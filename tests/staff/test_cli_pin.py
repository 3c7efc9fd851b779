"""`turk kiosk --set-pin`, a plain PIN written by hand, and what the log says at start-up."""

from __future__ import annotations

import getpass
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import cli
from game.config import Settings
from game.model.pin import hash_pin, verify_pin
from game.settings_file import SettingsFile

PIN = "80461357"


def answers(monkeypatch: pytest.MonkeyPatch, *typed: str) -> list[str]:
    prompts: list[str] = []
    replies: Iterator[str] = iter(typed)

    def fake(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(replies)

    monkeypatch.setattr(getpass, "getpass", fake)
    return prompts


def test_set_pin_asks_twice_and_keeps_only_the_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "settings.toml"
    path.write_text("# room 3\n[kiosk]\nenabled = true\n")
    prompts = answers(monkeypatch, PIN, PIN)
    assert cli.main(["kiosk", "--set-pin", "--settings", str(path)]) == 0
    assert len(prompts) == 2
    text = path.read_text()
    assert text.startswith("# room 3\n[kiosk]\nenabled = true\npin_hash = \"scrypt$")
    assert verify_pin(PIN, SettingsFile(path).read().pin_hash)
    out = capsys.readouterr()
    for where in (text, out.out, out.err, caplog.text):
        assert PIN not in where


@pytest.mark.parametrize("typed, complaint", [((PIN, "80461358"), "the two PINs differ"),
                                              (("12", "12"), "4 to 12 digits")])
def test_set_pin_refuses_a_mismatch_or_a_bad_pin(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        typed: tuple[str, str], complaint: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[kiosk]\nenabled = true\n")
    answers(monkeypatch, *typed)
    assert cli.main(["kiosk", "--set-pin", "--settings", str(path)]) == 2
    assert complaint in capsys.readouterr().err
    assert path.read_text() == "[kiosk]\nenabled = true\n"


def test_a_kiosk_without_a_pin_says_it_has_no_staff_menu(
        caplog: pytest.LogCaptureFixture) -> None:
    cli._log_staff_access(Settings(kiosk=True))
    assert "no staff PIN is set, so this kiosk has no staff menu" in caplog.text
    assert "--set-pin" in caplog.text
    caplog.clear()
    cli._log_staff_access(Settings(kiosk=True, pin_hash=hash_pin("2468")))
    assert "no staff menu" not in caplog.text


@pytest.mark.slow
def test_a_plain_pin_is_hashed_at_start_up_and_never_logged(tmp_path: Path) -> None:
    """The real program starts as a kiosk with `pin = "…"` in its settings file."""
    path, data = tmp_path / "settings.toml", tmp_path / "data"
    path.write_text(f'[kiosk]\nenabled = true\npin = "{PIN}"  # Maria, 12 May\n'
                    '[game]\ngreeting = false\nshow = false\n[sound]\nmute = true\n')
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    log = data / "logs" / "turk.log"
    with open(tmp_path / "stderr.txt", "w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "game", "--settings", str(path), "--data-dir", str(data),
             "--size", "640x480"], stdout=err, stderr=err, env=env)
        try:
            deadline = time.monotonic() + 60
            while "staff open their menu" not in (log.read_text() if log.exists() else ""):
                assert process.poll() is None, (tmp_path / "stderr.txt").read_text()
                assert time.monotonic() < deadline, "the kiosk never logged its staff menu"
                time.sleep(0.1)
        finally:
            process.terminate()
            process.wait(timeout=30)
    logged = log.read_text() + (tmp_path / "stderr.txt").read_text()
    assert "replaced by its salted hash" in logged
    text = path.read_text()
    assert "# Maria, 12 May" not in text  # the plain PIN's line (and its comment) are gone
    for where in (logged, text):
        assert PIN not in where
    assert verify_pin(PIN, SettingsFile(path).read().pin_hash)
