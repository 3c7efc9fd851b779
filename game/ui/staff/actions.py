"""What the staff menu asks of the running kiosk: restart, quit, the pairing code, its health.

Owns: ``StaffActions`` (the protocol the kiosk implements and hands to ``StaffMenuScene``) and
``CallbackActions`` (the same from plain callables, for the kiosk's wiring, tests and demos).
The menu never reaches into the app: everything it can do to the running kiosk goes through
these calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from game.health import HealthReport


class StaffActions(Protocol):
    """The kiosk's side of the staff menu."""

    def restart(self) -> None:
        """Restart the kiosk (called on the UI thread)."""

    def quit(self) -> None:
        """Leave kiosk mode and quit to the desktop (called on the UI thread)."""

    def pairing_code(self) -> str | None:
        """The hidden operator's current pairing code (``None``: no operator in this mode).
        Called on the UI thread: must not block."""
        ...

    def new_pairing_code(self) -> str | None:
        """Make a new pairing code and return it (``None``: no operator in this mode).
        Called on the UI thread: must not block."""
        ...

    def health(self) -> HealthReport:
        """How the kiosk is doing. Called on the staff menu's **worker thread**: it may read
        files (``game.health.collect_health`` does) but must not touch pygame or scenes."""
        ...


@dataclass(frozen=True)
class CallbackActions:
    """``StaffActions`` made of callables."""

    restart_kiosk: Callable[[], None]
    quit_kiosk: Callable[[], None]
    current_code: Callable[[], str | None]
    make_code: Callable[[], str | None]
    report: Callable[[], HealthReport]

    def restart(self) -> None:
        self.restart_kiosk()

    def quit(self) -> None:
        self.quit_kiosk()

    def pairing_code(self) -> str | None:
        return self.current_code()

    def new_pairing_code(self) -> str | None:
        return self.make_code()

    def health(self) -> HealthReport:
        return self.report()
