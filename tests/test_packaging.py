"""Packaging: every package is listed, assets are inside the package, the CLI answers."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from game import __version__
from game.ui.assets import asset_root

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_under_game_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for path in (ROOT / "game").rglob("__init__.py")}
    assert found | {"game.assets"} == listed


def test_assets_resolve_through_the_package() -> None:
    root = asset_root()
    assert (root / "fonts" / "ebgaramond12-regular.ttf").is_file()
    assert (root / "i18n" / "en" / "ui.toml").is_file()


def run_turk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_version_and_help() -> None:
    assert run_turk("--version").stdout.strip() == f"turk {__version__}"
    help_text = run_turk("--help").stdout
    for command in ("play", "engine", "screenshot"):
        assert command in help_text


@pytest.mark.parametrize(("args", "message"), [
    (("play", "--engine", "/nowhere/engine"), "not found"),
    (("play", "--engine", "no-such-engine-here"), "not installed"),
    (("play", "--pgn", "/nowhere/game.pgn"), "cannot read"),
    (("screenshot", "--scene", "nonsense", "/tmp/x.png"), "unknown scene"),
])
def test_start_up_problems_get_one_clear_line(args: tuple[str, ...], message: str) -> None:
    result = run_turk(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_settings_file_names_file_and_line(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[game]\nlevel = 12\n")
    result = run_turk("play", "--settings", str(settings))
    assert result.returncode == 2
    assert f"{settings}:2: level must be a whole number from 1 to 8" in result.stderr


def test_screenshot_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run_turk("screenshot", "--scene", "promotion", "--size", "640x360", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
