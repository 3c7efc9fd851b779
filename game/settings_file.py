"""The settings file as staff change it: one value at a time, checked, written whole.

Owns: ``SettingsFile`` — reads the file, and changes values in it the way ``turk kiosk
--set-pin`` and the staff menu need: the new text is made by the line editor
(``game.settings_edit``, so staff's comments and layout stay), read back with
``game.config.parse_settings`` exactly as at start-up (a bad value is refused with the line and
the fix, and nothing is written), checked to differ from the old file in the intended values
only, and then written atomically (``game.atomic``). Also the plain ``pin = "…"`` that staff
may write once by hand: ``adopt_plain_pin`` replaces it by its salted hash.

Every method blocks on the disk (and hashing takes tens of milliseconds): the staff menu calls
them on a worker thread, never in a frame.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from game.atomic import write_atomically
from game.config import Settings, SettingsError, parse_settings
from game.model.pin import check_pin, hash_pin
from game.settings_edit import SettingsEditError, TomlValue, remove_key, set_value

log = logging.getLogger(__name__)

EDITABLE: Mapping[str, tuple[str, str]] = {
    "kiosk_mode": ("kiosk", "mode"),
    "level": ("game", "level"),
    "formats": ("kiosk", "formats"),
    "time_cap_min": ("kiosk", "time_cap_min"),
    "idle_s": ("kiosk", "idle_s"),
    "still_there_s": ("kiosk", "still_there_s"),
    "leave_reveal_s": ("kiosk", "leave_reveal_s"),
    "languages": ("kiosk", "languages"),
    "resume": ("kiosk", "resume"),
    "hours": ("kiosk", "hours"),
    "volume": ("sound", "volume"),
    "mute": ("sound", "mute"),
    "captions": ("sound", "captions"),
    "pin_hash": ("kiosk", "pin_hash"),
}
"""``Settings`` field → ``(section, key)`` in the file, for the values staff may change."""
RESTART_FIELDS = frozenset({"kiosk_mode"})
"""Changes that take effect only after a restart (the staff menu says so)."""
PLAIN_PIN_KEY = "pin"
"""``[kiosk] pin = "…"``: a PIN staff wrote by hand, replaced by its hash at start-up."""


class SettingsFile:
    """The settings file at ``path`` (it need not exist yet)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read_text(self) -> str:
        """The file's text ("" when it does not exist yet).

        :raises SettingsError: if it cannot be read.
        """
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{self.path}: cannot read the settings file ({exc})") from exc

    def read(self) -> Settings:
        """The settings the file holds, checked as at start-up.

        :raises SettingsError: naming the line and the fix.
        """
        return parse_settings(self.read_text(), source=str(self.path))

    def change(self, **changes: Any) -> Settings:
        """Write new values (``Settings`` field names, see ``EDITABLE``) into the file.

        :raises SettingsError: if a value is refused (the line and the fix; nothing written),
            the file is already wrong, or it cannot be written.
        :raises KeyError: for a field staff cannot change here.
        """
        def edit(text: str) -> str:
            for name, value in changes.items():
                section, key = EDITABLE[name]
                text = set_value(text, section, key, _toml(value))
            return text
        return self._rewrite(edit, changes)

    def set_pin(self, pin: str) -> Settings:
        """Keep the hash of ``pin`` (and drop any plain ``pin`` line).

        :raises ValueError: if ``pin`` is not 4 to 12 digits (the PIN is not quoted).
        :raises SettingsError: if the file is wrong or cannot be written.
        """
        problem = check_pin(pin)
        if problem is not None:
            raise ValueError(problem)
        digest = hash_pin(pin)

        def edit(text: str) -> str:
            text = remove_key(text, "kiosk", PLAIN_PIN_KEY)
            return set_value(text, "kiosk", "pin_hash", digest)
        return self._rewrite(edit, {"pin_hash": digest}, plain_pin_allowed=True)

    def adopt_plain_pin(self) -> bool:
        """If staff wrote ``[kiosk] pin = "…"``, replace it by its salted hash (``True``).

        :raises SettingsError: if that PIN is not 4 to 12 digits, or the file is wrong.
        """
        text = self.read_text()
        try:
            kiosk = tomllib.loads(text).get("kiosk")
        except tomllib.TOMLDecodeError:
            return False  # the normal start-up check reports the syntax error
        if not isinstance(kiosk, dict) or PLAIN_PIN_KEY not in kiosk:
            return False
        pin = kiosk[PLAIN_PIN_KEY]
        pin = str(pin) if isinstance(pin, int) and not isinstance(pin, bool) else pin
        problem = check_pin(pin) if isinstance(pin, str) else "a PIN is made of digits only"
        if problem is not None:
            raise SettingsError(
                f"{self.path}: [kiosk] {PLAIN_PIN_KEY}: {problem}; write it in quotes, e.g. "
                f'{PLAIN_PIN_KEY} = "2468", or run `turk kiosk --set-pin`')
        self.set_pin(pin)  # the caller logs this, once logging is set up (never the PIN)
        return True

    def _rewrite(self, edit: Callable[[str], str], expected: Mapping[str, Any], *,
                 plain_pin_allowed: bool = False) -> Settings:
        source = str(self.path)
        old_text = self.read_text()
        before_text = remove_key(old_text, "kiosk", PLAIN_PIN_KEY) if plain_pin_allowed \
            else old_text
        before = parse_settings(before_text, source=source)  # a broken file is not touched
        try:
            new_text = edit(old_text)
        except SettingsEditError as exc:
            raise SettingsError(
                f"{source}: cannot change this file ({exc}); fix it by hand") from exc
        after = parse_settings(new_text, source=source)
        _check_only_changed(before, after, expected, source)
        try:
            write_atomically(self.path, new_text)
        except OSError as exc:
            raise SettingsError(f"{source}: not saved, the file is unchanged ({exc})") from exc
        log.info("%s: staff changed %s", source, ", ".join(sorted(expected)))
        return after


def _toml(value: Any) -> TomlValue:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bool | int | float | str | Path | list):
        return value
    raise SettingsError(f"cannot write {value!r} to a settings file")


def _check_only_changed(before: Settings, after: Settings, expected: Mapping[str, Any],
                        source: str) -> None:
    """The edit changed exactly the intended values (a layout the line editor misread — a
    dotted key, an inline table — is refused rather than written wrong)."""
    for name, value in expected.items():
        got = getattr(after, name)
        want = tuple(value) if isinstance(value, list) else value
        if got != want:
            raise SettingsError(f"{source}: cannot change {'.'.join(EDITABLE[name])} in this "
                                "file's layout; write it as `key = value` under its [section]")
    for name in Settings.__dataclass_fields__:
        if name not in expected and getattr(before, name) != getattr(after, name):
            raise SettingsError(f"{source}: changing {', '.join(expected)} would also change "
                                f"{name}; fix the file's layout by hand")
