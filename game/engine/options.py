"""The UCI options the engine declares, and their current values.

Owns: the option table (name, type, default, bounds), reading ``setoption`` values with
UCI's case-insensitive names, and the ``option ...`` lines sent in answer to ``uci``.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.book import DEFAULT_BOOK
from game.engine.skill import ELO_MAX, ELO_MIN, LEVEL_MAX, LEVEL_MIN


class OptionError(ValueError):
    """A ``setoption`` named no known option or gave it a value it cannot take."""


@dataclass(frozen=True)
class OptionSpec:
    """One option as declared to the GUI."""

    name: str
    kind: str  # "spin" | "check" | "string" | "button"
    default: int | bool | str | None = None
    minimum: int | None = None
    maximum: int | None = None

    def declaration(self) -> str:
        """The ``option name ... type ...`` line for the ``uci`` answer."""
        line = f"option name {self.name} type {self.kind}"
        if self.kind == "check":
            line += f" default {'true' if self.default else 'false'}"
        elif self.kind == "spin":
            line += f" default {self.default} min {self.minimum} max {self.maximum}"
        elif self.kind == "string":
            line += f" default {self.default}"
        return line


SPECS: tuple[OptionSpec, ...] = (
    OptionSpec("Hash", "spin", 32, 1, 1024),
    OptionSpec("Clear Hash", "button"),
    OptionSpec("Skill Level", "spin", LEVEL_MAX, LEVEL_MIN, LEVEL_MAX),
    OptionSpec("UCI_LimitStrength", "check", False),
    OptionSpec("UCI_Elo", "spin", ELO_MAX, ELO_MIN, ELO_MAX),
    OptionSpec("MultiPV", "spin", 1, 1, 64),
    OptionSpec("OwnBook", "check", True),
    OptionSpec("BookFile", "string", DEFAULT_BOOK),
    OptionSpec("Move Overhead", "spin", 20, 0, 5000),
    OptionSpec("Ponder", "check", False),
)


class Options:
    """Current option values, keyed by the declared spelling of each name."""

    def __init__(self) -> None:
        self._specs = {spec.name.lower(): spec for spec in SPECS}
        self._values: dict[str, int | bool | str | None] = {
            spec.name: spec.default for spec in SPECS}

    def set(self, name: str, value: str | None) -> str:
        """Set one option from its ``setoption`` text; return its declared name.

        Spin values outside the bounds are clamped, as most engines do.

        :raises OptionError: for an unknown name or an unreadable value.
        """
        spec = self._specs.get(name.strip().lower())
        if spec is None:
            raise OptionError(f"unknown option '{name}'")
        if spec.kind == "button":
            return spec.name
        if value is None:
            raise OptionError(f"option '{spec.name}' needs a value")
        if spec.kind == "spin":
            try:
                number = int(value)
            except ValueError:
                raise OptionError(f"option '{spec.name}' needs a number, not '{value}'") from None
            assert spec.minimum is not None and spec.maximum is not None
            self._values[spec.name] = min(spec.maximum, max(spec.minimum, number))
        elif spec.kind == "check":
            if value.lower() not in ("true", "false"):
                raise OptionError(f"option '{spec.name}' needs true or false, not '{value}'")
            self._values[spec.name] = value.lower() == "true"
        else:
            self._values[spec.name] = value
        return spec.name

    def spin(self, name: str) -> int:
        """The value of a spin option."""
        value = self._values[name]
        assert isinstance(value, int) and not isinstance(value, bool)
        return value

    def check(self, name: str) -> bool:
        """The value of a check option."""
        value = self._values[name]
        assert isinstance(value, bool)
        return value

    def string(self, name: str) -> str:
        """The value of a string option."""
        value = self._values[name]
        assert isinstance(value, str)
        return value
