"""The secret way into the staff menu: five taps in the top-left corner within three seconds.

Owns: ``CornerTaps`` — counts taps that land in a small square at the window's top-left
corner. Five of them within ``WINDOW_S`` seconds open the PIN pad; a tap anywhere else starts
the count again, and taps older than the window no longer count. A visitor playing normally
never touches that corner five times in a row, and staff need no keyboard.

Time is handed in (``now``, seconds on any steady clock); nothing here reads a clock.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

TAPS = 5
"""Taps in the corner that open the PIN pad."""
WINDOW_S = 3.0
"""The taps must all fall within this many seconds."""
CORNER_FRACTION = 0.07
"""The corner square's side, as a share of the window's shorter side…"""
CORNER_MIN_PX = 56
"""…but never smaller than a fingertip."""


def corner_side(window_size: tuple[int, int]) -> int:
    """The side of the corner square in window pixels."""
    return max(CORNER_MIN_PX, round(min(window_size) * CORNER_FRACTION))


def in_corner(pos: tuple[float, float], window_size: tuple[int, int]) -> bool:
    """Whether ``pos`` (window pixels) lies in the top-left corner square."""
    side = corner_side(window_size)
    return 0 <= pos[0] < side and 0 <= pos[1] < side


class CornerTaps:
    """Counts taps in the top-left corner; the fifth within ``window_s`` opens the pad."""

    def __init__(self, *, taps: int = TAPS, window_s: float = WINDOW_S) -> None:
        if taps < 1 or window_s <= 0:
            raise ValueError("taps must be at least 1 and window_s positive")
        self.taps = taps
        self.window_s = window_s
        self._times: list[float] = []

    @property
    def count(self) -> int:
        """Corner taps counted so far (for tests and the log)."""
        return len(self._times)

    def in_corner(self, pos: tuple[float, float], window_size: tuple[int, int]) -> bool:
        """Whether ``pos`` lies in the corner square of a window of ``window_size``."""
        return in_corner(pos, window_size)

    def tap(self, pos: tuple[float, float], window_size: tuple[int, int], now: float) -> bool:
        """A finger or the mouse went down at ``pos``; ``True`` means: open the PIN pad."""
        if not in_corner(pos, window_size):
            self._times.clear()
            return False
        # Taps that fell out of the window no longer count: a slow series never opens it.
        self._times = [t for t in self._times if now - t <= self.window_s and t <= now]
        self._times.append(now)
        if len(self._times) >= self.taps:
            self._times.clear()
            return True
        return False

    def reset(self) -> None:
        """Forget the taps so far (the pad opened some other way, or a scene changed)."""
        self._times.clear()
