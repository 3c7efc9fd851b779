"""Staff changes reach the settings file whole, checked like the file, with its layout kept."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from game import atomic
from game.config import SettingsError
from game.model.pin import verify_pin
from game.settings_edit import set_value
from game.settings_file import EDITABLE, SettingsFile

STAFF_FILE = """\
# Settings for the kiosk in room 3 (ask Maria before changing)
[game]
level = 2   # children visit in the morning

[kiosk]
enabled = true
mode = "solo"        # solo until the operators are trained
formats = [
    "full",   # the default
    "endgame",
]
idle_s = 90

[sound]
volume = 60
"""


def settings_file(tmp_path: Path, text: str = STAFF_FILE) -> SettingsFile:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return SettingsFile(path)


def test_a_change_rewrites_one_line_and_keeps_comments_and_layout(tmp_path: Path) -> None:
    file = settings_file(tmp_path)
    settings = file.change(kiosk_mode="hybrid")
    assert settings.kiosk_mode == "hybrid"
    assert file.path.read_text() == STAFF_FILE.replace(
        'mode = "solo"        #', 'mode = "hybrid"        #')


def test_a_list_over_several_lines_is_replaced_whole(tmp_path: Path) -> None:
    file = settings_file(tmp_path)
    assert file.change(formats=("odds",)).formats == ("odds",)
    text = file.path.read_text()
    assert 'formats = ["odds"]\nidle_s = 90\n' in text
    assert "# the default" not in text and "# children visit in the morning" in text


def test_missing_keys_and_sections_are_added_where_they_belong(tmp_path: Path) -> None:
    file = settings_file(tmp_path)
    settings = file.change(time_cap_min=5, captions=False,
                           hours=("mon-fri 09:00-17:00", "sat,sun 10:00-18:00"))
    assert settings.time_cap_min == 5 and not settings.captions
    assert settings.hours == ("mon-fri 09:00-17:00", "sat,sun 10:00-18:00")
    text = file.path.read_text()
    assert "idle_s = 90\ntime_cap_min = 5\nhours = [" in text
    assert text.endswith("[sound]\nvolume = 60\ncaptions = false\n")


def test_a_new_file_is_created(tmp_path: Path) -> None:
    file = SettingsFile(tmp_path / "new" / "settings.toml")
    assert file.change(volume=30, kiosk_mode="operator").volume == 30
    assert file.read().kiosk_mode == "operator"


def test_every_editable_value_is_found_again_where_it_was_written(tmp_path: Path) -> None:
    file = settings_file(tmp_path)
    values = {"kiosk_mode": "operator", "level": 7, "formats": ("endgame", "full"),
              "time_cap_min": 15, "idle_s": 120, "still_there_s": 25, "leave_reveal_s": 45,
              "languages": ("de", "en"), "resume": "abandon", "hours": ("tue-sun 10:00-18:00",),
              "volume": 0, "mute": True, "captions": False,
              "pin_hash": "scrypt$n=16384,r=8,p=1$QUFBQQ==$" + "A" * 43 + "="}
    assert set(values) == set(EDITABLE)
    for name, value in values.items():
        assert getattr(file.change(**{name: value}), name) == value
    assert file.read().level == 7


def test_a_bad_value_is_refused_with_the_line_and_the_fix_and_nothing_is_written(
        tmp_path: Path) -> None:
    file = settings_file(tmp_path)
    with pytest.raises(SettingsError) as caught:
        file.change(idle_s=5)
    message = str(caught.value)
    assert f"{file.path}:12: idle_s must be a whole number from 15 to 3600, not 5" in message
    assert file.path.read_text() == STAFF_FILE


def test_a_broken_file_is_not_touched(tmp_path: Path) -> None:
    broken = STAFF_FILE.replace("volume = 60", "volume = 600")
    file = settings_file(tmp_path, broken)
    with pytest.raises(SettingsError, match=r":15: volume must be"):
        file.change(level=3)
    assert file.path.read_text() == broken


def test_a_layout_the_editor_cannot_follow_is_refused_not_written_wrong(tmp_path: Path) -> None:
    dotted = 'kiosk.mode = "solo"\n'
    file = settings_file(tmp_path, dotted)
    with pytest.raises(SettingsError):
        file.change(kiosk_mode="hybrid")
    assert file.path.read_text() == dotted


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failing_write_leaves_the_old_file_whole(tmp_path: Path, failing: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    file = settings_file(tmp_path)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_open = open

        class HalfWriter:
            def __init__(self, *args: object, **kwargs: object) -> None:
                self._handle = real_open(*args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self._handle.close()

            def write(self, text: str) -> int:
                self._handle.write(text[: len(text) // 2])  # half of it reaches the disk…
                self._handle.flush()
                raise OSError(28, "No space left on device")  # …then the disk is full

        monkeypatch.setattr(atomic, "open", HalfWriter, raising=False)
    else:
        monkeypatch.setattr(atomic.os, failing, fail)
    with pytest.raises(SettingsError, match="not saved, the file is unchanged"):
        file.change(kiosk_mode="operator")
    assert file.path.read_text() == STAFF_FILE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_the_pin_is_kept_only_as_its_hash(tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    file = settings_file(tmp_path)
    file.set_pin("73914682")
    text = file.path.read_text()
    assert "73914682" not in text and "73914682" not in caplog.text
    assert verify_pin("73914682", file.read().pin_hash)
    assert "# children visit in the morning" in text


def test_a_plain_pin_written_by_staff_is_replaced_by_its_hash(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    file = settings_file(tmp_path, STAFF_FILE.replace(
        "idle_s = 90\n", 'idle_s = 90\npin = "55129034"   # set by Maria\n'))
    assert file.adopt_plain_pin()
    text = file.path.read_text()
    assert "55129034" not in text and "55129034" not in caplog.text
    assert verify_pin("55129034", file.read().pin_hash)
    assert not file.adopt_plain_pin()  # once only


@pytest.mark.parametrize("value", ['"98a7"', '"987"', "true"])
def test_a_plain_pin_that_is_not_a_pin_is_refused_without_quoting_it(tmp_path: Path,
                                                                     value: str) -> None:
    file = settings_file(tmp_path, f"[kiosk]\npin = {value}\n")
    with pytest.raises(SettingsError, match="--set-pin") as caught:
        file.adopt_plain_pin()
    message = str(caught.value).removeprefix(str(file.path))
    assert value.strip('"') not in message.replace("[kiosk] pin", "")
    assert file.path.read_text() == f"[kiosk]\npin = {value}\n"


def test_the_line_editor_keeps_a_value_with_brackets_and_hashes_in_quotes() -> None:
    text = '[files]\ndata_dir = "/srv/turk [#1]"  # the share\n[game]\nlevel = 2\n'
    assert set_value(text, "game", "level", 4) == text.replace("level = 2", "level = 4")
    assert set_value(text, "files", "data_dir", "/x") == text.replace(
        '"/srv/turk [#1]"', '"/x"')


def test_the_temporary_file_is_beside_the_target(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        seen.append(os.path.dirname(source))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", spy)
    settings_file(tmp_path).change(level=5)
    assert seen == [str(tmp_path)]  # a rename within one folder is atomic
