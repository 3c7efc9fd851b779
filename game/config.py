"""Settings: what staff and players may choose, read from a TOML file and checked at start-up.

Owns: ``Settings`` (a frozen dataclass), ``load_settings`` (TOML → settings, with errors that
name the file, the line and the fix), and the platform's folders for data. Command-line
options are applied on top with ``Settings.replace``.

Must not import: pygame or anything in ``game`` but the pure core.
"""

from __future__ import annotations

import dataclasses
import difflib
import ipaddress
import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.model.hours import EXAMPLE, parse_hours

APP_FOLDER = "mechanical-turk"
LANGUAGES = ("en", "de", "fr")
KIOSK_MODES = ("solo", "operator", "hybrid")
"""Who plays the Turk at a kiosk: the engine, a hidden operator, or an operator with hints."""
VISIT_FORMATS = ("full", "endgame", "odds")
"""``game.model.formats.VisitFormat`` values, as written in the settings file."""
RESUME_POLICIES = ("resume", "abandon")


class SettingsError(ValueError):
    """A settings file (or option) is wrong; the message says where and how to fix it."""


def platform_data_dir() -> Path:
    """Where the game keeps its games, journal and statistics on this platform."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData/Roaming")) / APP_FOLDER
    if sys.platform == "darwin":
        return Path.home() / "Library/Application Support" / APP_FOLDER
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local/share")
    return Path(base) / APP_FOLDER


def platform_config_file() -> Path:
    """The settings file read when no other is named."""
    if sys.platform == "win32":
        return platform_data_dir() / "settings.toml"
    if sys.platform == "darwin":
        return platform_data_dir() / "settings.toml"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_FOLDER / "settings.toml"


@dataclass(frozen=True)
class Settings:
    """Everything that can be set. Defaults suit solo play at home."""

    # [game]
    language: str = "en"
    level: int = 3
    color: str = "white"
    engine: str = "builtin"
    book: bool = True
    takeback: bool = True
    pacing: bool = True
    impatience_s: int = 45
    """The Turk taps impatiently after the visitor thinks this long (0: never)."""
    show: bool = True
    """The presenter's empty-cabinet show before the first game."""
    greeting: bool = True
    """The Turk spells a greeting on its letter board before the first game."""
    # [sound]
    volume: int = 80
    mute: bool = False
    captions: bool = True
    # [display]
    fullscreen: bool = False
    window_size: tuple[int, int] = (1280, 720)
    # [files]
    data_dir: Path = field(default_factory=platform_data_dir)
    pgn_dir: Path | None = None
    """Where finished games are written; ``None`` means ``data_dir/games``."""
    # [operator]
    operator_listen: str = "127.0.0.1"
    """Where the kiosk listens for the hidden operator (loopback unless staff choose)."""
    operator_port: int = 1770
    standin_after_s: float = 40.0
    """How long the Turk waits for a silent or absent operator before the engine moves."""
    hybrid: bool = False
    """Whether the operator sees the engine's three best moves."""
    operator_heartbeat_s: float = 2.0
    """The link sends something at least this often (the protocol's ``heartbeat_s``)."""
    operator_timeout_s: float = 6.0
    """The link drops a connection silent this long, or not authenticated by then."""
    operator_wrong_codes: int = 5
    """Wrong pairing codes from one address, within ``operator_wrong_codes_window_s``, after
    which that address is refused for ``operator_refuse_for_s``."""
    operator_wrong_codes_window_s: float = 60.0
    operator_refuse_for_s: float = 120.0
    # [kiosk]
    kiosk: bool = False
    """Fullscreen and locked, with the attract loop, idle reset and staff menu."""
    kiosk_mode: str = "solo"
    """``solo`` (the engine), ``operator`` or ``hybrid`` (a hidden operator)."""
    pin_hash: str = ""
    """The staff PIN as a salted hash (``turk kiosk --set-pin`` writes it); never the PIN."""
    idle_s: int = 90
    """Seconds without a touch, on the visitor's turn, before "Still playing?"."""
    still_there_s: int = 30
    """How long "Still playing?" counts down before the game is closed."""
    leave_reveal_s: int = 60
    """Seconds without a touch after a game before the kiosk returns to its attract loop."""
    formats: tuple[str, ...] = ("full",)
    """The kinds of game offered (the visitor chooses when there is more than one)."""
    time_cap_min: int = 10
    """Minutes of play after which a game is adjudicated (0: no cap)."""
    languages: tuple[str, ...] = LANGUAGES
    """The languages a visitor may choose, the first being the kiosk's own."""
    resume: str = "resume"
    """After a crash or power cut: ``resume`` the game in progress or ``abandon`` it."""
    hours: tuple[str, ...] = ()
    """Opening hours, e.g. ``("mon-fri 09:00-17:00",)``; none means always open."""

    @property
    def games_dir(self) -> Path:
        return self.pgn_dir if self.pgn_dir is not None else self.data_dir / "games"

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed (command-line options), checked like the file.

        :raises SettingsError: if a value is out of range.
        """
        for name, value in changes.items():
            spec = _BY_FIELD[name]
            problem = spec.check(value)
            if problem:
                raise SettingsError(f"{spec.option}: {problem}")
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class _Spec:
    section: str
    key: str
    field: str
    check: Callable[[Any], str | None]
    """Returns what is wrong with a value, or ``None``."""
    convert: Callable[[Any], Any] = lambda value: value

    @property
    def option(self) -> str:
        return f"[{self.section}] {self.key}"


def _choice(*allowed: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value in allowed:
            return None
        return f"must be one of {', '.join(repr(a) for a in allowed)}, not {value!r}"
    return check


def _int_range(low: int, high: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"must be a whole number from {low} to {high}, not {value!r}"
        return None
    return check


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {value!r}"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value else f"must be a text in quotes, not {value!r}"


def _size(value: Any) -> str | None:
    ok = (isinstance(value, list | tuple) and len(value) == 2
          and all(isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= 16384
                  for v in value))
    return None if ok else f"must be [width, height] in pixels, e.g. [1280, 720], not {value!r}"


def _ip_address(value: Any) -> str | None:
    try:
        ipaddress.ip_address(value if isinstance(value, str) else "")
    except ValueError:
        return (f"must be an IP address in quotes, e.g. \"127.0.0.1\" (this computer only) "
                f"or the kiosk's LAN address, not {value!r}")
    return None


def _seconds(low: float, high: float) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not low <= value <= high:
            return f"must be a number of seconds from {low:g} to {high:g}, not {value!r}"
        return None
    return check


def _choices(*allowed: str) -> Callable[[Any], str | None]:
    """A non-empty list of distinct values from ``allowed``."""
    def check(value: Any) -> str | None:
        if (isinstance(value, list | tuple) and value and len(set(value)) == len(value)
                and all(v in allowed for v in value)):
            return None
        return (f"must be a list of one or more of {', '.join(repr(a) for a in allowed)}, "
                f"e.g. [{', '.join(repr(a) for a in allowed)}], not {value!r}")
    return check


def _hours(value: Any) -> str | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return f"must be a list of texts, e.g. {EXAMPLE} (or [] for always open), not {value!r}"
    try:
        parse_hours(value)
    except ValueError as exc:
        return f"is wrong: {exc}"
    return None


def _pin_hash(value: Any) -> str | None:
    if isinstance(value, str) and (value == "" or value.count("$") == 3):
        return None
    return ("must be the hash `turk kiosk --set-pin` writes (never the PIN itself), "
            f"not {value!r}")


def _path_text(value: Any) -> str | None:
    if isinstance(value, str | Path):
        return None
    return f"must be a folder path in quotes, not {value!r}"


_SPECS = (
    _Spec("game", "language", "language", _choice(*LANGUAGES)),
    _Spec("game", "level", "level", _int_range(1, 8)),
    _Spec("game", "color", "color", _choice("white", "black", "random")),
    _Spec("game", "engine", "engine", _text),
    _Spec("game", "book", "book", _boolean),
    _Spec("game", "takeback", "takeback", _boolean),
    _Spec("game", "pacing", "pacing", _boolean),
    _Spec("game", "impatience", "impatience_s", _int_range(0, 3600)),
    _Spec("game", "show", "show", _boolean),
    _Spec("game", "greeting", "greeting", _boolean),
    _Spec("sound", "volume", "volume", _int_range(0, 100)),
    _Spec("sound", "mute", "mute", _boolean),
    _Spec("sound", "captions", "captions", _boolean),
    _Spec("display", "fullscreen", "fullscreen", _boolean),
    _Spec("display", "size", "window_size", _size, lambda v: (int(v[0]), int(v[1]))),
    _Spec("files", "data_dir", "data_dir", _path_text, lambda v: Path(v).expanduser()),
    _Spec("files", "pgn_dir", "pgn_dir", _path_text, lambda v: Path(v).expanduser()),
    _Spec("operator", "listen", "operator_listen", _ip_address),
    _Spec("operator", "port", "operator_port", _int_range(1, 65535)),
    _Spec("operator", "standin_after_s", "standin_after_s", _seconds(1, 3600), float),
    _Spec("operator", "hybrid", "hybrid", _boolean),
    _Spec("operator", "heartbeat_s", "operator_heartbeat_s", _seconds(0.5, 60), float),
    _Spec("operator", "timeout_s", "operator_timeout_s", _seconds(1.5, 600), float),
    _Spec("operator", "wrong_codes", "operator_wrong_codes", _int_range(1, 100)),
    _Spec("operator", "wrong_codes_window_s", "operator_wrong_codes_window_s",
          _seconds(1, 3600), float),
    _Spec("operator", "refuse_for_s", "operator_refuse_for_s", _seconds(1, 86400), float),
    _Spec("kiosk", "enabled", "kiosk", _boolean),
    _Spec("kiosk", "mode", "kiosk_mode", _choice(*KIOSK_MODES)),
    _Spec("kiosk", "pin_hash", "pin_hash", _pin_hash),
    _Spec("kiosk", "idle_s", "idle_s", _int_range(15, 3600)),
    _Spec("kiosk", "still_there_s", "still_there_s", _int_range(20, 600)),
    _Spec("kiosk", "leave_reveal_s", "leave_reveal_s", _int_range(15, 3600)),
    _Spec("kiosk", "formats", "formats", _choices(*VISIT_FORMATS), tuple),
    _Spec("kiosk", "time_cap_min", "time_cap_min", _int_range(0, 240)),
    _Spec("kiosk", "languages", "languages", _choices(*LANGUAGES), tuple),
    _Spec("kiosk", "resume", "resume", _choice(*RESUME_POLICIES)),
    _Spec("kiosk", "hours", "hours", _hours, tuple),
)
_BY_FIELD = {spec.field: spec for spec in _SPECS}
_BY_KEY = {(spec.section, spec.key): spec for spec in _SPECS}
_SECTIONS = sorted({spec.section for spec in _SPECS})


def _line_of(text: str, section: str | None, key: str | None) -> int:
    """The 1-based line where ``key`` is set in ``[section]`` (or the section starts)."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
            if key is None and current == section:
                return number
            continue
        if key is not None and current == section and re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_settings(text: str, *, source: str = "<settings>",
                   base: Settings | None = None) -> Settings:
    """Settings from TOML text, on top of ``base`` (defaults if not given).

    :raises SettingsError: naming the file, the line and the fix for the first problem.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{source}: {exc}; fix the TOML syntax there") from exc
    changes: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict) or section not in _SECTIONS:
            raise SettingsError(
                f"{source}:{_line_of(text, section, None)}: unknown section [{section}]"
                f"{_did_you_mean(section, _SECTIONS)}; the sections are "
                + ", ".join(f"[{s}]" for s in _SECTIONS))
        for key, value in table.items():
            spec = _BY_KEY.get((section, key))
            line = _line_of(text, section, key)
            if spec is None:
                keys = [k for s, k in _BY_KEY if s == section]
                raise SettingsError(f"{source}:{line}: unknown setting {key!r} in [{section}]"
                                    f"{_did_you_mean(key, keys)}; known: {', '.join(keys)}")
            problem = spec.check(value)
            if problem:
                raise SettingsError(f"{source}:{line}: {key} {problem}")
            changes[spec.field] = spec.convert(value)
    settings = dataclasses.replace(base or Settings(), **changes)
    if settings.operator_heartbeat_s > settings.operator_timeout_s / 2:
        line = _line_of(text, "operator", "heartbeat_s")
        raise SettingsError(
            f"{source}:{line}: [operator] heartbeat_s ({settings.operator_heartbeat_s:g}) must "
            f"be at most half of timeout_s ({settings.operator_timeout_s:g}), so that a quiet "
            "link is never taken for a dead one")
    return settings


def load_settings(path: Path | None, *, required: bool = False) -> Settings:
    """Settings from ``path`` (or the platform's settings file when ``None``).

    A missing file gives the defaults unless ``required`` (a file named on the command line).

    :raises SettingsError: if the file is unreadable or wrong.
    """
    target = path or platform_config_file()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise SettingsError(f"{target}: settings file not found") from None
        return Settings()
    except OSError as exc:
        raise SettingsError(f"{target}: cannot read the settings file ({exc.strerror})") from exc
    return parse_settings(text, source=str(target))
