"""Settings files: good ones load, bad ones name the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.config import Settings, SettingsError, load_settings, parse_settings


def test_defaults_when_no_file(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()


def test_required_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        load_settings(tmp_path / "absent.toml", required=True)


def test_values_are_read() -> None:
    settings = parse_settings('[game]\nlevel = 5\ncolor = "black"\n[display]\nsize = [800, 600]\n'
                              '[files]\ndata_dir = "/tmp/turk"\n')
    assert settings.level == 5 and settings.color == "black"
    assert settings.window_size == (800, 600)
    assert str(settings.games_dir) == "/tmp/turk/games"


@pytest.mark.parametrize(("text", "expected"), [
    ('[game]\nlevel = 9\n', "settings.toml:2: level must be a whole number from 1 to 8, not 9"),
    ('[game]\n\nlevl = 3\n', "settings.toml:3: unknown setting 'levl' in [game] "
                              "(did you mean 'level'?)"),
    ('[gmae]\nlevel = 3\n', "settings.toml:1: unknown section [gmae] (did you mean 'game'?)"),
    ('[display]\nfullscreen = "yes"\n', "settings.toml:2: fullscreen must be true or false"),
    ('[game]\nlanguage = "es"\n', "settings.toml:2: language must be one of 'en', 'de', 'fr'"),
    ('[display]\nsize = [10, 10]\n', "settings.toml:2: size must be [width, height]"),
    ('[game\nlevel = 3\n', "settings.toml: "),
])
def test_errors_name_file_line_and_fix(text: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        parse_settings(text, source="settings.toml")
    assert str(caught.value).startswith(expected)


def test_command_line_values_are_checked_too() -> None:
    with pytest.raises(SettingsError, match="level"):
        Settings().replace(level=0)
    assert Settings().replace(level=8).level == 8


def test_the_operator_section_is_read() -> None:
    settings = parse_settings('[operator]\nlisten = "192.168.1.20"\nport = 1771\n'
                              'standin_after_s = 25\nhybrid = true\n')
    assert (settings.operator_listen, settings.operator_port) == ("192.168.1.20", 1771)
    assert settings.standin_after_s == 25.0 and isinstance(settings.standin_after_s, float)
    assert settings.hybrid is True
    defaults = Settings()
    assert (defaults.operator_listen, defaults.operator_port) == ("127.0.0.1", 1770)
    assert not defaults.hybrid


@pytest.mark.parametrize(("text", "expected"), [
    ('[operator]\nlisten = "kiosk.local"\n', "settings.toml:2: listen must be an IP address"),
    ('[operator]\nport = 0\n', "settings.toml:2: port must be a whole number from 1 to 65535"),
    ('[operator]\n\nstandin_after_s = 0.5\n',
     "settings.toml:3: standin_after_s must be a number of seconds from 1 to 3600"),
    ('[operator]\nhybrid = 1\n', "settings.toml:2: hybrid must be true or false"),
    ('[operator]\nstandin = 30\n', "settings.toml:2: unknown setting 'standin' in [operator] "
                                   "(did you mean 'standin_after_s'?)"),
])
def test_operator_errors_name_file_line_and_fix(text: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        parse_settings(text, source="settings.toml")
    assert str(caught.value).startswith(expected)


def test_the_kiosk_section_is_read() -> None:
    settings = parse_settings('[kiosk]\nenabled = true\nmode = "hybrid"\nidle_s = 60\n'
                              'still_there_s = 25\nformats = ["full", "endgame"]\n'
                              'time_cap_min = 8\nlanguages = ["de", "en"]\nresume = "abandon"\n'
                              'hours = ["mon-fri 09:00-17:00"]\n')
    assert settings.kiosk and settings.kiosk_mode == "hybrid"
    assert (settings.idle_s, settings.still_there_s, settings.time_cap_min) == (60, 25, 8)
    assert settings.formats == ("full", "endgame") and settings.languages == ("de", "en")
    assert settings.resume == "abandon" and settings.hours == ("mon-fri 09:00-17:00",)
    defaults = Settings()
    assert not defaults.kiosk and defaults.idle_s == 90 and defaults.still_there_s >= 20


@pytest.mark.parametrize(("text", "expected"), [
    ('[kiosk]\nstill_there_s = 10\n', "settings.toml:2: still_there_s must be a whole number "
                                      "from 20"),
    ('[kiosk]\nformats = ["ful"]\n', "settings.toml:2: formats must be a list of one or more"),
    ('[kiosk]\nformats = []\n', "settings.toml:2: formats must be a list of one or more"),
    ('[kiosk]\nlanguages = ["en", "en"]\n', "settings.toml:2: languages must be a list"),
    ('[kiosk]\nhours = ["mon 9-5"]\n', "settings.toml:2: hours is wrong: 'mon 9-5' is not like"),
    ('[kiosk]\npin_hash = "1234"\n', "settings.toml:2: pin_hash must be the hash"),
    ('[kiosk]\nmode = "crowd"\n', "settings.toml:2: mode must be one of 'solo', 'operator'"),
])
def test_kiosk_mistakes_name_the_line_and_the_fix(text: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        parse_settings(text, source="settings.toml")
    assert str(caught.value).startswith(expected)
